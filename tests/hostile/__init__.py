"""The hostile-portal suite's server and cases (tests/test_hostile.py runs them)."""

"""Compliance rules: pure functions of a stored ``PortalSnapshot`` and the run clock.

Entry points: :func:`rules.engine.evaluate`, :func:`rules.profiles.load_profile`,
:func:`rules.scoring.score`, :func:`rules.docs.render_markdown`.  Nothing here imports Scrapy
or touches the network.  The catalogue is ``docs/rules.md``.
"""

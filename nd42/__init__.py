"""nd42: checks Vietnamese state agencies' web portals against Decree 42/2022/NĐ-CP and its successor."""

__version__ = "0.1.0"

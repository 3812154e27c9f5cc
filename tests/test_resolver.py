"""``--resolve HOST:IP``: parsing, validation, and the resolver answering from its table."""

from __future__ import annotations

import pytest

from crawler.resolver import OverrideResolver
from crawler.runner import ConfiguredResolver, build_settings
from nd42.config import ConfigError, CrawlOptions, parse_resolve


def test_parse_and_validate() -> None:
    assert parse_resolve(["SKHCN.hoalam.gov.vn:127.0.0.1", "x.vn:::1"]) == {"skhcn.hoalam.gov.vn": "127.0.0.1",
                                                                            "x.vn": "::1"}
    for bad in ("skhcn.hoalam.gov.vn", "skhcn.hoalam.gov.vn:localhost", "bad host:127.0.0.1"):
        with pytest.raises(ConfigError):
            parse_resolve([bad])
    with pytest.raises(ConfigError):
        CrawlOptions(resolve={"a.vn": "300.1.1.1"}).validate()


def test_settings_install_the_resolver_only_when_asked() -> None:
    assert build_settings(CrawlOptions())["TWISTED_DNS_RESOLVER"] == "scrapy.resolver.CachingThreadedResolver"
    settings = build_settings(CrawlOptions(resolve={"skhcn.hoalam.gov.vn": "127.0.0.1"}))
    # The runner's subclass of OverrideResolver: the table first, then --dns-server when one is given.
    assert settings["TWISTED_DNS_RESOLVER"] == "crawler.runner.ConfiguredResolver"
    assert issubclass(ConfiguredResolver, OverrideResolver)
    assert settings.getdict("ND42_RESOLVE") == {"skhcn.hoalam.gov.vn": "127.0.0.1"}
    assert settings.get("ND42_DNS_SERVER") is None
    assert settings.getbool("HTTPPROXY_ENABLED") is False
    settings = build_settings(CrawlOptions(dns_server="127.0.0.1:5353"))
    assert settings["TWISTED_DNS_RESOLVER"] == "crawler.runner.ConfiguredResolver"
    assert settings.get("ND42_DNS_SERVER") == "127.0.0.1:5353"


def test_mapped_hosts_are_answered_without_a_lookup() -> None:
    # No reactor is needed for a mapped host (importing Twisted's would install one in this process).
    resolver = OverrideResolver(object(), 0, 5.0, {"SKHCN.hoalam.gov.vn.": "127.0.0.1"})  # type: ignore[arg-type]
    answers: list[str] = []
    resolver.getHostByName("skhcn.hoalam.gov.vn").addCallback(answers.append)
    assert answers == ["127.0.0.1"]  # fired synchronously: no thread, no DNS

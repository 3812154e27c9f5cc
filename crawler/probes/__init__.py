"""Active network probes of a portal, run before its crawl: TLS, HTTP → HTTPS, DNS and IPv6.

Plain Python (ssl, socket, http.client, dnspython), no Scrapy: each probe is a handful of
sequential, paced connections bounded by the crawl timeout, and records what it measured —
failures included, as error classes — in ``snapshot.probes`` for the rules to judge
(docs/facts.md, "Network probes").
"""

from crawler.probes.run import PROBES, run_probes, skipped_probes

__all__ = ["PROBES", "run_probes", "skipped_probes"]

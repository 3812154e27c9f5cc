"""Extraction from fetched pages: pure functions over bytes/lxml trees, no Scrapy, no network."""

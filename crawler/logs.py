"""Log records Scrapy writes for errors it has already handled.

Scrapy's robots.txt middleware logs a failed robots.txt download at ERROR with the whole traceback,
then carries on as if the file allowed everything.  On a night over hundreds of portals, dozens of
broken servers would each leave a traceback in the log that reads like a crash of ours.  The failure
is recorded where it belongs (the robots.txt fetch in the snapshot, with its error class); the log
keeps one warning line.
"""

from __future__ import annotations

import logging

HANDLED = ("scrapy.downloadermiddlewares.robotstxt",)


class HandledError(logging.Filter):
    """One line, at WARNING, for an error the caller handled: no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
        return True


_FILTER = HandledError()


def install() -> None:
    """Idempotent: each crawl calls it."""
    for name in HANDLED:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)

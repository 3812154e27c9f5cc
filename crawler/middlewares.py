"""Downloader middlewares: retries that back off, and honour what the server asks.

Scrapy's own ``RetryMiddleware`` sends a retry as soon as the answer arrives (only the download
delay in between), which is the worst moment for a server that just answered 503 because it is
overloaded.  :class:`BackoffRetryMiddleware` replaces it (``crawler/settings.py``):

* the n-th retry of a request waits ``RETRY_BACKOFF_BASE * 2 ** (n - 1)`` seconds, at most
  ``RETRY_BACKOFF_MAX``, stretched by up to ``RETRY_BACKOFF_JITTER`` (a fraction) so that portals
  failing together do not come back together;
* a ``Retry-After`` on 429 or 503 (seconds or an HTTP date) is waited for when it is longer, up to
  ``RETRY_AFTER_MAX``; a server asking for more than that is not retried at all (its answer
  stands, and the night moves on rather than come back early);
* 429 and 503 mean the whole server is asking us to slow down: every request to that host waits
  until the retry is due, not only the retried one.

A retry that could only go out after the crawl's time budget ends (the spider's ``deadline``) is not
scheduled at all.  The waits never block the reactor (a timer, checked every :data:`POLL` seconds) and end early
when the crawl stops asking: a spent time budget (the spider marks the requests in the downloader
``dont_retry``, and sets ``time_up``) or a shutdown.  A wait cut short gives the server's answer
(or the error) back as it is, so what was recorded is what the server last said.  A waiting
request still counts against the portal's concurrency, so backing off lowers the pressure.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import time
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred

from crawler.errors import Refused
from crawler.urls import join, split

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

log = logging.getLogger(__name__)

POLL = 0.25  # seconds between checks that the crawl still wants the retry
SLOW_DOWN = (429, 503)  # answers that speak for the whole server, and may carry Retry-After
WAITED = "nd42_retry_waits"  # request meta: the seconds waited before each retry, in order


def retry_after(value: bytes | str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date); None if unreadable."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(int(text))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def backoff(retry: int, base: float, cap: float, jitter: float = 0.0, rng: random.Random | None = None) -> float:
    """The wait before the ``retry``-th retry (1 for the first): exponential, capped, jittered upwards."""
    wait = min(base * 2.0 ** max(0, retry - 1), cap)
    if jitter <= 0:
        return wait
    return wait * (1 + jitter * (rng.random() if rng is not None else random.random()))


class BackoffRetryMiddleware:
    """Scrapy's retry middleware with waits before each retry (see the module docstring).  It reads Scrapy's
    own retry settings (``RETRY_ENABLED``, ``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``,
    ``RETRY_PRIORITY_ADJUST``) and builds its retries with Scrapy's ``get_retry_request``; it is not a subclass
    because its methods are coroutines, where Scrapy's are plain functions."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.retry_http_codes = {int(x) for x in settings.getlist("RETRY_HTTP_CODES")}
        self.priority_adjust = settings.getint("RETRY_PRIORITY_ADJUST")
        self.exceptions_to_retry = tuple(load_object(x) if isinstance(x, str) else x
                                         for x in settings.getlist("RETRY_EXCEPTIONS"))
        self.base = max(0.0, settings.getfloat("RETRY_BACKOFF_BASE", 1.0))
        self.cap = max(self.base, settings.getfloat("RETRY_BACKOFF_MAX", 30.0))
        self.jitter = max(0.0, settings.getfloat("RETRY_BACKOFF_JITTER", 0.2))
        self.after_cap = max(0.0, settings.getfloat("RETRY_AFTER_MAX", 30.0))
        self.rng = random.Random()
        # Host → monotonic time before which no request goes to it (a 429 or 503 asked us to wait).
        self.paused: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        host = _host(request)
        until = self.paused.get(host)
        if until is None:
            return
        left = until - time.monotonic()
        if left <= 0:
            self.paused.pop(host, None)
        elif not await self._wait(request, left):
            # Not on the wire yet: once the crawl stops asking, it is not sent at all.
            raise IgnoreRequest(f"{host} asked to wait (429/503) and the crawl stopped meanwhile")

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = self._delay(request)
        if response.status in SLOW_DOWN:
            asked = retry_after(response.headers.get(b"Retry-After"))
            if asked is not None and asked > self.after_cap:
                log.debug("not retrying %s: Retry-After %.0f s is beyond %.0f s", request, asked, self.after_cap)
                return response
            wait = max(wait, asked or 0.0)
        if not self._fits(wait):
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if response.status in SLOW_DOWN:
            host = _host(request)
            self.paused[host] = max(self.paused.get(host, 0.0), time.monotonic() + wait)
        if not await self._wait(request, wait):
            return response
        return _noted(retry, request, wait)

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        wait = self._delay(request)
        if not self._fits(wait):
            return None
        retry = self._retry(request, exception)
        if retry is None or not await self._wait(request, wait):
            return None
        return _noted(retry, request, wait)

    def _retry(self, request: Request, reason: str | Exception) -> Request | None:
        spider = self.crawler.spider
        assert spider is not None
        return get_retry_request(
            request, spider=spider, reason=reason,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
            give_up_log_level=request.meta.get("give_up_log_level", self.crawler.settings["RETRY_GIVE_UP_LOG_LEVEL"]),
        )

    def _delay(self, request: Request) -> float:
        return backoff(int(request.meta.get("retry_times", 0)) + 1, self.base, self.cap, self.jitter, self.rng)

    def _fits(self, wait: float) -> bool:
        """Whether a retry after ``wait`` seconds would still go out within the crawl's time budget (the
        spider's ``deadline``, a monotonic time): one that could only be sent after it is not scheduled,
        and the answer (or the error) stands as the server gave it."""
        deadline = getattr(self.crawler.spider, "deadline", None)
        return not isinstance(deadline, float | int) or time.monotonic() + wait < deadline

    def _stopping(self, request: Request) -> bool:
        """The crawl no longer wants this request retried: a spent time budget or a shutdown."""
        engine = getattr(self.crawler, "engine", None)
        spider = getattr(self.crawler, "spider", None)
        return bool(request.meta.get("dont_retry") or getattr(spider, "time_up", False)
                    or (engine is not None and not getattr(engine, "running", True)))

    async def _wait(self, request: Request, seconds: float) -> bool:
        """Wait on the reactor's clock; False if the crawl stopped wanting the request meanwhile."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self._stopping(request):
                return False
            tick: Deferred[None] = Deferred()
            call_later(min(left, POLL), tick.callback, None)
            await maybe_deferred_to_future(tick)
        return not self._stopping(request)


def _host(request: Request) -> str:
    return (urlparse_cached(request).hostname or "").lower()


def _noted(retry: Request, request: Request, wait: float) -> Request:
    retry.meta[WAITED] = [*request.meta.get(WAITED, []), round(wait, 3)]
    return retry


def waits(meta: dict[str, Any]) -> list[float]:
    """The waits before each retry of the request a response or failure came from (empty: no retry)."""
    value = meta.get(WAITED, [])
    return [float(v) for v in value] if isinstance(value, list) else []


# ------------------------------------------------------------------------------------------ redirects
LOOP_VISITS = 2  # a redirect to a URL already this many times on its chain is a loop
REFRESH_REFUSED = "nd42_refresh_refused"  # request meta: why the page's meta refresh was not followed
def _allowed_names(spider: Any) -> set[str] | None:
    """The host names (no port) the spider may fetch; None when it does not say (then nothing is refused)."""
    allowed = getattr(spider, "allowed", None)
    if not allowed:
        return None
    names = set()
    for host in allowed:
        parts = split(f"//{host}")
        if parts is not None and parts.hostname:
            names.add(parts.hostname.rstrip("."))
    return names


def _checked(redirected: Request, request: Request, spider: Any, how: str) -> Refused | None:
    """Why a redirect (an HTTP 3xx or a meta refresh) must not be followed, or None.

    Scrapy's offsite middleware lets a ``dont_filter`` request's redirects go anywhere, and every request of
    the portal spider is ``dont_filter`` (it keeps its own seen-set): so the spider's allowed hosts are
    enforced here, for every hop.  A hop to a URL already twice on the chain is a loop, refused then rather
    than after ``REDIRECT_MAX_TIMES`` requests (once is allowed: a server that sets a cookie and sends the
    visitor back to the same URL is common, and answers the second time).
    """
    target = redirected.url
    parts = split(target)
    shown = target if len(target) <= 200 else target[:199] + "…"
    if parts is None or not parts.hostname:
        return Refused("redirect_invalid", f"{how} to a malformed URL {shown!r}")
    if parts.scheme not in ("http", "https"):
        return Refused("redirect_scheme", f"{how} to {shown!r}, not an http(s) URL")
    names = _allowed_names(spider)
    if names is not None and parts.hostname.rstrip(".") not in names:
        return Refused("offsite", f"{how} to {shown}, off the portal's hosts ({', '.join(sorted(names))})")
    chain = [u.split("#", 1)[0] for u in (*request.meta.get("redirect_urls", []), request.url)]
    if chain.count(target.split("#", 1)[0]) >= LOOP_VISITS:
        return Refused("redirect_loop", f"{how} back to {shown} after {len(chain)} hop(s): a redirect loop")
    return None


class GuardedRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirect middleware, keeping to the portal's hosts and http(s) and refusing loops at once.

    A refused redirect fails the request with :class:`crawler.errors.Refused` (an ``IgnoreRequest``: its
    errback records the error class: ``offsite``, ``redirect_scheme``, ``redirect_invalid``,
    ``redirect_loop``)."""

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        if response.status in (301, 302, 303, 307, 308) and b"Location" in response.headers \
                and not request.meta.get("dont_redirect", False) and not request.meta.get("handle_httpstatus_all") \
                and response.status not in request.meta.get("handle_httpstatus_list", ()):
            # Scrapy would not follow a Location it cannot fetch (file:, ftp:, javascript:, a malformed URL)
            # and hand the 3xx on as an error of its own: it is said here what it is.
            raw = (response.headers.get(b"Location") or b"").decode("latin-1").strip()
            target = join(request.url, raw)
            shown = raw if len(raw) <= 200 else raw[:199] + "…"
            if target is None:
                raise Refused("redirect_invalid", f"HTTP {response.status} to a malformed URL {shown!r}")
            if target.split(":", 1)[0].lower() not in ("http", "https"):
                raise Refused("redirect_scheme", f"HTTP {response.status} to {shown!r}, not an http(s) URL")
        try:
            return super().process_response(request, response)
        except ValueError as exc:  # a Location Scrapy cannot make a request of
            raise Refused("redirect_invalid", f"HTTP {response.status} to a malformed URL: {exc}"[:300]) from exc

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        refused = _checked(redirected, request, self.crawler.spider, f"HTTP {reason} redirect")
        if refused is not None:
            raise refused
        return super()._redirect(redirected, request, reason)


class GuardedMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta-refresh middleware within the same bounds; a refresh that may not be followed (off the
    portal's hosts, another scheme, back to a page already on the chain) leaves the page as it is: the page
    was read, and its content is what the portal shows."""

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        try:
            return super().process_response(request, response)
        except (_KeepPage, ValueError):  # ValueError: a refresh to a URL Scrapy cannot make a request of
            return response

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        refused = _checked(redirected, request, self.crawler.spider, "meta refresh")
        if refused is not None:
            log.debug("not following %s: %s", request, refused)
            request.meta[REFRESH_REFUSED] = f"{refused.error_class}: {refused}"[:300]
            raise _KeepPage
        return super()._redirect(redirected, request, reason)


class _KeepPage(Exception):
    """Internal: a meta refresh not followed."""

"""A small client of ClinicalTrials.gov's API v2 (httpx): the two requests the sync makes, and nothing else.

- `search(conditions, statuses)`: `GET {base}/studies?query.cond=…&filter.overallStatus=…&pageSize=…`, page after
  page (`pageToken` = the previous page's `nextPageToken`), yielding each page's parsed JSON.
- `by_ids(ids)`: `GET {base}/studies?filter.ids=NCT…,NCT…`, the current record of studies we hold.

Every request goes to a path under the configured base URL; redirects are not followed, so nothing outside it is
ever fetched. Timeouts on every request; a 429 (waiting as long as Retry-After says, capped), a 5xx, a timeout or
a broken connection is tried again with a doubling wait, a bounded number of times; then `Unreachable`. A body
that is not JSON, or larger than `LARGEST_PAGE_BYTES`, is `MalformedPage`. `requests` counts what was sent.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx

LARGEST_PAGE_BYTES = 256 * 1024 * 1024  # a page of 1,000 long studies is tens of MB; more is not a page
LONGEST_PAGE_TOKEN = 2000
IDS_PER_REQUEST = 100  # keeps the URL short (12 characters an id)
NCT_ID = re.compile(r"^NCT\d{8}$")
USER_AGENT = "lung-trial-screener-sync/1 (+https://github.com/)"


class ApiError(Exception):
    """The registry could not be asked (after the retries), or said no."""


class Unreachable(ApiError):
    pass


class MalformedPage(ApiError):
    pass


class Client:
    def __init__(
        self,
        base_url: str,
        timeout: float = 30.0,
        retries: int = 5,
        backoff: float = 2.0,
        max_wait: float = 120.0,
        page_size: int = 1000,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/") + "/"
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_wait = max_wait
        self.page_size = max(1, min(page_size, 1000))
        self.sleep = sleep
        self.requests = 0
        self.waited = 0.0
        self.http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout),
            # The transport itself retries a connection that could not be made (refused, reset while connecting),
            # at once; the loop below adds the waiting retries for everything else.
            transport=httpx.HTTPTransport(retries=1),
            follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def search(self, condition: str, statuses: list[str]) -> Iterator[dict]:
        """Every page of studies for one condition under the status filter, in the registry's order."""
        params: dict[str, Any] = {"format": "json", "pageSize": self.page_size, "query.cond": condition}
        if statuses:
            params["filter.overallStatus"] = ",".join(statuses)
        token = None
        while True:
            # The first page also says how many there are (countTotal), for the progress bar.
            page = self.get_json("studies", {**params, **({"pageToken": token} if token else {"countTotal": "true"})})
            if not isinstance(page, dict) or not isinstance(page.get("studies", []), list):
                raise MalformedPage('expected {"studies": [...]}')
            yield page
            token = page.get("nextPageToken")
            if not token:
                return
            if not isinstance(token, str) or len(token) > LONGEST_PAGE_TOKEN:
                raise MalformedPage("nextPageToken is not a short text")

    def by_ids(self, nct_ids: list[str]) -> Iterator[dict]:
        """Pages holding the registry's current record of these studies (those it still has)."""
        wanted = [i for i in nct_ids if NCT_ID.match(i)]
        for at in range(0, len(wanted), IDS_PER_REQUEST):
            chunk = wanted[at : at + IDS_PER_REQUEST]
            page = self.get_json("studies", {"format": "json", "pageSize": len(chunk), "filter.ids": ",".join(chunk)})
            if not isinstance(page, dict) or not isinstance(page.get("studies", []), list):
                raise MalformedPage('expected {"studies": [...]}')
            yield page

    def get_json(self, path: str, params: dict) -> Any:
        problem, wait = "", 0.0
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(wait)
                self.waited += wait
            self.requests += 1
            wait = min(self.max_wait, self.backoff * 2**attempt)
            try:
                with self.http.stream("GET", path, params=params) as response:
                    if response.status_code == 429 or response.status_code >= 500:
                        problem = f"the registry answered {response.status_code}"
                        if response.status_code == 429:
                            wait = min(self.max_wait, retry_after(response.headers.get("Retry-After")) or wait)
                        continue
                    if response.status_code != 200:
                        raise ApiError(f"the registry answered {response.status_code} to {response.url.path}")
                    body = read_capped(response)
            except httpx.TimeoutException:
                problem = "no answer in time"
                continue
            except httpx.TransportError as error:
                problem = f"could not connect ({type(error).__name__})"
                continue
            try:
                return json.loads(body)
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise MalformedPage(f"not valid JSON ({error})") from None
        raise Unreachable(f"{problem}, {self.retries + 1} times")


def read_capped(response: httpx.Response) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > LARGEST_PAGE_BYTES:
            raise MalformedPage(f"larger than {LARGEST_PAGE_BYTES // (1024 * 1024)} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())

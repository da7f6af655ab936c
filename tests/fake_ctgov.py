"""A stand-in for ClinicalTrials.gov's API v2 on 127.0.0.1 (a random port), for the sync's tests and benchmark.

It answers `GET /api/v2/studies` (query.cond, filter.overallStatus, filter.ids, pageSize, pageToken →
nextPageToken) and `GET /api/v2/studies/{nctId}` from the studies it holds, and can be told to misbehave for the
next requests: `fail("429", retry_after=1)`, `fail("503")`, `fail("timeout")` (answers after `slow_seconds`),
`fail("malformed")` (a body that is not JSON), `fail("ok")` (answers as usual: a place in the queue). It records every request it receives.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SEED = Path(__file__).resolve().parents[1] / "trials" / "registry" / "seed"
COPD_RECORD = json.loads((SEED / "NCT07355868.json").read_text(encoding="utf-8"))
PREFIX = "/api/v2"


def study(
    number: int,
    status: str = "RECRUITING",
    conditions: tuple[str, ...] = ("COPD",),
    eligibility: str | None = None,
) -> dict:
    """A registry record shaped like the COPD seed study, with its own NCT id, status, conditions and text."""
    record = copy.deepcopy(COPD_RECORD)
    protocol = record["protocolSection"]
    protocol["identificationModule"]["nctId"] = f"NCT{number:08d}"
    protocol["identificationModule"]["briefTitle"] = f"Study {number} of a lung condition"
    protocol["statusModule"]["overallStatus"] = status
    protocol["conditionsModule"]["conditions"] = list(conditions)
    if eligibility is not None:
        protocol["eligibilityModule"]["eligibilityCriteria"] = eligibility
    return record


def nct_of(record: dict) -> str:
    return record["protocolSection"]["identificationModule"]["nctId"]


class FakeRegistry:
    def __init__(self, slow_seconds: float = 1.0):
        self.studies: dict[str, dict] = {}
        self._encoded: dict[str, bytes] = {}
        self.faults: list[tuple[str, dict]] = []
        self.requests: list[tuple[str, dict]] = []
        self.slow_seconds = slow_seconds
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{PREFIX}"

    def start(self) -> FakeRegistry:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def put(self, *records: dict) -> None:
        with self.lock:
            for record in records:
                nct_id = nct_of(record)
                self.studies[nct_id] = record
                self._encoded[nct_id] = json.dumps(record, ensure_ascii=False).encode("utf-8")

    def remove(self, nct_id: str) -> None:
        with self.lock:
            self.studies.pop(nct_id, None)
            self._encoded.pop(nct_id, None)

    def fail(self, kind: str, times: int = 1, **options) -> None:
        self.faults.extend([(kind, options)] * times)

    def _matching(self, query: dict[str, list[str]]) -> list[str]:
        ids = {i for value in query.get("filter.ids", []) for i in value.replace("|", ",").split(",") if i}
        statuses = {s for value in query.get("filter.overallStatus", []) for s in value.replace("|", ",").split(",")}
        condition = (query.get("query.cond") or [""])[0].lower()
        found = []
        for nct_id, record in self.studies.items():
            protocol = record["protocolSection"]
            if ids and nct_id not in ids:
                continue
            if statuses and protocol["statusModule"]["overallStatus"] not in statuses:
                continue
            if condition and not any(condition in c.lower() for c in protocol["conditionsModule"]["conditions"]):
                continue
            found.append(nct_id)
        return sorted(found)

    def _handler(self):
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def send(self, status: int, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (a timeout test)
                    pass

            def do_GET(self):
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                with registry.lock:
                    registry.requests.append((parts.path, query))
                    fault = registry.faults.pop(0) if registry.faults else None
                if fault is not None:
                    kind, options = fault
                    if kind == "429":
                        return self.send(
                            429, b'{"error":"slow down"}', {"Retry-After": str(options.get("retry_after", 0))}
                        )
                    if kind == "503":
                        return self.send(503, b"<html>Service Unavailable</html>")
                    if kind == "timeout":
                        time.sleep(registry.slow_seconds)
                    if kind == "malformed":
                        return self.send(200, b'{"studies": [{"protocolSection": ')
                if parts.path == f"{PREFIX}/studies":
                    return self.studies_page(query)
                if parts.path.startswith(f"{PREFIX}/studies/"):
                    nct_id = parts.path.rsplit("/", 1)[1]
                    body = registry._encoded.get(nct_id)
                    return self.send(200, body) if body else self.send(404, b'{"error":"not found"}')
                return self.send(404, b'{"error":"no such path"}')

            def studies_page(self, query):
                with registry.lock:
                    found = registry._matching(query)
                    size = max(1, min(int((query.get("pageSize") or ["10"])[0]), 1000))
                    start = int((query.get("pageToken") or ["0"])[0].removeprefix("tok"))
                    chunk = [registry._encoded[i] for i in found[start : start + size]]
                after = start + size
                tail = f',"nextPageToken":"tok{after}"' if after < len(found) else ""
                if (query.get("countTotal") or [""])[0] == "true":
                    tail += f',"totalCount":{len(found)}'
                body = b'{"studies":[' + b",".join(chunk) + b"]" + tail.encode() + b"}"
                self.send(200, body)

        return Handler

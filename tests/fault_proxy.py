"""A fault-injecting HTTP front for the sample forum, on 127.0.0.1, for tests/test_faults.py.

The crawler talks to the proxy as if it were the site; the proxy forwards each request to the
sample forum (Host header kept, so the forum's links point at the proxy) unless a fault is
scripted for that request target (path and query, exactly as requested):

    proxy = FaultProxy(upstream_url).start()
    proxy.faults[target] = Fault("status", status=503)        # every time
    proxy.faults[target] = Fault("empty", times=1)            # only the first time
    proxy.every_page = Fault("page", status=403, body=...)    # every request but robots.txt

Kinds: ``status`` (status, headers, a small body), ``truncate`` (the page with a
Content-Length larger than what is sent, then the connection closes), ``empty`` (200, no
body), ``redirect_loop`` (302 to the same URL), ``redirect_once`` (302 to the same URL the
first time, then the page: Discuz after a moderator's delete), ``cut_html`` (the page stopped mid-tag, with
a consistent Content-Length), ``slow`` (answers only when ``release`` is set or ``hold``
seconds passed: beyond a test's DOWNLOAD_TIMEOUT), ``page`` (status, headers and a body of
your own), ``rewrite`` (the page with each regex of ``rewrite`` replaced, on its bytes). ``served`` logs ``(time.monotonic(), target, fault kind or "ok")`` per request;
``slow_started`` is set when a slow answer starts waiting.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Fault:
    kind: str
    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    times: int | None = None  # None: always
    hold: float = 30.0
    rewrite: list[tuple[bytes, bytes]] = field(default_factory=list)  # (regex, replacement)

    def __post_init__(self) -> None:
        if self.kind == "redirect_once":
            self.times = 1

    def use(self) -> bool:
        if self.times is None:
            return True
        if self.times <= 0:
            return False
        self.times -= 1
        return True


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.faults: dict[str, Fault] = {}
        self.every_page: Fault | None = None
        self.served: list[tuple[float, str, str]] = []
        self.release = threading.Event()
        self.slow_started = threading.Event()
        self._lock = threading.Lock()
        self.httpd = QuietServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def start(self) -> FaultProxy:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def clear(self) -> None:
        self.faults.clear()
        self.every_page = None
        self.served.clear()

    def targets(self, kind: str) -> list[str]:
        return [target for _, target, served in self.served if served == kind]

    def _fault_for(self, target: str) -> Fault | None:
        with self._lock:
            fault = self.faults.get(target)
            if fault is None and self.every_page is not None and not target.startswith("/robots.txt"):
                fault = self.every_page
            return fault if fault is not None and fault.use() else None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                fault = proxy._fault_for(self.path)
                with proxy._lock:
                    proxy.served.append((time.monotonic(), self.path, fault.kind if fault else "ok"))
                if fault is None:
                    self._send(*self._upstream())
                elif fault.kind in ("status", "page"):
                    self._send(fault.status, fault.headers, fault.body.encode())
                elif fault.kind == "empty":
                    self._send(200, {"Content-Type": "text/html; charset=utf-8"}, b"")
                elif fault.kind in ("redirect_loop", "redirect_once"):
                    self._send(302, {"Location": self.path}, b"")
                elif fault.kind == "slow":
                    proxy.slow_started.set()
                    proxy.release.wait(fault.hold)
                    self._send(*self._upstream())
                else:
                    status, headers, body = self._upstream()
                    if fault.kind == "rewrite":
                        for pattern, replacement in fault.rewrite:
                            body = re.sub(pattern, replacement, body)
                        self._send(status, headers, body)
                    elif fault.kind == "truncate":
                        self._send(status, headers, body[: len(body) // 2], length=len(body))
                        self.close_connection = True
                    else:  # cut_html: stop inside a tag, halfway through
                        cut = body.rfind(b"<", 0, len(body) // 2) + 2
                        self._send(status, headers, body[:cut])

            def _upstream(self) -> tuple[int, dict[str, str], bytes]:
                request = urllib.request.Request(proxy.upstream + self.path,
                                                 headers={"Host": self.headers["Host"],
                                                          "Cookie": self.headers.get("Cookie", "")})
                opener = urllib.request.build_opener(NoRedirect)
                try:
                    with opener.open(request, timeout=30) as answer:
                        return answer.status, dict(answer.headers), answer.read()
                except urllib.error.HTTPError as error:
                    return error.code, dict(error.headers), error.read()

            def _send(self, status: int, headers: dict[str, str], body: bytes, length: int | None = None) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    if name.lower() not in ("content-length", "connection", "transfer-encoding", "date", "server"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


class QuietServer(ThreadingHTTPServer):
    """A crawler that gives up on a slow or cut answer closes the connection: not an error."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects go back to the crawler, as the site sent them."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None

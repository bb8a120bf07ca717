"""Serve a sample forum over real HTTP on loopback, in a background thread or in the foreground.

Pages are rendered per request: relative times (``3 小时前``) are computed from ``clock()``
(the real clock by default), like a live Discuz site. ``charset="gbk"`` serves the same pages
GBK-declared (bytes encoded as GB18030, whose superset characters GBK sites also emit).
``skin``, ``lang``, ``clock12`` and ``real_archiver`` choose the ``Look``; the charset
defaults to GBK for the d7 skin (as most 6.x/7.x sites), Big5 for the zh_tw pack, UTF-8
otherwise (touch pages are always UTF-8, as Discuz's mobile output converts them). A request whose
User-Agent the engine takes for a robot's gets the robot templates (``robot_mode``).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from forum_harvest.sample_forum.engines import responder
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.look import Look
from forum_harvest.sample_forum.model import SITE_TZ, SampleForum
from forum_harvest.sample_forum.protection import protection_response
from forum_harvest.sample_forum.robot_mode import is_robot
from forum_harvest.sample_forum.variants import Variant, dynamic_target

Clock = Callable[[], datetime]


def encode(text: str, charset: str) -> bytes:
    return text.encode("gb18030" if charset.lower() == "gbk" else charset, errors="xmlcharrefreplace")


def default_charset(skin: str, lang: str) -> str:
    """What such sites usually serve: GBK for 6.x/7.x, Big5 for a Traditional Chinese pack."""
    return "gbk" if skin == "d7" else "big5" if lang == "zh_tw" else "utf-8"


class SampleServer:
    """A running sample forum: ``url`` ends with "/", ``requests`` lists every path asked for
    (``request_cookies`` the Cookie header sent with each, ``robot_requests`` those whose
    User-Agent got the robot templates)."""

    def __init__(self, forum: SampleForum, host: str = "127.0.0.1", port: int = 0, charset: str | None = None,
                 clock: Clock | None = None, declare_charset: bool | str = True, rewrite_urls: bool = False, *,
                 skin: str = "x35", lang: str = "zh_cn", clock12: bool = False, real_archiver: bool = False,
                 engine: str = "discuz", posts_per_page: int | None = None,
                 topics_per_page: int | None = None) -> None:
        self.forum = forum
        self.engine = engine
        self.respond = responder(engine)
        self.look = Look(skin, lang, clock12, real_archiver, posts_per_page, topics_per_page)
        charset = charset or (default_charset(skin, lang) if engine == "discuz" else "utf-8")
        self.charset = charset
        self.variant = Variant(charset, declare_charset, rewrite_urls)
        self.clock = clock or (lambda: datetime.now(SITE_TZ))
        self.requests: list[str] = []
        self.request_cookies: list[str | None] = []  # the Cookie header of each request
        self.robot_requests: list[str] = []  # the paths answered with robot templates
        # Called with each request's path before it is answered: tests hold a crawl there.
        self.before_answer: Callable[[str], None] | None = None
        self.protect: str | None = None  # a protection mode (sample_forum.protection)
        self.set_cookies: list[str] = []  # Set-Cookie headers of every answer (as Discuz's guest session)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self.httpd.daemon_threads = True
        bound_host, bound_port = self.httpd.server_address[:2]
        self.url = f"http://{bound_host}:{bound_port}/"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                self._answer(with_body=True)

            def do_HEAD(self) -> None:  # noqa: N802
                self._answer(with_body=False)

            def _answer(self, with_body: bool) -> None:
                if server.before_answer is not None:
                    server.before_answer(self.path)
                with server._lock:
                    server.requests.append(self.path)
                    server.request_cookies.append(self.headers.get("Cookie"))
                host = self.headers.get("Host")
                base = f"http://{host}/" if host else server.url
                robot = is_robot(self.headers.get("User-Agent"), server.look.skin)
                if robot:
                    with server._lock:
                        server.robot_requests.append(self.path)
                view = View(server.forum, base, server.clock(), server.variant.declared_charset, server.look, robot)
                response = (protection_response(server.protect, self.path, self.headers.get("Cookie"))
                            or server.respond(view, dynamic_target(self.path)))
                charset = response.charset or server.charset
                if response.data is not None:  # a file: its bytes and type as they are
                    body, content_type = response.data, response.content_type
                else:
                    body = encode(server.variant.finish(response.body), charset)
                    content_type = server.variant.content_type(response.content_type, charset)
                self.send_response(response.status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in response.headers.items():
                    self.send_header(name, value)
                for cookie in server.set_cookies:
                    self.send_header("Set-Cookie", cookie)
                self.end_headers()
                if with_body:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # quiet: tests and demo
                pass

        return Handler

    def start(self) -> SampleServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="sample-forum", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join()


def start_server(forum: SampleForum, host: str = "127.0.0.1", port: int = 0, charset: str | None = None,
                 clock: Clock | None = None, declare_charset: bool | str = True, rewrite_urls: bool = False,
                 **look: str | bool | int | None) -> SampleServer:
    """Serve ``forum`` from a background thread; call ``.stop()`` when done. ``look``: the
    ``SampleServer`` keywords skin, lang, clock12, real_archiver, posts_per_page,
    topics_per_page, and ``engine`` (discuz, xenforo)."""
    return SampleServer(forum, host, port, charset, clock, declare_charset, rewrite_urls, **look).start()



def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(host: str = "127.0.0.1", port: int = 0, site_name: str | None = None, charset: str | None = None,
          protect: str | None = None, **look: str | bool | int | None) -> None:
    """Build the sample forum and serve it in the foreground until SIGINT or SIGTERM."""
    forum = SampleForum.build(site_name=site_name) if site_name else SampleForum.build()
    server = SampleServer(forum, host, port, charset, **look)
    server.protect = protect
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    print(server.url, flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
        sys.stdout.flush()

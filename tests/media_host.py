"""A second loopback host for media tests: a picture host the sample forum's posts link to.

``/same.png`` answers the sample forum logo's bytes (identical bytes under two hosts),
``/flaky.jpg`` answers HTTP 500 while ``flaky`` is set, ``/page.html`` an HTML page (no
picture), ``/slow.bin`` its ``SLOW_BYTES`` in small pieces while ``slow`` is set (a download
a test can interrupt), ``robots.txt`` 404 (all allowed). ``requests`` lists the paths asked for.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from forum_harvest.sample_forum import SampleForum
from forum_harvest.sample_forum.media import LOGO_BYTES, LOGO_PATH, file_bytes
from forum_harvest.sample_forum.model import Image, Line

PICTURES = ("same.png", "flaky.jpg", "page.html", "slow.bin")
SLOW_BYTES = 200_000
SLOW_PIECE = 1000
PICTURES_POST = (14, 1)  # thread, floor: where the picture host's pictures are shown


def with_pictures(forum: SampleForum, urls: list[str], at: tuple[int, int] = PICTURES_POST) -> SampleForum:
    """``forum`` whose post ``at`` (thread, floor) also shows these pictures."""
    posts = [replace(post, lines=post.lines + (Line(tuple(Image(url) for url in urls)),))
             if (post.thread_id, post.floor) == at else post for post in forum.posts]
    return replace(forum, posts=posts, _posts_by_thread={})


def host_file(name: str) -> bytes:
    """What the host serves at ``/name`` (when it serves it)."""
    if name == "same.png":
        return file_bytes(LOGO_PATH, LOGO_BYTES)
    if name == "slow.bin":
        return file_bytes("slow.bin", SLOW_BYTES)
    return file_bytes(name, 5000)


class MediaHost:
    def __init__(self) -> None:
        self.flaky = True
        self.slow = False
        self.requests: list[str] = []
        self.slow_started = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.url = "http://127.0.0.1:%d/" % self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> MediaHost:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                name = self.path.lstrip("/")
                host.requests.append(name)
                if name == "flaky.jpg" and host.flaky:
                    self._send(500, b"<html><body>busy</body></html>", "text/html")
                elif name == "page.html":
                    self._send(200, b"<html><head><title>Gallery</title></head><body>hi</body></html>", "text/html")
                elif name == "slow.bin" and host.slow:
                    self._dribble(host_file(name))
                elif name in PICTURES:
                    self._send(200, host_file(name), "image/png" if name.endswith(".png") else "image/jpeg")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _dribble(self, body: bytes) -> None:
                """The whole length announced, the bytes sent a piece at a time."""
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                host.slow_started.set()
                try:
                    for start in range(0, len(body), SLOW_PIECE):
                        self.wfile.write(body[start:start + SLOW_PIECE])
                        self.wfile.flush()
                        time.sleep(0.05)  # paces the server, not the test
                except OSError:
                    pass  # the crawl went away mid-download

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

"""One loopback HTTP server for saved pages: a test's subclass says which page a path is
(``page``), the server answers it with its status, content type (and ``Location`` for a
redirect) and, when the page was captured with one, the ``Date`` it was served with; any other
path is a 404. Every path asked is kept in
``asked``, in order. Bound to a loopback address (127.0.0.1 unless told another)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class SavedPage:
    body: bytes
    content_type: str = "text/html; charset=UTF-8"
    served_at: datetime | None = None  # the capture's time, sent as the response's Date
    status: int = 200
    location: str | None = None  # a redirect's target


class SavedPagesServer(ThreadingHTTPServer):
    """Serves from the moment it is made; ``shutdown()`` stops it."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), _SavedPageHandler)
        self.url = f"http://{host}:{self.server_address[1]}/"
        self.asked: list[str] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def page(self, path: str) -> SavedPage | None:
        """The page saved for ``path`` (path and query as asked), None for a 404."""
        raise NotImplementedError


class _SavedPageHandler(BaseHTTPRequestHandler):
    server: SavedPagesServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.asked.append(self.path)
        saved = self.server.page(self.path)
        if saved is None:
            self.send_error(404)
            return
        self.served = format_datetime(saved.served_at, usegmt=True) if saved.served_at else None
        self.send_response(saved.status)
        if saved.location:
            self.send_header("Location", saved.location)
        self.send_header("Content-Type", saved.content_type)
        self.send_header("Content-Length", str(len(saved.body)))
        self.end_headers()
        self.wfile.write(saved.body)

    def date_time_string(self, timestamp: float | None = None) -> str:
        return getattr(self, "served", None) or super().date_time_string(timestamp)

    def log_message(self, *args: object) -> None:
        pass

"""Serve a directory of rendered pages on loopback for the crawl bench: nginx (Debian's
``nginx-light``, installed with apt-get when missing) or, when told, Python's own file server
(slower, for tests with tiny sites). ``forum.php`` and ``*.html`` are served as HTML."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from collections.abc import Iterator

NGINX_CONF = """daemon off;
worker_processes 2;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  types {{ text/html html php; text/plain txt; }}
  default_type text/html;
  charset utf-8;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path {run}/body;
  proxy_temp_path {run}/proxy;
  fastcgi_temp_path {run}/fastcgi;
  uwsgi_temp_path {run}/uwsgi;
  scgi_temp_path {run}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index forum.php;
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_binary() -> str:
    """The nginx executable, installing ``nginx-light`` from the OS packages when missing."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found:
        return found
    print("nginx is missing: apt-get install nginx-light", flush=True)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "nginx-light"], check=True,
                   stdout=subprocess.DEVNULL, env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    found = shutil.which("nginx", path="/usr/sbin:/usr/bin")
    if not found:
        raise SystemExit("nginx-light installed but no nginx binary found")
    return found


def wait_for_port(port: int, deadline_seconds: float = 10) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"the bench server on 127.0.0.1:{port} did not start")


@contextmanager
def nginx(root: Path, port: int, run_dir: Path) -> Iterator[None]:
    run_dir.mkdir(parents=True, exist_ok=True)
    conf = run_dir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(run=run_dir, port=port, root=root))
    process = subprocess.Popen([nginx_binary(), "-c", str(conf), "-p", str(run_dir)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {".html": "text/html; charset=utf-8", ".php": "text/html; charset=utf-8",
                      ".txt": "text/plain", "": "application/octet-stream"}

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def python_server(root: Path, port: int) -> Iterator[None]:
    httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, directory=str(root)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def serving(kind: str, root: Path, port: int, run_dir: Path):
    """A context manager serving ``root`` on ``port`` with ``kind`` ("nginx" or "python")."""
    return nginx(root, port, run_dir) if kind == "nginx" else python_server(root, port)

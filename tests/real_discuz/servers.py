"""A throwaway MariaDB instance and a PHP web server, both on 127.0.0.1 only.

Each is a context manager that stops its process (and only that process) on exit, also when
the body raised; the caller owns the directories they run in.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT = 60.0
DB_USER = "discuz"
DB_PASSWORD = "discuz-harness"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class MariaDB:
    """A running instance: Discuz connects over TCP, the harness over the socket as root."""

    port: int
    socket_path: Path

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def sql(self, statement: str, database: str | None = None) -> str:
        """Run SQL with the ``mariadb`` client as root; tab-separated output, no headers."""
        command = ["mariadb", "--no-defaults", f"--socket={self.socket_path}", "-uroot",
                   "--batch", "--raw", "--skip-column-names", "--default-character-set=utf8mb4"]
        if database:
            command.append(database)
        done = subprocess.run(command, input=statement, capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"SQL failed ({done.stderr.strip()}): {statement[:200]}")
        return done.stdout

    def json_rows(self, columns: str, source: str, database: str) -> list[dict]:
        """``SELECT columns FROM source`` as dicts, one ``JSON_OBJECT`` a line (it escapes the
        newlines in message bodies; numbers stay numbers). ``columns``: comma-separated
        expressions, each with an optional `` AS name``."""
        pairs = []
        for column in columns.split(","):
            expression, _, alias = column.strip().partition(" AS ")
            pairs.append(f"'{alias or expression.split('.')[-1]}', {expression}")
        output = self.sql(f"SELECT JSON_OBJECT({', '.join(pairs)}) FROM {source};", database)
        return [json.loads(line) for line in output.splitlines()]


@contextmanager
def mariadb_instance(workdir: Path) -> Iterator[MariaDB]:
    """A fresh datadir under ``workdir``, a server on a free loopback port and a socket."""
    datadir, rundir = workdir / "datadir", workdir / "run"
    datadir.mkdir(parents=True)
    rundir.mkdir(parents=True)
    init = subprocess.run(
        [_binary("mariadb-install-db", "mysql_install_db"), "--no-defaults",
         f"--datadir={datadir}", "--auth-root-authentication-method=normal",
         "--skip-test-db", f"--user={_user()}"],
        capture_output=True, text=True, timeout=300)
    if init.returncode != 0:
        raise RuntimeError(f"mariadb-install-db failed: {init.stderr[-2000:]}")
    port = free_port()
    socket_path = rundir / "mysqld.sock"
    log = workdir / "mariadb.log"
    server = subprocess.Popen(
        [_binary("mariadbd", "mysqld"), "--no-defaults", f"--datadir={datadir}",
         f"--socket={socket_path}", f"--port={port}", "--bind-address=127.0.0.1",
         f"--pid-file={rundir / 'mysqld.pid'}", f"--user={_user()}", "--skip-log-bin",
         "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
         "--skip-name-resolve", f"--log-error={log}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        instance = MariaDB(port, socket_path)
        _wait(lambda: socket_path.exists() and _answers_sql(instance), server,
              f"MariaDB did not start; see {log}")
        instance.sql(
            f"CREATE USER '{DB_USER}'@'127.0.0.1' IDENTIFIED BY '{DB_PASSWORD}';"
            f"GRANT ALL ON *.* TO '{DB_USER}'@'127.0.0.1';")
        yield instance
    finally:
        _stop(server)


@contextmanager
def php_server(docroot: Path, log: Path, workers: int = 4,
               router: Path | None = None, ini: dict[str, str] | None = None) -> Iterator[str]:
    """PHP's built-in web server on a free loopback port; yields its base URL (no slash).

    Several workers (``PHP_CLI_SERVER_WORKERS``), so a page that calls back into the site
    (UCenter notes) cannot deadlock it. ``router``: a script every request goes through
    (what a site's rewrite rules do under Apache). ``ini``: more ``-d`` settings (SMF 2.0's
    ``mysqli_connect`` takes no ``host:port``: ``mysqli.default_port``).
    """
    port = free_port()
    env = dict(os.environ, PHP_CLI_SERVER_WORKERS=str(workers))
    with log.open("ab") as log_file:
        server = subprocess.Popen(
            [_binary("php"), "-d", "display_errors=0", "-d", "memory_limit=256M",
             # Harnesses rewrite PHP files (settings caches): never serve a stale compile.
             "-d", "opcache.revalidate_freq=0",
             *(arg for name, value in (ini or {}).items() for arg in ("-d", f"{name}={value}")),
             "-S", f"127.0.0.1:{port}", "-t", str(docroot),
             *([str(router)] if router else [])],
            cwd=docroot, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _answers_http(base + "/robots.txt"), server,
              f"PHP server did not start; see {log}")
        yield base
    finally:
        _stop(server)


def stop_cleanly_on_sigterm():
    """SIGTERM would end Python without running ``finally``: servers left running, temp dirs
    left behind. Turn it into SystemExit (main thread only; elsewhere keep the default)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    return signal.signal(signal.SIGTERM, stop)


@contextmanager
def harness_workdir(prefix: str, keep: bool) -> Iterator[Path]:
    """A temp directory for one harness run (its servers' data, the engine's copy), removed
    after it unless ``keep`` (then its path is printed); SIGTERM ends the run through the
    ``finally`` blocks (``stop_cleanly_on_sigterm``)."""
    previous = stop_cleanly_on_sigterm()
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield work
    finally:
        if keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _binary(*names: str) -> str:
    for name in names:
        found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin")
        if found:
            return found
    raise RuntimeError(f"{' / '.join(names)} not found: run `make real-discuz-test`, which "
                       "installs PHP and MariaDB with apt-get")


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


def _answers_sql(instance: MariaDB) -> bool:
    try:
        instance.sql("SELECT 1;")
        return True
    except RuntimeError:
        return False


def _answers_http(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _wait(ready, process: subprocess.Popen, message: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{message} (exit code {process.returncode})")
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{message} (not ready within {START_TIMEOUT:.0f} s)")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group we started (PHP workers are children), then SIGKILL."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    except ProcessLookupError:
        pass


def capture_main(prog: str, doc: str | None, source_help: str,
                 run: Callable[..., object], charsets: tuple[str, ...] = (),
                 source_env: str | None = None, rewrite: bool = False) -> int:
    """``python -m tests.real_ENGINE --source DIR --capture DIR [--keep]``: a capture
    harness's command line, which calls ``run(source, capture, keep)``; with ``charsets`` (the
    first the default) also ``--charset``, passed as ``charset=``; with ``source_env``,
    ``--source`` defaults to that environment variable; with ``rewrite``, ``--rewrite``
    (URL rewriting on), passed as ``rewrite_urls=``."""
    parser = argparse.ArgumentParser(prog=prog, description=doc)
    default = os.environ.get(source_env) if source_env else None
    parser.add_argument("--source", type=Path, required=default is None, default=default,
                        help=source_help + (f" (default: ${source_env})" if source_env else ""))
    parser.add_argument("--capture", type=Path, required=True, metavar="DIR")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (debugging)")
    if charsets:
        parser.add_argument("--charset", choices=charsets, default=charsets[0], help="the forum's charset")
    if rewrite:
        parser.add_argument("--rewrite", action="store_true", help="URL rewriting on, served by its rules")
    args = parser.parse_args()
    run(args.source, args.capture, args.keep, **({"charset": args.charset} if charsets else {}),
        **({"rewrite_urls": args.rewrite} if rewrite else {}))
    return 0

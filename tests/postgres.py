"""Start a throwaway PostgreSQL cluster on 127.0.0.1 for the test session, and stop it.

Uses the server binaries of Debian's ``postgresql`` package (installed by ``.ci/run``).
PostgreSQL refuses to run as root, so when we are root the cluster runs as ``postgres``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path

import pytest
import sqlalchemy as sa


def server_bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresCluster:
    """A cluster of our own in a temporary folder, on a free loopback port: started, stopped
    (a server going down under a crawl) and started again on the same port and data."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.workdir = Path(tempfile.mkdtemp(prefix="fh-pg-"))
        self.data = self.workdir / "data"
        if self.as_postgres:
            shutil.chown(self.workdir, "postgres", "postgres")
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/forum_test"

    def command(self, program: str, *args: str) -> list[str]:
        return [*self.as_postgres, str(self.bin_dir / program), *args]

    def run(self, program: str, *args: str) -> None:
        subprocess.run(self.command(program, *args), check=True, capture_output=True, timeout=120)

    def create(self) -> PostgresCluster:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "forum_test")
        return self

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.workdir} -c fsync=off")
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.workdir / "log"), "-w", "start")

    def stop_command(self) -> list[str]:
        return self.command("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        subprocess.run(self.stop_command(), check=True, capture_output=True, timeout=120)

    def remove(self) -> None:
        subprocess.run(self.stop_command(), capture_output=True, timeout=120)  # if it still runs
        shutil.rmtree(self.workdir, ignore_errors=True)


@contextmanager
def throwaway_postgres() -> Iterator[str | None]:
    bin_dir = server_bin_dir()
    if bin_dir is None:
        yield None
        return
    cluster = PostgresCluster(bin_dir)
    try:
        yield cluster.create().url
    finally:
        cluster.remove()


@pytest.fixture
def own_postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster for one test alone, which may stop and start it (import it into
    the test module)."""
    bin_dir = server_bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (initdb) on this machine")
    cluster = PostgresCluster(bin_dir)
    try:
        yield cluster.create()
    finally:
        cluster.remove()


_database_numbers = count(1)


def new_database(postgres_url: str, prefix: str = "distributed", copy_of: str | None = None) -> str:
    """A database of its own for one test, in the session's PostgreSQL cluster; its name
    carries the xdist worker's id, as workers may share one server ($TEST_POSTGRES_URL).
    ``copy_of``: the URL of a database of that cluster (no one connected) to start from."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = "_".join(part for part in (prefix, worker, str(next(_database_numbers))) if part)
    template = f" TEMPLATE {copy_of.rsplit('/', 1)[1]}" if copy_of else ""
    engine = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(sa.text(f"CREATE DATABASE {name}{template}"))
    engine.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"

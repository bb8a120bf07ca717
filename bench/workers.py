"""Pages per second of distributed mode with 1 and 2 worker processes, and where the time goes.

    PYTHONPATH=. .venv/bin/python bench/workers.py [--sites 4] [--workers 1,2] [--rounds 1]

Starts its own PostgreSQL and redis-server on 127.0.0.1 (the tests' helpers), serves the
sample forum as ``--sites`` separate server processes on their own ports (separate sites
for the site lock), then for each worker count: a fresh database, N ``forum-harvest
worker`` processes (concurrency 1 each), one queued full crawl per site (no politeness
delay), timed from the first enqueue until every queue entry is done. CPU seconds come from
/proc: the crawl processes (reaped by their worker, so its children's time), the workers
themselves, the forum servers, PostgreSQL (the postmaster and its exited backends); and
how busy the whole machine was (/proc/stat), since other work on it competes for the cores.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from tests.postgres import free_port, throwaway_postgres
from tests.redis_server import throwaway_redis

REPO = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
WAIT = 600.0


def cpu_seconds(pid: int) -> tuple[float, float]:
    """(own, reaped children's) CPU seconds of a process, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return (utime + stime) / TICKS, (cutime + cstime) / TICKS


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values) - idle) / TICKS, sum(values) / TICKS


def postmaster_pid(port: int) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "postgres" in command and f"port={port}" in command:
                return int(entry.name)
    raise RuntimeError(f"no postmaster for port {port}")


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def cli(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "forum_harvest", *args], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@dataclass
class Round:
    workers: int
    seconds: float
    pages: int
    crawl_cpu: float
    worker_cpu: float
    server_cpu: float
    postgres_cpu: float
    machine_busy: float  # share of all cores busy with anything (ours or not)

    def report(self) -> str:
        total = self.crawl_cpu + self.worker_cpu + self.server_cpu + self.postgres_cpu
        ours = total / (self.seconds * os.cpu_count())
        return (f"{self.workers} worker(s): {self.pages} pages in {self.seconds:.1f} s = "
                f"{self.pages / self.seconds:.1f} pages/s; CPU s: crawls {self.crawl_cpu:.1f}, "
                f"workers {self.worker_cpu:.1f}, forum servers {self.server_cpu:.1f}, "
                f"PostgreSQL {self.postgres_cpu:.1f} = {total:.1f} ({ours:.0%} of {os.cpu_count()} "
                f"cores; the machine was {self.machine_busy:.0%} busy); "
                f"{self.pages / self.crawl_cpu:.0f} pages per crawl CPU second")


def run_round(workers: int, sites: list[str], servers: list[int], postgres_url: str, postmaster: int,
              env: dict[str, str], number: int) -> Round:
    name = f"bench_{workers}_{number}"
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    admin.dispose()
    db_url = postgres_url.rsplit("/", 1)[0] + f"/{name}"
    running = [cli("worker", "--name", f"bench{index}@%h", env=env) for index in range(workers)]
    time.sleep(5)  # let the workers connect: not part of the measured interval
    before = _cpu(running, servers, postmaster)
    machine_before = machine_busy_seconds()
    started = time.monotonic()
    for site in sites:
        subprocess.run([sys.executable, "-m", "forum_harvest", "crawl", site + "forum.php", "--db", db_url,
                        "--queue", "--timeout", "600", "-s", "AUTOTHROTTLE_ENABLED=False"],
                       cwd=REPO, env=env, check=True, capture_output=True)
    engine = sa.create_engine(db_url)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            waiting = conn.execute(sa.text("SELECT count(*) FROM crawl_queue WHERE status <> 'done'")).scalar()
        if waiting == 0:
            break
        time.sleep(0.2)
    seconds = time.monotonic() - started
    after = _cpu(running, servers, postmaster)
    machine_after = machine_busy_seconds()
    machine_busy = (machine_after[0] - machine_before[0]) / (machine_after[1] - machine_before[1])
    with engine.connect() as conn:
        pages = conn.execute(sa.text("SELECT sum(pages) FROM crawl_runs")).scalar()
    engine.dispose()
    for worker in running:
        worker.send_signal(signal.SIGTERM)
    for worker in running:
        worker.wait(60)
    return Round(workers, seconds, pages, *(a - b for a, b in zip(after, before)), machine_busy)


def _cpu(workers: list[subprocess.Popen], servers: list[int], postmaster: int) -> tuple[float, float, float, float]:
    own_and_children = [cpu_seconds(worker.pid) for worker in workers]
    return (sum(children for _, children in own_and_children), sum(own for own, _ in own_and_children),
            sum(sum(cpu_seconds(pid)) for pid in servers), sum(cpu_seconds(postmaster)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--workers", default="1,2", help="worker counts to measure, e.g. 1,2")
    parser.add_argument("--rounds", type=int, default=1, help="measurements per worker count")
    options = parser.parse_args()
    with ExitStack() as stack:
        postgres_url = stack.enter_context(throwaway_postgres())
        redis_url = stack.enter_context(throwaway_redis())
        if postgres_url is None or redis_url is None:
            raise SystemExit("bench/workers.py needs PostgreSQL's server binaries and redis-server")
        config = Path(tempfile.mkdtemp(prefix="fh-bench-")) / "forum-harvest.toml"
        config.write_text(f'[scheduler]\nbroker_url = "{redis_url}"\nredelivery_timeout = "1h"\n')
        env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "FORUM_HARVEST_CONFIG": str(config)}
        ports = [free_port() for _ in range(options.sites)]
        servers = [cli("sample-forum", "serve", "--port", str(port), env=env) for port in ports]
        stack.callback(lambda: [server.terminate() for server in servers])
        for port in ports:
            wait_for_port(port)
        sites = [f"http://127.0.0.1:{port}/" for port in ports]
        postmaster = postmaster_pid(int(postgres_url.rsplit(":", 1)[1].split("/")[0]))
        print(f"{options.sites} sample forums (one server process each), {os.cpu_count()} cores")
        for number in range(options.rounds):
            for workers in (int(count) for count in options.workers.split(",")):
                print(run_round(workers, sites, [s.pid for s in servers], postgres_url, postmaster,
                                env, number).report(), flush=True)


if __name__ == "__main__":
    main()

"""A Python with the CLI's libraries already imported, forking one process per CLI run.

A ``forum-harvest`` process spends ~2 s of CPU importing Scrapy, Twisted, SQLAlchemy and the
rest before it does anything, and the suite starts hundreds of them. This server imports them
once, then forks a child for each run a test asks for (``tests/cli_process.py``): the child takes
the run's standard streams, working directory, environment and arguments, and runs ``python -m
MODULE`` (or a script) as a fresh interpreter would, in a process of its own (its own reactor, its own exit
status, killable by pid). Our own modules that read the environment when imported
(``scraper.settings``) are imported again in the child.

    python -m tests.cli_fork_server SOCKET_PATH

It serves on the Unix socket SOCKET_PATH (SOCK_SEQPACKET: one message per request) until its
standard input closes (the test process that started it is gone). A request is a JSON object
``{"program", "cwd", "env"}`` (``program``: ``["-m", MODULE, *args]`` or ``[SCRIPT, *args]``, what
follows ``python`` on its command line) sent with three file descriptors (the
child's stdin, stdout and stderr); the answers are ``pid N`` once forked and ``exit CODE`` (a
negative signal number when killed, as ``subprocess`` reports it) when the child is reaped.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import signal
import socket
import sys
from dataclasses import dataclass

# Every module of these packages of ours is imported before forking (but ``__main__``s).
OUR_PACKAGES = ("forum_harvest", "scraper", "pipeline", "db")
# Libraries a crawl, a worker or a migration imports when it needs them, besides those our
# modules import and the Scrapy components its settings name.
LIBRARIES = ("celery.bin.celery", "alembic.command", "alembic.runtime.migration", "mako.template",
             "tldextract", "aiohttp", "requests", "protego", "queuelib", "twisted.conch.telnet", "warcio",
             "dateparser")
# Modules of ours whose values are read from the environment at import: never shared.
IMPORTED_AFRESH = ("scraper.settings",)
MESSAGE_BYTES = 1 << 20


@dataclass
class Launch:
    """One run asked for: ``python *program`` in ``cwd`` with ``env``, on ``streams``."""
    program: list[str]
    cwd: str
    env: dict[str, str]
    streams: list[int]


def preload() -> None:
    """Import what the runs will: our modules, the libraries they import late, and every
    component Scrapy's settings and ours name (middlewares, extensions, handlers, queues), and
    our migration scripts."""
    import importlib
    import pkgutil
    import threading

    names = list(LIBRARIES)
    for package in OUR_PACKAGES:
        root = importlib.import_module(package)
        names += [module.name for module in pkgutil.walk_packages(root.__path__, package + ".")
                  if not module.name.endswith("__main__")]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that only imports in its context (alembic's env.py)
            continue
    for path in scrapy_components():
        try:
            importlib.import_module(path.rpartition(".")[0])
        except ImportError:  # a component of an optional library (boto's S3 handler)
            continue
    # Alembic reads our migrations (the revision scripts) when a new database is stamped.
    importlib.import_module("db.migrate")._script_directory().get_current_head()
    for name in IMPORTED_AFRESH:
        sys.modules.pop(name, None)
    if threading.active_count() != 1:
        raise RuntimeError(f"preloading started threads ({threading.enumerate()}): forking would copy them dead")


def scrapy_components() -> set[str]:
    """The dotted paths of the classes Scrapy's default settings and ours name."""
    from scrapy.settings import default_settings

    import scraper.settings

    paths = set()
    for module in (default_settings, scraper.settings):
        for name in dir(module):
            value = getattr(module, name)
            values = [*value, *value.values()] if isinstance(value, dict) else [value]
            paths |= {v for v in values if isinstance(v, str) and v.count(".") >= 2 and " " not in v}
    return paths


def serve(listener: socket.socket) -> Launch:
    """Fork a child per request; returns only in a child, with the run it is to become."""
    children: dict[int, socket.socket] = {}
    woken, wake = os.pipe()
    os.set_blocking(wake, False)
    signal.set_wakeup_fd(wake)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    events = selectors.DefaultSelector()
    events.register(listener, selectors.EVENT_READ, "request")
    events.register(sys.stdin.fileno(), selectors.EVENT_READ, "parent")
    events.register(woken, selectors.EVENT_READ, "child")
    while True:
        for key, _ in events.select():
            if key.data == "parent" and not os.read(sys.stdin.fileno(), 4096):
                raise SystemExit(0)
            if key.data == "child":
                os.read(woken, 4096)
                report_exits(children)
            if key.data == "request":
                connection, _ = listener.accept()
                message, streams, _, _ = socket.recv_fds(connection, MESSAGE_BYTES, 3)
                request = json.loads(message)
                launch = Launch(request["program"], request["cwd"], request["env"], streams)
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    events.close()
                    for inherited in (listener, connection, *children.values()):
                        inherited.close()
                    os.close(woken)
                    os.close(wake)
                    return launch
                for stream in streams:
                    os.close(stream)
                connection.send(f"pid {pid}".encode())
                children[pid] = connection
        report_exits(children)


def report_exits(children: dict[int, socket.socket]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        connection = children.pop(pid)
        try:
            connection.send(f"exit {os.waitstatus_to_exitcode(status)}".encode())
        except OSError:
            pass  # the test process stopped waiting for it
        connection.close()


def become(launch: Launch) -> None:
    """Make this forked child the process ``launch`` asks for, before it runs its program."""
    for target, stream in enumerate(launch.streams):
        os.dup2(stream, target)
        os.close(stream)
    os.chdir(launch.cwd)
    os.environ.clear()
    os.environ.update(launch.env)
    extra_paths = [path for path in launch.env.get("PYTHONPATH", "").split(os.pathsep) if path]
    sys.path[:] = [launch.cwd, *extra_paths, *(path for path in sys.path[1:] if path not in extra_paths)]


def run(program: list[str]) -> None:
    """What ``python *program`` runs: a module (``-m``) or a script, as ``__main__``."""
    import runpy

    if program[0] == "-m":
        sys.argv = program[1:]
        runpy.run_module(program[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = program
        sys.path[0] = os.path.dirname(os.path.abspath(program[0]))
        runpy.run_path(program[0], run_name="__main__")


def exit_status(stop: SystemExit) -> int:
    """The status ``python`` exits with for ``stop`` (its message printed, as Python does)."""
    if stop.code is None or isinstance(stop.code, int):
        return stop.code or 0
    print(stop.code, file=sys.stderr)
    return 1


def finish(status: int) -> None:
    """Exit as an interpreter does (non-daemon threads joined, ``atexit`` functions run,
    streams flushed) but without tearing down the thousands of preloaded modules, which would
    write to (and copy) every page of them: ~1.5 s of CPU per run."""
    import atexit
    import threading

    threading._shutdown()  # what Py_Finalize does first
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 120  # Python's status when flushing fails at exit
    os._exit(status)


def main() -> None:
    socket_path = sys.argv[1]
    preload()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(socket_path)
    listener.listen(64)
    # Frozen, the preloaded objects are left alone by the children's garbage collections and
    # exits, which would otherwise touch (and copy) every page of them: 0.5 s of CPU per run.
    gc.freeze()
    print("ready", flush=True)
    launch = serve(listener)
    become(launch)
    try:
        run(launch.program)
        status = 0
    except SystemExit as stop:
        status = exit_status(stop)
    except BaseException:  # noqa: BLE001 - reported as Python reports an uncaught exception
        sys.excepthook(*sys.exc_info())
        status = 1
    finish(status)


if __name__ == "__main__":
    main()

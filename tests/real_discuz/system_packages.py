"""``python -m tests.real_discuz.system_packages``: install PHP and MariaDB from Debian's
packages when they are missing (``make real-discuz-test`` runs it first).

Only the ``-core`` MariaDB packages: the server binary, ``mariadb-install-db`` and the
client, without ``mariadb-server``'s system service (the harness runs its own throwaway
instance and nothing should start one on the machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

PACKAGES = ["php-cli", "php-mysql", "php-gd", "php-xml", "php-mbstring",
            "mariadb-server-core", "mariadb-client-core"]
PHP_MODULES = {"mysqli", "gd", "xml", "mbstring"}


def missing() -> list[str]:
    """What the harness needs and this machine lacks, in words."""
    lacking = [binary for binary in ("php", "mariadb", "mariadb-install-db")
               if not shutil.which(binary)]
    if not (shutil.which("mariadbd") or os.path.exists("/usr/sbin/mariadbd")):
        lacking.append("mariadbd")
    if shutil.which("php"):
        modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout
        loaded = {line.strip().lower() for line in modules.splitlines()}
        lacking += [f"php module {name}" for name in sorted(PHP_MODULES - loaded)]
    return lacking


def main() -> int:
    lacking = missing()
    if not lacking:
        print("PHP and MariaDB are installed")
        return 0
    print(f"missing: {', '.join(lacking)}; installing {' '.join(PACKAGES)} with apt-get")
    prefix = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if prefix is None or not shutil.which("apt-get"):
        print("cannot install: run as root on Debian/Ubuntu, or install them yourself",
              file=sys.stderr)
        return 1
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-q"],
                    ["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES]):
        if subprocess.run(prefix + command, env=env).returncode != 0:
            print(f"failed: {' '.join(command)}", file=sys.stderr)
            return 1
    still = missing()
    if still:
        print(f"still missing after apt-get: {', '.join(still)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

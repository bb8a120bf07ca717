"""``python -m tests.real_phpbb.system_packages``: install PHP with the modules phpBB 3.3
needs (and ``sqlite3``, the harness's database) from Debian's packages when missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

PACKAGES = ["php-cli", "php-sqlite3", "php-xml", "php-mbstring", "php-gd"]
PHP_MODULES = {"sqlite3", "xml", "mbstring", "json"}


def missing() -> list[str]:
    if not shutil.which("php"):
        return ["php"]
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout
    loaded = {line.strip().lower() for line in modules.splitlines()}
    return [f"php module {name}" for name in sorted(PHP_MODULES - loaded)]


def main() -> int:
    lacking = missing()
    if not lacking:
        print("PHP and its sqlite3 module are installed")
        return 0
    print(f"missing: {', '.join(lacking)}; installing {' '.join(PACKAGES)} with apt-get")
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("cannot install: run as root on Debian/Ubuntu, or install them yourself", file=sys.stderr)
        return 1
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-q"],
                    ["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES]):
        if subprocess.run(command, env=env).returncode != 0:
            print(f"failed: {' '.join(command)}", file=sys.stderr)
            return 1
    still = missing()
    if still:
        print(f"still missing after apt-get: {', '.join(still)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A real headless Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by
Selenium) that can reach 127.0.0.1 only: every other host name resolves to nothing, and the
browser's own background traffic (updates, sync, safe browsing) is switched off."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

BINARIES = ("chromium", "chromedriver")
LOOPBACK_ONLY = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


@contextmanager
def headless_chromium(width: int = 1200, height: int = 2400) -> Iterator[object]:
    """A Selenium WebDriver on Chromium; the test is skipped, naming the missing binary, when
    Chromium or its driver is not installed (``.ci/run`` installs both)."""
    paths = {name: shutil.which(name) for name in BINARIES}
    missing = [name for name, path in paths.items() if path is None]
    if missing:
        pytest.skip(f"no {missing[0]} binary on PATH (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = paths["chromium"]
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-default-apps", "--disable-extensions",
                     f"--host-resolver-rules={LOOPBACK_ONLY}", f"--window-size={width},{height}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(paths["chromedriver"]))
    try:
        yield driver
    finally:
        driver.quit()

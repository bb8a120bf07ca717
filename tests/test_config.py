"""The config file: the example loads, and each kind of mistake is one clear line naming the
file and the key, from the real command, with no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from forum_harvest.config import ConfigError, load_config, parse_duration
from tests.conftest import REPO, run_cli

GOOD_JOB = 'url = "http://127.0.0.1:1/forum.php"\ninterval = "30m"\n'
BAD_CONFIGS = {
    "unknown key": ("[jobs.a]\n" + GOOD_JOB + "crno = '0 3 * * *'\n", "jobs.a.crno: unknown key"),
    "bad cron": ('[jobs.a]\nurl = "http://x.org/"\ncron = "0 3 * *"\n',
                 "jobs.a.cron: '0 3 * *' is not a cron expression"),
    "bad weekday": ('[jobs.a]\nurl = "http://x.org/"\ncron = "0 3 * * 9"\n', "jobs.a.cron"),
    "bad URL": ('[jobs.a]\nurl = "ftp://x.org/"\ninterval = 60\n',
                "jobs.a.url: 'ftp://x.org/' is not an http(s) URL"),
    "bad interval": ('[jobs.a]\nurl = "http://x.org/"\ninterval = "5 minutes"\n',
                     "jobs.a.interval: '5 minutes' is not a duration"),
    "zero interval": ('[jobs.a]\nurl = "http://x.org/"\ninterval = 0\n', "jobs.a.interval"),
    "missing schedule": ('[jobs.a]\nurl = "http://x.org/"\n', "jobs.a: give exactly one of cron or interval"),
    "missing site url": ('[sites.s]\ntimezone = "UTC"\n', "sites.s.url: missing required key"),
    "invalid TOML": ("[jobs.a\n", "invalid TOML"),
    "duplicate job": ("[jobs.a]\n" + GOOD_JOB + "[jobs.a]\n" + GOOD_JOB, "invalid TOML: Cannot declare ('jobs', 'a') twice"),
    "unknown site": ('[jobs.a]\nsite = "nowhere"\ninterval = 60\n', "jobs.a.site: no [sites.nowhere] table"),
    "bad timezone": ('[sites.s]\nurl = "http://x.org/"\ntimezone = "Mars/Olympus"\n',
                     "sites.s.timezone: unknown timezone 'Mars/Olympus'"),
    "bad date order": ('[sites.s]\nurl = "http://x.org/"\ndate_order = "dmy"\n', "sites.s.date_order"),
    "unknown engine": ('[sites.s]\nurl = "http://x.org/"\nengine = "vbulletin9"\n',
                       "sites.s.engine: unknown engine 'vbulletin9': forum-harvest reads"),
    "bad database": ('database_url = "mysql://x/y"\n', "database_url: 'mysql://x/y' is not a database URL"),
    "bad setting": ("[jobs.a]\n" + GOOD_JOB + "settings = { X = [1] }\n", "jobs.a.settings.X"),
    "unknown setting": ("[jobs.a]\n" + GOOD_JOB + "settings = { DOWNLOAD_DELAYY = 2 }\n",
                        "jobs.a.settings: DOWNLOAD_DELAYY: not a Scrapy or forum-harvest setting"),
    "mistyped setting": ("[jobs.a]\n" + GOOD_JOB + 'settings = { CONCURRENT_REQUESTS_PER_DOMAIN = "lots" }\n',
                         "jobs.a.settings: CONCURRENT_REQUESTS_PER_DOMAIN = 'lots': expected a number"),
    "cookies in job settings": ("[jobs.a]\n" + GOOD_JOB + "settings = { FORUM_COOKIES = '{\"auth\": \"x\"}' }\n",
                                "jobs.a.settings: FORUM_COOKIES: a secret; put it in [sites.NAME] cookies"),
}


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_config_is_one_clear_line(tmp_path, case):
    text, expected = BAD_CONFIGS[case]
    path = tmp_path / "forum-harvest.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and expected in message and "\n" not in message, message


@pytest.mark.parametrize("command", [("schedule", "list"), ("schedule", "run", "--once")])
def test_the_commands_print_that_line_and_no_traceback(tmp_path, command):
    path = tmp_path / "forum-harvest.toml"
    path.write_text(BAD_CONFIGS["bad cron"][0], encoding="utf-8")
    result = run_cli(*command, "--config", str(path), "--db", f"sqlite:///{tmp_path}/f.db")
    assert_one_line_error(result, str(path), BAD_CONFIGS["bad cron"][1])


def test_missing_file_and_unknown_job_name(tmp_path):
    missing = tmp_path / "nope.toml"
    assert_one_line_error(run_cli("schedule", "list", "--config", str(missing)), str(missing), "no such config file")
    path = tmp_path / "forum-harvest.toml"
    path.write_text("[jobs.a]\n" + GOOD_JOB, encoding="utf-8")
    result = run_cli("schedule", "run-now", "b", "--config", str(path), "--db", f"sqlite:///{tmp_path}/f.db")
    assert_one_line_error(result, "no job named 'b'", "jobs: a")


def test_config_found_through_the_environment(tmp_path):
    path = tmp_path / "elsewhere.toml"
    path.write_text("[jobs.a]\n" + GOOD_JOB + "bogus = 1\n", encoding="utf-8")
    result = run_cli("schedule", "list", env={"FORUM_HARVEST_CONFIG": str(path)})
    assert_one_line_error(result, str(path), "jobs.a.bogus: unknown key")


def test_the_example_file_is_valid():
    config = load_config(REPO / "forum-harvest.example.toml")
    assert config.jobs and config.sites
    for name, job in config.jobs.items():
        assert job.start_urls(config.sites), name


@pytest.mark.parametrize("text, seconds", [(90, 90), ("90s", 90), ("30m", 1800), ("1h30m", 5400), ("1d", 86400), ("1.5h", 5400)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


def test_a_full_file(tmp_path: Path):
    path = tmp_path / "forum-harvest.toml"
    path.write_text(
        'database_url = "sqlite:///data/forum.db"\n'
        '[scheduler]\ntimezone = "Asia/Shanghai"\nmisfire_grace_time = "5m"\n'
        '[sites.example]\nurl = "https://bbs.example.org/"\nsite_names = ["例子论坛"]\ncharset = "gbk"\n'
        'cookies = { auth = "x" }\n'
        '[jobs.nightly]\nsite = "example"\ncron = "0 3 * * *"\njitter = "5m"\ntimeout = "2h"\n'
        'settings = { CONCURRENT_REQUESTS_PER_DOMAIN = 1, AUTOTHROTTLE_ENABLED = true }\n',
        encoding="utf-8",
    )
    config = load_config(path)
    job = config.jobs["nightly"]
    assert job.start_urls(config.sites) == ["https://bbs.example.org/"]
    assert (job.timeout, job.jitter, config.scheduler.misfire_grace_time) == (7200, 300, 300)
    assert config.sites["example"].timezone == "Asia/Shanghai"

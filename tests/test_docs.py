"""The README and the docs site (issue 23): the site builds with no warning, the configuration
reference lists every setting and key, and the documented commands work on the sample forum."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from forum_harvest.config import SECTION_MODELS, HarvestConfig
from tests.conftest import REPO
from tests.doc_examples import Workdir, examples_of, unrun_sample_forum_commands

DOCS = REPO / "docs"
PAGES = ["README.md", *sorted(str(path.relative_to(REPO)) for path in DOCS.rglob("*.md")
                              if examples_of(path, path.name))]

sys.path.insert(0, str(DOCS / "hooks"))
from code_reference import Undescribed, described_assignments  # noqa: E402


def build(config: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        cwd=REPO, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build(REPO / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def page_text(site: Path, page: str) -> str:
    return re.sub(r"<[^>]+>", " ", (site / page / "index.html").read_text(encoding="utf-8"))


def test_the_site_builds_with_every_page_of_the_nav(site):
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    nav_pages = re.findall(r"'([\w/-]+)\.md'", str(config["nav"]))
    assert {str(path.relative_to(DOCS))[:-3] for path in DOCS.rglob("*.md")} == set(nav_pages)
    for page in nav_pages:
        assert (site / ("" if page == "index" else page) / "index.html").is_file(), page


def test_a_dead_link_fails_the_build(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("hooks"))
    with (docs / "querying.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the old page](no-such-page.md).\n")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    # The copy's config sits in tmp_path: its other paths still name the repository's files.
    config.update(docs_dir=str(docs), hooks=[str(REPO / path) for path in config["hooks"]],
                  watch=[str(REPO / path) for path in config["watch"]])
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr


def test_the_reference_lists_every_setting_and_config_key(site):
    import scraper.settings

    reference = page_text(site, "configuration")
    settings = [name for name in vars(scraper.settings) if name.isupper()]
    assert len(settings) > 50
    assert [name for name in settings if name not in reference] == []
    keys = [f"{section}.{key}" for section, model in SECTION_MODELS.items() for key in model.model_fields]
    keys += list(HarvestConfig.model_fields)
    assert [key for key in keys if key.rsplit(".", 1)[-1] not in reference] == []
    for section in SECTION_MODELS:
        assert f"[{section}" in reference


def test_a_setting_without_a_description_fails_the_reference():
    with pytest.raises(Undescribed, match="settings.py: FORUM_MEDIA has no comment"):
        described_assignments("# Politeness: how long to wait.\nFORUM_WAIT = 1\n\nFORUM_MEDIA = True\n", "settings.py")


def test_a_comment_describes_the_settings_of_its_paragraph():
    described = described_assignments(
        "# How long to wait.\nFORUM_WAIT = 1\nFORUM_WAIT_MAX = 2  # at most\n\n"
        "# Media.\nFORUM_MEDIA = {\n    # not a heading\n    'a': 1,\n}\nFORUM_MEDIA_MAX = 3\n",
        "settings.py")
    assert [(item.name, item.default, item.description) for item in described] == [
        ("FORUM_WAIT", "1", "How long to wait."),
        ("FORUM_WAIT_MAX", "2", "How long to wait. — at most"),
        ("FORUM_MEDIA", "", "Media."),
        ("FORUM_MEDIA_MAX", "3", "Media."),
    ]


def test_the_reliability_page_shows_the_fault_matrix(site):
    matrix = (REPO / "tests" / "README.md").read_text(encoding="utf-8").split("## Fault matrix", 1)[1].split("\n## ")[0]
    tests = re.findall(r"\b(test_\w+)", matrix)
    reliability = page_text(site, "reliability")
    assert len(tests) > 30
    assert [name for name in tests if name not in reliability] == []


def test_every_example_on_the_sample_forum_is_run():
    pages = [REPO / "README.md", *DOCS.rglob("*.md")]
    assert {str(page.relative_to(REPO)): unrun_sample_forum_commands(page) for page in pages
            if unrun_sample_forum_commands(page)} == {}


def problems_of(page: str, workdir: Workdir) -> list[str]:
    return [problem for example in examples_of(REPO / page, page) for problem in workdir.run(example)]


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Iterator[tuple[Workdir, list[str]]]:
    """The examples' folder, and what went wrong with the README's, which run first: its
    first crawl of the sample forum is what the other pages' examples query."""
    from forum_harvest.sample_forum import SampleForum, start_server

    server = start_server(SampleForum.build(), port=0)
    workdir = Workdir(tmp_path_factory.mktemp("examples"), server.url.removeprefix("http://").rstrip("/"))
    yield workdir, problems_of("README.md", workdir)
    server.stop()


@pytest.mark.parametrize("page", PAGES)
def test_the_documented_commands_work(page, examples):
    workdir, readme_problems = examples
    problems = readme_problems if page == "README.md" else problems_of(page, workdir)
    assert problems == [], "\n".join(problems)


def test_the_export_contract_lists_every_exported_field(examples):
    result = examples[0].shell("forum-harvest export --thread 42 --format jsonl")
    assert result.returncode == 0, result.stderr
    exported = list(json.loads(result.stdout.splitlines()[0]))
    contract = (DOCS / "exports.md").read_text(encoding="utf-8").split("## The export contract", 1)[1]
    documented = [name for row in re.findall(r"^\| (`.*?) \|", contract, re.M) for name in re.findall(r"`(\w+)`", row)]
    assert sorted(documented) == sorted(exported)

"""A real phpBB with phpBB SEO's extension on loopback, read with the phpBB engine alone by its
rewritten links: ``make real-phpbb-test`` with USU_SOURCE (a tree of the ``phpbbseo/usu``
extension) beside PHPBB_SOURCE. The board of ``tests/test_real_phpbb.py``, the extension set up
in its ACP in each of ``seo_urls.MODES`` (with "zero duplicate", phpBB's own URLs answer 301
to the rewritten ones: the walk asks them, the crawl asks every page as linked); ``walk`` follows the index's forum link and every
pager's next link (all rewritten), and ``forum-harvest crawl`` stores the board. Without both
sources this module is one skip line; ``tests/test_phpbb_seo.py`` reads pages captured so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if not (os.environ.get("PHPBB_SOURCE") and os.environ.get("USU_SOURCE")):
    pytest.skip("real phpBB SEO harness: PHPBB_SOURCE and USU_SOURCE are not both set",
                allow_module_level=True)

from tests.real_phpbb.seo_urls import MODES

pytestmark = pytest.mark.real_phpbb


@pytest.fixture(scope="module", params=sorted(MODES))
def board(request):
    from tests.real_phpbb.scenario import running_board
    from tests.real_phpbb.walk import walk

    seo = (Path(os.environ["USU_SOURCE"]), request.param)
    with running_board(Path(os.environ["PHPBB_SOURCE"]), seo=seo) as running:
        yield running, walk(running.base_url)


def _visible(truth: dict) -> list[tuple[int, int, str]]:
    return sorted((p["post_id"], p["topic_id"], p["author"]) for p in truth["posts"] if p["post_visibility"] == 1)


def test_the_walk_by_rewritten_links_reads_every_topic_and_post(board):
    running, walked = board
    assert sorted(walked.rows) == sorted(topic["topic_id"] for topic in running.truth["topics"])
    assert sorted((post.post_id, topic_id, post.author) for topic_id, post in walked.posts) == _visible(running.truth)
    assert [url for url in walked.urls if ".php" not in url]  # the forum and its pages, by the extension's links


def test_a_crawl_stores_every_post(board, tmp_path):
    from tests.conftest import FAST, run_cli
    from tests.exports import export

    running, _ = board
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", running.base_url + "/index.php", "--db", db_url, "--no-warc", "-v", *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    # each page asked as linked: none by phpBB's own URL, which "zero duplicate" answers with a 301
    assert "response_status_count/301" not in result.stdout + result.stderr
    assert sorted((r["post_id"], r["thread_id"], r["author"]) for r in export(db_url)) == _visible(running.truth)

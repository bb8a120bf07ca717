"""End to end per skin: a real crawl (subprocess) of the sample forum served in each template
family, language pack and clock exports the same ground truth, minus what the family cannot
show (``tests.exports.Shows``)."""

from __future__ import annotations

import pytest

from forum_harvest.sample_forum import start_server
from tests.exports import Shows, crawl, differences, expected, export, summary

CASES = [
    pytest.param({}, "forum.php", Shows(), id="x35"),
    pytest.param({"skin": "x25"}, "forum.php", Shows(), id="x25"),
    pytest.param({"skin": "d7"}, "index.php", Shows(seconds=False), id="d7"),
    pytest.param({"skin": "custom"}, "forum.php", Shows(), id="custom"),
    pytest.param({"lang": "en"}, "forum.php", Shows(), id="x35+en"),
    pytest.param({"lang": "zh_tw"}, "forum.php", Shows(), id="x35+zh_tw"),
    pytest.param({"skin": "custom", "clock12": True}, "forum.php", Shows(), id="custom+12h"),
    pytest.param({"skin": "d7"}, "archiver/",
                 Shows(archiver="real", seconds=False, paid_threads=False, archiver_attachments=True),
                 id="d7 archiver"),
    pytest.param({"real_archiver": True}, "archiver/", Shows(archiver="real", seconds=False), id="x35 archiver"),
]


@pytest.mark.parametrize("look, start, shows", CASES)
def test_crawl_of_a_skin_exports_the_ground_truth(sample_site, tmp_path, look, start, shows):
    forum, _ = sample_site
    server = start_server(forum, port=0, **look)
    try:
        db_url = f"sqlite:///{tmp_path / 'skin.db'}"
        result = crawl(server.url + start, db_url)
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    wanted = expected(forum, server.url, shows)
    wrong = differences(export(db_url), wanted)
    assert not wrong, summary(wrong, len(wanted))

"""A deterministic Discuz! X3.5-style forum with its ground truth, served over HTTP.

    forum = SampleForum.build(now=None, seed=7, site_name="示例论坛")
    server = start_server(forum)          # http://127.0.0.1:<free port>/
    forum.truth_records()                 # what a perfect crawl exports
    server.stop()

    start_server(forum, skin="d7", lang="en", clock12=True)   # another version, pack, clock
    render(forum, "/viewthread.php?tid=3", skin="custom")      # one page, without HTTP
"""

from forum_harvest.sample_forum.model import SITE_TZ, Forum, Post, SampleForum, Thread
from forum_harvest.sample_forum.engines import render
from forum_harvest.sample_forum.server import SampleServer, serve, start_server

__all__ = ["SITE_TZ", "Forum", "Post", "SampleForum", "SampleServer", "Thread", "render", "serve", "start_server"]

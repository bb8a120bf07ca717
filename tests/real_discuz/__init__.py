"""Harness for a real Discuz! installed on loopback (issue 24): ``make real-discuz-test``.

Modules: ``servers`` (MariaDB, PHP), ``install`` (non-interactive install), ``front_end``
(members and moderators over HTTP), ``seed``, ``forum_truth`` (the forum's tables),
``capture`` (robot-mode and normal pages), ``crawl`` (``forum-harvest crawl``), ``compare``,
``scenario`` (the steps).
"""

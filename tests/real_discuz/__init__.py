"""Harness for a real Discuz! installed on loopback (issue 24): ``make real-discuz-test``.

Modules, in the order a run uses them: ``system_packages`` (apt-get PHP and MariaDB when
missing), ``servers`` (a throwaway MariaDB, PHP's built-in server), ``install`` (Discuz's
installer driven over HTTP, settings, ``updatecache()``), ``http_client``, ``front_end``
(members and moderators over HTTP), ``seed``, ``forum_truth`` (the forum's tables),
``capture`` (robot-mode and normal pages), ``crawl`` (``forum-harvest crawl``), ``compare``,
``scenario`` (the steps), ``rewrite`` (URL
rewriting on and its rules served: ``--rewrite``), ``__main__`` (``python -m tests.real_discuz``). The live tests are
``tests/test_real_discuz.py``; ``test_captured_pages`` and ``test_compare`` here need no forum.
"""

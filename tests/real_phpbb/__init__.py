"""Harness for a real phpBB installed on loopback: ``make real-phpbb-test PHPBB_SOURCE=…``.

Modules, in the order a run uses them: ``system_packages`` (apt-get PHP and its sqlite3 module
when missing), ``install`` (phpBB's CLI installer on SQLite, settings and members with its
console; 3.1: ``web_install``, its web installer, and the registration form), ``front_end``
(members and a moderator over HTTP), ``seed``, ``forum_truth`` (the
board's tables), ``capture`` (pages as a guest and as a search engine's bot receive them),
``scenario`` (the steps), ``walk`` (the board read with the engine alone), ``__main__``
(``python -m tests.real_phpbb [--capture DIR] [--seo MODE]``); with ``--seo``, ``seo_urls``
(phpBB SEO's ``phpbbseo/usu`` extension from USU_SOURCE, set up through ``acp``, the admin
panel as an admin's browser uses it, and a router applying the ``.htaccess`` it writes). The
PHP server is ``tests.real_discuz.servers``'.

PHPBB_SOURCE is a phpBB 3.1+ tree with its composer ``vendor/``: a release package's root, or
the ``phpBB/`` directory of a checkout with ``vendor/`` installed in it. ``phpbb-33-live`` was
made from the ``release-3.3.10`` tag of phpbb/phpbb (``phpBB/``) with the ``vendor/`` of a
3.3.10 release package whose ``composer.lock`` is identical to the tag's; ``phpbb-3211-``,
``phpbb-322-`` and ``phpbb-318-prosilver`` from their tags and vendors as their README say.

What does not run on Debian's PHP 8.2 as released (tried): phpBB 3.2.2 (PHP 4 constructors,
Twig 1.35's nested ternary, patchwork/utf8's ``MB_OVERLOAD_STRING``…) and 3.0.14 (curly-brace
string offsets, PHP 4 constructors, ``preg_replace``'s ``/e``…); 3.0 also needs MySQL or
PostgreSQL, its SQLite driver being PHP's old ``sqlite`` extension. The 3.2.2 fixture
(``phpbb-322-prosilver``) was made by this harness from a copy changed to run on PHP 8.2; the
3.0 fixtures (``phpbb-30-prosilver``, ``phpbb-30-subsilver2``) and the 2.0.23 one
(``phpbb-20-subsilver``) were captured from copies made to run outside this repository, with
this harness's ``seed`` (2.0: the same content through 2.0's forms) and ``capture``; see their
README.
"""

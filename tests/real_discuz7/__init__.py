"""Harness for a real Discuz! 7.2 (UTF-8, GBK, Big5) or 6.0 on loopback (issue 19):
``python -m tests.real_discuz7``, or ``tests/test_real_discuz7.py``'s live test with
DISCUZ7_SOURCE set.

Modules, in the order a run uses them: ``edition`` (the GBK or Big5 edition of the UTF-8
source), ``port7`` (PHP 8.2 by mechanical rewrites, with ``mysql_functions.php``),
``install7`` (the installer over HTTP, settings, boards), ``front_end7`` (members over HTTP),
``seed7``, ``capture7`` (the truth from the tables, the pages a guest gets), ``__main__``.
The servers are ``tests/real_discuz/servers.py``'s.
"""

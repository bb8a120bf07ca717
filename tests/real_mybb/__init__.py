"""A real MyBB 1.8 on loopback, installed from its public source and seeded through its own
front end, whose pages and truth are kept in ``tests/fixtures/mybb-1.8``.

Run with ``python -m tests.real_mybb --source DIR --capture tests/fixtures/mybb-1.8``; the
MariaDB and PHP servers come from ``tests.real_discuz.servers``.
"""

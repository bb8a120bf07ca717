"""A real SMF 2.1 on loopback, installed from its public source and seeded through its own
front end, whose pages and truth are kept in ``tests/fixtures/smf-2.1``.

Run with ``python -m tests.real_smf --source DIR --capture tests/fixtures/smf-2.1``; the
MariaDB and PHP servers come from ``tests.real_discuz.servers``.
"""

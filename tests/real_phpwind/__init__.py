"""Real phpwinds on loopback: a 9.1 (its pages captured with ``capture.py``, truth from its
tables: tests/fixtures/phpwind-9.1) and an 8.7 made to run on PHP 8.2 (``python -m
tests.real_phpwind``: tests/fixtures/phpwind-8.7; READMEs there)."""

"""Real phpwinds on loopback: a 9.1 (a PHP 8 port; tests/fixtures/phpwind-9.1 captured from a
hand-made install with ``capture.py``, tests/fixtures/phpwind-9.1-gbk by ``python -m
tests.real_phpwind``) and an 8.7 made to run on PHP 8.2 (``python -m tests.real_phpwind``:
tests/fixtures/phpwind-8.7, phpwind-8.7-gbk), each in its UTF-8 or GBK edition (``edition``);
READMEs there."""

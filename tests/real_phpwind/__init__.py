"""A real phpwind 9 on loopback: its pages captured with the truth from its tables
(tests/fixtures/phpwind-9.1, README there)."""

"""Forum engines: one package each, behind ``scraper.engines.base.Engine``."""

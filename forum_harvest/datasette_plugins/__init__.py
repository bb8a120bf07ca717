"""Datasette plugins that ``forum-harvest browse`` loads with --plugins-dir."""

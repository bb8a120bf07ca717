"""MkDocs hook: fills markers in the docs pages with text made from the repository itself.

- ``<!-- reference: settings -->``: a table of every Scrapy setting of ``scraper/settings.py``;
- ``<!-- reference: config -->``: a table per table of ``forum-harvest.toml``, every key;
- ``<!-- include: PATH#HEADING -->``: the section of the repository file PATH under the
  heading that starts with HEADING (dashes for its spaces; the heading line left out), so a
  text kept beside the code (the fault matrix in ``tests/README.md``) is shown, not copied.

A marker it cannot fill fails the build, as does an undescribed setting (``code_reference``).
"""

from __future__ import annotations

import html
import re
import sys
import typing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from code_reference import REPO, Described, model_keys, scrapy_settings  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

MARKER = re.compile(r"<!-- (reference|include): (\S+) -->")
HEADING = re.compile(r"(#+) ")


def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        return MARKER.sub(lambda match: filled(match.group(1), match.group(2), page.file.src_uri), markdown)
    except (ValueError, OSError) as error:  # Undescribed is a ValueError: one line, no traceback
        raise PluginError(str(error)) from None


def filled(kind: str, argument: str, page: str) -> str:
    if kind == "include":
        path, _, heading = argument.partition("#")
        return section(REPO / path, heading.replace("-", " "), page)
    if argument == "settings":
        return settings_table()
    if argument == "config":
        return config_tables()
    raise ValueError(f"{page}: unknown reference {argument!r} (settings or config)")


def section(path: Path, heading: str, page: str) -> str:
    """The lines under the heading of ``path`` that starts with ``heading``, up to the next
    heading of the same or a higher level."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        level = HEADING.match(line)
        if level and line[level.end():].startswith(heading):
            body = []
            for following in lines[number + 1:]:
                other = HEADING.match(following)
                if other and len(other.group(1)) <= len(level.group(1)):
                    break
                body.append(following)
            return "\n".join(body).strip() + "\n"
    raise ValueError(f"{page}: {path.relative_to(REPO)} has no heading starting with {heading!r}")


def settings_table() -> str:
    return _table(("setting", "default", "what it does"),
                  [(f"`{item.name}`", _code(item.default), _prose(item.description)) for item in scrapy_settings()])


def config_tables() -> str:
    """One table for the top level of the file, then one per table it may hold."""
    from forum_harvest.config import SECTION_MODELS, HarvestConfig

    parts = ["### Top level {#top-level}\n", _keys_table(HarvestConfig)]
    for section_name, model in SECTION_MODELS.items():
        annotation = HarvestConfig.model_fields[section_name].annotation
        table = f"[{section_name}.NAME]" if typing.get_origin(annotation) is dict else f"[{section_name}]"
        doc = " ".join((model.__doc__ or "").split())
        parts += [f"### `{table}` {{#{section_name}}}\n", f"{doc}\n" if doc else "", _keys_table(model)]
    return "\n".join(parts)


def _keys_table(model: type) -> str:
    return _table(("key", "type", "default", "what it is"),
                  [(f"`{item.name}`", _code(_type_name(item)), _code(item.default), _prose(item.description))
                   for item in model_keys(model)])


def _type_name(item: Described) -> str:
    """The annotation without its validators: ``Annotated[dict[...], ...]`` shows its first part."""
    annotation = item.annotation
    if annotation.startswith("Annotated["):
        annotation = annotation.removeprefix("Annotated[").split(", ")[0]
        annotation += "]" * (annotation.count("[") - annotation.count("]"))
    return annotation


def _code(text: str | None) -> str:
    """Source text as code in a table cell (where a backquoted ``|`` would end the cell)."""
    if text is None:
        return "required"
    return f"<code>{html.escape(text).replace('|', '&#124;')}</code>" if text else "(several lines: see the source)"


def _prose(text: str) -> str:
    """A comment as Markdown: ``<`` and ``>`` outside backquotes are text, not HTML."""
    parts = text.split("`")
    return "`".join(html.escape(part, quote=False) if index % 2 == 0 else part for index, part in enumerate(parts))


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "&#124;") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"

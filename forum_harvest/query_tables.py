"""Human-readable output of the query commands (rich): search hits, one thread, SQL rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

MATCH_STYLE = "bold black on yellow"


def print_search_hits(console: Console, query: str, hits: Sequence[dict[str, Any]]) -> None:
    table = Table(title=f"{len(hits)} {'hit' if len(hits) == 1 else 'hits'} for {query!r}", show_lines=True)
    for name, justify in (("thread", "right"), ("floor", "right"), ("author", "left"),
                          ("posted_at", "left"), ("title / snippet", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for hit in hits:
        title = Text(hit["thread_title"] or "", style="bold")
        table.add_row(
            str(hit["thread_id"]),
            str(hit["floor"]),
            hit["author"] or "",
            (hit["posted_at"] or "")[:16],
            Group(title, _highlighted(hit["snippet_segments"])),
        )
    console.print(table)


def print_thread(console: Console, posts: Sequence[dict[str, Any]]) -> None:
    """The thread as a reader sees it: title, then each floor with its quotes, attachments
    (one line each: name, size, URL) and edit mark."""
    first = posts[0]
    console.print(Text(first["thread_title"] or f"thread {first['thread_id']}", style="bold"))
    console.print(Text(f"{first['forum_name'] or ''} · {first['site']} · thread {first['thread_id']}",
                       style="dim"))
    for post in posts:
        parts: list[Any] = [
            Panel(Text(quote["text"]), title=_quote_title(quote), title_align="left", style="dim")
            for quote in post["quotes"] or []
        ]
        parts.append(Text(post["body"] or ""))
        parts += [Text(shown_attachment(attachment), style="dim") for attachment in post.get("attachments") or []]
        if post["edited_at"]:
            by = f" by {post['edited_by']}" if post.get("edited_by") else ""
            parts.append(Text(f"(edited{by} at {post['edited_at'][:16]})", style="italic dim"))
        if post["signature"]:
            parts.append(Text(f"— {post['signature']}", style="dim"))
        header = f"#{post['floor']}  {post['author'] or '?'}  {(post['posted_at'] or '')[:16]}"
        console.print(Panel(Group(*parts), title=header, title_align="left"))


def shown_attachment(attachment: dict[str, Any]) -> str:
    """One attachment on one line: "attachment: name (size, N downloads) URL"."""
    details = attachment_details(attachment)
    shown = f"attachment: {attachment.get('name') or '(unnamed)'}"
    shown += f" ({', '.join(details)})" if details else ""
    return shown + (f" {attachment['url']}" if attachment.get("url") else "")


def attachment_details(attachment: dict[str, Any]) -> list[str]:
    """What the page told of an attachment besides its name: size, downloads, guards."""
    details = [attachment["size"]] if attachment.get("size") else []
    details += [f"{attachment['downloads']} downloads"] if attachment.get("downloads") is not None else []
    details += ["needs login"] if attachment.get("needs_login") else []
    details += ["needs credits"] if attachment.get("needs_credits") else []
    return details


def print_rows(console: Console, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Any result set as a table; how many rows it had."""
    table = Table()
    for name in columns:
        table.add_column(name)
    count = 0
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row))
        count += 1
    console.print(table)
    console.print(f"{count} rows", style="dim")
    return count


def _highlighted(segments: Sequence[tuple[str, bool]]) -> Text:
    text = Text()
    for piece, is_match in segments:
        text.append(piece, style=MATCH_STYLE if is_match else None)
    return text


def _quote_title(quote: dict[str, Any]) -> str:
    when = f" {quote['posted_at'][:16]}" if quote.get("posted_at") else ""
    return f"quoting {quote.get('author') or '?'}{when}"

"""Crawl the sample forum in a subprocess, export it, and compare the export with the ground
truth: shared by the end-to-end tests.

A page family cannot always show everything the truth holds (the archiver has no post ids,
6.x/7.x times have no seconds): ``Shows`` says what one can, ``expected`` turns the truth into
what a perfect crawl of that family exports, ``differences`` lists what a crawl got wrong.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from forum_harvest.sample_forum import SampleForum
from forum_harvest.sample_forum.engine_shows import SHOWS
from forum_harvest.sample_forum.model import ATTACHMENT_PLACEHOLDER, IMAGE_PLACEHOLDER, Attachment, Image, Post
from tests.conftest import FAST, run_cli

Key = tuple[int, int]  # (thread_id, floor)


def crawl(url: str, db_url: str, *extra: str):
    return run_cli("crawl", url, "--db", db_url, *FAST, *extra)


def export(db_url: str) -> list[dict]:
    result = run_cli("export", "--format", "jsonl", "--db", db_url)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def lines(text: str | None) -> list[str] | None:
    """A text's non-blank lines, each kept exactly: blank lines between paragraphs are
    layout (a `<ul><br />` makes one), not the author's characters."""
    return None if text is None else [line for line in text.split("\n") if line.strip()]


def truth_lines(record: dict, archiver: bool) -> list[str]:
    """The truth body's lines; the archiver prints no pictures or attachments, so no placeholder lines."""
    return [line for line in lines(record["body"])
            if not (archiver and line in (IMAGE_PLACEHOLDER, ATTACHMENT_PLACEHOLDER))]


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Shows:
    """What one page family shows of a post. ``archiver``: None (thread pages), "simple"
    (the sample's simplified archiver: no pictures) or "real" (``[img]`` URLs left in the text,
    attachments gone, ``**** Hidden Message *****``); ``seconds``: whether post times keep
    the seconds the truth has (6.x/7.x and the real archiver print minutes); ``paid_threads``:
    whether threads with a price are shown at all (not in the 6.x/7.x archiver)."""

    archiver: str | None = None
    seconds: bool = True
    priced_threads: bool = True  # 6.x/7.x's archiver leaves threads with a price out
    paid_threads: bool = True
    archiver_attachments: bool = False  # 6.x/7.x's archiver keeps [attach]N[/attach]: a placeholder each
    engine: str = "discuz"  # the engine serving the sample forum (its truth: engine_shows)


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _archiver_lines(post: Post | None, record: dict, shows: Shows) -> list[str]:
    if shows.archiver == "simple" or post is None or not record["body"]:
        return truth_lines(record, archiver=True)
    attachment = ATTACHMENT_PLACEHOLDER if shows.archiver_attachments else ""
    shown = ("".join(IMAGE_PLACEHOLDER if isinstance(p, Image) else attachment if isinstance(p, Attachment)
                     else p if isinstance(p, str) else p.text for p in line.parts) for line in post.lines)
    return [line for line in shown if line.strip()]


def expected(forum: SampleForum, base_url: str, shows: Shows) -> dict[Key, dict]:
    """The fields a perfect crawl of a family exports, per (thread_id, floor)."""
    posts = {(p.thread_id, p.floor): p for p in forum.posts}
    paid = {p.thread_id for p in forum.posts if p.paid}
    out = {}
    priced = {p.thread_id for p in forum.posts if p.paid}
    for record in forum.truth_records(base_url=base_url, engine=shows.engine):
        key = (record["thread_id"], record["floor"])
        if not shows.priced_threads and key[0] in priced:
            continue
        if record["thread_id"] in paid and not shows.paid_threads:
            continue
        when, precision = record["posted_at"], record["posted_at_precision"]
        if not shows.seconds:
            when, precision = _minute(when), "minute"
        fields = {"author": record["author"], "posted_at": iso(when), "posted_at_precision": precision,
                  "edited_at": iso(record["edited_at"])}
        if shows.archiver:
            fields["body"] = _archiver_lines(posts.get(key), record, shows)
            if shows.archiver == "real":
                fields["content_hidden"] = record["content_hidden"]
        else:
            post = posts[key]
            in_text = len([p for line in post.lines for p in line.parts
                           if isinstance(p, Image) or (isinstance(p, Attachment) and p.is_image)])
            if SHOWS[shows.engine].listed_at_end:  # the pictures not placed in the text follow it
                in_text += len([a for a in post.attachments_below if a.is_image])
            body = lines(record["body"])
            fields |= {"post_id": record["post_id"], "body": body, "signature": record["signature"],
                       "quotes": [(q["author"], lines(q["text"])) for q in record["quotes"]],
                       "images": record["images"][:in_text], "author_banned": record["author_banned"],
                       "content_hidden": record["content_hidden"],
                       "attachment_names": [a["name"] for a in record["attachments"]]}
        out[key] = fields
    return out


def _got(record: dict, field: str):
    if field == "body":
        return lines(record["body"])
    if field == "quotes":
        return [(q["author"], lines(q["text"])) for q in record["quotes"]]
    if field == "attachment_names":
        return [a["name"] for a in record["attachments"]]
    return record.get(field)


def differences(records: list[dict], wanted: dict[Key, dict]) -> dict[str, list[Key]]:
    """Per field, the posts whose exported value differs from ``wanted``; "missing" and
    "extra" list posts only one side has."""
    got = {(r["thread_id"], r["floor"]): r for r in records}
    wrong: dict[str, list[Key]] = defaultdict(list)
    for key in sorted(set(wanted) - set(got)):
        wrong["missing"].append(key)
    for key in sorted(set(got) - set(wanted)):
        wrong["extra"].append(key)
    for key in sorted(set(wanted) & set(got)):
        for field, value in wanted[key].items():
            if _got(got[key], field) != value:
                wrong[field].append(key)
    return dict(wrong)


def summary(wrong: dict[str, list[Key]], total: int) -> str:
    """One line per field: how many of ``total`` posts are wrong, and the first few."""
    return "\n".join(f"{field}: {len(keys)}/{total} wrong, e.g. {keys[:4]}" for field, keys in wrong.items())

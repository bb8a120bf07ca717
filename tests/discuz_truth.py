"""What a real Discuz!'s stored message (``pre_forum_post.message``, BBCode) says, in the shape
the shared truth readers take (``tests.bbcode_truth``): for the captures of
tests/real_discuz (tests/fixtures/discuz-x35-*)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

SHOWN = timedelta(hours=8)  # the captured forums' timeoffset (their footers say GMT+8)
# The quote Discuz's 引用 button writes (post_newreply.php): its head names the quoted
# author and the quoted post's time, shown in the forum's zone (发表于 / 發表於).
_QUOTE_HEAD = re.compile(r"\[quote\]\[size=2\]\[url=[^\]]*\]\[color=#999999\](?P<author>\S+) \S+ "
                         r"(?P<time>\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2})\[/color\]\[/url\]\[/size\]")
# The edit notice Discuz puts before an edited message (lang_misc.php post_edit, any pack).
EDIT = re.compile(r"\[i=s\] \S+由 (?P<editor>\S+) \S (?P<time>\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}) \S+ \[/i\]\s*")


def shown_time(text: str) -> datetime:
    """A time as the forum prints it (its zone, to the minute) in UTC."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC) - SHOWN


def truth_bbcode(message: str) -> str:
    """The stored message as a reader should end with it: the edit notice kept apart, a
    quote's head turned into its author and time (``[quote=NAME dateline=EPOCH]``)."""
    return _QUOTE_HEAD.sub(lambda found: f"[quote={found['author']} dateline="
                           f"{int(shown_time(found['time']).timestamp())}]", EDIT.sub("", message))

"""What each engine prints of the sample forum's content where Discuz! prints it otherwise:
the one place the ground truth (``SampleForum.truth_records(engine=…)``) bends per engine.

Left as Discuz shows it, on every engine: floors are positions 1, 2, 3… (沙发/板凳 are only
Discuz's names for them); a ``[hide]`` block or a paid message is a guest stand-in
(``content_hidden``, no body text); threads guests may not read, and the members-only forum,
give no posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forum_harvest.sample_forum.model import Post


# Where NodeBB serves uploads (its ``upload_url`` ``/assets/uploads`` and ``files/``).
NODEBB_UPLOADS = "assets/uploads/files/"


@dataclass(frozen=True)
class EngineShows:
    """``banned_posts``: a banned member's posts stay readable, the member titled "Banned"
    (Discuz replaces the message with a notice); ``precision``: every post time is printed to
    this precision (XenForo's ``data-time`` epochs: "second"; vBulletin's ``06-15-2016, 03:03 PM``
    and "Today, 03:03 PM": "minute", the seconds dropped), else Discuz's rule (seconds while
    relative, minutes after; SMF's with the forum's ``time_format`` set to seconds: "second");
    ``placed_file_names``: whether a file placed in the text (not a
    picture) is shown with its name; ``banned_marked``: whether a banned member's posts say so
    (phpBB's do not: they look like anyone's, ``author_banned`` stays false); ``stand_ins``:
    whether a ``[hide]`` block and a paid message are guest stand-ins (phpBB has neither: the
    paid message is shown in full, the block's lines as ordinary lines, ``content_hidden``
    stays false); ``listed_at_end``: the attachments not placed in the text stand at its end, each
    its placeholder in the body (Invision 4 prints no list below the message: the sample
    places them there; Discourse keeps every upload in its ``cooked`` text); ``first_post_ids``:
    whether a thread's own post shows its post id (phpwind keeps it apart from the replies, with
    none: ``read_0``, ``readfloor_tpc``); ``every_signature``: whether the signature stands under
    every post of a member who has one (phpwind 9 has no per-post choice); ``signatures``:
    whether the engine shows one (Discourse has none); ``kept_numbers``: a post's floor is the
    number it was posted at, never renumbered when moderators delete or move posts (Discourse's
    ``post_number``: a deleted post leaves a gap); ``upload_folder``: where the engine serves a
    post's uploads, in front of the file's path (NodeBB's ``assets/uploads/files/``: its
    readers know an upload by it)."""

    banned_posts: bool = False
    precision: str | None = None
    # XenForo links a file placed in the text as "View attachment N": its record has no name.
    placed_file_names: bool = True
    banned_marked: bool = True
    stand_ins: bool = True
    listed_at_end: bool = False
    first_post_ids: bool = True
    every_signature: bool = False
    signatures: bool = True
    kept_numbers: bool = False
    upload_folder: str = ""

    def floor_of(self, post: Post) -> int:
        return post.post_number if self.kept_numbers else post.floor


SHOWS: dict[str, EngineShows] = {
    "discuz": EngineShows(),
    "xenforo": EngineShows(banned_posts=True, precision="second", placed_file_names=False),
    "vbulletin": EngineShows(banned_posts=True, precision="minute"),
    "phpbb": EngineShows(banned_posts=True, precision="second", banned_marked=False, stand_ins=False),
    "mybb": EngineShows(banned_posts=True, precision="minute", banned_marked=False, stand_ins=False),
    "smf": EngineShows(banned_posts=True, precision="second", banned_marked=False, stand_ins=False),
    "invision": EngineShows(banned_posts=True, precision="second", stand_ins=False, listed_at_end=True),
    "phpwind": EngineShows(precision="minute", first_post_ids=False, every_signature=True),
    "phpwind8": EngineShows(precision="second", first_post_ids=False),
    # A suspended member's posts stay; JSON times carry milliseconds, read to the second.
    "discourse": EngineShows(banned_posts=True, precision="second", banned_marked=False, stand_ins=False,
                             listed_at_end=True, signatures=False, kept_numbers=True),
    # A banned member's posts stay, marked in the answer (user.banned); a signature under every
    # post; every upload in the text; times to the millisecond, read to the second.
    "nodebb": EngineShows(banned_posts=True, precision="second", stand_ins=False, listed_at_end=True,
                          every_signature=True, upload_folder=NODEBB_UPLOADS),
}

"""Site names written into post text, as some Discuz! sites do to mark copies.

The site puts its name between two characters of a phrase (``我区`` -> ``我示例论坛区``),
never inside quotation marks and never before a particle or suffix that could make it
read as a genuine mention (``…的``, ``…上``): what a reader can still tell apart. The
ground truth keeps the author's text; only rendered pages carry the name.
"""

from __future__ import annotations

import random
from dataclasses import replace

from forum_harvest.sample_forum.model import Line, Post

SHARE_OF_POSTS = 0.35
_OPENERS, _CLOSERS = "“‘「『《", "”’」』》"
# Characters that, right after a name, make it read as a mention (的/上/里/网友…).
_MENTION_FOLLOWERS = set("的上里中内是有和与及吧啊呢了吗呀看找发学等一网会站版论社首官平账帐注这")


def _is_ideograph(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _spots(text: str) -> list[int]:
    """Positions between two ideographs, outside quotes, not before a mention follower."""
    spots, depth = [], 0
    for i, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif (i + 1 < len(text) and depth == 0 and _is_ideograph(char) and _is_ideograph(text[i + 1])
              and text[i + 1] not in _MENTION_FOLLOWERS):
            spots.append(i + 1)
    return spots


def with_site_name(post: Post, site_name: str, seed: int) -> tuple[Line, ...]:
    """``post.lines`` with the site name injected once, in about a third of the posts."""
    rng = random.Random(f"{seed}:{post.post_id}:site-name")
    if not site_name or rng.random() >= SHARE_OF_POSTS:
        return post.lines
    candidates = [(li, pi) for li, line in enumerate(post.lines)
                  for pi, part in enumerate(line.parts) if isinstance(part, str) and _spots(part)]
    if not candidates:
        return post.lines
    li, pi = rng.choice(candidates)
    line, text = post.lines[li], post.lines[li].parts[pi]
    spot = rng.choice(_spots(text))
    parts = (*line.parts[:pi], text[:spot] + site_name + text[spot:], *line.parts[pi + 1:])
    return (*post.lines[:li], replace(line, parts=parts), *post.lines[li + 1:])

"""The board's content, written through its front end (``front_end``).

Topic "Long topic" spans three pages of three posts and holds what a reader must get right:
BBCode (bold, a link, a list, code), a quote, a nested quote, UTF-8 text, an author's edit
("Last edited by alice …"), a moderator's edit with a reason, and a post a moderator deleted
(soft: guests no longer see it). Bob has a signature. A sticky, a short topic and a topic with
an image make the forum's list span two pages with the install's welcome topic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.real_phpbb.front_end import Member
from tests.real_phpbb.install import ADMIN, FORUM_ID, MEMBERS


@dataclass
class Seeded:
    topics: dict[str, int] = field(default_factory=dict)
    posts: dict[str, int] = field(default_factory=dict)


def seed(base_url: str) -> Seeded:
    admin = Member(base_url, ADMIN[0], ADMIN[1], FORUM_ID)
    alice, bob, carol = (Member(base_url, name, password, FORUM_ID) for name, password in MEMBERS)
    for member in (admin, alice, bob, carol):
        member.login()
    bob.signature("Bob's [i]signature[/i]: keep it short.")
    made = Seeded()

    first = alice.new_topic(FORUM_ID, "Long topic", (
        "Opening post with [b]bold[/b] text and a [url=http://example.test/page]link[/url].\n"
        "[list]\n[*]first item\n[*]second item\n[/list]\nLast line of the opening post."))
    topic = made.topics["long"] = first.topic_id
    made.posts["opening"] = first.post_id
    made.posts["plain"] = bob.reply(topic, "Second post, plain text.").post_id
    made.posts["quote"] = carol.quote(made.posts["opening"], "Quoting alice: I agree.").post_id
    made.posts["utf8"] = alice.reply(topic, "Grüße aus Köln — 你好，世界 — ça va?").post_id
    made.posts["code"] = bob.reply(topic, "Some code:\n[code]for i in range(3):\n    print(i)[/code]"
                                   ).post_id
    made.posts["nested"] = carol.quote(made.posts["quote"], "A nested quote above.").post_id
    made.posts["moderator"] = admin.reply(topic, "A note from the moderator.").post_id
    made.posts["deleted"] = bob.reply(topic, "A post the moderator will delete.").post_id
    made.posts["last"] = alice.reply(topic, "The last post of the long topic.").post_id
    alice.edit(made.posts["opening"], (
        "Opening post with [b]bold[/b] text and a [url=http://example.test/page]link[/url].\n"
        "[list]\n[*]first item\n[*]second item\n[/list]\nLast line, edited by its author."))
    admin.edit(made.posts["plain"], "Second post, plain text (typo fixed).", reason="typo")
    admin.soft_delete(made.posts["deleted"], "off topic")

    short = bob.new_topic(FORUM_ID, "Short topic", "A short topic by bob.")
    made.topics["short"] = short.topic_id
    made.posts["short"] = short.post_id
    made.posts["short_reply"] = alice.reply(short.topic_id, "And a reply by alice.").post_id

    image = carol.new_topic(FORUM_ID, "Picture topic",
                            "Look: [img]http://example.test/picture.png[/img] nice.")
    made.topics["image"] = image.topic_id
    made.posts["image"] = image.post_id

    sticky = admin.new_topic(FORUM_ID, "Read me first", "Board rules: be kind.", sticky=True)
    made.topics["sticky"] = sticky.topic_id
    made.posts["sticky"] = sticky.post_id
    return made

"""Build the sample site deterministically from ``(now, seed)``.

Threads are planned as drafts (author, time, lines, quirks), then numbered the way Discuz
numbers them: tids in order of creation, pids in global order of posting. Old times are whole
minutes (pages show them as ``2025-3-1 10:00``); recent ones (at most five days before ``now``,
so they stay inside Discuz's one-week relative window for a while) keep their seconds.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources

from forum_harvest.sample_forum import wording
from forum_harvest.sample_forum.access import MEMBERS_ONLY_FORUM, restrict
from forum_harvest.sample_forum.model import (
    POSTS_PER_PAGE, SITE_TZ, Attachment, Category, Edit, Forum, Image, Line, Link, LinkForum, Post, Quote,
    SampleForum, Thread, User,
)

CATEGORIES = [Category(1, "写作园地"), Category(5, "站务与休闲")]
FORUMS = [
    Forum(2, "公文写作", 1, description="通知、请示、报告、纪要……各类公文写作交流", jammer=True),
    Forum(3, "经验交流", 1, description="写材料的酸甜苦辣", floor_names=True),
    Forum(4, "讲话稿", 1, parent_forum_id=2, description="各类讲话稿范文", jammer=True),
    Forum(6, "站务公告", 5, description="站务通知与版规"),
    Forum(7, "灌水闲聊", 5, description="工作之余，轻松一下"),
    MEMBERS_ONLY_FORUM,
]
# Forums that only send the visitor to another site: one in a category, one among a board's
# sub-forums (engines that print them: phpBB, MyBB, SMF 2, XenForo, Invision).
LINK_FORUMS = [
    LinkForum(9, "写作资料库", 1, "https://example.org/writing-library", description="外站：公文范文资料库"),
    LinkForum(10, "范文下载", 1, "https://example.org/speech-downloads", parent_forum_id=2,
              description="外站：讲话稿范文下载"),
]
BANNED = "广告达人"
OPENERS = ["如题：{title}，求各位指点。", "最近在琢磨“{title}”，分享一下我的理解。", "{title}——整理了一点心得，欢迎拍砖。"]


@dataclass
class Draft:
    author: str
    posted_at: datetime
    lines: list[Line]
    quote_floor: int | None = None
    quote_text: str | None = None
    edit: Edit | None = None
    show_signature: bool = True
    attachments_below: tuple[Attachment, ...] = ()


@dataclass
class ThreadDraft:
    forum_id: int
    title: str
    posts: list[Draft] = field(default_factory=list)
    sticky: bool = False


def text_lines(*texts: str) -> list[Line]:
    return [Line((t,)) if t else Line() for t in texts]


class Planner:
    """Draws every random choice from one ``random.Random(seed)``, in a fixed order."""

    def __init__(self, now: datetime, seed: int) -> None:
        self.now = now
        self.rng = random.Random(seed)
        self.next_aid = 1

    def old(self, days_ago: float) -> datetime:
        moment = self.now - timedelta(days=days_ago)
        return moment.replace(second=0, microsecond=0)

    def recent(self, seconds_ago: int) -> datetime:
        return self.now - timedelta(seconds=seconds_ago)

    def edit(self, editor: str, at: datetime) -> Edit:
        """The notice shows minutes only, so that is all the truth keeps."""
        return Edit(editor, min(at, self.now).replace(second=0, microsecond=0))

    def chatter(self) -> list[Line]:
        sentences = self.rng.sample(wording.SENTENCES, self.rng.randint(1, 3))
        if len(sentences) == 3:
            return text_lines(sentences[0] + sentences[1], sentences[2])
        return text_lines(*sentences)

    def member(self) -> str:
        return self.rng.choice([name for name, banned in wording.USERS[1:] if not banned])

    def attachment(self, filename: str, uploaded_at: datetime) -> Attachment:
        local = uploaded_at.astimezone(SITE_TZ)
        stem = "".join(self.rng.choices(string.ascii_lowercase + string.digits, k=12))
        suffix = filename.rsplit(".", 1)[1]
        path = f"data/attachment/forum/{local:%Y%m}/{local:%d}/{local:%H%M%S}{stem}.{suffix}"
        aid, self.next_aid = self.next_aid, self.next_aid + 1
        return Attachment(aid, filename, path, round(self.rng.uniform(20, 900), 2), self.rng.randint(0, 99), uploaded_at)

    def timeline(self, count: int) -> list[datetime]:
        """``count`` increasing times: an old thread (whole minutes) or a recent one."""
        if self.rng.random() < 0.5:
            start = self.old(self.rng.uniform(40, 500))
            return [start + timedelta(minutes=sum(self.rng.randint(5, 600) for _ in range(i))) for i in range(count)]
        span = self.rng.randint(2 * 3600, 5 * 86400)
        offsets = sorted(self.rng.sample(range(60, span), count - 1), reverse=True) if count > 1 else []
        return [self.recent(span)] + [self.recent(s) for s in offsets]

    def ordinary_thread(self, forum_id: int, title: str, count: int) -> ThreadDraft:
        times = self.timeline(count)
        thread = ThreadDraft(forum_id, title)
        for moment in times:
            thread.posts.append(Draft(self.member(), moment, self.chatter()))
        opener = self.rng.choice(OPENERS).format(title=title)
        thread.posts[0].lines = text_lines(opener, *[line.text for line in self.chatter()])
        return thread


def long_thread(p: Planner) -> ThreadDraft:
    """28 posts (three pages) carrying most quirks: list, edit, link, image, attachments,
    quotes, banned author, old absolute times then every kind of relative time."""
    old = [p.old(200 - 2 * i + p.rng.random()) for i in range(10)]
    recent_offsets = [5 * 86400 - i * 31000 for i in range(14)] + [3 * 3600, 40 * 60, 12 * 60, 45]
    times = old + [p.recent(s) for s in recent_offsets]
    authors = ["笔下生花", "释然", "青山依旧", "墨染流年", "dz_fan2024", "阿杰Jay", "释然"]
    thread = ThreadDraft(2, wording.LONG_THREAD_TITLE)
    for floor, moment in enumerate(times, start=1):
        author = BANNED if floor in (13, 22) else authors[(floor - 1) % len(authors)]
        lines = text_lines(wording.TIPS[floor % len(wording.TIPS)].format(n=floor))
        thread.posts.append(Draft(author, moment, lines if author != BANNED else text_lines("加V代写各类材料，价格优惠")))
    first = thread.posts[0]
    first.lines = text_lines("每天一条，大家接龙补充公文写作中的易错点。", "规则如下：") + [
        Line(("每人每次只写一条",), list_item=True), Line(("不要重复前面的内容",), list_item=True),
        Line(("欢迎附上出处 (GB/T 9704)",), list_item=True)] + text_lines("第1条：标题中除法规、规章名称加书名号外，一般不用标点符号。")
    first.edit = p.edit("笔下生花", first.posted_at + timedelta(minutes=37))
    fifth = thread.posts[4]
    fifth.author = "dz_fan2024"
    fifth.lines = [
        Line(("参考国标，链接：", Link("http://www.gov.cn/zhengce/2012-06/29/content_2892.htm", "点此查看"), "，截图如下：")),
        Line((Image("static/image/common/logo.png"),)),
        Line(("附上我整理的模板和示例：",)),
        Line((p.attachment("公文格式示例.jpg", fifth.posted_at),)),
        Line((p.attachment("公文模板2025.docx", fifth.posted_at),)),
    ]
    thread.posts[7].quote_floor = 1
    thread.posts[7].lines = text_lines("这个帖子必须顶，楼主辛苦！")
    thread.posts[16].quote_floor = 15
    thread.posts[16].lines = text_lines("补充一下：", "标题太长时可以分两行，回行要词意完整。")
    thread.posts[18].edit = p.edit(thread.posts[18].author, thread.posts[18].posted_at + timedelta(hours=1, minutes=5))
    for draft in thread.posts[9:12]:
        draft.show_signature = False
    return thread


def speech_thread(p: Planner) -> ThreadDraft:
    """The speech of ``data/seed_speech.txt``: four posts like the real archiver page."""
    text = resources.files("forum_harvest.sample_forum").joinpath("data/seed_speech.txt").read_text("utf-8")
    paragraphs = [line for line in text.splitlines() if line]
    lines: list[Line] = []
    for paragraph in paragraphs:
        lines += text_lines(paragraph, "")
    thread = ThreadDraft(4, wording.SPEECH_TITLE)
    thread.posts = [
        Draft("释然", p.recent(12 * 3600 + 1200), lines[:-1]),
        Draft("青山依旧", p.recent(3 * 3600 + 610), text_lines("学习了，讲话稿结构清晰，值得借鉴！")),
        Draft("墨染流年", p.recent(50 * 60), text_lines("开头很有气势，三点意见层层递进。"),
              quote_floor=1, quote_text="今天,我们在这里举办2025年度作风建设教育读书班"),
        Draft(BANNED, p.recent(59), text_lines("低价代写讲话稿，联系QQ 123456")),
    ]
    return thread


def experience_thread(p: Planner) -> ThreadDraft:
    """Twelve posts (two pages) in the 楼主/沙发 forum: a pattl attachment, a recent edit."""
    thread = p.ordinary_thread(3, wording.TITLES[3][0], 12)
    second = thread.posts[1]
    second.lines = text_lines("我的经验：", "1. 先吃透上级精神", "2. 再摸清本地情况", "3. 最后才动笔")
    second.attachments_below = (p.attachment("素材库目录.png", second.posted_at),)
    third = thread.posts[2]
    third.edit = p.edit(third.author, third.posted_at + timedelta(minutes=3))
    return thread


def plan_threads(p: Planner) -> list[ThreadDraft]:
    threads = [ThreadDraft(2, wording.STICKY_TITLE, sticky=True), long_thread(p), speech_thread(p),
               experience_thread(p)]
    rules = threads[0]
    rules.posts = [Draft("admin", p.old(300), text_lines("本版只讨论公文写作，请遵守以下规定：") + [
        Line(("标题写明问题",), list_item=True), Line(("禁止广告",), list_item=True),
        Line(("求助帖请先搜索",), list_item=True)], show_signature=False)]
    rules.posts += [Draft(p.member(), p.old(299), p.chatter()), Draft(p.member(), p.old(298), p.chatter())]
    sizes = {0: 21, 3: 12}
    for index, title in enumerate(wording.TITLES[2]):
        threads.append(p.ordinary_thread(2, title, sizes.get(index, p.rng.randint(1, 5))))
    for forum_id in (3, 4, 6, 7):
        skip = 1 if forum_id == 3 else 0
        for title in wording.TITLES[forum_id][skip:]:
            threads.append(p.ordinary_thread(forum_id, title, p.rng.randint(1, 6)))
    newest = threads[-1]
    newest.posts.append(Draft(p.member(), p.now, text_lines("沙发！刚刚看到。")))  # renders 刚刚
    return threads


def number(drafts: list[ThreadDraft], p: Planner, users: dict[str, User]) -> tuple[list[Thread], list[Post]]:
    drafts = sorted(drafts, key=lambda d: d.posts[0].posted_at)
    order = sorted(((d.posted_at, t, f) for t, thread in enumerate(drafts) for f, d in enumerate(thread.posts)))
    pids = {(t, f): pid for pid, (_, t, f) in enumerate(order, start=1)}
    threads, posts = [], []
    for t, draft in enumerate(drafts):
        tid = t + 1
        for f, d in enumerate(draft.posts):
            quote = None
            if d.quote_floor is not None:
                quoted = draft.posts[d.quote_floor - 1]
                text = d.quote_text or quoted.lines[0].text
                quote = Quote(quoted.author, quoted.posted_at.replace(second=0, microsecond=0), text)
            recent = p.now - d.posted_at < timedelta(days=6)
            show_signature = d.show_signature and users[d.author].signature_html is not None
            posts.append(Post(pids[(t, f)], tid, f + 1, d.author, d.posted_at, "second" if recent else "minute",
                              tuple(d.lines), quote, d.edit, show_signature, d.attachments_below))
        count = len(draft.posts)
        views = count * p.rng.randint(3, 12) + p.rng.randint(5, 80)
        threads.append(Thread(tid, draft.forum_id, draft.title, draft.posts[0].author, count - 1, views,
                              -(-count // POSTS_PER_PAGE), draft.sticky))
    return threads, posts


def build_forum(now: datetime | None, seed: int, site_name: str) -> SampleForum:
    now = now or datetime.now(SITE_TZ)
    if now.tzinfo is None:  # a naive "now" is read as site time
        now = now.replace(tzinfo=SITE_TZ)
    moment = now.astimezone(UTC).replace(microsecond=0)
    planner = Planner(moment, seed)
    users = {name: User(uid, name, wording.SIGNATURES.get(name), banned)
             for uid, (name, banned) in enumerate(wording.USERS, start=1)}
    threads, posts = restrict(*number(plan_threads(planner), planner, users))
    return SampleForum(site_name, moment, seed, list(CATEGORIES), list(FORUMS), threads, posts, users,
                       list(LINK_FORUMS))

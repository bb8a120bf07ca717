"""Language packs: the words Discuz! prints around the content, per pack.

Only the words a reader meets between the content are translated here (time labels and
relative times, floors, edit notices, quote headers, pager, message pages, archiver reply
counts); page chrome stays in the template's own words. Each value is a ``str.format``
pattern with named fields.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    poston: str  # the label before a post's time
    now: str
    seconds_ago: str
    minutes_ago: str
    half_hour_ago: str
    hours_ago: str
    yesterday: str
    day_before: str
    days_ago: str
    floor_names: dict[int, str]  # the names of floors 1-4 where a forum uses them
    floor_suffix: str  # N楼 on Discuz! 6.x/7.x
    edit_notice: str
    quote_header: str  # X 发表于 T, the first line of a quote (X)
    old_quote_header: str  # 原帖由 X 于 T 发表 (Discuz! 6.x/7.x)
    pages_total: str  # the title of the page count in div.pg
    pages_of: str
    next_page: str
    archiver_replies: str
    archiver_post_time: str
    archiver_full_version: str
    no_thread: str
    no_forum: str
    login_needed: str
    read_permission: str
    hide_notice: str
    paid_notice: str
    banned_notice: str
    only_author: str
    show_all: str  # what a robot gets instead of only_author (X's thread_show_all)
    reply: str
    author: str
    time: str


ZH_CN = Words(
    poston="发表于", now="刚刚", seconds_ago="{n}&nbsp;秒前", minutes_ago="{n}&nbsp;分钟前", half_hour_ago="半小时前",
    hours_ago="{n}&nbsp;小时前", yesterday="昨天&nbsp;{time}", day_before="前天&nbsp;{time}", days_ago="{n}&nbsp;天前",
    floor_names={1: "楼主", 2: "沙发", 3: "板凳", 4: "地板"}, floor_suffix="楼",
    edit_notice="本帖最后由 {editor} 于 {time} 编辑", quote_header="{author} 发表于 {time}",
    old_quote_header="原帖由 {author} 于 {time} 发表",
    pages_total="共 {n} 页", pages_of=" / {n} 页", next_page="下一页",
    archiver_replies="{n}篇回复", archiver_post_time="发表于", archiver_full_version="查看完整版本",
    no_thread="抱歉，指定的主题不存在或已被删除或正在被审核", no_forum="抱歉，指定的版块不存在",
    login_needed="您需要先登录才能继续本操作", read_permission="抱歉，本帖要求阅读权限高于 {n} 才能浏览",
    hide_notice="本帖隐藏的内容需要回复才可以浏览", paid_notice="本主题需向作者支付 {price} 才能浏览",
    banned_notice="提示: <em>作者被禁止或删除 内容自动屏蔽</em>", only_author="只看该作者", show_all="显示全部楼层", reply="回复",
    author="作者：", time="时间：",
)

ZH_TW = Words(
    poston="發表於", now="剛剛", seconds_ago="{n}&nbsp;秒前", minutes_ago="{n}&nbsp;分鐘前", half_hour_ago="半小時前",
    hours_ago="{n}&nbsp;小時前", yesterday="昨天&nbsp;{time}", day_before="前天&nbsp;{time}", days_ago="{n}&nbsp;天前",
    floor_names={1: "樓主", 2: "沙發", 3: "板凳", 4: "地板"}, floor_suffix="樓",
    edit_notice="本帖最後由 {editor} 於 {time} 編輯", quote_header="{author} 發表於 {time}",
    old_quote_header="原帖由 {author} 於 {time} 發表",
    pages_total="共 {n} 頁", pages_of=" / {n} 頁", next_page="下一頁",
    archiver_replies="{n}篇回復", archiver_post_time="發表於", archiver_full_version="查看完整版本",
    no_thread="抱歉，指定的主題不存在或已被刪除或正在被審核", no_forum="抱歉，指定的版塊不存在",
    login_needed="您需要先登錄才能繼續本操作", read_permission="抱歉，本帖要求閱讀權限高於 {n} 才能瀏覽",
    hide_notice="本帖隱藏的內容需要回復才可以瀏覽", paid_notice="本主題需向作者支付 {price} 才能瀏覽",
    banned_notice="提示: <em>作者被禁止或刪除 內容自動屏蔽</em>", only_author="只看該作者", show_all="顯示全部樓層", reply="回復",
    author="作者：", time="時間：",
)

EN = Words(
    poston="Posted on", now="Just now", seconds_ago="{n}&nbsp;seconds ago", minutes_ago="{n}&nbsp;minutes ago",
    half_hour_ago="Half an hour ago", hours_ago="{n}&nbsp;hours ago", yesterday="Yesterday&nbsp;{time}",
    day_before="The day before yesterday&nbsp;{time}", days_ago="{n}&nbsp;days ago",
    floor_names={1: "Author", 2: "Sofa", 3: "Bench", 4: "Floor"}, floor_suffix="#",
    edit_notice="This post was last edited by {editor} on {time}", quote_header="{author} posted on {time}",
    old_quote_header="Originally posted by {author} at {time}",
    pages_total="Total {n} pages", pages_of=" / {n} pages", next_page="Next",
    archiver_replies="{n} replies", archiver_post_time="Posted on", archiver_full_version="View full version",
    no_thread="Sorry, the specified thread does not exist or has been deleted or is being reviewed",
    no_forum="Sorry, the specified forum does not exist", login_needed="You need to login to continue",
    read_permission="Sorry, this thread requires a read permission higher than {n}",
    hide_notice="This post contains hidden content, reply to view it",
    paid_notice="You need to pay {price} to the author to view this thread",
    banned_notice="Tips: <em>The author is banned or deleted, content is automatically blocked</em>",
    only_author="Only this author", show_all="Show all posts", reply="Reply", author="Author:", time="Time:",
)

PACKS = {"zh_cn": ZH_CN, "zh_tw": ZH_TW, "en": EN}

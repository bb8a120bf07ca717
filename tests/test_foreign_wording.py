"""The western engines' words in other language packs: phpBB's edit notice as the German,
French, Spanish and Russian packs print it (``EDITED_TIMES_TOTAL`` of each pack's
``language/<lang>/viewtopic.php``, placeholders filled), and times in the packs' words
(today, yesterday, month names) read by ``shown_times``; machine-readable times still win,
and a text no language reads stays unread."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.post_cleaning import edited_by_notice
from scraper.engines import by_name
from scraper.engines.phpbb.wording import WORDING as PHPBB

FETCHED = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)  # 22:00 in Berlin


def _filled(sentence: str, editor: str, time: str, count: int) -> str:
    return sentence.replace("%1$d", str(count)).replace("%2$s", editor).replace("%3$s", time)


# (the pack's sentence, as published; a time in the pack's words) -> (editor, UTC time)
EDIT_NOTICES = [
    # de: r23/MyOOS phpBB3/language/de/viewtopic.php (phpBB.de's pack)
    ("Zuletzt geändert von %2$s am %3$s, insgesamt %1$d-mal geändert.", "Hans Müller", "Mo 7. Dez 2026 20:45",
     datetime(2026, 12, 7, 19, 45, tzinfo=UTC)),
    # fr: qiaeru/phpbb-language-fr language/fr/viewtopic.php; time in its DATETIME_FORMAT "d F Y, H:i"
    ("Dernière édition par %2$s le %3$s, édité %1$d fois.", "Miles", "06 décembre 2026, 20:45",
     datetime(2026, 12, 6, 19, 45, tzinfo=UTC)),
    # es: Sabayon/forum-website language/es/viewtopic.php (phpbb-es.com's 3.0 pack: %1$s editor, %2$s time)
    ("Última edición por %2$s el %3$s, editado %1$d veces en total", "Ana", "Dom Dic 06, 2026 8:45 pm",
     datetime(2026, 12, 6, 19, 45, tzinfo=UTC)),
    # ru: rxu/Olympusrupack language/ru/viewtopic.php
    ("Последний раз редактировалось %2$s %3$s, всего редактировалось %1$d раза.", "Иван Петров", "06 дек 2026, 20:45",
     datetime(2026, 12, 6, 19, 45, tzinfo=UTC)),
    ("Последний раз редактировалось %2$s %3$s, всего редактировалось %1$d раз.", "admin", "Вчера, 20:45",
     datetime(2026, 12, 5, 19, 45, tzinfo=UTC)),
]


@pytest.mark.parametrize(("sentence", "editor", "time", "when"), EDIT_NOTICES, ids=lambda v: str(v)[:12])
def test_phpbb_edit_notice_in_each_pack_gives_editor_and_time(sentence, editor, time, when):
    notice = _filled(sentence, editor, time, 3)
    assert edited_by_notice(notice, PHPBB, FETCHED, "Europe/Berlin") == (when, editor)


# SMF's last_edit_by: fr from SimpleMachines/SMF Themes/default/languages/index.french.php
# ("Dernière édition: %1$s par %2$s", today "Aujourd'hui à "); de from the 2.x German pack
# ("Letzte Änderung: %1$s von %2$s", today "Heute um ").
SMF_NOTICES = [
    ("Dernière édition: Aujourd'hui à 20:45 par Miles", "Miles", datetime(2026, 12, 6, 19, 45, tzinfo=UTC)),
    ("Letzte Änderung: Heute um 20:45 von Hans Müller Grund: Tippfehler", "Hans Müller",
     datetime(2026, 12, 6, 19, 45, tzinfo=UTC)),
]


@pytest.mark.parametrize(("notice", "editor", "when"), SMF_NOTICES, ids=["fr", "de"])
def test_smf_edit_notice_in_the_french_and_german_packs(notice, editor, when):
    assert edited_by_notice(notice, by_name("smf").wording, FETCHED, "Europe/Berlin") == (when, editor)


TODAY_AND_YESTERDAY = [("Heute, 20:45", 6), ("Gestern, 20:45", 5), ("Aujourd’hui, 20:45", 6), ("Hier, 20:45", 5),
                       ("Hoy, 20:45", 6), ("Ayer, 20:45", 5), ("Сегодня, 20:45", 6), ("Вчера, 20:45", 5),
                       ("今天 20:45", 6), ("昨天 20:45", 5)]


@pytest.mark.parametrize("engine", ["phpbb", "xenforo", "vbulletin", "mybb", "smf"])
@pytest.mark.parametrize(("text", "day"), TODAY_AND_YESTERDAY)
def test_today_and_yesterday_in_the_packs_words(engine, text, day):
    moment, precision = by_name(engine).wording.parse_time(text, None, FETCHED, "Europe/Berlin")
    assert (moment, precision) == (datetime(2026, 12, day, 19, 45, tzinfo=UTC), "minute")


@pytest.mark.parametrize(("text", "when"), [
    ("06 décembre 2026, 20:45", datetime(2026, 12, 6, 19, 45, tzinfo=UTC)),
    ("7. Dezember 2026, 08:15", datetime(2026, 12, 7, 7, 15, tzinfo=UTC)),
    ("5 марта 2026, 20:45", datetime(2026, 3, 5, 19, 45, tzinfo=UTC)),
    ("12 ene 2026", datetime(2026, 1, 11, 23, 0, tzinfo=UTC)),
    ("2026年3月5日 20:45", datetime(2026, 3, 5, 19, 45, tzinfo=UTC)),
])
def test_month_names_in_the_packs_words(text, when):
    assert by_name("phpbb").wording.parse_time(text, None, FETCHED, "Europe/Berlin")[0] == when


def test_a_machine_readable_time_wins_over_words():
    attr = "2020-01-02T03:04:05+00:00"
    assert PHPBB.parse_time("Gestern, 20:45", attr, FETCHED, "Europe/Berlin") == (
        datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC), "second")


@pytest.mark.parametrize("text", ["Hallo Welt", "12345678", "Sun Dec 32, 2026 8:45 pm", "Zuletzt"])
def test_a_text_no_language_reads_stays_unread(text):
    assert PHPBB.parse_time(text, None, FETCHED, "Europe/Berlin") == (None, None)

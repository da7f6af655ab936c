"""An answer check's line in a referral's history is kept as data (which answer, how it was checked) and worded in
the reader's language; the staff member's own note is shown as they wrote it."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from screener.referrals.models import ReferralEvent
from tests.screener.staff.test_staff import make_referral

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "screener.referrals.migrations.0009_answer_check_events_keep_their_question_and_state"
)


def history(client, referral, language) -> str:
    html = client.get(reverse("staff:detail", args=[referral.id]), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    html = html[html.index('<ol class="history">') :]
    return html[: html.index("</ol>")]


@pytest.mark.parametrize(
    ("clicked_in", "read_in", "line", "not_there"),
    [
        ("zh-hans", "en", "Age: Verified.", "已核实"),
        ("en", "zh-hans", "年龄：已核实。", "Verified"),
        ("en", "en", "Age: Verified.", "年龄"),
        ("zh-hans", "zh-hans", "年龄：已核实。", "Age"),
    ],
    ids=["clicked in Chinese, read in English", "clicked in English, read in Chinese", "English", "Chinese"],
)
def test_a_check_reads_in_the_readers_language_whoever_clicked(
    staff_a_client, site_a, clicked_in, read_in, line, not_there
):
    referral = make_referral(site_a)
    url = reverse("staff:check_answer", args=[referral.id, "age"])
    staff_a_client.post(url, {"state": "verified", "note": "看了身份证"}, HTTP_ACCEPT_LANGUAGE=clicked_in)
    event = ReferralEvent.objects.get(referral=referral, kind="verification")
    assert (event.question_key, event.check_state, event.note) == ("age", "verified", "看了身份证")
    shown = history(staff_a_client, referral, read_in)
    assert f'<div class="message" data-check-line>{line}</div>' in shown
    assert '<div class="message">看了身份证</div>' in shown  # the note as it was written
    assert not_there not in shown.split("data-check-line>")[1].split("</div>")[0]
    assert ": Verified." not in shown if read_in == "zh-hans" else "：" not in shown


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Age: Measured (the patient did not know)."),
        ("zh-hans", "年龄：已测量（患者原先不知道）。"),
    ],
)
def test_a_check_without_a_note_is_one_sentence_and_nothing_else(staff_a_client, staff_a, site_a, language, line):
    referral = make_referral(site_a)
    referral.check_answer("age", "measured", "", by=staff_a)
    shown = history(staff_a_client, referral, language)
    assert f'<div class="message" data-check-line>{line}</div>' in shown
    assert shown.count('class="message"') == 1  # no empty note after it


def test_a_question_no_longer_in_the_vocabulary_is_named_as_the_patient_was_asked_it(staff_a_client, staff_a, site_a):
    referral = make_referral(site_a, language="zh-hans")
    referral.answers_snapshot = [
        {"key": "gone_question", "question": "问题？", "short_label": "旧问题", "answer": "是"}
    ]
    referral.save()
    referral.check_answer("gone_question", "contradicted", "", by=staff_a)
    assert '<span lang="zh-Hans">旧问题</span>: Contradicted.' in history(staff_a_client, referral, "en")


@pytest.mark.parametrize(
    ("note", "read"),
    [
        ("age: Verified. Checked the ID card", ("age", "verified", "Checked the ID card")),
        ("sixmwd_m: 已测量（患者原先不知道）. 320 m", ("sixmwd_m", "measured", "320 m")),
        ("fev1_pct_pred: Contradicted.", ("fev1_pct_pred", "contradicted", "")),
        ("age: 不一致. 身份证上是1958年\n另一行", ("age", "contradicted", "身份证上是1958年\n另一行")),
        ("age: Verifiedx. note", None),  # not a label it ever had
        ("Erased on withdrawal.", None),  # erased before the migration: left as it is
        ("age: Verified", None),  # no full stop: not a line the screener wrote
    ],
)
def test_the_migration_reads_old_lines_back_as_well_as_it_can(note, read):
    assert MIGRATION.read(note) == read


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_old_lines_into_their_fields_and_leaves_unreadable_ones(site_a, staff_a):
    referral = make_referral(site_a)
    old = ReferralEvent.objects.create(referral=referral, kind="verification", by=staff_a, note="age: 已核实. 看了证件")
    erased = ReferralEvent.objects.create(
        referral=referral, kind="verification", by=staff_a, note="Erased on withdrawal."
    )
    note = ReferralEvent.objects.create(referral=referral, kind="note", by=staff_a, note="age: Verified. a note")
    executor = MigrationExecutor(connection)
    executor.migrate([("referrals", "0008_referrals_wait_for_the_sites_team")])  # back: the old single line
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    old.refresh_from_db(), erased.refresh_from_db(), note.refresh_from_db()
    assert (old.question_key, old.check_state, old.note) == ("age", "verified", "看了证件")
    assert (erased.question_key, erased.check_state, erased.note) == ("", "", "Erased on withdrawal.")
    assert (note.question_key, note.note) == ("", "age: Verified. a note")  # a staff note is never read as a check

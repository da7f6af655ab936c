"""What people stumbled on in the walk-through of issue 25, each fixed as a patient, a nurse or an admin notices."""

import re
from html import escape

import pytest
from django.urls import reverse

from screener.pages import NEVER_STORE
from screener.referrals.models import OutgoingEmail, Referral
from tests.conftest import CONTACT
from tests.screener.questionnaire.flow import answer, answer_everything, owned_ids, question_url, start
from tests.trials.profiles import MATCHES_COPD, MATCHES_ILD

pytestmark = pytest.mark.django_db

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-CN"}


# 1. A returning patient can carry on


def test_the_start_page_offers_to_continue_each_unfinished_screening_of_this_browser(client, seed_trials):
    first = start(client)
    key = client.get(reverse("questionnaire:resume", args=[first]))["Location"].split("/questions/")[1].strip("/")
    answer(client, first, key, MATCHES_COPD[key])
    second = start(client)
    html = client.get(reverse("questionnaire:start")).content.decode()
    assert "Carry on where you left off" in html
    assert html.count("Continue your screening") == 2
    for screening_id in (first, second):
        assert f'href="{reverse("questionnaire:resume", args=[screening_id])}?language=en"' in html
    assert "1 answer)" in html and "0 answers)" in html
    # the list is this browser's own: never stored by the browser or anything between
    assert client.get(reverse("questionnaire:start"))["Cache-Control"] == NEVER_STORE


def test_a_finished_screening_is_offered_as_its_results_and_another_browser_sees_nothing(client, seed_trials):
    from tests.formdata import BrowserClient

    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    html = client.get(reverse("questionnaire:start")).content.decode()
    assert f'href="{reverse("questionnaire:results", args=[screening_id])}?language=en"' in html
    assert "See your results" in html
    stranger = BrowserClient().get(reverse("questionnaire:start")).content.decode()
    assert "Carry on where you left off" not in stranger and screening_id not in stranger


# 2. Counts and lists agree


def test_the_far_away_groups_count_is_the_number_of_studies_it_lists(client, seed_trials):
    client.post(reverse("questionnaire:start"), {"place": "杭州", "travel": "50"})
    [screening_id] = owned_ids(client)
    answer_everything(client, screening_id, {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd"]})
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    section = html.split('id="not-near-title"')[1].split("</section>")[0]
    listed = section.count("data-not-near=")
    assert listed == 2 and f"Not near you ({listed})" in section  # the ILD study lists no hospital


# 7. Full-width reference codes


def test_a_reference_code_typed_in_full_width_characters_finds_the_request(client, referral_a):
    code = referral_a.display_reference  # "ABCD-2345"
    full_width = "".join(chr(ord(ch) + 0xFEE0) if ch != "-" else "－" for ch in code)
    html = client.post(reverse("referrals:request_status"), {"reference": full_width}).content.decode()
    assert "Enter the code as it was given to you" not in html
    assert referral_a.site.facility in html  # the request was found and shown


# 8. A language switch keeps what was ticked but not sent


def test_switching_language_on_a_question_keeps_the_unsent_ticks_and_stores_nothing(client, seed_trials):
    screening_id = start(client)
    url = client.get(reverse("questionnaire:resume", args=[screening_id]))["Location"]
    assert url == question_url(screening_id, "diagnoses")  # the first question: ticks
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": url, "answer": ["copd", "asthma"]})
    assert response.status_code == 302 and response["Location"] == url
    html = client.get(url).content.decode()
    assert re.search(r'value="copd"[^>]*checked', html) and re.search(r'value="asthma"[^>]*checked', html)
    assert 'lang="zh-Hans"' in html
    from screener.questionnaire.models import Screening

    assert "diagnoses" not in Screening.objects.get(pk=screening_id).answers  # not sent: not stored
    again = client.get(url).content.decode()  # shown once, then forgotten
    assert not re.search(r'value="copd"[^>]*checked', again)


def test_the_language_button_on_a_question_page_sends_the_answer_form(client, seed_trials):
    screening_id = start(client)
    html = client.get(reverse("questionnaire:resume", args=[screening_id]), follow=True).content.decode()
    assert 'id="answer-form"' in html
    assert f'form="answer-form" formaction="{reverse("set_language")}"' in html


# 10. One plain sentence per criterion for the nurse


def test_each_criterion_sent_reads_as_one_plain_sentence_with_the_clause_to_check(patient, referral_a, staff_a_client):
    html = staff_a_client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
    outcomes = html.split("Criteria when sent</h2>")[1].split("</main>")[0]
    assert not re.search(r"^\s*X\s*$", outcomes, re.M)  # no stray letter after a criterion
    sentences = re.findall(r'<p class="outcome-sentence">(.*?)</p>', outcomes, re.S)
    assert len(sentences) == len(referral_a.outcomes_snapshot)
    team = [row for row in referral_a.outcomes_snapshot if row["outcome"] == "study_team"]
    assert team, "the seed COPD study leaves some clauses to the study team"
    for row in team:
        assert any(escape(row["words"]) in s for s in sentences)
    assert not any("for the study team to check" in s for s in sentences)


def test_an_exclusion_reads_without_a_double_negative_in_chinese(staff_a_client, referral_a):
    from django.utils import translation

    from screener.staff.wording import outcome_sentence

    row = {"kind": "exclusion", "outcome": "met", "rule": "excluded if pneumonia in the last month is “Yes”"}
    assert outcome_sentence(row) == "Not excluded by this: pneumonia in the last month is “Yes”."
    with translation.override("zh-hans"):
        sentence = outcome_sentence({**row, "rule": "排除：近一个月内肺炎为“是”"})
    assert sentence.count("不") + sentence.count("未") == 1 and "不成立" not in sentence


# 9. A site nobody staffs


def test_a_request_to_a_site_nobody_staffs_waits_alerts_the_admins_and_tells_the_patient(patient, site_b, admin_user):
    response = patient.post(reverse("referrals:refer", args=[patient.screening_id, site_b.public_id]), CONTACT)
    assert response.status_code == 302
    [email] = OutgoingEmail.objects.all()
    assert email.recipients == ["ada@example.org"] and "waits" in email.subject
    assert CONTACT["name"] not in email.body and CONTACT["phone"] not in email.body
    html = patient.get(response["Location"]).content.decode()
    assert "nobody there receives requests through this service yet" in html
    assert "usually within a few working days" not in html


def test_the_request_form_says_before_sending_that_nobody_at_the_site_receives_requests(patient, site_b):
    html = patient.get(reverse("referrals:refer", args=[patient.screening_id, site_b.public_id])).content.decode()
    assert "data-site-unstaffed" in html


def test_a_request_to_a_staffed_site_still_reads_as_sent(referral_a, patient):
    html = patient.get(reverse("referrals:sent", args=[patient.screening_id, referral_a.id])).content.decode()
    assert "usually within a few working days" in html and "data-site-unstaffed" not in html


def test_publishing_a_study_warns_of_its_sites_nobody_staffs(admin_client, seed_trials):
    from trials.models import Trial

    trial = Trial.objects.get(nct_id="NCT07355868")
    Trial.objects.filter(pk=trial.pk).update(is_published=False)
    response = admin_client.post(
        reverse("admin:trials_trial_review_action", args=[trial.pk]), {"action": "publish"}, follow=True
    )
    html = response.content.decode()
    assert "NCT07355868 is published." in html
    assert "No member of these sites receives emails" in html and "Fourth Hospital" in html


# 12. The nurse hears of a withdrawal


def test_a_withdrawal_emails_the_sites_staff_in_their_language_without_health_data(client, referral_a, staff_a):
    from screener.preferences.models import LanguagePreference

    LanguagePreference.remember(staff_a, "zh-hans")
    OutgoingEmail.objects.all().delete()
    data = {"reference": referral_a.reference, "confirm": "yes"}
    client.post(reverse("referrals:withdraw"), data)
    client.post(reverse("referrals:withdraw"), data)  # twice: one email
    [email] = OutgoingEmail.objects.all()
    assert email.recipients == ["nurse_a@hospital.example"]
    assert "撤回" in email.subject and "NCT07355868" in email.subject
    assert reverse("staff:detail", args=[referral_a.id]) in email.body
    for secret in (CONTACT["name"], CONTACT["phone"], CONTACT["email"], referral_a.reference, "COPD", "慢阻肺"):
        assert secret not in email.body and secret not in email.subject


def test_the_list_marks_a_withdrawn_referral(client, referral_a, staff_a_client):
    client.post(reverse("referrals:withdraw"), {"reference": referral_a.reference, "confirm": "yes"})
    html = staff_a_client.get(reverse("staff:list")).content.decode()
    assert "data-withdrawn" in html and "do not contact" in html
    assert Referral.objects.get().status == Referral.Status.WITHDRAWN


# 14. A favicon, and the authenticator app's name in the page's language


def test_favicon_ico_is_an_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_the_authenticator_app_is_named_in_the_language_of_the_page(client, staff_a):
    from urllib.parse import unquote

    from django.utils import translation
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=staff_a, name="app", confirmed=False)
    with translation.override("zh-hans"):
        assert "issuer=肺病临床研究查找" in unquote(device.config_url)
    with translation.override("en"):
        assert "issuer=Lung disease study finder" in unquote(device.config_url)


# Code review


def test_staff_pages_are_never_stored_with_djangos_own_headers(staff_a_client, referral_a):
    response = staff_a_client.get(reverse("staff:detail", args=[referral_a.id]))
    assert response["Cache-Control"] == NEVER_STORE and "Expires" in response


def test_every_error_page_is_drawn_in_one_frame(client, db):
    from django.template.loader import get_template

    for name in ("400", "403", "403_csrf", "404", "405", "500"):
        source = get_template(f"{name}.html").template.source
        assert source.startswith('{% extends "error_page.html" %}'), name
    html = client.get("/no-such-page/").content.decode()
    assert '<main id="panel" class="panel" data-status="404">' in html
    assert "<title>Page not found – Lung disease study finder</title>" in html


def test_opening_a_form_only_address_shows_the_polite_405_page_and_changes_nothing(staff_a_client, referral_a):
    status_before = referral_a.status
    response = staff_a_client.get(reverse("staff:status", args=[referral_a.id]))
    assert response.status_code == 405 and response["Allow"] == "POST"
    html = response.content.decode()
    assert '<main id="panel" class="panel" data-status="405">' in html
    assert "This address only sends a form" in html and "Nothing was changed." in html
    assert f'href="{reverse("staff:list")}"' in html and "Go to the start page" not in html
    assert "default-src 'self'" in response["Content-Security-Policy"] and response["X-Frame-Options"] == "DENY"
    referral_a.refresh_from_db()
    assert referral_a.status == status_before


def test_the_405_page_speaks_the_language_of_the_page(staff_a_client, referral_a):
    response = staff_a_client.get(reverse("staff:status", args=[referral_a.id]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 405
    assert "这个地址只用于提交表单" in response.content.decode()


def test_the_admins_review_action_opened_as_a_page_goes_back_to_the_review_page(admin_client, seed_trials):
    # reloading the publish confirmation opens the action's address: the review page again, nothing changed (fix13;
    # the wording is tested in tests/trials/test_review.py); never a bare 405
    from trials.models import Trial

    trial = Trial.objects.first()
    response = admin_client.get(reverse("admin:trials_trial_review_action", args=[trial.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:trials_trial_review", args=[trial.pk])


def test_a_form_sent_to_a_page_that_only_opens_keeps_djangos_answer(client, db):
    response = client.post(reverse("favicon"))
    assert response.status_code == 405 and response.content == b""


# 11. An answer check saves in place


def test_without_javascript_saving_an_answer_check_returns_to_that_check(staff_a_client, referral_a):
    response = staff_a_client.post(
        reverse("staff:check_answer", args=[referral_a.id, "sixmwd_m"]), {"state": "verified"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:detail", args=[referral_a.id]) + "#check-sixmwd_m"
    html = staff_a_client.get(response["Location"]).content.decode()
    assert '<td id="check-sixmwd_m" class="answer-check">' in html


def test_with_htmx_an_answer_check_answers_with_only_its_own_cell(staff_a_client, referral_a):
    url = reverse("staff:check_answer", args=[referral_a.id, "sixmwd_m"])
    response = staff_a_client.post(url, {"state": "contradicted", "note": "Measured 140 m"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "HX-Push-Url" not in response
    assert "<main" not in html and html.count("<form") == 1
    assert "Measured 140 m" in html and "data-saved" in html
    refused = staff_a_client.post(url, {"state": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "Choose verified, contradicted or measured." in refused and "data-saved" not in refused


def test_the_patient_pages_swap_their_panel_by_inheritance(client, seed_trials):
    screening_id = start(client)
    html = client.get(question_url(screening_id, "diagnoses")).content.decode()
    assert html.count('hx-target="this" hx-swap="outerHTML"') == 1 and 'hx-target="#panel"' not in html


# 6. "Never" for how long ago an event last happened


@pytest.mark.parametrize(
    "kind, low, high, never_is",
    [
        ("exclusion", None, 28, "met"),  # excluded if within 4 weeks: never is not within → not excluded
        ("inclusion", None, 365, "not_met"),  # needs a flare-up in the last year: never has none
        ("inclusion", 28, None, "met"),  # no flare-up in the last 4 weeks (at least 28 days ago): never is
        ("exclusion", 180, None, "not_met"),  # excluded if at least 6 months ago: never lies beyond it too
    ],
)
def test_never_reads_as_beyond_any_window_for_every_kind_of_rule(kind, low, high, never_is):
    from decimal import Decimal

    from trials import eligibility

    rule = eligibility.NumberRule(
        min_value=None if low is None else Decimal(low), max_value=None if high is None else Decimal(high)
    )
    criterion = eligibility.CriterionRule(
        id=1,
        polarity=eligibility.Polarity(kind),
        question_key="days_since_exacerbation",
        rule=rule,
    )
    outcome = eligibility.evaluate_criterion(criterion, {"days_since_exacerbation": eligibility.NEVER})
    assert str(outcome) == never_is


def test_a_days_since_question_offers_never_and_stores_it_as_never(client, seed_trials):
    from screener.questionnaire.models import Screening
    from trials.models import Question

    question = Question.objects.get(key="days_since_pneumonia")
    assert question.allow_never and "3650" not in question.help_text.split("enter 3650.")[-1]
    assert question.clean_answer("never") == "never" and question.display_answer("never") == "Never"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="“Never” is not an answer to this question."):
        Question.objects.get(key="age").clean_answer("never")
    from decimal import Decimal

    from trials.models import Criterion, Trial

    Criterion.objects.create(  # the COPD study, as a drafted window would have it: no pneumonia within 4 weeks
        trial=Trial.objects.get(nct_id="NCT07355868"),
        kind="exclusion",
        question=question,
        max_value=Decimal(28),
        status="approved",
        source_text="Pneumonia within 4 weeks",
    )
    screening_id = start(client)
    asked = answer_everything(client, screening_id, {**MATCHES_COPD, "days_since_pneumonia": None})
    assert "days_since_pneumonia" in asked
    url = question_url(screening_id, "days_since_pneumonia")
    html = client.get(url).content.decode()
    assert 'type="checkbox" name="never"' in html and '<span aria-hidden="true">Never</span>' in html
    client.post(url, {"answer": "", "never": "on"})
    assert Screening.objects.get(pk=screening_id).answers["days_since_pneumonia"] == "never"
    check = client.get(reverse("questionnaire:check", args=[screening_id])).content.decode()
    assert "Never" in check
    results = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    assert 'data-verdict="match"' in results.split('id="no-matches-title"')[0]


# 5. BMI from height and weight


@pytest.mark.parametrize(
    "height, weight, bmi",
    [("170", "70", "24.2"), ("1.70", "70", "24.2"), ("160", "45", "17.6"), ("185", "120", "35.1")],
)
def test_bmi_is_worked_out_from_height_and_weight(height, weight, bmi):
    from decimal import Decimal

    from screener.questionnaire.measurements import body_mass_index, helper_for

    assert helper_for("bmi", "number", "kg/m2") == "bmi"
    assert body_mass_index(Decimal(height), Decimal(weight)).stored == bmi


def test_a_patient_gives_height_and_weight_for_bmi_in_chinese(client, seed_trials):
    from decimal import Decimal

    from screener.questionnaire.models import Screening
    from trials.models import Criterion, Question, Trial

    Criterion.objects.create(
        trial=Trial.objects.get(nct_id="NCT07355868"),
        kind="inclusion",
        question=Question.objects.get(key="bmi"),
        min_value=Decimal(18),
        max_value=Decimal(35),
        status="approved",
        source_text="BMI 18-35",
    )
    screening_id = start(client)
    answer_everything(client, screening_id, {**MATCHES_COPD, "bmi": None})
    Screening.objects.filter(pk=screening_id).update(language="zh-hans")  # as if started on a Chinese page
    question = client.get(question_url(screening_id, "bmi"), **CHINESE).content.decode()
    assert "我知道自己的身高和体重" in question
    url = reverse("questionnaire:helper", args=[screening_id, "bmi"])
    form = client.get(url, **CHINESE).content.decode()
    assert "身高" in form and "体重" in form
    refused = client.post(url, {"height_cm": "17", "weight_kg": "70"}, **CHINESE).content.decode()
    assert "请以厘米为单位填写身高" in refused and 'value="70"' in refused
    confirm = client.post(url, {"height_cm": "170", "weight_kg": "70"}, **CHINESE).content.decode()
    assert 'data-computed="24.2"' in confirm
    assert client.post(url, {"height_cm": "170", "weight_kg": "70", "confirm": "1"}).status_code == 302
    screening = Screening.objects.get(pk=screening_id)
    assert screening.answers["bmi"] == "24.2"
    assert screening.answer_sources["bmi"]["inputs"]["weight_kg"] == "70"


# 3. A saved results link after a new study is published


def test_a_saved_results_link_says_why_it_asks_one_more_question_and_keeps_the_answers(client, seed_trials):
    from decimal import Decimal

    from screener.questionnaire.models import Screening
    from trials.models import Criterion, Question, Trial

    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    results_url = reverse("questionnaire:results", args=[screening_id])
    assert client.get(results_url).status_code == 200
    kept = dict(Screening.objects.get(pk=screening_id).answers)
    Criterion.objects.create(  # an admin approves a rule on a question this patient was never asked
        trial=Trial.objects.get(nct_id="NCT07355868"),
        kind="inclusion",
        question=Question.objects.get(key="bmi"),
        min_value=Decimal(18),
        status="approved",
        source_text="BMI at least 18",
    )
    response = client.get(results_url)
    assert response.status_code == 302 and response["Location"] == question_url(screening_id, "bmi") + "?more=1"
    html = client.get(response["Location"]).content.decode()
    assert "The studies have changed since you last saw your results." in html
    assert "Everything you answered before is kept." in html
    assert Screening.objects.get(pk=screening_id).answers == kept
    plain = client.get(question_url(screening_id, "bmi")).content.decode()
    assert "data-more-needed" not in plain  # only when a results link led here


# 4. No match: what next


def test_a_patient_with_no_match_is_told_what_they_can_do_next(client, seed_trials):
    screening_id = start(client)
    answer_everything(client, screening_id, {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd"], "age": "20"})
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    assert "No study matches all of your answers." in html and "data-what-next" in html
    assert "(0)" not in html  # no heading over an empty group
    section = html.split("data-what-next")[1].split("</section>")[0]
    assert "Ask your doctor" in section and reverse("questionnaire:summary", args=[screening_id]) in section
    assert "Come back later" in section and reverse("questionnaire:check", args=[screening_id]) in section


def test_a_patient_who_may_match_sees_no_what_next_box(patient):
    html = patient.get(reverse("questionnaire:results", args=[patient.screening_id])).content.decode()
    assert "data-what-next" not in html


def test_check_your_answers_and_the_summary_list_the_same_answers(patient):
    from screener.questionnaire.models import Screening
    from trials import catalogue

    screening = Screening.objects.get(pk=patient.screening_id)
    loaded = catalogue.current()
    expected = [loaded.questions[k].display_answer(screening.answers[k]) for k in screening.walk(loaded).path]
    check = patient.get(reverse("questionnaire:check", args=[patient.screening_id])).content.decode()
    summary = patient.get(reverse("questionnaire:summary", args=[patient.screening_id])).content.decode()
    for shown in expected:
        assert escape(shown) in check and escape(shown) in summary


def test_a_helper_for_a_question_without_one_is_not_found_and_an_off_path_question_redirects(client, seed_trials):
    screening_id = start(client)
    assert client.get(reverse("questionnaire:helper", args=[screening_id, "age"])).status_code == 404
    response = client.get(question_url(screening_id, "sixmwd_m"))  # not on the path before a diagnosis
    assert response.status_code == 302 and response["Location"] == question_url(screening_id, "diagnoses")


def a_results_link_after_new_rules(client, *rules):
    """A patient who saw results, then an admin approves rules on questions she was never asked (key, minimum):
    the screening, and where her saved results link now leads."""
    from decimal import Decimal

    from trials.models import Criterion, Question, Trial

    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    results_url = reverse("questionnaire:results", args=[screening_id])
    assert client.get(results_url).status_code == 200
    for key, minimum in rules:
        Criterion.objects.create(
            trial=Trial.objects.get(nct_id="NCT07355868"),
            kind="inclusion",
            question=Question.objects.get(key=key),
            min_value=Decimal(minimum),
            status="approved",
            source_text=f"{key} at least {minimum}",
        )
    return screening_id, client.get(results_url)["Location"]


def steps_left(html: str) -> int:
    """The number the step line gives, in either language."""
    return int(re.search(r"(?:about|up to|最多还有) ?(\d+) ?(?:steps? left|步)", html).group(1))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_returning_patient_is_told_the_steps_still_unanswered_not_the_whole_walk(client, seed_trials, language):
    from screener.questionnaire.models import Screening

    screening_id, url = a_results_link_after_new_rules(client, ("bmi", 18))
    Screening.objects.filter(pk=screening_id).update(language=language)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert "data-more-needed" in html
    assert steps_left(html) == 1


def test_a_returning_patient_goes_from_the_one_new_question_straight_back_to_results(client, seed_trials):
    screening_id, url = a_results_link_after_new_rules(client, ("bmi", 18))
    response = client.post(url, {"answer": "24"})
    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaire:results", args=[screening_id])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_returning_patient_is_asked_only_the_unanswered_questions_and_the_count_says_so(
    client, seed_trials, language
):
    """Two new rules on two screens: two steps announced, each asked once, never an answered page between."""
    from screener.questionnaire.models import Screening

    screening_id, url = a_results_link_after_new_rules(client, ("bmi", 18), ("spo2_pct", 88))
    Screening.objects.filter(pk=screening_id).update(language=language)
    asked, counts, banners = [], [], []
    few, one = ("a few more answers", "one more answer") if language == "en" else ("再回答几个问题", "再回答一个问题")
    for _ in range(6):
        if "more=1" not in url:
            break
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert "data-more-needed" in page
        counts.append(steps_left(page))
        banners.append("few" if few in page else "one" if one in page else "")
        key = url.split("/questions/")[1].split("/")[0]  # each a question of its own on this walk
        asked.append(key)
        url = client.post(url, {"answer": "95" if key == "spo2_pct" else "24"})["Location"]
    assert sorted(asked) == ["bmi", "spo2_pct"]
    assert counts == [2, 1]
    assert banners == ["few", "one"]
    assert url == reverse("questionnaire:results", args=[screening_id])


def test_an_exclusion_not_known_yet_names_the_condition_as_what_it_excludes_not_as_the_patients_answer():
    """A nurse reading "not known yet" must not take the exclusion's "Yes" for the patient's answer (walk11)."""
    from django.utils import translation

    from screener.staff.wording import outcome_sentence

    row = {"kind": "exclusion", "outcome": "unknown", "rule": "excluded if infection now is “Yes”"}
    assert outcome_sentence(row) == "Not known yet whether the patient has what this excludes: infection now is “Yes”."
    with translation.override("zh-hans"):
        sentence = outcome_sentence({**row, "rule": "排除：目前有感染为“是”"})
    assert sentence.startswith("尚不清楚患者是否有此条所排除的情况：")

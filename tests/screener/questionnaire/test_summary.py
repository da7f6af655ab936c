"""The printable summary for the patient's doctor: answers, verdicts with reasons, what to ask for."""

import pytest
from django.urls import reverse

from screener.pages import NEVER_STORE
from tests.screener.questionnaire.flow import answer, answer_everything, start
from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD

pytestmark = pytest.mark.usefixtures("seed_trials")


def summary_url(screening_id):
    return reverse("questionnaire:summary", args=[screening_id])


@pytest.fixture
def ild_patient_who_does_not_know_dlco(client):
    screening_id = start(client)
    answer_everything(client, screening_id, {**MATCHES_ILD, "dlco_pct_pred": None})
    return screening_id


def test_the_results_link_to_the_summary(client, ild_patient_who_does_not_know_dlco):
    html = client.get(reverse("questionnaire:results", args=[ild_patient_who_does_not_know_dlco])).content.decode()
    assert f'href="{summary_url(ild_patient_who_does_not_know_dlco)}"' in html


def test_the_summary_lists_the_values_to_ask_for_with_where_to_find_them(client, ild_patient_who_does_not_know_dlco):
    response = client.get(summary_url(ild_patient_who_does_not_know_dlco))
    html = response.content.decode()
    assert response.status_code == 200
    ask = html.split('id="ask-title"')[1].split("</section>")[0]
    assert ask.count("data-ask=") == 1 and 'data-ask="dlco_pct_pred"' in ask
    assert "DLCO (% of predicted)" in ask
    # written for the doctor, not the patient's hint beside the question
    assert "Where to find it: The most recent lung function (spirometry) report." in ask
    assert "find the row “DLCO”" not in ask
    decides = ask.split("Decides: ")[1]
    assert decides.startswith('<span data-decides="NCT06534528">') and f"({ILD})" in decides
    assert "stem cell" in decides.lower()  # the study's title, not a bare NCT number


def test_the_doctors_list_holds_only_values_a_doctor_or_a_report_holds_not_what_only_the_patient_knows(client):
    """Not knowing a pregnancy plan, a recent trial or recent COVID symptoms leaves the COPD study open, but a
    doctor cannot say them: they are not on the doctor's list. The walk distance is."""
    screening_id = start(client)
    answer_everything(
        client,
        screening_id,
        {
            **{k: v for k, v in MATCHES_COPD.items()},
            "sixmwd_m": None,
            "planning_pregnancy_12m": None,
            "other_trial_recent": None,
            "covid_last_4_weeks": None,
        },
    )
    html = client.get(summary_url(screening_id)).content.decode()
    ask = html.split('id="ask-title"')[1].split("</section>")[0]
    assert 'data-ask="sixmwd_m"' in ask
    assert "The most recent six-minute walk test report." in ask
    for patient_only in ("planning_pregnancy_12m", "other_trial_recent", "covid_last_4_weeks"):
        assert f'data-ask="{patient_only}"' not in ask
    studies = html.split('id="studies-title"')[1]
    assert "planning a pregnancy" in studies.lower()  # still shown as not known, under the study


def test_every_measured_question_of_the_vocabulary_is_on_the_doctors_list_with_a_source():
    from screener.questionnaire.results import doctor_summary
    from trials import wording
    from trials.models import Question
    from trials.registry.importing import ensure_questions

    ensure_questions()
    table = doctor_summary()
    measured = {q.key for q in Question.objects.all() if wording.is_measured(q)}
    assert measured and measured <= set(table["questions"])
    assert {"planning_pregnancy_12m", "other_trial_recent", "covid_last_4_weeks"}.isdisjoint(table["questions"])
    assert all(set(source) == {"en", "zh_hans"} for source in table["sources"].values())


def test_the_summary_has_every_answer_and_each_studys_verdict_with_reasons(client, ild_patient_who_does_not_know_dlco):
    html = client.get(summary_url(ild_patient_who_does_not_know_dlco)).content.decode()
    assert f'data-nct-id="{ILD}" data-verdict="possible"' in html
    assert f'data-nct-id="{COPD}" data-verdict="no_match"' in html
    copd = html.split(f'data-nct-id="{COPD}"')[1].split("</article>")[0]
    assert "You need a diagnosis of COPD from a doctor." in copd
    answers = html.split('id="answers-title"')[1]
    assert "What was your FVC, as a percentage of the predicted value?" in answers and "<dd>55%" in answers
    assert "Allowed FVC (% of predicted): from 40% to 70%, both included. Yours: 55%, inside the allowed range." in html


def test_the_summary_has_no_contact_details_and_is_never_stored(client, ild_patient_who_does_not_know_dlco):
    response = client.get(summary_url(ild_patient_who_does_not_know_dlco))
    html = response.content.decode()
    assert response["Cache-Control"] == NEVER_STORE
    assert "@" not in html.split('id="panel"')[1].split("</main>")[0]
    assert "Ask the study team to contact me" not in html
    assert "tel:" not in html


def test_the_summary_works_without_javascript_and_prints_without_the_chrome(client, ild_patient_who_does_not_know_dlco):
    html = client.get(summary_url(ild_patient_who_does_not_know_dlco)).content.decode()
    assert "<script>" not in html and "hx-" not in html.split('id="panel"')[1].split("</main>")[0]
    from pathlib import Path

    css = Path("static/screener.css").read_text()
    assert "@media print" in css and ".site-header, .site-footer" in css.split("@media print")[1]


def test_another_browser_cannot_open_the_summary(client, django_app_client, ild_patient_who_does_not_know_dlco):
    assert django_app_client.get(summary_url(ild_patient_who_does_not_know_dlco)).status_code == 404


def test_an_unfinished_questionnaire_goes_to_its_next_question(client):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["ild"])
    response = client.get(summary_url(screening_id))
    assert response.status_code == 302 and "/questions/" in response["Location"]


def test_the_summary_is_in_the_patients_language(client, ild_patient_who_does_not_know_dlco):
    from django.urls import reverse

    url = summary_url(ild_patient_who_does_not_know_dlco)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": url})  # the switch on every page
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in response.content.decode()


def test_the_summary_states_the_rule_of_a_criterion_still_unknown_not_only_the_admins_note(
    client, ild_patient_who_does_not_know_dlco
):
    html = client.get(summary_url(ild_patient_who_does_not_know_dlco)).content.decode()
    ild = html.split(f'data-nct-id="{ILD}"')[1].split("</article>")[0]
    unknown = ild.split("Not known yet:")[1]
    assert "Your DLCO (% of predicted) needs to be at least 30% and at most 80%." in unknown


def test_a_value_to_ask_for_names_its_unit_as_the_question_shows_it_with_chinese_brackets_on_a_chinese_page(
    client, ild_patient_who_does_not_know_dlco
):
    from screener.questionnaire.results import ValueToAsk
    from trials.models import Question, Trial
    from trials.registry.importing import ensure_questions

    ensure_questions(["platelets_10e9_l"])
    english = client.get(summary_url(ild_patient_who_does_not_know_dlco)).content.decode()
    assert "<strong>DLCO (% of predicted)</strong>." in english  # its label already says %, not "(%) (%)"
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    chinese = client.get(summary_url(ild_patient_who_does_not_know_dlco)).content.decode()
    ask = chinese.split('id="ask-title"')[1].split("</section>")[0]
    assert "一氧化碳弥散量 DLCO（占预计值%）</strong>。" in ask and ") (" not in ask
    assert "在哪里可以找到：最近一次的肺功能检查报告。" in ask  # no space after a Chinese colon
    assert "影响的研究：<span" in ask and f"（{ILD}）" in ask and f"({ILD})" not in ask
    platelets = Question.objects.get(key="platelets_10e9_l")
    assert platelets.unit_shown == "× 10⁹/L"  # the unit a patient saw beside the box, never the code "x10^9/L"
    studies = ValueToAsk(platelets, list(Trial.objects.filter(nct_id__in=[ILD, COPD]).order_by("nct_id")))
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("zh-hans"):
        assert studies.study_ids == f"{ILD}，{COPD}"
        page = render_to_string("questionnaire/summary.html", {"to_ask": [studies], "matches": [], "possibles": []})
        assert "<strong>血小板计数（PLT）</strong>（× 10⁹/L）。" in page


def test_the_summary_lists_an_answer_the_study_team_must_judge_apart_from_what_is_not_known(client):
    from tests.trials.profiles import MATCHES_COPD

    screening_id = start(client)
    answer_everything(client, screening_id, {**MATCHES_COPD, "cancer_history": "over_5y"})
    html = client.get(summary_url(screening_id)).content.decode()
    study = html.split(f'data-nct-id="{COPD}"')[1].split("</article>")[0]
    assert "Answered, for the study team to judge:" in study
    assert "Cancer history: Yes, but treatment ended more than 5 years ago" in study
    assert "Not known yet:" not in study
    assert 'data-ask="cancer_history"' not in html  # nothing to ask the doctor for


@pytest.mark.parametrize(
    ("language", "nothing_for_the_doctor", "still_missing", "nothing_missing"),
    [
        (
            "en",
            "Nothing to ask your doctor for: no value a doctor or a report holds is missing.",
            "Still missing: the patient answered “I don’t know” to these",
            "No value is missing",
        ),
        ("zh-hans", "没有需要向医生询问的数值", "仍然缺少：患者对以下问题回答了“我不知道”", "没有缺少的数值"),
    ],
)
def test_an_i_dont_know_to_a_question_only_the_patient_can_answer_is_named_as_missing_not_denied(
    client, language, nothing_for_the_doctor, still_missing, nothing_missing
):
    """The walkthrough's patient said "I don't know" to recent COVID symptoms: the study stayed "may match, some
    values unclear" while the summary said nothing was missing. Now it names the answer and the study it decides."""
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    screening_id = start(client)
    answer_everything(client, screening_id, {**MATCHES_COPD, "covid_last_4_weeks": None})
    html = client.get(summary_url(screening_id)).content.decode()
    ask = html.split('id="ask-title"')[1].split("</section>")[0]
    assert nothing_missing not in ask
    assert nothing_for_the_doctor in ask and still_missing in ask
    item = ask.split('data-give="covid_last_4_weeks"')[1].split("</li>")[0]
    assert f'data-decides="{COPD}"' in item
    assert "data-ask=" not in ask


@pytest.mark.parametrize(
    ("language", "nothing_missing"), [("en", "No value is missing"), ("zh-hans", "没有缺少的数值")]
)
def test_a_summary_with_every_answer_known_says_nothing_is_missing(client, language, nothing_missing):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    html = client.get(summary_url(screening_id)).content.decode()
    ask = html.split('id="ask-title"')[1].split("</section>")[0]
    assert nothing_missing in ask
    assert "data-give=" not in ask and "data-ask=" not in ask


@pytest.mark.parametrize(
    "language, lead_starts",
    [
        ("en", "Answers given to the lung disease study finder, "),
        ("zh-hans", "在“肺病临床研究查找”中填写的回答，"),  # the service's name as its header gives it
    ],
)
def test_the_summary_dates_the_answers_on_one_line_and_names_the_service_as_its_header_does(
    client, ild_patient_who_does_not_know_dlco, language, lead_starts
):
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    client.cookies["django_language"] = language
    html = client.get(summary_url(ild_patient_who_does_not_know_dlco)).content.decode()
    lead = html.split('<p class="lead">')[1].split("</p>")[0]
    assert lead.startswith(lead_starts)
    # the date's hyphens are where a 360 px screen broke it ("2026-12-" / "07"): the date is kept whole
    day = timezone.localdate(timezone=ZoneInfo("Asia/Shanghai"))  # the ILD study's sites count the day there
    assert f'<span class="nowrap">{day:%Y-%m-%d}</span>' in lead


def test_what_is_kept_on_one_line_is_styled_so():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "screener.css").read_text()
    assert ".nowrap { white-space: nowrap; }" in css


def test_the_summary_is_dated_as_the_studies_sites_count_the_day_not_in_utc(client, time_machine):
    """Walkthrough 13: asked for at 07:11 on 8 December in China (23:11 UTC the day before), it said 2026-12-07."""
    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)  # the COPD study's sites are in China
    time_machine.move_to("2026-12-07 23:11:00+00:00", tick=False)
    html = client.get(summary_url(screening_id)).content.decode()
    assert 'Answers given to the lung disease study finder, <span class="nowrap">2026-12-08</span>.' in html

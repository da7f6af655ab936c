"""Drafts never say the opposite of their clause (the ninth walkthrough, item 9): a bound inside a clause's exception
("antihistamines unless taken at a stable regimen for at least 2 months") says who is let in, and no single rule
can say "excluded if on antihistamines and changed less than 2 months ago", so it is left to the study team; an
age read from the text that the registry's approved age limit does not say is flagged; and the items of a list that
no draft reads ("asthma, allergic rhinitis or atopy" read as asthma) stay with the study team, named."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from trials.models import Criterion, Trial
from trials.registry import extraction
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions
from trials.review import sure_enough

pytestmark = pytest.mark.django_db

RECORDS = Path(__file__).resolve().parent / "records"


def drafts(list_kind, words, existing=()):
    heading = "Inclusion Criteria" if list_kind == "inclusion" else "Exclusion Criteria"
    text = f"{heading}:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    return drafts_for(clause, text, ensure_questions(), list(existing))


def on_questions(found):
    return [d for d in found if d.question_id]


def for_the_study_team(found):
    return [d for d in found if not d.question_id]


# --- a bound inside an exception ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "exception"),
    [
        (
            "Patients treated with long-acting antihistamines unless taken at stable regimen at least 2 months prior "
            "to screening",
            "unless taken at stable regimen at least 2 months",
        ),
        (
            "Undergoing allergy shots unless on a stable maintenance dose for 3 months before the start of the study",
            "unless on a stable maintenance dose for 3 months",
        ),
        (
            "History of thymic carcinoma unless deemed cured by adequate treatment with no evidence of recurrence for "
            "≥ 5 years before screening",
            "unless deemed cured",
        ),
        (
            "Known history of an additional malignancy, except if the participant has undergone potentially curative "
            "therapy with no evidence of that disease recurrence for 5 years since initiation of that therapy",
            "except if the participant",
        ),
        ("使用长效抗组胺药者,除非筛选前已稳定用药至少2个月", "除非筛选前已稳定用药至少2个月"),
        ("使用长效抗组胺药者，但筛选前稳定用药至少2个月者除外", "但筛选前稳定用药至少2个月者除外"),
        ("其它浸润性肿瘤;但是受试者治愈且无疾病生存至少5年以上可以入选", "可以入选"),
        ("中枢神经系统出血（术后无症状1级出血痊愈后维持>3个月的试验参与者可入组）", "可入组"),
    ],
)
def test_a_bound_inside_an_exclusions_exception_is_left_to_the_study_team_with_the_exception_named(words, exception):
    found = drafts("exclusion", words)
    assert on_questions(found) == []  # "excluded if stable for ≥ 2 months" would shut out whom the clause lets in
    [team] = for_the_study_team(found)
    assert team.proposal["excepted"] and exception in team.staff_note
    assert team.proposal["excepted"][0]["exception"] in team.staff_note


@pytest.mark.parametrize(
    "words",
    [
        "On a stable regimen of antihistamines for at least 2 months prior to screening",
        "稳定用药至少2个月",
    ],
)
def test_the_same_bound_outside_an_exception_is_still_drafted(words):
    [criterion] = on_questions(drafts("inclusion", words))
    assert criterion.question.key == "days_on_current_treatment"
    assert (criterion.min_value, criterion.time_unit) == (2, "months")
    assert "excepted" not in (criterion.proposal or {})


def test_the_clauses_own_bound_stays_but_says_it_does_not_carry_the_exception():
    found = drafts(
        "exclusion",
        "Treatment with oral corticosteroids within 4 weeks before screening, unless on a stable dose for "
        "at least 3 months",
    )
    [window] = on_questions(found)
    assert (window.question.key, window.max_value) == ("days_since_systemic_steroids", 28)
    assert "unless on a stable dose for at least 3 months" in window.staff_note
    assert not sure_enough(window)  # "Approve all" leaves it for a look of its own
    assert [t.proposal["excepted"][0]["quote"] for t in for_the_study_team(found)] == [
        "stable dose for at least 3 months"
    ]


@pytest.mark.parametrize(
    "words", ["Treatment with oral corticosteroids within 4 weeks before screening", "筛选前4周内使用过全身糖皮质激素"]
)
def test_a_clause_without_an_exception_keeps_its_window_sure_and_without_a_note(words):
    [window] = on_questions(drafts("exclusion", words))
    assert window.question.key == "days_since_systemic_steroids" and window.max_value == 28
    assert not window.staff_note and sure_enough(window)


def test_other_than_limits_a_noun_and_leaves_the_window_after_it_drafted():
    # "a disease other than asthma" excepts a disease, not the three months
    [window] = on_questions(
        drafts("exclusion", "Treatment with corticosteroids for a disease other than asthma within 3 months before")
    )
    assert (window.question.key, window.max_value, window.time_unit) == ("days_since_systemic_steroids", 3, "months")


def test_if_not_states_the_criterion_itself_and_is_no_exception():
    [criterion] = on_questions(drafts("inclusion", "Women are eligible if not pregnant or breastfeeding"))
    assert criterion.question.key == "pregnant_or_breastfeeding" and criterion.values == ["no"]


def test_let_in_words_are_an_exception_only_in_an_exclusion_list():
    words = "Patients on inhaled steroids are eligible if on a stable dose for at least 4 weeks before screening"
    assert extraction.exception_spans(words, "exclusion") and not extraction.exception_spans(words, "inclusion")


def test_the_stable_patient_of_the_walkthrough_is_not_shut_out():
    found = drafts(
        "exclusion",
        "Patients treated with long-acting antihistamines unless taken at stable regimen at least 2 months prior to "
        "screening and to be maintained constant during the study or if taken as Pro Re Nata",
    )
    # nothing that could decide: a patient stable for three months is never excluded by a draft of this clause
    assert [c.to_rule() for c in found if c.question_id] == []


# --- an age the registry's approved limit does not say ----------------------------------------------------------


def registry_age(**bounds):
    return Criterion(
        kind=Criterion.Kind.INCLUSION,
        question=ensure_questions(["age"])["age"],
        status=Criterion.Status.APPROVED,
        origin=Criterion.Origin.IMPORT,
        min_inclusive=True,
        max_inclusive=True,
        **bounds,
    )


@pytest.mark.parametrize(
    "words", ["Male or female adults aged > 40 years with a diagnosis of COPD", "年龄>40岁的男性或女性慢阻肺患者"]
)
def test_a_text_age_that_disagrees_with_the_registrys_approved_limit_is_flagged_and_not_approved_with_the_rest(words):
    [age] = [
        d for d in on_questions(drafts("inclusion", words, [registry_age(min_value=40)])) if d.question.key == "age"
    ]
    assert (age.min_value, age.min_inclusive) == (40, False)  # the text's own reading is kept, for the admin
    assert "age ≥ 40" in age.staff_note and "age > 40" in age.staff_note
    assert age.proposal["registry_age_differs"] is True
    assert not sure_enough(age)


@pytest.mark.parametrize(
    ("words", "registry"),
    [
        ("Male or female adults aged > 40 years with a diagnosis of COPD", None),  # no registry limit to disagree with
        ("Adults aged 18 years or older", {"min_value": 18, "max_value": 75}),  # the same minimum, no maximum said
        ("年龄≥40岁的慢阻肺患者", {"min_value": 40}),  # says what the registry says
    ],
)
def test_a_text_age_that_agrees_with_or_has_no_registry_limit_carries_no_flag(words, registry):
    existing = [registry_age(**registry)] if registry else []
    [age] = [d for d in on_questions(drafts("inclusion", words, existing)) if d.question.key == "age"]
    assert not age.staff_note and "registry_age_differs" not in age.proposal
    assert sure_enough(age)


# --- items of a list that no draft reads ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "rest"),
    [
        ("Diagnosis of asthma, history of allergic rhinitis or atopy", ["history of allergic rhinitis", "atopy"]),
        ("哮喘、过敏性鼻炎或特应性体质病史", ["过敏性鼻炎", "特应性体质病史"]),
    ],
)
def test_the_items_of_a_list_no_draft_reads_stay_with_the_study_team_named(words, rest):
    found = drafts("exclusion", words)
    [asthma] = on_questions(found)
    assert asthma.question.key == "diagnoses" and asthma.values == ["asthma"]
    [team] = for_the_study_team(found)
    assert team.proposal["not_read"] == rest
    assert all(item in team.staff_note for item in rest)


@pytest.mark.parametrize("words", ["Pregnant or lactating women", "妊娠或哺乳期妇女"])
def test_a_list_whose_every_item_a_draft_reads_gets_nothing_more(words):
    found = drafts("exclusion", words)
    assert [d.question.key for d in found] == ["pregnant_or_breastfeeding"]


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("Presence of acute or chronic metabolic acidosis", ["metabolic acidosis"]),  # "acute" shares the noun
        ("Patients with diabetes (such as type 1 or type 2)", ["diabetes"]),  # examples of the drafted head
        ("Patients who have clinically significant cardiovascular condition", ["cardiovascular condition"]),
    ],
)
def test_modifiers_examples_and_single_items_are_no_dropped_items(words, named):
    assert extraction.items_not_named(words, named) == []


# --- the walkthrough's record, imported --------------------------------------------------------------------------


def test_the_walkthrough_record_imports_without_an_opposite_draft_and_with_its_disagreements_shown():
    call_command("import_ctgov", str(RECORDS / "NCT03197818.json"), stdout=StringIO(), stderr=StringIO())
    trial = Trial.objects.get(nct_id="NCT03197818")
    criteria = list(trial.criteria.select_related("question"))

    def of(words):
        return [c for c in criteria if c.clause_text and words in c.clause_text]

    antihistamines = of("long-acting antihistamines")
    assert antihistamines and all(c.question_id is None for c in antihistamines)
    assert any("unless taken at stable regimen" in c.staff_note for c in antihistamines)
    asthma = of("allergic rhinitis")
    assert {c.question.key for c in asthma if c.question_id} == {"diagnoses"}
    assert any("allergic rhinitis" in c.staff_note and c.question_id is None for c in asthma)
    # "aged > 40 years" beside the registry's approved minimum age of 40: flagged, never a silent second rule
    [age] = [c for c in criteria if c.question_id and c.question.key == "age" and c.status == Criterion.Status.DRAFT]
    assert (age.min_value, age.min_inclusive) == (40, False)
    assert "age ≥ 40" in age.staff_note and not sure_enough(age)

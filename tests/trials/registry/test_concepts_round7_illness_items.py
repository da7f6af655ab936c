"""Illnesses a patient knows they have been told of are items of the other-illnesses list (issue 21, decision record
0081): claustrophobia, a skin disease, an eye disease, a disease of the stomach, bowel or pancreas and a sleep disorder other
than sleep apnoea. A clause that
names the illness in general ("skin disease", "眼病", "gastrointestinal disorders") is its item; one named kind
("psoriasis", "cataract", "peptic ulcer") leaves the item to the study team, since a patient with another kind ticks
the same item; a severity, a place ("at the injection site") or a time does too. A list shows a new item only when
an open study needs it, and "None of these" answers every study that named one. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules, study_excluding
from trials import eligibility
from trials.eligibility import ItemsAnswer, Verdict
from trials.registry.importing import ensure_questions

NEW_ITEMS = {"claustrophobia", "skin_disease", "eye_disease", "gi_disease", "sleep_disorder"}


# 1. The illness in general is its item; the item's kin come with it


@pytest.mark.parametrize(
    "words, values",
    [
        ("Claustrophobia", ["claustrophobia"]),
        ("A history of claustrophobia", ["claustrophobia"]),
        ("有幽闭恐惧症病史", ["claustrophobia"]),
        ("Any form of skin disease", ["skin_disease"]),
        ("患有慢性皮肤病", ["skin_disease"]),
        ("Known ophthalmologic disease", ["eye_disease", "narrow_angle_glaucoma"]),
        ("既往有眼部疾病", ["eye_disease", "narrow_angle_glaucoma"]),
        ("Any gastrointestinal disorder", ["gi_disease", "inflammatory_bowel_disease"]),
        ("有胃肠道疾病史", ["gi_disease", "inflammatory_bowel_disease"]),
        ("Sleep disorder", ["sleep_disorder", "sleep_apnoea"]),
        ("睡眠障碍", ["sleep_disorder", "sleep_apnoea"]),
    ],
    ids=not_ascii_ids,
)
def test_an_illness_named_in_general_is_its_item(words, values):
    assert rules(words) == [("other_conditions", values, [], False)]


def test_a_disease_of_the_digestive_system_is_the_stomach_and_bowel_items_and_the_liver_for_the_study_team():
    """The digestive system holds the liver too: a patient with a liver disease only is for the study team."""
    for words in ("Digestive system disease", "消化系统疾病"):
        assert rules(words) == [
            (
                "other_conditions",
                ["gi_disease", "inflammatory_bowel_disease"],
                ["liver_disease", "liver_cirrhosis"],
                False,
            )
        ]


@pytest.mark.parametrize(
    "words",
    [
        "Other sleep disorders",
        "Co-existing non-respiratory sleep disorder",
        "Another sleep disorder in addition to OSA",
        "其他睡眠障碍",
        "Presence of non-OSAHS related sleep disorders",
    ],
    ids=not_ascii_ids,
)
def test_another_sleep_disorder_is_the_item_without_sleep_apnoea(words):
    """A sleep study's "other sleep disorders" leaves out the apnoea it is about: the item says "not sleep apnoea"."""
    assert rules(words) == [("other_conditions", ["sleep_disorder"], [], False)]


def test_glaucoma_of_no_kind_is_the_narrow_angle_item_and_another_eye_disease_for_the_study_team():
    for words in ("History of glaucoma", "青光眼"):
        assert rules(words) == [("other_conditions", ["narrow_angle_glaucoma"], ["eye_disease"], False)]


# 2. One named kind, a severity, one place or a time leaves the item to the study team


@pytest.mark.parametrize(
    "words, item",
    [
        ("History of psoriasis", "skin_disease"),
        ("特应性皮炎", "skin_disease"),
        ("Bilateral age-related cataract", "eye_disease"),
        ("葡萄膜炎病史", "eye_disease"),
        ("History of peptic ulcer", "gi_disease"),
        ("Coeliac disease", "gi_disease"),
        ("慢性胰腺炎病史", "gi_disease"),
        ("Have serious claustrophobia", "claustrophobia"),
        ("Skin disease at the injection site", "skin_disease"),
        ("拟注射部位周围有皮肤疾病", "skin_disease"),
        ("Local inflammatory skin disorder", "skin_disease"),
        ("Gastrointestinal disease within the last 3 months", "gi_disease"),
        ("History of narcolepsy and/or cataplexy", "sleep_disorder"),
        ("失眠症病史", "sleep_disorder"),
    ],
    ids=not_ascii_ids,
)
def test_a_named_kind_a_severity_a_place_or_a_time_is_the_item_for_the_study_team(words, item):
    """A patient with eczema ticks the skin disease item as one with psoriasis does: only the study team can tell."""
    [(question, values, uncertain, negated)] = rules(words)
    assert (question, values, negated) == ("other_conditions", [], False) and item in uncertain


def test_a_glaucoma_of_one_named_kind_may_or_may_not_be_the_narrow_angle_kind():
    assert rules("Neovascular glaucoma") == [("other_conditions", [], ["narrow_angle_glaucoma", "eye_disease"], False)]


def test_open_angle_glaucoma_is_another_eye_disease_not_the_narrow_angle_kind():
    assert rules("Diagnosed with open-angle glaucoma", "inclusion") == [
        ("other_conditions", [], ["eye_disease"], False)
    ]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("No claustrophobia", "inclusion"),
        ("无幽闭恐惧症", "inclusion"),
        ("Participants without a history of gastrointestinal disorders", "inclusion"),
        ("无皮肤病史", "inclusion"),
        ("No insomnia", "inclusion"),
    ],
    ids=not_ascii_ids,
)
def test_without_the_illness_is_negated(words, kind):
    [(question, values, uncertain, negated)] = rules(words, kind)
    assert question == "other_conditions" and negated and set(values + uncertain) & NEW_ITEMS


# 3. Near misses: an operation, a score, a lesion, a reaction or a contraindication is not the illness


@pytest.mark.parametrize(
    "words",
    [
        "Patient without cataract surgery",
        "Previous glaucoma filter surgery",
        "白内障手术史",
        "Eczema Area and Severity Index (EASI) score ≥ 16",
        "银屑病面积与严重程度指数(PASI)评分≥12分",
        "仅皮肤病灶作为靶病灶的患者",
        "Skin lesions at the biopsy site",
        "Contraindications to MRI (claustrophobia, metal implants)",
        "Psoriasis treatment within 4 weeks",
        "Risk factors for pancreatitis",
        "Individuals with central or mixed sleep disordered breathing",
        "Insomnia Index score indicating occasional sleeplessness",
    ],
    ids=not_ascii_ids,
)
def test_an_operation_a_score_a_lesion_or_a_contraindication_is_no_new_item(words):
    named = {code for question, values, uncertain, _ in rules(words) for code in [*values, *uncertain]}
    assert not named & NEW_ITEMS


def test_a_scheduled_eye_operation_stays_a_planned_operation():
    assert rules("Scheduled for a cataract operation") == [("planned_surgery", [], ["yes"], False)]


def test_psoriatic_arthritis_stays_an_autoimmune_disease():
    # one named autoimmune disease is a narrower kind of the item, for the study team (decision 0083)
    assert rules("Psoriatic arthritis") == [("other_conditions", [], ["autoimmune_disease"], False)]


def test_inflammatory_bowel_disease_stays_its_own_item():
    assert rules("Crohn's disease") == [("other_conditions", ["inflammatory_bowel_disease"], [], False)]


# 4. Through the engine: the list shows a new item only when an open study needs it; "None of these" answers all


@pytest.mark.django_db
def test_a_new_item_is_shown_only_while_a_study_that_needs_it_is_open():
    questions = {key: q.to_info() for key, q in ensure_questions().items()}
    diabetes = study_excluding("diabetes", "Diabetes mellitus")
    alone = eligibility.Catalogue([diabetes], questions).walk({})
    assert alone.items["other_conditions"] == {"diabetes"}  # no open study asks about the skin or closed spaces
    mri = study_excluding("mri", "Claustrophobia", "Any form of skin disease")
    both = eligibility.Catalogue([diabetes, mri], questions).walk({})
    assert both.items["other_conditions"] == {"diabetes", "claustrophobia", "skin_disease"}
    assert not {"eye_disease", "gi_disease"} & both.items["other_conditions"]


@pytest.mark.django_db
def test_none_of_these_meets_every_study_that_excludes_a_new_item_and_ticking_one_closes_only_its_own():
    questions = {key: q.to_info() for key, q in ensure_questions().items()}
    mri = study_excluding("mri", "Claustrophobia")
    gut = study_excluding("gut", "有胃肠道疾病史")
    eyes = study_excluding("eyes", "Known ophthalmologic disease")
    trials = [mri, gut, eyes]
    shown = frozenset(
        {"claustrophobia", "gi_disease", "inflammatory_bowel_disease", "eye_disease", "narrow_angle_glaucoma"}
    )
    none = {"other_conditions": ItemsAnswer(frozenset({"none"}), shown)}
    assert {r.trial.id: r.verdict for r in eligibility.evaluate(trials, none, questions)} == {
        "mri": Verdict.MATCH,
        "gut": Verdict.MATCH,
        "eyes": Verdict.MATCH,
    }
    afraid = {"other_conditions": ItemsAnswer(frozenset({"claustrophobia"}), shown)}
    assert {r.trial.id: r.verdict for r in eligibility.evaluate(trials, afraid, questions)} == {
        "mri": Verdict.NO_MATCH,
        "gut": Verdict.MATCH,
        "eyes": Verdict.MATCH,
    }


@pytest.mark.django_db
def test_a_patient_with_another_kind_stays_possible_for_a_study_that_names_one_kind():
    questions = {key: q.to_info() for key, q in ensure_questions().items()}
    ulcer = study_excluding("ulcer", "History of peptic ulcer")
    shown = frozenset({"gi_disease"})
    ticked = {"other_conditions": ItemsAnswer(frozenset({"gi_disease"}), shown)}
    assert eligibility.evaluate([ulcer], ticked, questions)[0].verdict is Verdict.POSSIBLE
    none = {"other_conditions": ItemsAnswer(frozenset({"none"}), shown)}
    assert eligibility.evaluate([ulcer], none, questions)[0].verdict is Verdict.MATCH


@pytest.mark.django_db
def test_every_new_item_has_an_english_and_a_chinese_label():
    choices = {choice["code"]: choice for choice in ensure_questions()["other_conditions"].choices}
    for code in NEW_ITEMS:
        assert choices[code]["label"] and choices[code]["label_zh_hans"]

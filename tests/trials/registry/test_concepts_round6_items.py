"""Past operations on the chest or the belly and medicines by class are items a patient ticks (issue 21, decision
record 0074): "previous thoracic surgery", "history of gastric surgery", "既往胸部手术史", "use of antidepressants",
"正在服用阿司匹林" reach the lung-procedures and medicines-taken-now lists. A narrower kind (an operation on the
heart or the stomach, one medicine of a class, SSRIs) leaves the item to the study team; a need, a plan, the
study's own operation or a dose gives no draft. A list shows a new item only when some open study needs it. The
words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules, study_excluding
from trials import eligibility
from trials.eligibility import ItemsAnswer, Verdict
from trials.registry.importing import ensure_questions

CHEST = ["chest_surgery", "lung_resection", "lung_transplant"]
NEW_CLASSES = {"benzodiazepine", "antiplatelet", "nsaid", "antidepressant", "antipsychotic"}


# 1. An operation on the chest or the belly in the past


@pytest.mark.parametrize(
    "words",
    ["Previous thoracic surgery", "History of chest surgery", "既往胸部手术史", "曾行开胸手术"],
    ids=not_ascii_ids,
)
def test_an_earlier_chest_operation_is_the_chest_item_and_the_lung_operations_beside_it(words):
    assert rules(words) == [("lung_procedures", CHEST, ["lung_volume_reduction"], False)]


@pytest.mark.parametrize(
    "words", ["Prior abdominal operation", "有腹部手术史", "Previous surgery on the abdomen"], ids=not_ascii_ids
)
def test_an_earlier_belly_operation_is_the_belly_item(words):
    assert rules(words) == [("lung_procedures", ["abdominal_surgery"], [], False)]


@pytest.mark.parametrize(
    "words, item",
    [
        ("Past weight-loss surgery", "abdominal_surgery"),
        ("History of stomach surgery or bowel resection", "abdominal_surgery"),
        ("既往胃旁路或减重手术", "abdominal_surgery"),
        ("Prior open heart surgery", "chest_surgery"),
        ("既往心脏瓣膜手术", "chest_surgery"),
    ],
    ids=not_ascii_ids,
)
def test_an_operation_on_one_organ_of_the_chest_or_belly_is_left_to_the_study_team(words, item):
    """A patient who had another operation on the belly ticks the same item: only the study team can tell."""
    assert rules(words) == [("lung_procedures", [], [item], False)]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Earlier major abdominal operation", "inclusion"),
        ("Prior abdominal surgery involving the bowel", "inclusion"),
        ("既往腹部大手术", "exclusion"),
    ],
    ids=not_ascii_ids,
)
def test_a_major_operation_or_one_part_of_the_belly_is_left_to_the_study_team(words, kind):
    """A patient who had a small operation on the belly is not taken to meet a 'major abdominal surgery'."""
    assert rules(words, kind) == [("lung_procedures", [], ["abdominal_surgery"], False)]


def test_an_operation_on_the_chest_or_belly_is_both_items():
    assert rules("Earlier chest or abdominal surgery") == [
        ("lung_procedures", [*CHEST, "abdominal_surgery"], ["lung_volume_reduction"], False)
    ]


def test_an_operation_on_one_side_of_the_chest_is_left_to_the_study_team():
    assert rules("Prior ipsilateral chest surgery") == [
        ("lung_procedures", [], [*CHEST, "lung_volume_reduction"], False)
    ]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("No prior thoracic surgery", "inclusion"),
        ("无胸部手术史", "inclusion"),
        ("Never had abdominal surgery", "inclusion"),
    ],
    ids=not_ascii_ids,
)
def test_no_earlier_operation_is_negated(words, kind):
    [(question, values, _, negated)] = rules(words, kind)
    assert question == "lung_procedures" and negated and values


@pytest.mark.parametrize(
    "words",
    [
        "Disease requiring heart surgery",
        "The need for another cardiac operation",
        "Awaiting abdominal surgery",
        "Weight regain after bariatric surgery",
        "Gastric bypass during the study period",
        "Emergency abdominal surgery",
        "Thoracic surgery within the last 3 months",
        "Contraindication to thoracic surgery",
        "需要胸部手术",
    ],
    ids=not_ascii_ids,
)
def test_a_need_a_candidacy_the_study_s_own_operation_or_a_time_is_no_earlier_operation(words):
    assert [rule for rule in rules(words) if rule[0] == "lung_procedures"] == []


def test_an_operation_on_the_chest_the_patient_is_scheduled_for_is_a_planned_operation():
    assert rules("Scheduled for thoracic surgery") == [("planned_surgery", [], ["yes"], False)]


# 2. Medicines taken now, by class


@pytest.mark.parametrize(
    "words, item",
    [
        ("Regular use of benzodiazepines", "benzodiazepine"),
        ("正在服用苯二氮卓类药物", "benzodiazepine"),
        ("Currently on antiplatelet therapy", "antiplatelet"),
        ("长期服用抗血小板药物", "antiplatelet"),
        ("Taking NSAIDs daily", "nsaid"),
        ("正在使用非甾体抗炎药", "nsaid"),
        ("Current antidepressant medication", "antidepressant"),
        ("目前服用抗抑郁药", "antidepressant"),
        ("Treatment with neuroleptics", "antipsychotic"),
        ("正在使用抗精神病药物", "antipsychotic"),
        ("Patients on opioid analgesics", "opioid"),
    ],
    ids=not_ascii_ids,
)
def test_a_medicine_class_taken_now_is_its_item(words, item):
    assert rules(words) == [("medicines_now", [item], [], False)]


@pytest.mark.parametrize(
    "words, item",
    [
        ("Currently taking clopidogrel", "antiplatelet"),
        ("正在服用阿司匹林", "antiplatelet"),
        ("Low-dose aspirin", "antiplatelet"),
        ("Use of sertraline", "antidepressant"),
        ("Current use of SSRIs", "antidepressant"),
        ("正在服用三环类抗抑郁药", "antidepressant"),
        ("Patients on diazepam", "benzodiazepine"),
        ("Taking ibuprofen", "nsaid"),
        ("Second-generation antipsychotics", "antipsychotic"),
    ],
    ids=not_ascii_ids,
)
def test_one_medicine_or_one_kind_of_a_class_is_the_class_item_for_the_study_team(words, item):
    """A trial that excludes sertraline does not exclude a patient on another antidepressant."""
    assert rules(words) == [("medicines_now", [], [item], False)]


@pytest.mark.parametrize(
    "words",
    ["Not taking any antidepressant", "未使用苯二氮䓬类药物", "No current NSAID use"],
    ids=not_ascii_ids,
)
def test_not_taking_a_medicine_class_is_negated(words):
    [(question, values, _, negated)] = rules(words, "inclusion")
    assert question == "medicines_now" and values and negated


@pytest.mark.parametrize(
    "words",
    [
        "Allergy to NSAIDs",
        "Contraindication to aspirin",
        "Aspirin-exacerbated respiratory disease",
        "阿司匹林哮喘",
        "Anticoagulants other than aspirin",
        "Benzodiazepines at a dose of more than two tablets a day",
        "Antipsychotics (more than one dose per day)",
        "History of antidepressant treatment",
        "Antidepressants within the last 3 months",
        "A condition that prevents the patient from taking NSAIDs",
        "尿液药物筛查苯二氮卓阳性",
    ],
    ids=not_ascii_ids,
)
def test_an_allergy_an_illness_an_exception_a_dose_a_past_a_time_or_a_drug_test_is_no_class_taken_now(words):
    named = {code for question, values, uncertain, _ in rules(words) for code in [*values, *uncertain]}
    assert not named & NEW_CLASSES


# 3. A list shows a new item only when some open study needs it


@pytest.mark.django_db
def test_a_new_item_is_shown_only_while_a_study_that_needs_it_is_open():
    questions = {key: q.to_info() for key, q in ensure_questions().items()}
    oxygen = study_excluding("oxygen", "Long-term oxygen therapy")
    alone = eligibility.Catalogue([oxygen], questions).walk({})
    assert alone.items["medicines_now"] == {"long_term_oxygen"}  # no open study needs an antidepressant
    assert "lung_procedures" not in alone.items
    pills = study_excluding("pills", "Use of antidepressants", "Prior thoracic surgery")
    both = eligibility.Catalogue([oxygen, pills], questions).walk({})
    assert both.items["medicines_now"] == {"long_term_oxygen", "antidepressant"}
    assert both.items["lung_procedures"] == {
        "chest_surgery",
        "lung_resection",
        "lung_transplant",
        "lung_volume_reduction",
    }
    assert "abdominal_surgery" not in both.items["lung_procedures"]  # no open study asks about the belly


@pytest.mark.django_db
def test_ticking_an_item_closes_only_the_study_that_named_it_and_none_of_these_answers_both():
    questions = {key: q.to_info() for key, q in ensure_questions().items()}
    chest, belly = study_excluding("chest", "既往胸部手术史"), study_excluding("belly", "Previous abdominal surgery")
    shown = frozenset(
        {"chest_surgery", "lung_resection", "lung_transplant", "lung_volume_reduction", "abdominal_surgery"}
    )
    ticked = {"lung_procedures": ItemsAnswer(frozenset({"abdominal_surgery"}), shown)}
    verdicts = {r.trial.id: r.verdict for r in eligibility.evaluate([chest, belly], ticked, questions)}
    assert verdicts == {"chest": Verdict.MATCH, "belly": Verdict.NO_MATCH}
    none = {"lung_procedures": ItemsAnswer(frozenset({"none"}), shown)}
    assert {r.verdict for r in eligibility.evaluate([chest, belly], none, questions)} == {Verdict.MATCH}


@pytest.mark.django_db
def test_a_patient_on_another_medicine_of_the_class_stays_possible_for_a_trial_that_names_one_medicine():
    questions = {key: q.to_info() for key, q in ensure_questions().items()}
    sertraline = study_excluding("sertraline", "Current use of sertraline")
    on_one = {"medicines_now": ItemsAnswer(frozenset({"antidepressant"}), frozenset({"antidepressant"}))}
    assert eligibility.evaluate([sertraline], on_one, questions)[0].verdict is Verdict.POSSIBLE
    on_none = {"medicines_now": ItemsAnswer(frozenset({"none"}), frozenset({"antidepressant"}))}
    assert eligibility.evaluate([sertraline], on_none, questions)[0].verdict is Verdict.MATCH


@pytest.mark.django_db
def test_every_new_item_has_a_chinese_label():
    questions = ensure_questions()
    new = {
        "lung_procedures": ["chest_surgery", "abdominal_surgery"],
        "medicines_now": ["benzodiazepine", "antiplatelet", "nsaid", "antidepressant", "antipsychotic"],
    }
    for key, codes in new.items():
        choices = {choice["code"]: choice for choice in questions[key].choices}  # the seed's own labels
        for code in codes:
            assert choices[code]["label"] and choices[code]["label_zh_hans"]

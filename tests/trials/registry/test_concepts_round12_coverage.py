"""Round twelve's coverage (issue 21, decision record 0119): names the vocabulary already has, written as pages write
them, and clauses that are no check on a patient.

- A page's misspelling of a word of a name ("neurologi disease", "neuromuscular desease", "neuromusular disease",
  "Cardiac Arrythmias") reads as the name: a table of whole words (lexicon `spelling_variant`), never fuzzy matching,
  so a spelling the table does not hold is no name.
- Lactose intolerance and G6PD deficiency are items of the other-illnesses list, in both languages; the rare
  hereditary problems of milk sugar a medicine's label names (galactose intolerance, total lactase deficiency,
  glucose-galactose malabsorption) are the lactose item for the study team. Lactose named alone (a capsule's filler,
  a component one may be allergic to) and a G6PD test are not the items.
- A valve prosthesis, a valvulopathy and the valve's own names of a stenosis or a regurgitation ("valvular
  prosthesis", "cardiac valvulopathy", "mitral valve stenosis", 人工瓣膜, 心脏瓣膜置换术后) are the valve-disease concept:
  the heart-disease item for the study team.
- A patient's opposition or refusal said as a state ("Opposition of the patient", "no refusal of the person",
  "opposition to use the data") is consent, procedural; an oppositional disorder or a refusal of a treatment is not.
- Missing or not attending the study's own sessions ("fail to participate in the established intervention and
  evaluation sessions", "absence in five or more training sessions", "must participate in all study sessions") is
  willingness, procedural; sessions of dialysis, chemotherapy or radiotherapy, and a patient's own programmes, are not.
- Catch-alls left to the investigator that the lexicon missed are procedural `judgement`: "Per the investigator's
  judgment, there are any other circumstances …", "The investigator judges that there are any patients who …",
  "Any other participants that were considered unsuitable by the investigator", "No other major illness which, in
  the investigator's judgement, …", the standard "Has a history or current evidence of any condition, therapy, or
  laboratory abnormality that might confound the results …, in the opinion of the treating investigator", and the
  Chinese "根据研究者的判断，…结果存在任何具有临床意义的异常". Without a judge the clause stays a screening clause.
- A clause that is nothing but a group's name ("Control group", "COPD Group", "哮喘组：") is a sub-heading: procedural
  `heading` (it gave no draft already); a clause about a group's patients is not.

The words are our own or the registry's standard lines."""

import pytest

from tests.trials.registry.concept_readings import (
    assert_items_labelled_and_in_the_glossary,
    drafted_exclusions,
    not_ascii_ids,
    rules,
    study_excluding,
)
from trials import eligibility
from trials.eligibility import Verdict
from trials.registry.concepts import matching
from trials.registry.importing import ensure_questions

NEW_ITEMS = {"other_conditions": {"lactose_intolerance", "g6pd_deficiency"}}


# 1. Misspellings the table holds


@pytest.mark.parametrize(
    "words, code",
    [
        ("history of neurologi disease", "neurological_disease"),
        ("Verified diagnosis of neuromuscular desease", "neuromuscular_disease"),
        ("neuromusular disease", "neuromuscular_disease"),
        ("Actual Cardiac Arrythmias", "arrhythmia"),
    ],
)
def test_a_misspelt_word_the_table_holds_reads_as_the_name(words, code):
    assert any(code in [*values, *uncertain] for _q, values, uncertain, _n in rules(words))


@pytest.mark.parametrize(
    "words", ["history of neurologj disease", "neuromuskular desease", "neurology clinic patients", "Disease desk"]
)
def test_a_spelling_the_table_does_not_hold_is_no_name(words):
    assert rules(words) == []


def test_the_table_only_holds_whole_words_and_each_variant_differs_from_its_word():
    table = matching.lexicon()["spelling_variant"]["en"]
    for word, variants in table.items():
        assert word.isalpha() and all(v.isalpha() and v.lower() != word.lower() for v in variants)


# 2. Lactose intolerance and G6PD deficiency


@pytest.mark.parametrize(
    "words, code",
    [
        ("Lactose intolerance", "lactose_intolerance"),
        ("Lactose intolerance (placebo capsules contain lactose)", "lactose_intolerance"),
        ("有乳糖不耐受者", "lactose_intolerance"),
        ("G6PD deficiency", "g6pd_deficiency"),
        ("have known glucose-6-phosphate dehydrogenase deficiency (G6PD deficiency)", "g6pd_deficiency"),
        ("葡萄糖-6-磷酸脱氢酶缺乏症者", "g6pd_deficiency"),
        ("蚕豆病患者", "g6pd_deficiency"),
    ],
    ids=not_ascii_ids,
)
def test_lactose_intolerance_and_g6pd_deficiency_are_their_items(words, code):
    assert rules(words) == [("other_conditions", [code], [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Rare hereditary galactose intolerance, total lactase deficiency or glucose-galactose malabsorption",
        "有半乳糖不耐受者",
    ],
    ids=not_ascii_ids,
)
def test_the_rare_hereditary_problems_of_milk_sugar_are_the_lactose_item_for_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["lactose_intolerance"], False)]


def test_not_lactose_intolerant_in_an_inclusion_is_negated():
    assert rules("Not lactose-intolerant", "inclusion") == [("other_conditions", ["lactose_intolerance"], [], True)]


@pytest.mark.parametrize(
    "words",
    [
        "Allergy to other components of the placebo capsules like lactose.",
        "已知对试验疫苗的任何成分过敏,包括:乳糖、氢氧化铝、硫柳汞、氯化钠等;",
        "G6PD activity test at screening",
        "Lactose-free diet for 2 days before the visit",
    ],
    ids=not_ascii_ids,
)
def test_lactose_named_alone_or_a_g6pd_test_is_not_the_item(words):
    codes = {code for _q, values, uncertain, _n in rules(words) for code in [*values, *uncertain]}
    assert not codes & {"lactose_intolerance", "g6pd_deficiency"}


@pytest.mark.parametrize(
    "words",
    [
        "Presence of valvular prosthesis",
        "Presence of cardiac valvulopathy",
        "moderate or severe mitral valve stenosis",
        "有人工瓣膜者",
        "心脏瓣膜置换术后患者",
    ],
    ids=not_ascii_ids,
)
def test_a_valve_prosthesis_or_a_valvulopathy_is_the_heart_disease_item_for_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["heart_disease"], False)]


def test_no_valvular_prosthesis_in_an_inclusion_is_negated():
    assert rules("Patients without valvular prosthesis", "inclusion") == [
        ("other_conditions", [], ["heart_disease"], True)
    ]


@pytest.mark.parametrize("words", ["Prosthesis of the hip", "Valve of the CPAP mask leaks"])
def test_a_prosthesis_or_a_valve_that_is_not_the_hearts_is_not_the_item(words):
    codes = {code for _q, values, uncertain, _n in rules(words) for code in [*values, *uncertain]}
    assert "heart_disease" not in codes


# 3. Opposition or refusal said as a state


@pytest.mark.parametrize(
    "words",
    [
        "Opposition of the patient",
        "opposition to use the data",
        "Patients opposed to their data use",
        "no refusal of the person",
        "Patient refusal",
    ],
)
def test_a_patients_opposition_or_refusal_is_consent(words):
    assert matching.clause_class(words) == "consent"


@pytest.mark.parametrize(
    "words",
    ["Oppositional defiant disorder", "Refusal of blood transfusion", "History of opposition defiant behaviour"],
)
def test_an_oppositional_disorder_or_a_refused_treatment_is_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


@pytest.mark.parametrize(
    "words",
    [
        "Who fail to participate in the established intervention and evaluation sessions",
        "Do not participate in at least 20 training sessions or miss more than three consecutive training sessions.",
        "absence in five or more Capoeira training sessions.",
        "Not attending the lecture",
        "at least one parent who lives in the same household as the teen must participate in all study sessions.",
    ],
)
def test_missing_the_studys_sessions_is_willingness(words):
    assert matching.clause_class(words) == "willingness"


@pytest.mark.parametrize(
    "words",
    [
        "Participation in more than two sessions of muscle training exercises per week involving the upper limb",
        "History of missing more than 2 dialysis sessions a month",
        "Subject did not participate in any exercise program within the last three months.",
    ],
)
def test_a_patients_own_sessions_or_programmes_are_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


# 4. Catch-alls left to the investigator


@pytest.mark.parametrize(
    "words",
    [
        "Per the investigator's judgment, there are any other circumstances that may increase the risk of "
        "participating in the study, interfere with the study results, or make participation inappropriate.",
        "The investigator judges that there are any patients who endanger the patient's safety, interfere with the "
        "study assessment, and have poor compliance;",
        "Any other participants that were considered unsuitable by the investigator.",
        "No other major illness which, in the investigator's judgement, will substantially increase the risk "
        "associated with the patient's participation in this study.",
        "Has a history or current evidence of any condition, therapy, or laboratory abnormality that might confound "
        "the results of the study, interfere with the subject's participation for the full duration of the study, or "
        "is not in the best interest of the subject to participate, in the opinion of the treating investigator.",
        "A:根据研究者的判断,临床生化、凝血、血液学或尿分析结果存在任何具有临床意义的异常,但不包括排除标准7中所述的异常",
    ],
    ids=not_ascii_ids,
)
def test_a_catch_all_left_to_the_investigator_is_procedural(words):
    assert matching.clause_class(words) == "judgement"


@pytest.mark.parametrize(
    "words",
    [
        "No other major illness",
        "Has a history or current evidence of any condition that might confound the results of the study",
        "Has a history or current evidence of heart failure that, in the opinion of the investigator, might confound",
        "临床生化、凝血、血液学或尿分析结果存在任何具有临床意义的异常",
        "根据研究者的判断,存在具有临床意义的心脏疾病",
        "Any other participants with asthma",
    ],
    ids=not_ascii_ids,
)
def test_without_a_judge_or_with_an_illness_named_the_clause_is_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


# 5. A group's name alone


@pytest.mark.parametrize("words", ["Control group", "COPD Group", "Group 2 (OSA):", "哮喘组："], ids=not_ascii_ids)
def test_a_clause_that_is_only_a_groups_name_is_a_heading(words):
    assert matching.clause_class(words) == "heading"
    assert rules(words) == []


@pytest.mark.parametrize(
    "words",
    ["Patients in the asthma group must be 18 or older", "对照组受试者须无哮喘病史", "Fracture of the arm"],
    ids=not_ascii_ids,
)
def test_a_clause_about_a_groups_patients_is_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


# 6. What the engine does with them, and the labels


@pytest.mark.django_db
def test_a_patient_with_lactose_intolerance_is_excluded_and_the_rare_kinds_are_left_to_the_study_team():
    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    lactose = study_excluding("lactose", "Lactose intolerance")
    rare = study_excluding("rare", "Hereditary galactose intolerance or glucose-galactose malabsorption")
    has = {"other_conditions": ["lactose_intolerance"]}
    assert eligibility.evaluate([lactose], has, infos)[0].verdict is Verdict.NO_MATCH
    assert eligibility.evaluate([lactose], {"other_conditions": ["none"]}, infos)[0].verdict is Verdict.MATCH
    assert eligibility.evaluate([rare], has, infos)[0].verdict is Verdict.POSSIBLE
    assert eligibility.evaluate([rare], {"other_conditions": ["none"]}, infos)[0].verdict is Verdict.MATCH


@pytest.mark.django_db
def test_a_drafted_exclusion_lands_on_the_list_question():
    [draft] = drafted_exclusions("G6PD deficiency")
    assert (draft.question.key, draft.values, draft.uncertain_values) == ("other_conditions", ["g6pd_deficiency"], [])


@pytest.mark.django_db
def test_every_new_item_has_an_english_and_a_chinese_label_and_a_glossary_row():
    assert_items_labelled_and_in_the_glossary(NEW_ITEMS, ("乳糖不耐受", "半乳糖", "G6PD缺乏症", "蚕豆病"))

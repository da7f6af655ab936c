"""Yes/no criteria reach the patient: the conditions, medicines, procedures and states a clause names become draft
rules on grouped questions, with their polarity and time; procedural clauses are never checks."""

import re
from decimal import Decimal

import pytest

from trials import eligibility
from trials.models import Coverage, Criterion, Question, Trial
from trials.registry import extraction
from trials.registry.concepts import matching
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions


def one(words, kind="exclusion"):
    [proposal] = matching.proposals(words, kind)
    return proposal


@pytest.mark.parametrize(
    "words, question, values",
    [
        ("History of HIV infection", "other_conditions", ["hiv"]),
        ("Diagnosis of asthma", "diagnoses", ["asthma"]),
        ("乙肝或丙肝患者", "other_conditions", ["hepatitis_b", "hepatitis_c"]),
        ("Taking pirfenidone or nintedanib", "medicines_now", ["antifibrotic"]),
        ("Treatment with beta-blockers", "medicines_now", ["beta_blocker"]),
        ("长期氧疗患者", "medicines_now", ["long_term_oxygen"]),
        ("Currently listed for lung transplantation", "lung_procedures", ["transplant_list"]),
        ("Previous lung volume reduction surgery", "lung_procedures", ["lung_volume_reduction"]),
        ("Prior bronchial thermoplasty", "lung_procedures", ["bronchial_thermoplasty"]),
        ("Pregnant or lactating women", "pregnant_or_breastfeeding", ["yes"]),
        ("妊娠或哺乳期妇女", "pregnant_or_breastfeeding", ["yes"]),
        ("Current smokers", "smoking_status", ["current"]),
        ("Active infection", "infection_now", ["yes"]),
        ("Currently participating in another clinical trial", "other_trial_recent", ["within_4w"]),
    ],
    ids=lambda value: value if isinstance(value, str) and value.isascii() else None,
)
def test_each_class_of_concept_is_read_onto_its_question(words, question, values):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.negated) == (question, values, False)
    assert proposal.quote in words


@pytest.mark.parametrize(
    "words",
    ["No history of asthma", "Patients without asthma", "Free of asthma", "无哮喘病史", "既往未诊断哮喘", "除外哮喘"],
)
def test_negation_is_read_in_both_languages(words):
    proposal = one(words, "inclusion")
    assert proposal.question == "diagnoses" and proposal.negated


@pytest.mark.parametrize(
    "words", ["Not limited to asthma", "未控制的糖尿病", "Asthma, not controlled", "No more than 2 asthma attacks"]
)
def test_words_that_look_like_negation_do_not_negate(words):
    assert not one(words).negated


@pytest.mark.parametrize("words", ["Hospitalisation for COPD", "Family history of asthma", "糖尿病家族史"])
def test_a_concept_that_is_excepted_or_only_qualifies_another_thing_is_not_proposed(words):
    assert matching.proposals(words, "exclusion") == []


@pytest.mark.parametrize(
    "words, excepted",
    [
        ("Known respiratory disorders other than COPD", {"copd"}),
        ("Diagnosed with any other respiratory disease besides asthma", {"asthma"}),
        ("除COPD以外的其他肺部疾病", {"copd"}),
        ("除哮喘外的其他呼吸系统疾病", {"asthma"}),
        # a patient with IPF may tick "interstitial lung disease" too: neither excludes them
        ("Clinically significant pulmonary disease other than IPF", {"ipf", "ild"}),
    ],
)
def test_another_lung_disease_is_every_lung_diagnosis_but_the_one_named_as_the_exception(words, excepted):
    proposal = one(words)
    assert proposal.question == "diagnoses" and not proposal.negated
    lung_codes = {"copd", "ild", "ipf", "asthma", "bronchiectasis", "cystic_fibrosis", "pulmonary_hypertension"}
    assert set(proposal.values) >= lung_codes - excepted and "other" in proposal.values
    assert not set(proposal.values) & excepted and "none" not in proposal.values


@pytest.mark.parametrize(
    "words", ["Any other significant pulmonary disease", "HIV or other lung disease", "其他肺部疾病"]
)
def test_another_lung_disease_without_a_named_exception_leaves_the_clause_for_the_study_team(words):
    assert matching.proposals(words, "exclusion") == []  # other than the trial's own: the clause does not say


@pytest.mark.parametrize(
    "words",
    [
        "Malignancy within the past 5 years, except adequately treated basal cell carcinoma of the skin or "
        "carcinoma in situ of the cervix",
        "筛选前5年内有过恶性肿瘤病史(皮肤基底细胞癌、鳞状细胞皮肤癌和宫颈原位癌除外)",
    ],
)
def test_a_cancer_exception_for_minor_skin_or_in_situ_cancers_is_the_cancer_questions_own_answer(words):
    assert one(words).values == ["within_5y"]


@pytest.mark.parametrize(
    "words, question, values",
    [
        ("Uncontrolled hypertension", "other_conditions", ["uncontrolled_hypertension"]),
        ("History of hypertension", "other_conditions", ["hypertension", "uncontrolled_hypertension"]),
        ("Narrow-angle glaucoma", "other_conditions", ["narrow_angle_glaucoma"]),
        ("Symptomatic prostatic hyperplasia or bladder neck obstruction", "other_conditions", ["urinary_retention"]),
        ("Diagnosed neuromuscular disease", "other_conditions", ["neuromuscular_disease"]),
        ("Crohn's disease or ulcerative colitis", "other_conditions", ["inflammatory_bowel_disease"]),
        ("Hepatitis B or C", "other_conditions", ["hepatitis_b", "hepatitis_c"]),
        ("Tracheostomy", "lung_procedures", ["tracheostomy"]),
        ("Presence of pacemaker or automatic implantable cardioverter-defibrillator", "lung_procedures", ["pacemaker"]),
        ("Ongoing CPAP treatment", "medicines_now", ["home_ventilation"]),
        ("Person deprived of liberty", "legal_protection", ["yes"]),
        ("Patient under guardianship or curatorship", "legal_protection", ["yes"]),
        ("Affiliation to a social security scheme", "health_insurance", ["yes"]),
        ("Planned surgery during the study.", "planned_surgery", ["yes"]),
        ("在观察期内(给药后52周内)有计划手术者;", "planned_surgery", ["yes"]),
        ("Anticoagulant drugs", "medicines_now", ["anticoagulant"]),
        ("Treatment with immune-modulating agents", "medicines_now", ["immunosuppressant"]),
        ("History of opioid abuse", "other_conditions", ["substance_abuse"]),
        ("Immediate need for intubation", "mechanical_ventilation", ["within_1m"]),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_the_new_kinds_of_concept_are_read_onto_their_questions(words, question, values):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.negated) == (question, values, False)


@pytest.mark.parametrize(
    "words",
    [
        "Symptomatic Pulmonary Artery Hypertension (PAH) classified (Dana Point Classification 1)",
        "Idiopathic intracranial hypertension",
        "Currently taking Wellbutrin, Chantix, or other pharmacological smoking cessation aids",
        "History of neoadjuvant chemotherapy",
        "既往使用过生物制剂",
        "Total daily insulin dose >2 IU/kg/day",
    ],
)
def test_look_alikes_of_the_new_kinds_are_not_drafted_on_them(words):
    keys = {p.question for p in matching.proposals(words, "exclusion")}
    assert not keys & {"other_conditions", "smoking_status", "medicines_now"}


@pytest.mark.parametrize(
    "words",
    [
        "每天注射胰岛素≥2次",
        "radiation pneumonia requiring hormonal therapy",
        "筛选期与哮喘有关的血嗜酸性粒细胞≥150个细胞/μL;",
    ],
)
def test_past_use_a_dose_or_a_treatment_of_something_else_is_not_a_concept_draft(words):
    assert matching.proposals(words, "exclusion") == []


@pytest.mark.parametrize("words", ["重症监护室患者", "Not affiliated to a social security system"])
def test_intensive_care_is_not_guardianship_and_no_insurance_is_negated(words):
    assert all(p.question != "legal_protection" for p in matching.proposals(words, "exclusion"))
    assert all(p.negated for p in matching.proposals(words, "exclusion") if p.question == "health_insurance")


def test_naive_to_a_treatment_means_never_had_it():
    proposal = one("Patients naïve to PAH-specific treatments", "inclusion")
    assert proposal.question == "medicines_now" and proposal.negated


@pytest.mark.parametrize(
    "words, days",
    [("Smoking of any kind within 3 months of Screening", 92), ("当前吸烟患者或基线访视前6个月内戒烟", 183)],
)
def test_smoking_in_a_recent_window_is_a_bound_on_days_since_stopping(words, days):
    [proposal] = [p for p in matching.proposals(words, "exclusion") if p.question == "days_since_quit_smoking"]
    assert proposal.upper == Decimal(days) and not proposal.negated


def test_never_smoked_and_no_smoking_history_both_mean_never():
    assert one("Never smoked", "inclusion").values == ["never"]
    proposal = one("无吸烟史", "inclusion")
    assert proposal.negated and proposal.values == ["current", "former"]  # the draft takes the other answer


@pytest.mark.parametrize(
    "words, key, days",
    [
        # calendar months as days, never shorter than the calendar (docs/decisions/0041-windows-in-months-and-years-are-calendar-months-and-years.md)
        ("Myocardial infarction in the last 6 months", "days_since_heart_attack", 183),
        ("Stroke within 3 months", "days_since_stroke", 92),
        ("近6个月内发生心肌梗死", "days_since_heart_attack", 183),
        ("Hospitalisation within the past 4 weeks", "days_since_hospitalisation", 28),
    ],
)
def test_a_time_after_a_concept_is_a_bound_on_days_since_it(words, key, days):
    proposal = one(words)
    assert (proposal.question, proposal.upper, proposal.upper_inclusive) == (key, Decimal(days), True)


def test_cancer_in_the_last_five_years_is_read_on_the_cancer_question():
    assert one("Malignancy within the past 5 years").values == ["within_5y", "minor_within_5y"]
    assert one("History of cancer").values == ["within_5y", "minor_within_5y", "over_5y"]


def test_a_time_the_question_cannot_tell_is_left_for_the_study_team():
    assert matching.proposals("Lung transplant within 6 months", "exclusion") == []


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Signed written informed consent", "consent"),
        ("签署知情同意书", "consent"),
        ("Willing and able to comply with study procedures", "willingness"),
        ("Other protocol-defined inclusion criteria may apply", "other_criteria"),
        ("Part A:", "heading"),
        ("Please contact the study site for more information", "instruction"),
        ("History of asthma", "screening"),
        ("Patients will be included if they meet all the following inclusion criteria at Visit 1:", "heading"),
        (
            "The subject must meet all of the following inclusion criteria to participate in this study.",
            "other_criteria",
        ),
        ("注:以上入排条件为主要条件,最终是否能够入组以研究者判断为准!", "other_criteria"),
        ("Sub-study", "heading"),
        ("None", "heading"),
        ("Barrier methods (e.g., condoms with spermicide)", "willingness"),
        ("Intrauterine device (i.e., IUD)", "willingness"),
        ("Other conditions, in the investigator's opinion, might not be suitable for the study.", "judgement"),
        (
            "Has any concomitant medical conditions that, in the opinion of the investigator, might place them in "
            "unacceptable risk for participation in the study",
            "judgement",
        ),
        ("20 | 其它研究者认为不适合参加本研究的情况 |", "judgement"),
        ("Subjects with other situation not suitable for the study.", "judgement"),
        ("Refusal to participate in the study.", "willingness"),
        ("Refusal of blood transfusion", "screening"),
        ("患者拒绝参加本研究", "willingness"),
        # a judgement about something the clause names stays a check
        ("有急/慢性感染,且经研究者判断参加研究后会增加受试者风险;", "screening"),
        ("Abnormal, clinically significant ECG in the investigator's judgement", "screening"),
        ("Uncontrolled diabetes which in the opinion of the investigator would compromise safety", "screening"),
        # a clause that introduces a list but names a concept keeps it
        ("A current diagnosis of symptomatic PAH classified by one of the following:", "screening"),
        (
            "Respiratory failure managed in the ICU, where respiratory failure is defined as ≥1 of the following:",
            "screening",
        ),
    ],
)
def test_clauses_are_screening_or_procedural(words, kind):
    assert matching.clause_class(words) == kind


def test_matching_is_linear_and_capped_on_hostile_text():
    assert matching.proposals("asthma " * 200_000, "exclusion")[0].question == "diagnoses"
    assert len(matching.find("no " * 100_000)) == 0


# With the database: drafts, grouped questions and the coverage meter.


def drafted(words, kind="Exclusion", conditions=()):
    text = f"{kind} Criteria:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    return drafts_for(clause, text, ensure_questions(), own_concepts=matching.concepts_named(list(conditions)))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words, conditions",
    [
        ("Right hemisphere stroke", ["Stroke", "Aphasia"]),
        ("Pulmonary hypertension of groups 2 to 5", ["Pulmonary Arterial Hypertension"]),
        ("合并其他类型的慢阻肺", ["慢性阻塞性肺疾病"]),
    ],
)
def test_an_exclusion_naming_the_trial_s_own_condition_never_closes_the_trial_to_its_patients(words, conditions):
    """A trial does not exclude the condition it studies: such an exclusion is about a kind or a moment of it,
    which the study team judges. A patient with that condition who answers yes is left to them, not ruled out."""
    own = [d for d in drafted(words, conditions=conditions) if d.question_id]
    assert own and all(d.values == [] and d.uncertain_values for d in own)
    rule = own[0].to_rule()
    patient = {"yes"} if own[0].question.kind == Question.Kind.YES_NO else set(own[0].uncertain_values)
    answer = "yes" if own[0].question.kind == Question.Kind.YES_NO else sorted(patient)
    assert eligibility.evaluate_criterion(rule, {own[0].question.key: answer}) is not eligibility.Outcome.NOT_MET


@pytest.mark.django_db
def test_the_same_exclusion_in_a_trial_of_another_condition_still_rules_a_patient_out():
    [draft] = [d for d in drafted("History of stroke", conditions=["COPD"]) if d.question_id]
    assert draft.values == ["stroke"] and draft.uncertain_values == []


@pytest.mark.django_db
def test_a_clause_naming_a_condition_gets_a_choice_draft_with_its_concept_and_words():
    [draft] = drafted("Known HIV or hepatitis B infection")
    assert draft.question.key == "other_conditions" and draft.values == ["hiv", "hepatitis_b"]
    assert draft.kind == "exclusion" and draft.status == Criterion.Status.DRAFT
    assert draft.proposal["concepts"] == ["hiv", "hepatitis_b"] and draft.proposal["polarity"] == "affirmed"
    assert draft.quote in draft.clause_text


@pytest.mark.django_db
def test_a_negated_inclusion_becomes_the_rule_the_engine_can_judge():
    [on_yes_no] = drafted("Not pregnant", "Inclusion")
    assert (on_yes_no.kind, on_yes_no.values) == ("inclusion", ["no"])
    [on_group] = drafted("No history of HIV", "Inclusion")
    assert (on_group.kind, on_group.values, on_group.proposal["kind"]) == ("exclusion", ["hiv"], "inclusion")


@pytest.mark.django_db
def test_a_procedural_clause_is_left_for_the_study_team_marked_procedural():
    [draft] = drafted("Signed informed consent", "Inclusion")
    assert draft.question is None and draft.proposal == {"procedural": "consent"}


@pytest.mark.django_db
def test_procedural_clauses_do_not_count_in_the_coverage_meter_nor_as_checks():
    trial = Trial.objects.create(nct_id="NCT00000021", eligibility_text="x" * 100)
    common = {"trial": trial, "source_text": "w", "status": Criterion.Status.APPROVED}
    Criterion.objects.create(
        kind="inclusion", clause_start=0, clause_end=10, proposal={"procedural": "consent"}, **common
    )
    Criterion.objects.create(kind="inclusion", clause_start=20, clause_end=30, **common)
    assert trial.coverage() == Coverage(answerable=0, study_team=1, to_review=0, procedural=1)
    assert trial.coverage().clauses == 1
    assert [c.clause_start for c in trial.criteria.approved()] == [20]  # the one the study team checks


@pytest.mark.django_db
def test_none_of_these_answers_every_trial_that_needed_any_item():
    questions = ensure_questions()
    infos = {key: q.to_info() for key, q in questions.items()}
    for key in ("other_conditions", "medicines_now", "lung_procedures"):
        question = questions[key]
        assert question.kind == Question.Kind.MULTIPLE and "none" in question.choice_codes()
        trials = [
            eligibility.TrialRules(
                id=code,
                criteria=(
                    eligibility.CriterionRule(
                        id=1,
                        polarity=eligibility.Polarity.EXCLUSION,
                        question_key=key,
                        rule=eligibility.ChoiceRule(frozenset([code])),
                        text=code,
                    ),
                ),
            )
            for code in question.choice_codes()
            if code != "none"
        ]
        catalogue = eligibility.Catalogue(trials, infos)
        assert catalogue.walk({}).next_key == key  # one screen for every item
        results = eligibility.evaluate(trials, {key: ["none"]}, infos)
        assert {str(r.verdict) for r in results} == {"match"}
        assert catalogue.walk({key: ["none"]}).next_key is None


@pytest.mark.django_db
def test_every_new_question_and_item_is_in_chinese():
    questions = ensure_questions()
    for key in (
        "other_conditions",
        "medicines_now",
        "lung_procedures",
        "smoking_status",
        "infection_now",
        "legal_protection",
        "health_insurance",
        "planned_surgery",
    ):
        assert questions[key].missing_translations() == []


@pytest.mark.parametrize(
    "words",
    [
        "Intermittent asthma only",
        "PAH requiring multi-drug therapy",
        "Participants receiving nintedanib or pirfenidone are allowed",
        "Received heparin within 48 hours",
        "Other known causes of interstitial lung disease",
        "Patients that previously received the ASTHMA-Educator application",
    ],
)
def test_a_concept_that_only_narrows_or_permits_is_not_drafted(words):
    assert matching.proposals(words, "exclusion") == []


def test_needing_ventilation_now_is_not_a_history_of_it():
    assert one("Need for mechanical ventilation").values == ["within_1m"]
    assert one("History of mechanical ventilation").values == ["within_1m", "over_1m"]


@pytest.mark.parametrize(
    "words, code",
    [
        ("Uncontrolled asthma", "asthma"),
        ("未控制的哮喘", "asthma"),
        ("Patients with post-capillary pulmonary hypertension", "pulmonary_hypertension"),
        ("重度慢阻肺", "copd"),
        ("Uncontrolled asthma 2 weeks after stopping LABA treatment.", "asthma"),
    ],
    ids=lambda value: value if isinstance(value, str) and value.isascii() else None,
)
def test_a_subset_of_a_lung_diagnosis_in_an_exclusion_list_leaves_the_diagnosis_to_the_study_team(words, code):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.uncertain) == ("diagnoses", [], [code])


def test_a_lung_diagnosis_without_a_severity_in_an_exclusion_list_is_still_the_diagnosis():
    assert one("Diagnosis of asthma").values == ["asthma"]
    assert one("诊断为慢阻肺").values == ["copd"]


def test_words_inside_other_words_or_animals_are_not_concepts():
    assert matching.proposals("有对来自哺乳动物的药品过敏史", "exclusion") == []
    assert (
        matching.proposals("Family history of premature cardiovascular disease (first degree relatives)", "inclusion")
        == []
    )


# The coverage meter (bench/concept_coverage.py).

METER_TEXT = (
    "Inclusion Criteria:\n\n* Signed informed consent\n* Diagnosis of COPD\n* Able to walk a treadmill unaided\n\n"
    "Exclusion Criteria:\n\n* Pregnant or breastfeeding women\n"
    "* Other conditions, in the investigator's opinion, might not be suitable for the study.\n"
)


def meter_record(record_id="m1", conditions=("COPD",)):
    return {
        "id": record_id,
        "set": "dev-en",
        "text": METER_TEXT,
        "conditions": list(conditions),
        "min_age": None,
        "max_age": None,
    }


@pytest.mark.django_db
def test_the_coverage_meter_counts_screening_clauses_and_leaves_procedural_ones_out():
    from bench.concept_coverage import measure

    counts, concept_drafts, _trials, uncovered = measure([meter_record()], ensure_questions())
    tally = counts["dev-en"]
    assert (tally["records"], tally["procedural"], tally["screening"]) == (1, 2, 3)  # consent and the catch-all
    # the extractor reads the diagnosis on its own; the concepts add the pregnancy
    assert (tally["answerable before"], tally["answerable after"]) == (1, 2)
    assert counts["resp"] == tally and "non-resp" not in counts
    assert [c.question.key for _record, c in concept_drafts] == ["pregnant_or_breastfeeding"]
    assert uncovered == ["Able to walk a treadmill unaided"]


@pytest.mark.django_db
def test_the_meter_on_the_held_out_split_prints_only_the_aggregate_table_and_screen_counts(monkeypatch, capsys):
    import bench.concept_coverage as meter

    secret = meter_record("held-out")
    secret["set"] = "test-en"
    asked = []
    monkeypatch.setattr(meter, "setup", lambda: None)
    monkeypatch.setattr(meter, "records", lambda split: asked.append(split) or [secret])
    monkeypatch.setattr("sys.argv", ["concept_coverage", "--split", "test", "--sample", "5", "--show-walk"])
    meter.main()
    printed = capsys.readouterr().out
    assert asked == ["test"]
    assert "test-en" in printed and "all" in printed
    assert "Diagnosis of" not in printed and "Pregnant" not in printed and "treadmill" not in printed  # no clause
    assert "held-out" not in printed  # no record id
    assert "sample" not in printed.lower()  # no sample
    assert "question screens" in printed and not re.search(r"^\s+\d+\. ", printed, re.M)  # counts, no screen listed


def outcomes(draft, answers):
    draft.pk = draft.id = 1
    rule = draft.to_rule()
    return [str(eligibility.evaluate_criterion(rule, {draft.question.key: answer})) for answer in answers]


@pytest.mark.django_db
def test_an_active_cancer_leaves_a_recent_cancer_to_the_study_team_and_never_closes_on_an_old_one():
    [draft] = drafted("Active malignancy")
    assert draft.question.key == "cancer_history" and draft.proposal["kind"] == "exclusion"
    assert (draft.values, sorted(draft.uncertain_values)) == ([], ["minor_within_5y", "within_5y"])
    assert outcomes(draft, ["never", "over_5y", "within_5y"]) == ["met", "met", "unknown"]
    [negated] = drafted("No active malignancy", "Inclusion")
    assert outcomes(negated, ["never", "over_5y", "within_5y"]) == ["met", "met", "unknown"]


@pytest.mark.django_db
def test_a_cancer_in_a_shorter_window_than_five_years_is_for_the_study_team_to_judge():
    [draft] = drafted("Malignancy within the past 2 years")
    assert outcomes(draft, ["never", "over_5y", "within_5y"]) == ["met", "met", "unknown"]
    [five] = drafted("Malignancy within the past 5 years")
    assert outcomes(five, ["never", "over_5y", "within_5y"]) == ["met", "met", "not_met"]


@pytest.mark.parametrize(
    "words, item",
    [
        ("Severe heart failure", "heart_failure"),
        ("Heart failure (NYHA class III-IV)", "heart_failure"),
        ("Type 1 diabetes", "diabetes"),
        ("Active hepatitis B", "hepatitis_b"),
        ("重度贫血", "anaemia"),
        ("患有中重度充血性心力衰竭(纽约心脏学会III级或IV级)", "heart_failure"),
    ],
)
def test_a_narrower_kind_of_another_illness_is_an_answer_the_study_team_judges(words, item):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.uncertain) == ("other_conditions", [], [item])


@pytest.mark.django_db
def test_a_severe_illness_never_excludes_on_its_mild_form_and_reads_so_in_both_languages():
    from django.utils import translation

    from trials import wording

    [draft] = drafted("Severe heart failure or HIV")
    assert (draft.values, draft.uncertain_values) == (["hiv"], ["heart_failure"])
    assert outcomes(draft, [["none"], ["heart_failure"], ["hiv"]]) == ["met", "unknown", "not_met"]
    [severe] = drafted("Severe heart failure")
    assert severe.values == [] and severe.uncertain_values == ["heart_failure"]
    assert "the study team decides" in wording.reason(severe)
    assert "(the study team decides)" in wording.rule_in_words(severe)
    with translation.override("zh-hans"):
        assert "由研究团队决定您能否参加" in wording.reason(severe)


@pytest.mark.parametrize(
    "words",
    [
        "Patients who are treated with parenteral prostanoids",
    ],
)
def test_a_narrower_kind_than_any_item_is_left_for_the_study_team(words):
    assert matching.proposals(words, "exclusion") == []


def test_a_time_that_dates_a_pregnancy_test_leaves_the_draft_on_pregnancy_now():
    words = "Women of childbearing potential must have a negative serum or urine pregnancy test within 24 hours"
    proposal = one(words, "inclusion")
    assert (proposal.question, proposal.values) == ("pregnant_or_breastfeeding", ["no"])


@pytest.mark.parametrize(
    "words, days",
    [
        ("14 | 在参加本试验前3个月曾参加过其他药物或器械临床研究。 |", 92),
        ("Participation in other clinical trials", None),
    ],
)
def test_another_trial_is_read_with_its_time_in_both_languages(words, days):
    proposal = one(words)
    if days is None:
        assert (proposal.question, proposal.values) == ("other_trial_recent", ["within_4w"])
    else:
        assert (proposal.question, proposal.upper) == ("days_since_other_trial", Decimal(days))


@pytest.mark.parametrize(
    "words, values, uncertain",
    [
        ("History of breast cancer", [], ["within_5y", "minor_within_5y", "over_5y"]),
        ("Cancer not in remission", [], ["within_5y", "minor_within_5y"]),
        ("History of cancer", ["within_5y", "minor_within_5y", "over_5y"], []),
    ],
)
def test_a_cancer_of_one_kind_or_an_active_one_is_for_the_study_team_to_judge(words, values, uncertain):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.uncertain) == ("cancer_history", values, uncertain)


@pytest.mark.parametrize(
    "words, values, uncertain",
    [
        ("Coronary artery disease", ["heart_disease", "heart_attack", "unstable_angina"], []),
        ("Patients who required dialysis", [], ["kidney_disease"]),
        ("No liver cirrhosis (stage 4 fibrosis on liver biopsy)", ["liver_cirrhosis"], []),
    ],
)
def test_each_illness_names_only_the_items_it_is(words, values, uncertain):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.uncertain) == ("other_conditions", values, uncertain)


@pytest.mark.parametrize(
    "words",
    [
        "History of thoracic surgery on the operated side",
        "Desire to quit smoking",
        "有已知或疑似肝素引起的或其他原因导致的血栓并发症病史者;",
        "History of heparin-induced thrombocytopenia",
    ],
)
def test_stopping_wanting_or_being_harmed_by_a_treatment_is_not_a_concept_draft(words):
    assert matching.proposals(words, "exclusion") == []


@pytest.mark.parametrize(
    "words, values",
    [("Smokers", ["current"]), ("Smoking", ["current"]), ("History of smoking", ["current", "former"])],
)
def test_smokers_are_people_who_smoke_now_and_a_smoking_history_includes_former_smokers(words, values):
    assert one(words).values == values  # an ex-smoker with COPD is not excluded by "Smokers"


@pytest.mark.parametrize(
    "words",
    [
        "Smokers of more than 10 cigarettes per day",
        "8 | 8)试验前3个月每日吸烟量多于10支者; |",
        "Invasive mechanical ventilation for > 48 hours in the same hospital admission",
        "变者也可入组),该肿瘤组织需为术后标本;",
        "previous treatment with 2 or more lines of Chemotherapy or immunotherapy.",
    ],
)
def test_an_amount_a_current_episode_or_a_tissue_sample_is_not_the_concept_itself(words):
    assert matching.proposals(words, "exclusion") == []


@pytest.mark.parametrize(
    "words, question, item",
    [
        ("Advanced pulmonary fibrosis", "diagnoses", "ild"),
        ("Patients of COPD final stage", "diagnoses", "copd"),
        ("12 | 慢性心力衰竭纽约心脏病协会Ⅳ级 |", "other_conditions", "heart_failure"),
        ("Patients with active bowel malignancy", "cancer_history", "within_5y"),
    ],
)
def test_a_narrower_kind_of_a_lung_diagnosis_or_cancer_is_judged_by_the_study_team(words, question, item):
    [proposal] = matching.proposals(words, "exclusion")
    assert (proposal.question, proposal.values) == (question, []) and item in proposal.uncertain


@pytest.mark.parametrize(
    "words, key",
    [
        ("Currently taking antibiotics at time of enrollment", "days_since_antibiotics"),
        ("目前正在使用抗生素治疗", "days_since_antibiotics"),
        ("Currently hospitalized", "days_since_hospitalisation"),
    ],
)
def test_an_event_happening_now_is_zero_days_since_it_as_patients_answer(words, key):
    proposal = one(words)
    assert (proposal.question, proposal.lower, proposal.upper, proposal.upper_inclusive) == (key, None, 0, True)


def test_a_past_event_without_a_time_is_left_for_the_study_team():
    assert matching.proposals("History of antibiotic use", "exclusion") == []


@pytest.mark.parametrize(
    "words, question, values, uncertain",
    [
        ("Small cell or mixed bronchial cancer", "cancer_history", [], ["within_5y", "minor_within_5y", "over_5y"]),
        ("Mechanical ventilation at baseline", "mechanical_ventilation", ["within_1m"], []),
        ("纽约心脏病协会(NYHA)心功能分级为III级或IV级的充血性心力衰竭;", "other_conditions", [], ["heart_failure"]),
    ],
)
def test_the_judged_samples_mistakes_are_read_as_the_clause_means(words, question, values, uncertain):
    [proposal] = matching.proposals(words, "exclusion")
    assert (proposal.question, proposal.values, proposal.uncertain) == (question, values, uncertain)


@pytest.mark.parametrize(
    "words",
    [
        "Planned treatment with surgery and adjuvant chemotherapy, or neo-adjuvant chemotherapy followed by surgery",
        "据当地临床实践,未接受或接受化疗的患者均可入组;",
    ],
)
def test_planned_or_permitted_treatments_are_not_drafted(words):
    assert matching.proposals(words, "inclusion") == []


@pytest.mark.parametrize(
    "words",
    [
        "Patients requiring postoperative mechanical ventilation",
        "Unable to correct physiological defects, may interfere with peritoneal dialysis",
        "At study entry, the participant either was not taking SSc-ILD medication or was taking cyclophosphamide",
    ],
)
def test_a_later_event_an_interference_or_an_either_or_is_not_drafted(words):
    assert matching.proposals(words, "inclusion") == []


@pytest.mark.parametrize(
    "words, question, item",
    [
        (
            "Those with a history of interstitial lung disease (ILD) other than IPF are not eligible.",
            "diagnoses",
            "ild",
        ),
        ("1 | 按照ACR类风湿关节炎功能状态分级为4级; |", "other_conditions", "autoimmune_disease"),
    ],
)
def test_a_diagnosis_other_than_its_own_kind_or_of_a_grade_is_for_the_study_team(words, question, item):
    [proposal] = matching.proposals(words, "exclusion")
    assert (proposal.question, proposal.values, proposal.uncertain) == (question, [], [item])


def test_non_small_cell_lung_cancer_in_chinese_is_not_a_negation():
    proposal = one("组织学或细胞学证实为非小细胞肺癌", "inclusion")
    assert (proposal.question, proposal.values, proposal.negated) == ("diagnoses", ["lung_cancer"], False)
    assert one("非哮喘患者", "inclusion").negated  # 非 before a concept still negates it


@pytest.mark.parametrize("words", ["8 | 慢性或急性胰腺炎或胰腺癌病史 |", "History of melanoma", "非霍奇金淋巴瘤"])
def test_a_named_kind_of_cancer_leaves_every_cancer_answer_to_the_study_team(words):
    # pancreatitis beside the cancer is an illness of its own on the other-conditions list (decision 0081)
    [proposal] = [p for p in matching.proposals(words, "exclusion") if p.question == "cancer_history"]
    assert (proposal.question, proposal.values) == ("cancer_history", [])
    assert set(proposal.uncertain) == {"within_5y", "minor_within_5y", "over_5y"}


@pytest.mark.parametrize(
    "words",
    [
        "Patient already enrolled in a deep vein thrombosis (DVT) diagnostic research",
        "No other anticancer therapy should be used during radiotherapy.",
        "Smokers (>20 cigarettes per week)",
        "At least treated with one line of platinum-based chemotherapy",
    ],
)
def test_a_study_a_rule_for_the_study_period_an_amount_or_past_lines_of_treatment_are_not_drafted(words):
    assert matching.proposals(words, "inclusion") == []


def test_central_sleep_apnoea_is_a_narrower_kind():
    proposal = one("Central sleep apnea (Central apnea index >5 per hour)")
    assert (proposal.values, proposal.uncertain) == ([], ["sleep_apnoea"])


@pytest.mark.parametrize(
    "words",
    [
        "Allergy to study drug or study drug excipients",
        "Known hypersensitivity to any of the investigational products or their excipients.",
        "History of hypersensitivity to tezacaftor and/or ivacaftor",
        "drug allergy",
        "Patients with known allergy to iodinated contrast material.",
        "已知对试验药物(包括本试验药物辅料)过敏者",
        "对研究药物过敏者",
    ],
)
def test_an_allergy_to_a_medicine_is_settled_by_a_no_and_left_to_the_study_team_on_a_yes(words):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.uncertain, proposal.negated) == (
        "medicine_allergy",
        [],
        ["yes"],
        False,
    )


@pytest.mark.parametrize(
    "words",
    [
        "Allergic rhinitis",
        "Hypersensitivity pneumonitis",
        "Food allergies",
        "Known allergy to gold, silver and palladium;",
        "Allergy to one of the components of the electrodes used for the Holter",
        "History of relevant drug and/or food allergies",
        "Those with a history of allergies including drug allergies (aspirin, antibiotics), or other significant allergies.",
        "Allergy or contraindications to study drugs",
        "Sensitization to cat allergen extract as defined by skin prick test",
        "过敏体质者,包括已知对研究药物或其赋形剂有过敏史者;",
        "有药物、食物或其他物质过敏史者",
    ],
)
def test_an_allergy_that_is_not_only_to_medicines_or_a_contraindication_is_not_drafted_on_it(words):
    assert [p for p in matching.proposals(words, "exclusion") if p.question == "medicine_allergy"] == []


@pytest.mark.django_db
def test_a_medicine_allergy_exclusion_never_closes_a_trial_on_a_yes_and_reads_so_in_chinese():
    from django.utils import translation

    from trials import wording

    [draft] = drafted("Known allergy to any of the study drugs")
    assert draft.question.key == "medicine_allergy"
    assert (draft.values, draft.uncertain_values) == ([], ["yes"])
    assert outcomes(draft, ["no", "yes"]) == ["met", "unknown"]
    [inclusion] = drafted("No known drug allergy", "Inclusion")
    assert (inclusion.kind, inclusion.values, inclusion.uncertain_values) == ("inclusion", ["no"], ["yes"])
    with translation.override("zh-hans"):
        assert "由研究团队决定您能否参加" in wording.reason(draft)


@pytest.mark.parametrize(
    "words, uncertain",
    [
        ("History of chronic alcohol or drug abuse within 12 months.", "substance_abuse"),
        ("Diagnosis of a substance dependence/abuse disorder in the past year", "substance_abuse"),
        ("给药前12个月内有药物滥用史", "substance_abuse"),
        ("Unstable angina within 6 months", "unstable_angina"),
        ("Pulmonary embolism within the last 3 months", "blood_clot"),
    ],
)
def test_an_illness_in_a_window_is_for_the_study_team_when_the_item_asks_about_ever(words, uncertain):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.uncertain) == ("other_conditions", [], [uncertain])


def test_an_illness_without_a_window_stays_a_sure_answer_and_a_ten_year_window_is_not_drafted():
    assert one("History of substance misuse").values == ["substance_abuse"]
    # "Current substance misuse" is the item for the study team: one who stopped ticks it too (decision record 0101)
    assert one("Current substance misuse").uncertain == ["substance_abuse"]
    assert matching.proposals("Alcohol abuse within the past 10 years", "exclusion") == []


@pytest.mark.parametrize(
    "words, question, values, negated",
    [
        ("Capable of performing spirometry", "can_do_spirometry", ["yes"], False),
        (
            "Ability to perform reproducible spirometry according to the ATS/ERS guidelines",
            "can_do_spirometry",
            ["yes"],
            False,
        ),
        ("Inability to carry out pulmonary function testing", "can_do_spirometry", ["yes"], True),
        ("能够进行可接受性和可重复性的肺功能检查。", "can_do_spirometry", ["yes"], False),
        ("Unable to ambulate independently", "can_walk", ["yes"], True),
        ("Inability to perform the 6 Minute Walking Test", "can_walk", ["yes"], True),
        ("Able to complete the 6-minute walk test at Visit 1", "can_walk", ["yes"], False),
    ],
)
def test_an_ability_the_clause_names_is_read_with_its_polarity(words, question, values, negated):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.negated) == (question, values, negated)


def test_a_wheelchair_or_bed_leaves_a_patient_who_cannot_walk_to_the_study_team():
    for words in ("Is wheelchair bound or bedridden", "需要卧床的患者。"):
        proposal = one(words)
        assert (proposal.question, proposal.values, proposal.uncertain) == ("can_walk", [], ["no"])


@pytest.mark.parametrize(
    "words",
    [
        "Spirometry performed within 6 months",
        "Post-bronchodilator spirometry at screening",
        "Not able to perform spirometry after withholding bronchodilators",
        "able to walk at least 2 blocks without assistance or stopping",
        "Inability to walk continuously, at a normal pace, for up to 60 minutes",
        "Use of walking aids",
    ],
)
def test_a_test_named_without_an_ability_or_a_distance_to_walk_is_not_drafted(words):
    assert [p for p in matching.proposals(words, "inclusion") if p.question in ("can_walk", "can_do_spirometry")] == []


@pytest.mark.django_db
def test_the_new_questions_are_in_chinese():
    questions = ensure_questions()
    for key in ("medicine_allergy", "can_do_spirometry", "can_walk"):
        assert questions[key].missing_translations() == []


@pytest.mark.parametrize(
    "words, kind",
    [
        ("乙肝表面抗体(HBsAb)阳性且无乙肝疫苗接种史;", "exclusion"),  # an antibody and a vaccine, not the illness
        ("Hepatitis B surface antibody positive", "exclusion"),
        (
            "History of allergic reactions attributed to compounds of similar chemical or biologic composition",
            "exclusion",
        ),
        ("Presumptive pulmonary TB case: symptoms or clinical signs suggestive of active TB disease.", "inclusion"),
        ("Contraindication of anticoagulant drugs;", "exclusion"),
    ],
)
def test_the_fourth_samples_mistakes_are_not_drafted(words, kind):
    assert matching.proposals(words, kind) == []


def test_the_fourth_samples_mistakes_are_read_as_the_clause_means():
    assert one("Current or former cigarette smokers", "inclusion").values == ["current", "former"]
    # an infection now on the "ever told" item is for the study team (decision record 0101)
    assert one("Hepatitis B surface antigen positive").uncertain == ["hepatitis_b"]
    assert one("Known or suspected drug or alcohol abuse").values == ["substance_abuse"]
    stage = one("Renal insufficiency stage 4 or 5")
    assert (stage.values, stage.uncertain) == ([], ["kidney_disease"])


@pytest.mark.parametrize(
    "words",
    [
        "Hospitalization for heart failure within 12 months",
        "History of decompensated right heart failure within 30 days (e.g., hospitalization for PAH)",
        "Regular opioid use during the 2 weeks before surgery",
        "筛选访视前4周内发生任何需要住院或静脉抗生素治疗的感染",
    ],
)
def test_a_stay_an_operation_or_antibiotics_of_one_kind_are_not_any_stay_operation_or_antibiotic(words):
    keys = {p.question for p in matching.proposals(words, "exclusion")}
    assert not keys & {"days_since_hospitalisation", "days_since_surgery", "days_since_antibiotics"}


@pytest.mark.parametrize(
    "words, key, days",
    [
        ("Hospitalization within the past 3 months", "days_since_hospitalisation", 92),
        ("Surgery within the last 4 weeks", "days_since_surgery", 28),
        ("近3个月内住院", "days_since_hospitalisation", 92),
    ],
)
def test_a_stay_or_an_operation_of_any_cause_keeps_its_window(words, key, days):
    proposal = one(words)
    assert (proposal.question, proposal.upper) == (key, Decimal(days))


@pytest.mark.parametrize(
    "words",
    ["Active, uncontrolled infection.", "Patients with severe infections", "存在未控制的感染"],
)
def test_a_serious_or_uncontrolled_infection_now_is_settled_by_no_infection_and_judged_by_the_study_team(words):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.uncertain) == ("infection_now", [], ["yes"])


@pytest.mark.parametrize(
    "words",
    [
        "History of a clinically significant infection.",
        "Recurrent serious infections",
        "经研究者判断,近2年内有严重感染或机会性感染病史。",
    ],
)
def test_a_past_or_recurring_serious_infection_is_not_an_infection_now(words):
    assert [p for p in matching.proposals(words, "exclusion") if p.question == "infection_now"] == []


@pytest.mark.parametrize(
    "words, values, uncertain",
    [
        ("Other active liver diseases;", [], ["liver_disease"]),
        ("impaired renal function", ["kidney_disease"], []),
        ("Severe liver and kidney dysfunction;", [], ["liver_disease", "kidney_disease"]),
        ("严重肝、肾功能不全", [], ["liver_disease", "kidney_disease"]),
        ("heart insufficiency NYHA >2", [], ["heart_failure"]),
    ],
)
def test_more_names_of_liver_kidney_and_heart_disease_and_a_severity_shared_by_two_organs(words, values, uncertain):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.uncertain) == ("other_conditions", values, uncertain)


@pytest.mark.parametrize(
    "words, kind",
    [
        ("To prevent pregnancy, participants who agreed using 2 or more contraceptive methods.", "inclusion"),
        ("术后病理证实为 IIB-IIIB 期的患者,须接受含铂两药辅助化疗;", "inclusion"),
    ],
)
def test_the_fifth_samples_mistakes_are_not_drafted(words, kind):
    assert matching.proposals(words, kind) == []


def test_a_history_of_acute_infection_is_not_an_infection_now():
    keys = {
        p.question for p in matching.proposals("History of acute infection, cancer, rheumatic diseases", "exclusion")
    }
    assert "infection_now" not in keys and "cancer_history" in keys
    assert one("Active infection").values == ["yes"]


@pytest.mark.parametrize(
    "words, kind, negated",
    [
        ("Using glucocorticoid;", "exclusion", False),
        ("continuous steroid therapy", "exclusion", False),
        ("naïve of any steroid intake", "inclusion", True),
    ],
)
def test_a_steroid_by_no_route_leaves_a_patient_on_inhaled_or_oral_steroids_to_the_study_team(words, kind, negated):
    proposal = one(words, kind)
    assert (proposal.question, proposal.values, proposal.negated) == ("medicines_now", [], negated)
    assert proposal.uncertain == ["inhaled_steroid", "oral_steroid"]


@pytest.mark.parametrize(
    "words", ["Use of topical steroids", "History of anabolic steroids use", "Steroid-dependent asthma"]
)
def test_a_steroid_on_the_skin_an_anabolic_one_or_a_kind_of_asthma_is_not_any_steroid(words):
    assert [p for p in matching.proposals(words, "exclusion") if p.question == "medicines_now"] == []


@pytest.mark.parametrize(
    "words, question, values",
    [
        ("Use of immunosuppressors", "medicines_now", ["immunosuppressant"]),
        ("Immune compromised", "other_conditions", ["immunodeficiency"]),
        ("Ongoing treatment for malignancy", "medicines_now", ["cancer_treatment"]),
        ("Coagulopathies;", "other_conditions", ["bleeding_disorder"]),
        ("Abuse of marijuana", "other_conditions", ["substance_abuse"]),
        ("Implantable Cardioverter Defibrilator;", "lung_procedures", ["pacemaker"]),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_more_names_of_existing_items(words, question, values):
    proposal = one(words)
    assert (proposal.question, proposal.values) == (question, values)


@pytest.mark.parametrize(
    "words",
    ["Intention to become pregnant during the course of the study", "Are pregnant or trying to become pregnant."],
)
def test_a_planned_pregnancy_is_settled_by_no_plan_and_left_to_the_study_team_on_a_plan(words):
    planned = [p for p in matching.proposals(words, "exclusion") if p.question == "planning_pregnancy_12m"]
    assert [(p.values, p.uncertain, p.negated) for p in planned] == [([], ["yes"], False)]


def test_a_pregnancy_planned_over_years_is_longer_than_the_question_and_not_drafted():
    words = "Women who planned to become pregnant within the following 3 years"
    assert [p for p in matching.proposals(words, "exclusion") if p.question == "planning_pregnancy_12m"] == []


def test_a_weak_negation_that_opens_the_clause_negates_its_whole_list():
    proposals = matching.proposals("Not pregnant, lactating, or planning to become pregnant", "inclusion")
    assert {(p.question, p.negated) for p in proposals} == {
        ("pregnant_or_breastfeeding", True),
        ("planning_pregnancy_12m", True),
    }
    # and still stops at a comma inside the clause
    cancer, hiv = matching.proposals("Cancer not in remission, HIV", "exclusion")
    assert not hiv.negated and hiv.values == ["hiv"]


def test_the_sixth_samples_mistakes_are_read_as_the_clause_means():
    graded = one("受试者存在心力衰竭(美国纽约心脏病协会Ⅲ-IV级)、室性心动过速或心室颤动病史;")
    assert (graded.values, graded.uncertain) == (["arrhythmia"], ["heart_failure"])
    assert matching.proposals("Participant in TransMedics OCS Lung System INSPIRE trial", "inclusion") == []
    assert one("Maintenance OCS").values == ["oral_steroid"]


@pytest.mark.parametrize(
    "words, question, values",
    [
        ("合并HIV、梅毒感染者;", "other_conditions", ["hiv", "syphilis"]),
        ("正在母乳喂养的女性受试者", "pregnant_or_breastfeeding", ["yes"]),
    ],
)
def test_latin_names_touching_chinese_letters_and_more_chinese_names_are_read(words, question, values):
    proposal = one(words)
    assert (proposal.question, proposal.values, proposal.negated) == (question, values, False)


@pytest.mark.parametrize(
    "words", ["使用非选择性口服 β 受体阻滞剂;", "Patients treated with non-cardioselective ß-blockers"]
)
def test_a_non_selective_beta_blocker_is_narrower_than_the_item_and_not_a_negation(words):
    assert matching.proposals(words, "exclusion") == []


@pytest.mark.parametrize(
    "words",
    [
        "Pre-existing oxygen or ventilatory dependency (24h use of oxygen or invasive ventilatory support)",
        "Active infection at injection sites",
        "研究药物用药部位有活动性感染",
    ],
)
def test_the_seventh_samples_mistakes_are_not_drafted(words):
    keys = {p.question for p in matching.proposals(words, "exclusion")}
    assert not keys & {"mechanical_ventilation", "infection_now"}


def test_pulmonary_tuberculosis_is_tuberculosis_although_pulmonary_hypertension_is_not_hypertension():
    assert one("History of pulmonary tuberculosis").values == ["tuberculosis"]
    active = one("having active pulmonary tuberculosis")
    assert (active.values, active.uncertain) == ([], ["tuberculosis"])
    assert one("Pulmonary hypertension").question == "diagnoses"


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Resides in a nursing home or dementia special care unit", "exclusion"),
        ("Neurostimulator, bladder stimulator, non-removable insulin pump", "exclusion"),
        ("8 美国东部肿瘤协作组(ECOG)体能状态为0或1。", "inclusion"),
    ],
)
def test_the_eighth_samples_places_devices_and_scales_are_not_concepts(words, kind):
    assert matching.proposals(words, kind) == []


def test_the_eighth_samples_negation_with_a_contrary_and_an_excepted_kind_are_read_as_meant():
    [history] = matching.proposals("既往结核病史者,或否认结核病史但筛选时γ-干扰素释放试验阳性者", "exclusion")
    assert (history.values, history.negated) == (["tuberculosis"], False)
    other = one("Known liver disease other than alcoholic, of any aetiology")
    assert (other.values, other.uncertain) == ([], ["liver_disease"])


@pytest.mark.parametrize(
    "words, values",
    [
        ("11 | 筛选期梅毒螺旋体抗体阳性。 |", ["syphilis"]),
        (
            "2 | 乙肝表面抗原阳性、丙肝抗体阳性、HIV抗体阳性或梅毒抗体阳性; |",
            # HBsAg positive is hepatitis B now, for the study team; an antibody stays positive after a cure (0101)
            ["hepatitis_c", "hiv", "syphilis"],
        ),
        ("History of syphilis", ["syphilis"]),
    ],
)
def test_syphilis_is_an_item_and_a_list_of_positive_virus_tests_names_its_illnesses(words, values):
    proposal = one(words)
    assert (proposal.question, proposal.values) == ("other_conditions", values)


@pytest.mark.parametrize(
    "words, kind",
    [
        ("近3个月行电抽搐治疗", "exclusion"),  # electroconvulsive therapy is not a seizure
        ("Subject actively participating in another drug, biologic and/or device protocol", "exclusion"),
        ("存在可能干扰SLE研究评估的皮肤合并症", "exclusion"),  # a skin problem that disturbs the SLE assessment
        ("All anabolic androgenic steroids users were on a cycle over the course of the study;", "inclusion"),
        ("For pregnant women in Uganda, where the husband is reasonably involved, paternal objection", "exclusion"),
        ("Patients with diabetes insipidus, DKA, severe burns", "exclusion"),
    ],
)
def test_the_ninth_samples_mistakes_are_not_drafted(words, kind):
    assert matching.proposals(words, kind) == []


@pytest.mark.parametrize(
    "words",
    ["11 筛选时的乙型肝炎病毒表面抗原(HBsAg)检测结果呈阴性。", "HIV negative", "Hepatitis B surface antigen negative"],
)
def test_a_negative_test_result_after_the_concept_negates_it(words):
    proposal = one(words, "inclusion")
    assert proposal.question == "other_conditions" and proposal.negated
    assert not one("HIV positive").negated


def test_what_the_merged_records_showed_is_read_as_meant():
    graded = one("诊断为急慢性心力衰竭且纽约心脏病协会(New York Health Association, NYHA)分级为III-IV级")
    assert (graded.values, graded.uncertain) == ([], ["heart_failure"])
    # a condition ("if HBV-DNA is high, antiviral treatment first"), a vaccine booster and an antibody are not the item
    assert matching.proposals("若HBV-DNA≥104 copies/mL,必须先行抗病毒保肝治疗", "inclusion") == []
    assert matching.proposals("No HBV booster vaccine given since primary HBV immunization", "inclusion") == []
    tests = {
        p.question for p in matching.proposals("人类免疫缺陷病毒抗体、乙肝表面抗原、抗胰岛素抗体检查阳性", "exclusion")
    }
    assert tests == {"other_conditions"}
    # "cancer chemotherapy" is a treatment, not a history of cancer
    words = "Immunosuppressive treatment, oral cortisone or cancer chemotherapy;"
    assert "cancer_history" not in {p.question for p in matching.proposals(words, "exclusion")}


@pytest.mark.parametrize(
    "words",
    [
        "Non-invasive ventilation provided for acute respiratory failure (not for Obstructive Sleep Apnea or other stable use)",
        "Nursing home residents with ≥2 of the following risk factors for atrial fibrillation:",
    ],
)
def test_the_tenth_samples_purpose_and_risk_factors_are_not_the_illness(words):
    keys = {p.question for p in matching.proposals(words, "inclusion")}
    assert "other_conditions" not in keys

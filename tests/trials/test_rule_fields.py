"""A criterion's rule fields are one list (`Criterion.RULE_FIELDS`): the engine's rule, the catalogue's value rows
and the results page all read it, so a field added to a rule cannot be forgotten by one reader and silently give
wrong verdicts there."""

import dataclasses
from decimal import Decimal

import pytest

from screener.questionnaire import results
from trials import catalogue, eligibility
from trials.models import Criterion, Question, Trial

# Where each part of the engine's rules is kept on a criterion. A field the engine's rules gain needs a line here
# and a model field in Criterion.RULE_FIELDS (or MEANING_FIELDS for the words), or this test fails.
ENGINE_TO_MODEL = {
    (eligibility.NumberRule, "min_value"): "min_value",
    (eligibility.NumberRule, "min_inclusive"): "min_inclusive",
    (eligibility.NumberRule, "max_value"): "max_value",
    (eligibility.NumberRule, "max_inclusive"): "max_inclusive",
    (eligibility.WindowRule, "min_value"): "min_value",
    (eligibility.WindowRule, "min_inclusive"): "min_inclusive",
    (eligibility.WindowRule, "max_value"): "max_value",
    (eligibility.WindowRule, "max_inclusive"): "max_inclusive",
    (eligibility.WindowRule, "unit"): "time_unit",
    (eligibility.ChoiceRule, "accepted"): "values",
    (eligibility.ChoiceRule, "uncertain"): "uncertain_values",
    (eligibility.CriterionRule, "polarity"): "kind",
    (eligibility.CriterionRule, "question_key"): "question_id",
    (eligibility.CriterionRule, "text"): "source_text",
    (eligibility.CriterionRule, "explanation"): "explanation",
}
NOT_STORED = {(eligibility.CriterionRule, "id"), (eligibility.CriterionRule, "rule")}  # the pk; the rule itself


@pytest.mark.parametrize(
    "rule_class", [eligibility.NumberRule, eligibility.WindowRule, eligibility.ChoiceRule, eligibility.CriterionRule]
)
def test_every_field_of_the_engines_rules_is_kept_in_one_of_the_criterions_listed_fields(rule_class):
    for field in dataclasses.fields(rule_class):
        key = (rule_class, field.name)
        if key in NOT_STORED:
            continue
        assert key in ENGINE_TO_MODEL, f"the engine's {rule_class.__name__}.{field.name} is kept in no listed field"
        assert ENGINE_TO_MODEL[key] in Criterion.MEANING_FIELDS


def test_every_rule_field_is_a_field_of_the_model_and_a_meaning_of_the_criterion():
    names = {f.attname for f in Criterion._meta.concrete_fields}
    assert set(Criterion.RULE_FIELDS) <= names
    assert set(Criterion.RULE_FIELDS) <= set(Criterion.MEANING_FIELDS)


def test_the_catalogue_reads_every_rule_field():
    assert set(Criterion.RULE_FIELDS) <= set(catalogue._CRITERION_FIELDS)


@pytest.mark.django_db
def test_the_catalogue_and_the_model_make_the_same_rule_from_the_same_criterion(seed_trials):
    questions = {q.key: q for q in Question.objects.all()}
    trial = Trial.objects.get(nct_id="NCT07355868")
    rows = list(trial.criteria.approved().order_by("trial_id", "order", "pk").values_list(*catalogue._CRITERION_FIELDS))
    ((_nct_id, entries),) = catalogue._entries([(trial.pk, trial.nct_id)], rows, questions)
    by_pk = {c.pk: c.to_rule() for c in trial.criteria.approved().select_related("question")}
    assert len(entries) == len(by_pk) > 5
    for pk, polarity, question_key, rule in entries:
        assert (polarity, question_key, rule) == (by_pk[pk].polarity, by_pk[pk].question_key, by_pk[pk].rule)


@pytest.mark.django_db
def test_the_results_page_loads_every_field_of_the_criteria_it_shows(seed_trials):
    loaded = catalogue.current()
    stored = {"age": "68", "diagnoses": ["copd"], "sixmwd_m": "320"}
    _answers, assessment = loaded.assess(stored)
    criteria = results._criteria(assessment.open, loaded)
    assert criteria
    for criterion in criteria.values():
        assert not set(Criterion.MEANING_FIELDS) & criterion.get_deferred_fields()


def test_a_rule_from_value_fields_keeps_each_end_and_its_inclusivity():
    walk = Question(key="sixmwd_m", kind=Question.Kind.NUMBER)
    fields = dict.fromkeys(Criterion.RULE_FIELDS)
    fields.update(min_value=Decimal(150), min_inclusive=True, max_value=Decimal(600), max_inclusive=False)
    assert Criterion.rule_from(walk, fields) == eligibility.NumberRule(Decimal(150), True, Decimal(600), False)


def test_a_rule_from_value_fields_with_a_calendar_unit_is_a_window_in_that_unit():
    flare_up = Question(key="days_since_exacerbation", kind=Question.Kind.NUMBER, unit="days")
    fields = dict.fromkeys(Criterion.RULE_FIELDS)
    fields.update(min_inclusive=True, max_value=Decimal(12), max_inclusive=True, time_unit="months")
    assert Criterion.rule_from(flare_up, fields) == eligibility.WindowRule(None, True, Decimal(12), True, "months")
    fields.update(time_unit="")
    assert Criterion.rule_from(flare_up, fields) == eligibility.NumberRule(None, True, Decimal(12), True)

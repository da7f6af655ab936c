"""Answers that match each seed trial on every question, so a test can change one and see its effect."""

from trials import eligibility

COPD = "NCT07355868"
ILD = "NCT06534528"

MATCHES_COPD = {
    "age": "60",
    "sex": "male",
    "diagnoses": ["copd"],
    "sixmwd_m": "300",
    "planning_pregnancy_12m": "no",
    "cancer_history": "never",
    "pneumonia_last_month": "no",
    "respiratory_hospitalisations_12m": "1",
    "covid_last_4_weeks": "no",
    "mechanical_ventilation": "never",
    "other_trial_recent": "no",
}

MATCHES_ILD = {
    "age": "60",
    "sex": "female",
    "pregnant_or_breastfeeding": "no",
    "diagnoses": ["ild"],
    "dlco_pct_pred": "50",
    "fvc_pct_pred": "55",
    "fev1_fvc_ratio": "0.8",
    "mechanical_ventilation": "never",
    "pneumonia_last_month": "no",
    "oxygen_hours_per_day": "0",
    "cancer_history": "never",
    "respiratory_hospitalisations_12m": "0",
    "allergy_albumin_or_anaesthetic": "no",
    "other_trial_recent": "no",
    "stem_cell_therapy_ever": "no",
}


def questions() -> dict:
    from trials.models import Question

    return {q.key: q.to_info() for q in Question.objects.select_related("asked_only_if")}


def rules() -> list:
    from trials.models import Trial

    return [t.to_rules() for t in Trial.objects.published().with_approved_criteria()]


def results(answers: dict) -> dict:
    """{nct_id: TrialResult} for answers given as stored (None = "I don't know")."""
    return {r.trial.id: r for r in eligibility.evaluate(rules(), eligibility.from_storage(answers), questions())}


def verdict(nct_id: str, answers: dict) -> str:
    return str(results(answers)[nct_id].verdict)

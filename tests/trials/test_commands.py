"""`load_seed_trials` and the admins' `screen` tool."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.trials.profiles import COPD, ILD, MATCHES_COPD
from trials.models import Criterion, Question, Site, Trial
from trials.registry.importing import VOCABULARY

pytestmark = pytest.mark.django_db


def everything():
    return (
        list(Trial.objects.values()),
        list(Site.objects.values()),
        list(Question.objects.values()),
        list(Criterion.objects.values()),
    )


@pytest.fixture
def seed_loaded_by_the_command():
    """These tests are about the command: it runs here, never a copy of its rows (tests/seeding.py)."""
    call_command("load_seed_trials", stdout=StringIO())


def test_load_seed_trials_loads_both_published(seed_loaded_by_the_command):
    assert set(Trial.objects.published().values_list("nct_id", flat=True)) == {COPD, ILD}
    assert Trial.objects.get(nct_id=COPD).criteria.approved().count() == 22
    assert Trial.objects.get(nct_id=ILD).criteria.approved().count() == 24
    assert Trial.objects.get(nct_id=COPD).sites.count() == 1
    assert Trial.objects.get(nct_id=ILD).sites.count() == 0  # the page lists no location
    assert Question.objects.count() == len(json.loads(VOCABULARY.read_text(encoding="utf-8")))  # every one


def test_load_seed_trials_twice_changes_nothing(seed_loaded_by_the_command):
    before = everything()
    call_command("load_seed_trials", stdout=StringIO())
    assert everything() == before


def test_load_seed_trials_keeps_an_admin_s_changes(seed_loaded_by_the_command):
    Trial.objects.filter(nct_id=ILD).update(is_published=False, plain_summary="Edited")
    Question.objects.filter(key="age").update(prompt="What is your age?")
    call_command("load_seed_trials", stdout=StringIO())
    assert Trial.objects.filter(nct_id=ILD, is_published=False, plain_summary="Edited").exists()
    assert Question.objects.get(key="age").prompt == "What is your age?"


def screen(tmp_path, answers):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    out = StringIO()
    call_command("screen", str(path), stdout=out)
    return json.loads(out.getvalue())


def test_screen_prints_each_trial_s_verdict_and_criteria(seed_trials, tmp_path):
    report = screen(tmp_path, {**MATCHES_COPD, "age": 68, "sixmwd_m": 599.9, "respiratory_hospitalisations_12m": 4})
    verdicts = {t["nct_id"]: t["verdict"] for t in report["trials"]}
    assert verdicts == {COPD: "match", ILD: "no_match"}
    copd = next(t for t in report["trials"] if t["nct_id"] == COPD)
    walk = next(c for c in copd["criteria"] if c["question"] == "sixmwd_m")
    assert walk == {
        "kind": "inclusion",
        "question": "sixmwd_m",
        "rule": "150 m ≤ six-minute walk distance < 600 m",
        "outcome": "met",
        "words": "During the screening process, the six-minute walk test should be ≥ 150 meters and < 600 meters;",
    }
    assert {c["outcome"] for c in copd["criteria"] if c["question"] is None} == {"study_team"}
    assert report["next_question"] is None


def test_screen_reads_null_as_i_dont_know(seed_trials, tmp_path):
    report = screen(tmp_path, {**MATCHES_COPD, "sixmwd_m": None})
    copd = next(t for t in report["trials"] if t["nct_id"] == COPD)
    assert copd["verdict"] == "possible"


def test_screen_names_the_next_question(seed_trials, tmp_path):
    assert screen(tmp_path, {})["next_question"] == "diagnoses"
    assert screen(tmp_path, {"diagnoses": ["copd"]})["next_question"] == "age"


@pytest.mark.parametrize(
    "answers, problem",
    [
        ({"shoe_size": 9}, "shoe_size: not a question key"),
        ({"dlco_pct_pred": 900}, "dlco_pct_pred: Enter a value from 5% to 200%."),
        ({"age": 121}, "age: Enter a value from 0 years to 120 years."),
        ({"age": -1}, "age: Enter a value from 0 years to 120 years."),
        ({"age": 130}, "age: Enter a value from 0 years to 120 years."),
        ({"age": 40.5}, "age: Enter a whole number."),
        ({"age": None}, "age: “I don’t know” is not an answer to this question."),
        ({"sixmwd_m": "far"}, "sixmwd_m: Enter a number, like 350."),
        ({"sex": "other"}, "sex: Not one of the answers to this question: other."),
        ({"diagnoses": "copd"}, "diagnoses: Choose at least one answer."),
        ({"diagnoses": ["copd", "flu"]}, "diagnoses: Not one of the answers to this question: flu."),
        ({"pneumonia_last_month": True}, "pneumonia_last_month: Not one of the answers"),
    ],
)
def test_screen_reports_unknown_keys_and_bad_values(seed_trials, tmp_path, answers, problem):
    with pytest.raises(CommandError) as error:
        screen(tmp_path, answers)
    assert problem in str(error.value)


def test_screen_refuses_a_file_that_is_not_an_object(seed_trials, tmp_path):
    with pytest.raises(CommandError, match="expected an object"):
        screen(tmp_path, [1, 2])


def test_list_questions_prints_the_published_trials_questions(seed_trials):
    out = StringIO()
    call_command("screen", "--list-questions", stdout=out)
    listed = {q["key"]: q for q in json.loads(out.getvalue())}
    assert listed["diagnoses"]["choices"] == [
        "copd",
        "ild",
        "ipf",
        "asthma",
        "bronchiectasis",
        "cystic_fibrosis",
        "pulmonary_hypertension",
        "sarcoidosis",
        "lung_cancer",
        "other",
        "none",
    ]
    assert listed["dlco_pct_pred"] | {"prompt": ""} == {
        "key": "dlco_pct_pred",
        "kind": "number",
        "unit": "%",
        "choices": [],
        "min": "5",
        "max": "200",
        "dont_know_allowed": True,
        "prompt": "",
    }
    assert listed["sex"]["dont_know_allowed"] is False
    assert "sex" in listed  # asked because it decides the pregnancy question


def test_list_questions_leaves_out_unpublished_trials(seed_trials):
    Trial.objects.filter(nct_id=COPD).update(is_published=False)
    out = StringIO()
    call_command("screen", "--list-questions", stdout=out)
    keys = {q["key"] for q in json.loads(out.getvalue())}
    assert "sixmwd_m" not in keys and "dlco_pct_pred" in keys


@pytest.mark.parametrize("run", ["first", "again"])
def test_load_seed_trials_says_what_it_did_and_leaves_nothing_to_draft(run, settings):
    """`make run` queues tasks for the worker (the database backend): the seed's criteria are loaded, not drafted
    later, and the command says so."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    if run == "again":
        call_command("load_seed_trials", stdout=StringIO())
    out = StringIO()
    call_command("load_seed_trials", stdout=out)
    assert "being drafted" not in out.getvalue()
    assert not Trial.objects.filter(needs_drafting=True).exists()
    assert not Criterion.objects.filter(status=Criterion.Status.DRAFT).exists()
    if run == "first":
        assert f"{COPD}: 21 criteria loaded\n{COPD}: published" in out.getvalue()
    else:
        assert f"{COPD}: criteria already loaded, left as they are" in out.getvalue()
        assert "published" not in out.getvalue()

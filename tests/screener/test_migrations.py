"""Moving the models into their own apps keeps every table and every row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("screener", "0002_referrals_staff_and_access_log"),
    ("trials", "0004_history_of_trials_sites_questions_criteria"),
    ("questionnaire", None),
    ("referrals", None),
]


MOVED_APPS = {app for app, _migration in BEFORE}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


def state_before(executor):
    """Every app as it stood before the move: the moved apps at BEFORE, the others (auth...) at their last."""
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in MOVED_APPS]
    return executor.loader.project_state([target for target in BEFORE if target[1]] + others).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_screening_referral_events_and_access_log():
    old = state_before(migrate(BEFORE))
    user = old.get_model("auth", "User").objects.create(username="nurse", email="nurse@hospital.example")
    trial = old.get_model("trials", "Trial").objects.create(nct_id="NCT07355868", brief_title="COPD study")
    site = old.get_model("trials", "Site").objects.create(trial=trial, facility="The Fourth Hospital", city="Yiwu")
    old.get_model("screener", "StaffMembership").objects.create(user=user, site=site)
    screening = old.get_model("screener", "Screening").objects.create(answers={"age": "68", "dlco_pct_pred": None})
    consent = old.get_model("screener", "ConsentText").objects.create(version="v1", text="I agree.")
    referral = old.get_model("screener", "Referral").objects.create(
        reference="ABCD3467",
        screening=screening,
        trial=trial,
        site=site,
        name="Li Wei",
        phone="+8657989979999",
        consent=consent,
        consent_wording="I agree.",
        consent_given_at="2026-11-30T10:00:00Z",
        verdict="possible",
        answers_snapshot=[{"key": "age", "answer": "68 years"}],
    )
    old.get_model("screener", "ReferralEvent").objects.create(referral=referral, kind="created")
    old.get_model("screener", "ReferralEvent").objects.create(referral=referral, kind="note", by=user, note="Called.")
    old.get_model("screener", "AnswerCheck").objects.create(
        referral=referral, question_key="age", state="verified", by=user
    )
    old.get_model("screener", "AccessLog").objects.create(user=user, action="view", referral=referral)
    # As in a database made before the move: the referral's permissions hang on the screener app's content type.
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="referrals").delete()
    referral_type = ContentType.objects.get_or_create(app_label="screener", model="referral")[0]
    old.get_model("auth", "Permission").objects.get_or_create(
        content_type=referral_type, codename="view_referral", defaults={"name": "Can view referral"}
    )

    migrate(None)

    from django.contrib.auth.models import Permission

    from screener.questionnaire.models import Screening
    from screener.referrals.models import AccessLog, AnswerCheck, Referral
    from trials.models import StaffMembership

    moved = Referral.objects.get(reference="ABCD3467")
    assert moved.name == "Li Wei" and moved.site.facility == "The Fourth Hospital" and moved.consent.version == "v1"
    assert moved.screening == Screening.objects.get(pk=screening.pk)
    assert moved.screening.answers == {"age": "68", "dlco_pct_pred": None}
    assert [(e.kind, e.note) for e in moved.events.all()] == [("created", ""), ("note", "Called.")]
    assert AnswerCheck.objects.get(referral=moved).state == "verified"
    assert AccessLog.objects.get(referral=moved).user.username == "nurse"
    assert StaffMembership.objects.get(site=moved.site).user.username == "nurse"
    permission = Permission.objects.get(codename="view_referral")
    assert (permission.content_type.app_label, permission.content_type.model) == ("referrals", "referral")
    assert moved._meta.db_table == "screener_referral" and Screening._meta.db_table == "screener_screening"


@pytest.mark.django_db(transaction=True)
def test_referrals_sent_before_criteria_versions_count_as_judged_on_their_trials_first_version():
    before = [("referrals", "0001_referrals_move_here"), ("trials", "0005_staff_membership_moves_beside_site")]
    executor = migrate(before)
    old = executor.loader.project_state(before).apps
    trial = old.get_model("trials", "Trial").objects.create(nct_id="NCT07355868", brief_title="COPD study")
    site = old.get_model("trials", "Site").objects.create(trial=trial, facility="The Fourth Hospital", city="Yiwu")
    consent = old.get_model("referrals", "ConsentText").objects.create(version="v1", text="I agree.")
    old.get_model("referrals", "Referral").objects.create(
        reference="ABCD3467",
        trial=trial,
        site=site,
        name="Li Wei",
        consent=consent,
        consent_wording="I agree.",
        consent_given_at="2026-11-30T10:00:00Z",
        verdict="possible",
        outcomes_snapshot=[{"kind": "inclusion", "outcome": "unknown"}],
    )
    migrate(None)
    from screener.referrals.models import Referral

    referral = Referral.objects.get(reference="ABCD3467")
    assert referral.criteria_version == referral.trial.criteria_version == 1
    assert referral.outcomes_snapshot == [{"kind": "inclusion", "outcome": "unknown"}]
    assert not referral.rejudgements.exists()

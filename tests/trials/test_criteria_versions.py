"""A trial's approved criteria have a version that moves whenever what they mean changes."""

from decimal import Decimal

import pytest

from trials.models import Criterion, Trial

pytestmark = pytest.mark.django_db

COPD = "NCT07355868"


def copd():
    return Trial.objects.get(nct_id=COPD)


def walk_criterion():
    return Criterion.objects.get(trial__nct_id=COPD, question__key="sixmwd_m")


def add_approved(trial):
    Criterion.objects.create(trial=trial, kind="inclusion", source_text="Able to attend visits", status="approved")


def add_draft(trial):
    Criterion.objects.create(trial=trial, kind="inclusion", source_text="Able to attend visits", status="draft")


def approve_a_draft(trial):
    draft = Criterion.objects.create(trial=trial, kind="inclusion", source_text="Able to attend", status="draft")
    draft.status = "approved"
    draft.save()


def edit_the_walk_limit(trial):
    criterion = walk_criterion()
    criterion.min_value = Decimal("200")
    criterion.save()


def save_without_changing_its_meaning(trial):
    criterion = walk_criterion()
    criterion.order += 5
    criterion.save()


def withdraw_approval(trial):
    criterion = walk_criterion()
    criterion.status = "draft"
    criterion.save()


def delete_an_approved_criterion(trial):
    walk_criterion().delete()


def delete_a_draft(trial):
    draft = Criterion.objects.create(trial=trial, kind="inclusion", source_text="Able to attend", status="draft")
    draft.delete()


@pytest.mark.parametrize(
    "change, moves",
    [
        (add_approved, True),
        (approve_a_draft, True),
        (edit_the_walk_limit, True),
        (withdraw_approval, True),
        (delete_an_approved_criterion, True),
        (add_draft, False),
        (delete_a_draft, False),
        (save_without_changing_its_meaning, False),
    ],
    ids=lambda value: value.__name__ if callable(value) else ("new version" if value else "same version"),
)
def test_the_criteria_version_moves_exactly_when_the_approved_criteria_change(seed_trials, change, moves):
    before = copd().criteria_version
    change(copd())
    assert copd().criteria_version == (before + 1 if moves else before)


def test_changing_one_trial_leaves_the_others_version_alone(seed_trials):
    other = Trial.objects.get(nct_id="NCT06534528")
    before = other.criteria_version
    edit_the_walk_limit(copd())
    other.refresh_from_db()
    assert other.criteria_version == before

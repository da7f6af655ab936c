"""Every saved or deleted trial, site, question or criterion moves the catalogue's version on.

A change to one trial (its sites and criteria included) names that trial, so workers patch it alone;
a question change is named as such: workers reload the questions and rebuild only if a rule changed.
`batched()` collects the changes of a bulk job (an import) into one version at its end instead of one per
row. Separately, a trial's own criteria version moves when what its approved criteria mean changes, and
`criteria_version_changed` tells whoever keeps judgements made on the old one.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from trials.models import CatalogueVersion, Criterion, Question, Site, Trial

_batch = threading.local()
EVERYTHING = None
QUESTIONS = "questions"  # a question changed: workers reload the questions, and rebuild if a rule reads differently

# Sent after a trial's approved criteria got a new version (kwargs: trial_id, version). Apps that keep
# judgements made on the old version (referrals) listen; trials itself knows nothing of them.
criteria_version_changed = Signal()

# Sent when the registry says a trial stopped recruiting and it was closed (kwargs: trial_id), inside the
# transaction that closed it. Referrals listen: the sites of its open referrals are told.
trial_closed = Signal()

# Sent when someone is about to read a trial's draft criteria while a bulk import's drafting of it is still
# pending (kwargs: trial_id). Registry import listens and queues that trial's drafting; trials knows nothing of it.
drafts_wanted = Signal()


@contextmanager
def batched():
    """Within this block, changes are gathered; one version at the end names them all."""
    if getattr(_batch, "names", None) is not None:
        yield
        return
    _batch.names = set()
    try:
        yield
    finally:
        names, _batch.names = _batch.names, None
        if names:
            CatalogueVersion.bump(None if EVERYTHING in names else names)


def changed(nct_id: str | None) -> None:
    names = getattr(_batch, "names", None)
    if names is not None:
        names.add(nct_id)
    else:
        CatalogueVersion.bump(None if nct_id is None else [nct_id])


def _trial_of(instance) -> str | None:
    if type(instance).trial.is_cached(instance):
        return instance.trial.nct_id
    return Trial.objects.filter(pk=instance.trial_id).values_list("nct_id", flat=True).first()


@receiver([post_save, post_delete], sender=Trial)
def trial_changed(instance, **kwargs):
    changed(instance.nct_id)


@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=Criterion)
def part_of_trial_changed(instance, **kwargs):
    changed(_trial_of(instance))


@receiver([post_save, post_delete], sender=Question)
def question_changed(**kwargs):
    changed(QUESTIONS)


@receiver(pre_save, sender=Criterion)
def remember_criterion_before_saving(instance: Criterion, **kwargs):
    before = Criterion.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._before = (before.status, before.meaning()) if before else None


@receiver(post_save, sender=Criterion)
def criterion_saved(instance: Criterion, created: bool, raw: bool = False, **kwargs):
    if raw:
        return
    approved = Criterion.Status.APPROVED
    before = getattr(instance, "_before", None)
    was_approved = before is not None and before[0] == approved
    if instance.status == approved:
        # Added or approved (it was not approved before), or edited in a way that changes its meaning.
        moved = not was_approved or before[1] != instance.meaning()
    else:
        moved = was_approved  # no longer approved: removed from the trial's criteria
    if moved:
        _new_criteria_version(instance.trial_id)


@receiver(post_delete, sender=Criterion)
def criterion_deleted(instance: Criterion, **kwargs):
    if instance.status == Criterion.Status.APPROVED:
        _new_criteria_version(instance.trial_id)


def _new_criteria_version(trial_id: int) -> None:
    trial = Trial.objects.filter(pk=trial_id).first()
    if trial is None:  # the trial itself is being deleted
        return
    version = trial.bump_criteria_version()
    criteria_version_changed.send(sender=Trial, trial_id=trial_id, version=version)

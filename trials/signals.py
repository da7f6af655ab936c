"""Every saved or deleted trial, site, question or criterion moves the catalogue's version on.

A change to one trial (its sites and criteria included) names that trial, so workers patch it alone;
a question change is named as such: workers reload the questions and rebuild only if a rule changed. `batched()` collects the changes of a bulk
job (an import) into one version at its end instead of one per row.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from trials.models import CatalogueVersion, Criterion, Question, Site, Trial

_batch = threading.local()
EVERYTHING = None
QUESTIONS = "questions"  # a question changed: workers reload the questions, and rebuild if a rule reads differently


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

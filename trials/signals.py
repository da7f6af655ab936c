from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from trials.models import CatalogueVersion, Criterion, Question, Site, Trial

# Sent after a trial's approved criteria got a new version (kwargs: trial_id, version). Apps that keep
# judgements made on the old version (referrals) listen; trials itself knows nothing of them.
criteria_version_changed = Signal()


@receiver([post_save, post_delete], sender=Trial)
@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=Question)
@receiver([post_save, post_delete], sender=Criterion)
def catalogue_changed(**kwargs):
    CatalogueVersion.bump()


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
        changed = not was_approved or before[1] != instance.meaning()
    else:
        changed = was_approved  # no longer approved: removed from the trial's criteria
    if changed:
        _new_version(instance.trial_id)


@receiver(post_delete, sender=Criterion)
def criterion_deleted(instance: Criterion, **kwargs):
    if instance.status == Criterion.Status.APPROVED:
        _new_version(instance.trial_id)


def _new_version(trial_id: int) -> None:
    trial = Trial.objects.filter(pk=trial_id).first()
    if trial is None:  # the trial itself is being deleted
        return
    version = trial.bump_criteria_version()
    criteria_version_changed.send(sender=Trial, trial_id=trial_id, version=version)

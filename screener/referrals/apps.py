from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screener.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self):
        from trials.signals import criteria_version_changed, trial_closed

        criteria_version_changed.connect(rejudge_in_the_background, dispatch_uid="referrals.rejudge")
        trial_closed.connect(tell_sites_the_trial_closed, dispatch_uid="referrals.trial_closed")


def rejudge_in_the_background(trial_id: int, version: int, **kwargs) -> None:
    """Never in the admin's request: once the change is committed, a task judges open referrals again."""
    from django.db import transaction

    from screener.referrals.models import Referral
    from screener.referrals.tasks import rejudge_referrals

    if Referral.objects.open().filter(trial_id=trial_id).exists():
        transaction.on_commit(lambda: rejudge_referrals.enqueue(trial_id, version))


def tell_sites_the_trial_closed(trial_id: int, **kwargs) -> None:
    """The registry says the study stopped recruiting: the sites of its open referrals hear of it by email."""
    from screener.referrals.sending import notify_trial_closed

    notify_trial_closed(trial_id)

from django.apps import AppConfig
from django.conf import settings
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

        from django.db.models.signals import post_save

        from trials.models import StaffMembership

        post_save.connect(
            tell_a_new_member_of_waiting_requests, sender=StaffMembership, dispatch_uid="referrals.member"
        )
        post_save.connect(
            tell_a_member_who_can_now_hear_of_waiting_requests,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="referrals.member_reachable",
        )


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


def tell_a_new_member_of_waiting_requests(instance, created: bool, **kwargs) -> None:
    """A member added to a site whose requests waited for someone: once the admin's change is committed, a task
    tells them (never in the admin's request or its transaction)."""
    from django.db import transaction

    from screener.referrals.models import Referral
    from screener.referrals.sending import tell_members_of_waiting_referrals

    user = instance.user
    if not created or not user.email or not user.is_active or kwargs.get("raw"):
        return
    if Referral.objects.filter(site_id=instance.site_id, waits_for_staff=True).exists():
        site_id = instance.site_id
        transaction.on_commit(lambda: tell_members_of_waiting_referrals.enqueue(site_id))


def tell_a_member_who_can_now_hear_of_waiting_requests(instance, created: bool, **kwargs) -> None:
    """A member added while they had no email address (or were inactive) is given one (or made active): the
    requests waiting at their sites are told of as if they had been added now. The task clears each request's
    flag under a lock, so a second save, or the membership's own signal in the same change, sends nothing more."""
    from django.db import transaction

    from screener.referrals.models import Referral
    from screener.referrals.sending import tell_members_of_waiting_referrals

    update_fields = kwargs.get("update_fields")
    if created or kwargs.get("raw") or not instance.email or not instance.is_active:
        return
    if update_fields is not None and not {"email", "is_active"} & set(update_fields):
        return  # a login's last_login, a new password: nothing that makes them reachable
    site_ids = sorted(
        set(
            Referral.objects.filter(waits_for_staff=True, site__memberships__user=instance).values_list(
                "site_id", flat=True
            )
        )
    )
    for site_id in site_ids:
        transaction.on_commit(lambda site_id=site_id: tell_members_of_waiting_referrals.enqueue(site_id))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """Registry import has no models of its own: it fills `trials` from registry records."""

    name = "trials.registry"
    label = "registry"
    verbose_name = _("Registry import")

    def ready(self):
        from trials.signals import drafts_wanted

        drafts_wanted.connect(draft_now, dispatch_uid="registry.draft_now")


def draft_now(trial_id: int, **kwargs) -> None:
    """Someone is about to read this trial's drafts (its review page): write them now, not in the worker's turn."""
    from trials.registry.importing import draft_pending

    draft_pending([trial_id])

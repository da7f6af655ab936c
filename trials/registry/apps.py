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
    """Someone is about to read this trial's drafts (its review page): have the worker draft it next. Never drafted
    here: a page request does no heavy work, and holds no write lock while the extractor runs. Queued once a
    minute at most however often the page is opened (the task drafts whatever is still marked)."""
    from django.core.cache import cache

    from trials.registry.tasks import draft_trial_criteria

    if cache.add(f"registry:drafting-queued:{trial_id}", True, timeout=60):
        draft_trial_criteria.enqueue(trial_id)

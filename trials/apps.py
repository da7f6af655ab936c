from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrialsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trials"
    verbose_name = _("Trials and eligibility criteria")

    def ready(self):
        from trials import signals  # noqa: F401  (connects the receivers)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreferencesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screener.preferences"
    verbose_name = _("Preferences")

    def ready(self):
        from screener.preferences import signals  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreenerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screener"
    verbose_name = _("Screener")

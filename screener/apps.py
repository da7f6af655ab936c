from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ScreenerConfig(AppConfig):
    default = True

    default_auto_field = "django.db.models.BigAutoField"
    name = "screener"
    verbose_name = _("Screener")

    def ready(self):
        from screener import checks  # noqa: F401  (registers the deployment checks)


class OTPAdminConfig(admin_apps.AdminConfig):
    """Django admin behind a second factor: a password alone does not open it."""

    default = False
    default_site = "screener.admin_site.SecondFactorAdminSite"

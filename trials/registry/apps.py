from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """Registry import has no models of its own: it fills `trials` from registry records."""

    name = "trials.registry"
    label = "registry"
    verbose_name = _("Registry import")

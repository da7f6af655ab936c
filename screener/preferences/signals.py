from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from screener.preferences.middleware import SESSION_KEY
from screener.preferences.models import LanguagePreference


@receiver(user_logged_in)
def use_their_language(sender, request, user, **kwargs):
    """From login on, a staff member's pages are in the language they chose (kept in their session)."""
    preference = LanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    if preference and request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = preference

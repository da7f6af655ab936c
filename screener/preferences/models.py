"""A staff member's or admin's own choice of language: for their pages and for the emails they receive."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguagePreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference", verbose_name=_("user")
    )
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("language preference")
        verbose_name_plural = _("language preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"

    @classmethod
    def remember(cls, user, language: str) -> None:
        cls.objects.update_or_create(user=user, defaults={"language": language})

    @classmethod
    def of_users(cls, users) -> dict[int, str]:
        """{user id: language} for these users; those without a preference get the site's default language."""
        chosen = dict(cls.objects.filter(user__in=users).values_list("user_id", "language"))
        return {user.pk: chosen.get(user.pk, settings.LANGUAGE_CODE) for user in users}

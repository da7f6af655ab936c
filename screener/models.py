"""A patient's pass through the questionnaire."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "screenings"


class ScreeningQuerySet(models.QuerySet):
    def owned_by(self, session):
        """Only the screenings started in this browser session: an id in a URL alone opens nothing."""
        return self.filter(pk__in=session.get(SESSION_KEY, []))


class Screening(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers = models.JSONField(
        _("answers"), default=dict, blank=True, help_text=_("{question key: stored answer}; null means “I don’t know”.")
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return str(self.id)

    @classmethod
    def start(cls, session, language: str = "") -> Screening:
        screening = cls.objects.create(language=language)
        session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-19:], str(screening.id)]
        return screening

    def record_answer(self, key: str, stored) -> None:
        self.answers = {**self.answers, key: stored}
        self.save(update_fields=["answers", "updated_at"])


from screener.referrals import (  # noqa: E402  (the referral models live in their own module)
    AccessLog,
    AnswerCheck,
    ConsentText,
    Referral,
    ReferralEvent,
    StaffMembership,
)

__all__ = ["Screening", "AccessLog", "AnswerCheck", "ConsentText", "Referral", "ReferralEvent", "StaffMembership"]

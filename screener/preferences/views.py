"""The language switch on every page: Django's own `set_language` (a cookie, back to the same page),
which for a logged-in staff member or admin also becomes their preference (pages and emails)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from screener.preferences import drafts
from screener.preferences.middleware import SESSION_KEY
from screener.preferences.models import LanguagePreference


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """On a question page the switch sends the answer form's values too (without JavaScript its button
    belongs to that form; screener.js copies them), so a tick or a number not yet sent comes back, in
    the other language, on the same question."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES) and check_for_language(language) and request.user.is_authenticated:
        LanguagePreference.remember(request.user, language)
        request.session[SESSION_KEY] = language
    fields = drafts.screen_fields(request.POST)
    if ("answer" in request.POST or fields) and response.has_header("Location"):
        drafts.keep(response, response["Location"], request.POST.getlist("answer"), fields)
    return response

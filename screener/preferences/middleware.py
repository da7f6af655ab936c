"""Pages in a logged-in user's own language: the preference read at login, kept in their session."""

from __future__ import annotations

from django.utils import translation

SESSION_KEY = "language"


class UserLanguageMiddleware:
    """After authentication: a staff member's or admin's chosen language beats the browser's (no query)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.session.get(SESSION_KEY) if request.user.is_authenticated else None
        if language and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)

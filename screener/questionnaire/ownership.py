"""Which screenings this browser started: a signed cookie, so a patient needs no server-side session.

The cookie holds the ids of the browser's last 20 screenings, signed with SECRET_KEY and timestamped,
so it cannot be forged or edited, and it expires with the screenings it names (SCREENING_RETENTION_DAYS).
An id in a URL alone opens nothing: the view also needs it in this cookie. Patients never touch the
session table, so a question step costs no session read, and anonymous visitors leave no session rows.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from screener.questionnaire.models import Screening

COOKIE = "screenings"
SALT = "screener.ownership"  # unchanged since the module moved: cookies already given stay valid
KEEP = 20


def _max_age() -> int:
    return settings.SCREENING_RETENTION_DAYS * 24 * 60 * 60


def screening_ids(request: HttpRequest) -> list[str]:
    """The ids this browser owns; none if the cookie is missing, forged, edited or expired."""
    value = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=_max_age())
    return [part for part in value.split(",") if part]


def remember(request: HttpRequest, response: HttpResponse, screening_id) -> None:
    """Add a screening to the browser's cookie (keeping the newest KEEP)."""
    ids = [*(i for i in screening_ids(request) if i != str(screening_id)), str(screening_id)][-KEEP:]
    response.set_signed_cookie(
        COOKIE,
        ",".join(ids),
        salt=SALT,
        max_age=_max_age(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def owned_screening(request: HttpRequest, screening_id) -> Screening:
    """This browser's screening (404 for anyone else's), with the catalogue version read in the same query."""
    screening = Screening.objects.owned_for_step(screening_id, screening_ids(request))
    if screening is None:
        raise Http404
    keep_language(request, screening)
    return screening


def keep_language(request: HttpRequest, screening: Screening) -> None:
    """A screening remembers its language: the patient's switch changes it, and without a choice of the
    browser's own (no language cookie, say a fresh Accept-Language) the screening's language is used, unless
    the link came from a page shown in another language (the start page's "Continue your screening" names
    its own language in `?language=`): the screening then goes on in that page's language."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    shown = request.GET.get("language", "")
    if chosen and translation.check_for_language(chosen):
        language = translation.get_language()
        if screening.language != language:
            screening.language = language
            Screening.objects.filter(pk=screening.pk).update(language=language)
    elif shown in dict(settings.LANGUAGES):
        translation.activate(shown)
        request.LANGUAGE_CODE = translation.get_language()
        if screening.language != shown:
            screening.language = shown
            Screening.objects.filter(pk=screening.pk).update(language=shown)
    elif screening.language and translation.check_for_language(screening.language):
        translation.activate(screening.language)
        request.LANGUAGE_CODE = translation.get_language()

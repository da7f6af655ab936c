"""An answer typed or ticked but not yet sent, kept across a switch of language.

The language switch on a question page submits the answer form to `set_language`; what it carried is
kept for a few minutes in a signed cookie for that one page, which the question shows once and forgets.
Nothing is stored on the server: the patient has not answered yet.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COOKIE = "unsent_answer"
SALT = "screener.preferences.drafts"
MAX_AGE = 10 * 60
MAX_VALUES = 50
MAX_CHARS = 200


SCREEN_FIELDS = ("answer", "dont_know", "never")  # a screen's fields are "<question key>-<one of these>"


def keep(response: HttpResponse, path: str, values: list[str], fields: dict[str, list[str]] | None = None) -> None:
    """Keep a question page's `values`, or a screen's `fields` ({field name: values})."""
    values = [str(v)[:MAX_CHARS] for v in values[:MAX_VALUES]]
    kept = {
        str(name)[:MAX_CHARS]: [str(v)[:MAX_CHARS] for v in given[:MAX_VALUES]]
        for name, given in list((fields or {}).items())[:MAX_VALUES]
    }
    response.set_signed_cookie(
        COOKIE,
        json.dumps({"path": path, "answer": values, "fields": kept}),
        salt=SALT,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def take(request: HttpRequest) -> list[str] | None:
    """The unsent values kept for this very page, if any (None otherwise)."""
    try:
        kept = json.loads(request.get_signed_cookie(COOKIE, default="null", salt=SALT, max_age=MAX_AGE))
    except (ValueError, signing.BadSignature):
        return None
    if not isinstance(kept, dict) or kept.get("path") != request.get_full_path():
        return None
    values = kept.get("answer")
    if not isinstance(values, list):
        return None
    return [str(v) for v in values]


def screen_fields(posted) -> dict[str, list[str]]:
    """A screen's own fields among what the language switch posted."""
    return {name: posted.getlist(name) for name in posted if name.rpartition("-")[2] in SCREEN_FIELDS and "-" in name}


def take_screen(request: HttpRequest) -> dict[str, dict]:
    """The unsent values kept for this very screen, as each question's starting values ({key: {field:
    value}}); empty when there are none."""
    try:
        kept = json.loads(request.get_signed_cookie(COOKIE, default="null", salt=SALT, max_age=MAX_AGE))
    except (ValueError, signing.BadSignature):
        return {}
    if not isinstance(kept, dict) or kept.get("path") != request.get_full_path():
        return {}
    fields = kept.get("fields")
    if not isinstance(fields, dict):
        return {}
    initial: dict[str, dict] = {}
    for name, values in fields.items():
        key, _, field = str(name).rpartition("-")
        if not isinstance(values, list) or field not in SCREEN_FIELDS:
            continue
        values = [str(v) for v in values]
        initial.setdefault(key, {})[field] = values if field == "answer" and len(values) != 1 else values[0]
    return initial


def forget(request: HttpRequest, response: HttpResponse) -> None:
    if COOKIE in request.COOKIES:
        response.delete_cookie(COOKIE, samesite="Lax")

"""Which questions share a screen, and each screen's heading and introduction in each language.

The table is `trials/data/screens.json`, read and checked once. A question is on at most one screen; a
question on none is a screen of its own. The engine only needs each question's screen and place on it
(`place`), and whether a multiple-choice question is shown item by item (`items_needed_only`); the pages
read a screen's words (`heading`, `intro`) in the active language, English when a translation is missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

TABLE = Path(__file__).resolve().parent / "data" / "screens.json"


@dataclass(frozen=True)
class Screen:
    key: str
    questions: tuple[str, ...]
    words: dict[str, dict[str, str]]  # {"heading": {"en": ..., "zh_hans": ...}, "intro": {...}}

    def heading(self, language: str | None = None) -> str:
        return self._in(self.words["heading"], language)

    def intro(self, language: str | None = None) -> str:
        return self._in(self.words["intro"], language)

    def heading_language(self, language: str | None = None) -> str:
        """ "en" when the heading shows in English on a page in another language (for `lang="en"`), else ""."""
        return self._fallback(self.words["heading"], language)

    def intro_language(self, language: str | None = None) -> str:
        return self._fallback(self.words["intro"], language)

    @staticmethod
    def _suffix(language: str | None) -> str:
        return (language or get_language() or settings.LANGUAGE_CODE).lower().replace("-", "_")

    def _in(self, texts: dict[str, str], language: str | None) -> str:
        return texts.get(self._suffix(language)) or texts["en"]

    def _fallback(self, texts: dict[str, str], language: str | None) -> str:
        return "" if texts.get(self._suffix(language)) else "en"


class ScreenTableError(ValueError):
    pass


@cache
def _table() -> tuple[dict[str, Screen], dict[str, tuple[str, int]], frozenset[str]]:
    return read(json.loads(TABLE.read_text(encoding="utf-8")))


def read(data: dict) -> tuple[dict[str, Screen], dict[str, tuple[str, int]], frozenset[str]]:
    """(screens by key, each question's (screen, place), the questions shown item by item); a table that
    puts a question on two screens, or lacks a screen's words in a language, is refused."""
    screens: dict[str, Screen] = {}
    places: dict[str, tuple[str, int]] = {}
    for entry in data["screens"]:
        key = entry["key"]
        if key in screens:
            raise ScreenTableError(f"screen {key} is listed twice")
        words = {}
        for name in ("heading", "intro"):
            texts = {"en": entry.get(name, "")}
            texts.update({k[len(name) + 1 :]: v for k, v in entry.items() if k.startswith(f"{name}_")})
            if not all(isinstance(text, str) and text.strip() for text in texts.values()) or len(texts) < 2:
                raise ScreenTableError(f"screen {key} needs its {name} in English and in Chinese")
            words[name] = texts
        for order, question in enumerate(entry["questions"]):
            if question in places:
                raise ScreenTableError(f"question {question} is on screens {places[question][0]} and {key}")
            places[question] = (key, order)
        screens[key] = Screen(key, tuple(entry["questions"]), words)
    return screens, places, frozenset(data.get("items_needed_only", ()))


def place(question_key: str) -> tuple[str, int] | None:
    """(screen key, place on it) of a question, or None when it is a screen of its own."""
    return _table()[1].get(question_key)


def screen(key: str) -> Screen | None:
    return _table()[0].get(key)


def items_needed_only(question_key: str) -> bool:
    """Whether a multiple-choice question shows only the items some open study still needs."""
    return question_key in _table()[2]


def all_screens() -> dict[str, Screen]:
    return dict(_table()[0])

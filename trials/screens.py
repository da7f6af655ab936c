"""Which questions share a screen, and each screen's heading and introduction in each language.

The table is `trials/data/screens.json`, read and checked once. A question is on at most one screen; a
question on none is a screen of its own. The engine only needs each question's screen and place on it
(`place`), and whether a multiple-choice question is shown item by item (`items_needed_only`); the pages
read a screen's words (`heading`, `intro`) in the active language, English when a translation is missing, and
a question's short hint on its screen (`hints`), whose shared part the introduction says once. A screen's optional
`intro_days` (how to count "how many days ago") is shown only when the screen shows a question in days. A screen's
optional `topics` say what its questions are about, so a page that shows only some of them is headed and introduced
by what it asks (`Screen.showing`): the walk shows only the questions open studies still need.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

TABLE = Path(__file__).resolve().parent / "data" / "screens.json"


@dataclass(frozen=True)
class Topic:
    """What some of a screen's questions are about, as its heading names it ("stroke"), with an optional
    introduction of its own; each language's words."""

    questions: tuple[str, ...]
    name: dict[str, str]
    intro: dict[str, str] | None = None


@dataclass(frozen=True)
class Screen:
    key: str
    questions: tuple[str, ...]
    words: dict[str, dict[str, str]]  # {"heading": {"en": ..., "zh_hans": ...}, "intro": {...}, "intro_days"?}
    hints: dict[str, dict[str, str]] = field(default_factory=dict)  # {question key: {"en": ..., "zh_hans": ...}}
    topics: tuple[Topic, ...] = ()
    heading_topics: dict[str, str] = field(default_factory=dict)  # {"en": "Your {topics}", ...}
    # {"en": "Measurements a clinic letter often gives: {topics}. ...", ...}: the topics' introductions listed in it
    intro_topics: dict[str, str] = field(default_factory=dict)

    def showing(self, shown) -> Screen:
        """This screen as a page that shows only the questions `shown`: with topics, a heading that names the
        topics of those questions and no other ("Operations and hospital stays" when only those two are still
        needed), and the introductions of those topics when each has one (listed in `intro_topics` when the screen
        has that pattern: "Measurements a clinic letter often gives: your weight and your usual heart rate ...",
        else one after the other); the screen as written when every topic is shown."""
        topics = [topic for topic in self.topics if set(topic.questions) & set(shown)]
        if not topics or len(topics) == len(self.topics):
            return self
        heading = {}
        for language in self.words["heading"]:
            names = [topic.name.get(language) or topic.name["en"] for topic in topics]
            pattern = self.heading_topics.get(language) or self.heading_topics.get("en") or "{topics}"
            text = pattern.replace("{topics}", _listed(names, language))
            heading[language] = text[:1].upper() + text[1:]
        words = {**self.words, "heading": heading}
        if all(topic.intro for topic in topics) and self.intro_topics:
            words["intro"] = {
                language: (self.intro_topics.get(language) or self.intro_topics["en"]).replace(
                    "{topics}", _listed([topic.intro.get(language) or topic.intro["en"] for topic in topics], language)
                )
                for language in self.words["intro"]
            }
        elif all(topic.intro for topic in topics):
            words["intro"] = {
                language: ("" if language.startswith("zh") else " ").join(
                    topic.intro.get(language) or topic.intro["en"] for topic in topics
                )
                for language in self.words["intro"]
            }
        return replace(self, words=words)

    def heading(self, language: str | None = None) -> str:
        return self._in(self.words["heading"], language)

    def intro(self, language: str | None = None) -> str:
        return self._in(self.words["intro"], language)

    def hint(self, question_key: str, language: str | None = None) -> str | None:
        """A question's short hint on this screen, in place of its own help text; None when it has none."""
        texts = self.hints.get(question_key)
        return self._in(texts, language) if texts else None

    def hint_language(self, question_key: str, language: str | None = None) -> str:
        return self._fallback(self.hints.get(question_key, {"en": ""}), language)

    def heading_language(self, language: str | None = None) -> str:
        """ "en" when the heading shows in English on a page in another language (for `lang="en"`), else ""."""
        return self._fallback(self.words["heading"], language)

    def intro_language(self, language: str | None = None) -> str:
        return self._fallback(self.words["intro"], language)

    def intro_days(self, language: str | None = None) -> str:
        """How to count "how many days ago", for a page of this screen that shows a question in days ("" if none)."""
        return self._in(self.words["intro_days"], language) if "intro_days" in self.words else ""

    def intro_days_language(self, language: str | None = None) -> str:
        return self._fallback(self.words["intro_days"], language) if "intro_days" in self.words else ""

    @staticmethod
    def _suffix(language: str | None) -> str:
        return (language or get_language() or settings.LANGUAGE_CODE).lower().replace("-", "_")

    def _in(self, texts: dict[str, str], language: str | None) -> str:
        return texts.get(self._suffix(language)) or texts["en"]

    def _fallback(self, texts: dict[str, str], language: str | None) -> str:
        return "" if texts.get(self._suffix(language)) else "en"


def _listed(names: list[str], language: str) -> str:
    """Names as a list in a heading: "a, b and c" in English, "a、b和c" in Chinese."""
    if len(names) == 1:
        return names[0]
    if language.startswith("zh"):
        return "、".join(names[:-1]) + "和" + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


class ScreenTableError(ValueError):
    pass


def _translations(name: str) -> set[str]:
    """The keys of a word's translations in the table: `intro_zh_hans` (and never `intro_days`)."""
    return {f"{name}_{code.lower().replace('-', '_')}" for code, _label in settings.LANGUAGES if code != "en"}


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
        for name in ("heading", "intro", "intro_days"):
            if name == "intro_days" and name not in entry:
                continue  # optional
            texts = {"en": entry.get(name, "")}
            texts.update({k[len(name) + 1 :]: v for k, v in entry.items() if k in _translations(name)})
            if not all(isinstance(text, str) and text.strip() for text in texts.values()) or len(texts) < 2:
                raise ScreenTableError(f"screen {key} needs its {name} in English and in Chinese")
            words[name] = texts
        for order, question in enumerate(entry["questions"]):
            if question in places:
                raise ScreenTableError(f"question {question} is on screens {places[question][0]} and {key}")
            places[question] = (key, order)
        hints = entry.get("hints", {})
        for question, texts in hints.items():
            if question not in entry["questions"]:
                raise ScreenTableError(f"screen {key} has a hint for {question}, which is not on it")
            if not all(isinstance(text, str) and text.strip() for text in texts.values()) or not {"en"} < set(texts):
                raise ScreenTableError(f"screen {key} needs the hint for {question} in English and in Chinese")
        topics = tuple(_topics(key, entry))
        screens[key] = Screen(
            key,
            tuple(entry["questions"]),
            words,
            hints,
            topics,
            entry.get("heading_topics", {}),
            entry.get("intro_topics", {}),
        )
    return screens, places, frozenset(data.get("items_needed_only", ()))


def _topics(key: str, entry: dict) -> list[Topic]:
    """A screen's topics, checked: together they hold each of its questions once, each named in English and Chinese
    (and introduced in both, when introduced), and a heading pattern names "{topics}"."""
    topics = []
    for topic in entry.get("topics", []):
        name, intro = topic.get("name", {}), topic.get("intro")
        for texts in (name, intro) if intro is not None else (name,):
            if not all(isinstance(text, str) and text.strip() for text in texts.values()) or len(texts) < 2:
                raise ScreenTableError(f"screen {key} needs each topic's words in English and in Chinese")
        topics.append(Topic(tuple(topic["questions"]), name, intro))
    covered = [question for topic in topics for question in topic.questions]
    if topics and sorted(covered) != sorted(entry["questions"]):
        raise ScreenTableError(f"screen {key}: its topics must hold each of its questions once")
    if any("{topics}" not in text for text in entry.get("heading_topics", {}).values()):
        raise ScreenTableError(f"screen {key}: a heading pattern needs {{topics}}")
    patterns = entry.get("intro_topics", {})
    if patterns and (set(patterns) != {"en", "zh_hans"} or any("{topics}" not in text for text in patterns.values())):
        raise ScreenTableError(f"screen {key}: an introduction pattern needs {{topics}}, in English and in Chinese")
    if patterns and not all(topic.intro for topic in topics):
        raise ScreenTableError(f"screen {key}: an introduction pattern needs an introduction of each topic")
    return topics


def place(question_key: str) -> tuple[str, int] | None:
    """(screen key, place on it) of a question, or None when it is a screen of its own."""
    return _table()[1].get(question_key)


def screen(key: str) -> Screen | None:
    return _table()[0].get(key)


def items_needed_only(question_key: str) -> bool:
    """Whether a multiple-choice question shows only the items some open study still needs."""
    return question_key in _table()[2]


def hint(question_key: str) -> tuple[str, str] | None:
    """(the short hint a question shows on its screen in the active language, "en" when that is English on a page
    in another language, else ""); None when the question shows its own help text."""
    where = place(question_key)
    on = _table()[0][where[0]] if where else None
    if on is None or question_key not in on.hints:
        return None
    return on.hint(question_key), on.hint_language(question_key)


def all_screens() -> dict[str, Screen]:
    return dict(_table()[0])

"""Plain words for what staff read: a criterion's outcome, a result, why a result changed.

A bare "met" beside an exclusion reads as "the patient has the excluding condition"; here an exclusion's
outcome says what it means ("not excluded: …").
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# "may match" and "might match" (可能符合, 或许符合) read alike to a nurse scanning a list (walkthrough 12): each
# result says what it means for the work left.
VERDICTS = {
    "match": gettext_lazy("every answer fits"),
    "possible": gettext_lazy("some answers still to check"),
    "no_match": gettext_lazy("not a match"),
}
EXCLUDED_IF = "excluded if "


def verdict_words(verdict: str) -> str:
    return str(VERDICTS.get(verdict, verdict))


def _excluded_if_prefixes() -> list[str]:
    """ "excluded if " in every language: a snapshot keeps the words of the language it was taken in."""
    prefixes = [EXCLUDED_IF]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(_("excluded if %(rule)s").split("%(rule)s")[0])
    return [p for p in prefixes if p]


def condition(row: dict) -> str:
    """An exclusion's condition without its "excluded if" ("pneumonia in the last month is “Yes”")."""
    rule = row.get("rule") or ""
    for prefix in _excluded_if_prefixes():
        if rule.startswith(prefix):
            return rule[len(prefix) :]
    return rule


def negated(text: str) -> str:
    for positive, negative in ((" is “", " is not “"), (" includes “", " does not include “")):
        if positive in text:
            return text.replace(positive, negative, 1)
    return _("not so: %(condition)s") % {"condition": text} if text else ""


def outcome_words(row: dict) -> str:
    outcome, exclusion = row.get("outcome"), row.get("kind") == "exclusion"
    if outcome == "unknown":
        return _("not known yet")
    if outcome == "study_team":
        return _("for you to check")
    if exclusion:
        text = condition(row)
        if outcome == "met":
            return _("not excluded: %(why)s") % {"why": negated(text)} if text else _("not excluded")
        return _("excluded: %(why)s") % {"why": text} if text else _("excluded")
    return _("meets") if outcome == "met" else _("does not meet")


def rule_words(row: dict) -> str:
    """The rule as a site reads it beside the outcome: an exclusion's condition, an inclusion's rule."""
    if row.get("kind") == "exclusion":
        return _("Exclusion: %(rule)s") % {"rule": row.get("rule") or row.get("words", "")}
    return _("Inclusion: %(rule)s") % {"rule": row.get("rule") or row.get("words", "")}


def outcome_sentence(row: dict) -> str:
    """One plain sentence per criterion: what it asks and how this patient came out, with no double
    negative; a criterion left to the site says what to check in the clause's own words."""
    outcome, exclusion = row.get("outcome"), row.get("kind") == "exclusion"
    if outcome == "study_team" or not (row.get("rule") or "").strip():
        words = (row.get("words") or "").strip()
        if not words:
            return _("For you to check: this criterion has no words recorded.")
        if exclusion:
            return _registry_words(_("For you to check, as the study excludes: “%(words)s”"), words)
        return _registry_words(_("For you to check, as the study requires: “%(words)s”"), words)
    if exclusion:
        text = condition(row)
        if outcome == "met":
            return _("Not excluded by this: %(condition)s.") % {"condition": text}
        if outcome == "not_met":
            return _("Excluded by this: %(condition)s.") % {"condition": text}
        return _("Not known yet whether the patient has what this excludes: %(condition)s.") % {"condition": text}
    rule = row.get("rule")
    if outcome == "met":
        return _("Meets: %(rule)s.") % {"rule": rule}
    if outcome == "not_met":
        return _("Does not meet: %(rule)s.") % {"rule": rule}
    return _("Not known yet: %(rule)s.") % {"rule": rule}


def _registry_words(sentence: str, words: str) -> str:
    """A whole sentence of ours around the registry's own words, which stay apart and marked as English."""
    return mark_safe(conditional_escape(sentence) % {"words": format_html('<span lang="en">{}</span>', words)})


def plain_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            **row,
            "plain": outcome_words(row),
            "plain_rule": rule_words(row),
            "sentence": outcome_sentence(row),
        }
        for row in rows
    ]


def to_check_first(rows: list[dict]) -> dict:
    """Plain rows in three groups: what this patient's answers left open (not met, not known) shown first; the
    protocol's own checks for the nurse at screening, the same for every patient of the study; and the criteria
    the answers already satisfy. The page folds the last two away."""
    return {
        "open": [row for row in rows if row.get("outcome") not in ("met", "study_team")],
        "study_team": [row for row in rows if row.get("outcome") == "study_team"],
        "met": [row for row in rows if row.get("outcome") == "met"],
    }


def because(verdict: str, rows: list[dict]) -> str:
    """Why a re-judgement came out as it did, in one line: the criteria that decided it."""
    if verdict == "no_match":
        deciding = [r for r in rows if r.get("outcome") == "not_met"]
    elif verdict == "possible":
        deciding = [r for r in rows if r.get("outcome") == "unknown"]
    else:
        return _("every criterion that the answers can decide is met")
    # joined and bracketed as the language writes them: "…; …" and "… (does not meet)", "…；…" and "…（不符合）"
    return _("; ").join(
        outcome_words(r)
        if r.get("kind") == "exclusion"
        else _("%(rule)s (%(outcome)s)") % {"rule": r.get("rule") or r.get("words", ""), "outcome": outcome_words(r)}
        for r in deciding
    )

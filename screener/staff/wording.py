"""Plain words for what staff read: a criterion's outcome, a result, why a result changed.

A bare "met" beside an exclusion reads as "the patient has the excluding condition"; here an exclusion's
outcome says what it means ("not excluded: …").
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VERDICTS = {
    "match": gettext_lazy("may match"),
    "possible": gettext_lazy("might match"),
    "no_match": gettext_lazy("not a match"),
}
EXCLUDED_IF = "excluded if "


def verdict_words(verdict: str) -> str:
    return str(VERDICTS.get(verdict, verdict))


def condition(row: dict) -> str:
    """An exclusion's condition without its "excluded if" ("pneumonia in the last month is “Yes”")."""
    rule = row.get("rule") or ""
    return rule[len(EXCLUDED_IF) :] if rule.startswith(EXCLUDED_IF) else rule


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


def plain_rows(rows: list[dict]) -> list[dict]:
    return [{**row, "plain": outcome_words(row), "plain_rule": rule_words(row)} for row in rows]


def because(verdict: str, rows: list[dict]) -> str:
    """Why a re-judgement came out as it did, in one line: the criteria that decided it."""
    if verdict == "no_match":
        deciding = [r for r in rows if r.get("outcome") == "not_met"]
    elif verdict == "possible":
        deciding = [r for r in rows if r.get("outcome") == "unknown"]
    else:
        return _("every criterion that the answers can decide is met")
    return "; ".join(
        outcome_words(r)
        if r.get("kind") == "exclusion"
        else f"{r.get('rule') or r.get('words', '')} ({outcome_words(r)})"
        for r in deciding
    )

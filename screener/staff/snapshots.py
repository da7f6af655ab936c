"""A referral's snapshot read in the staff member's language (decision 0106).

A snapshot keeps the questions, answers and rules in the words of the language they were taken in (the
patient's, for what was sent). A row is shown in the reader's language only when today's question or criterion,
put in words in that language, reads exactly as the snapshot does: what the site received is never reworded into
something else. Anything else (an edited rule, the patient's own words) stays as written, marked with its language.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from screener.questionnaire import answer_helpers
from trials.models import Criterion, Question


def _languages(first: str) -> list[str]:
    codes = [code for code, _name in settings.LANGUAGES]
    return [first, *[c for c in codes if c != first]] if first in codes else codes


def _same_in_some_language(languages: list[str], written: str, words) -> bool:
    for code in languages:
        with translation.override(code):
            if str(words()) == written:
                return True
    return False


def answer_rows(rows: list[dict], language: str) -> list[dict]:
    """The answers sent, each question and answer in the active language where it reads as it was sent;
    `question_translated` and `answer_translated` say which were."""
    questions = {q.key: q for q in Question.objects.filter(key__in=[row["key"] for row in rows])}
    languages = _languages(language)
    shown = []
    for row in rows:
        question = questions.get(row["key"])
        row = {**row, "question_translated": False, "answer_translated": False}
        if question is not None:
            if _same_in_some_language(languages, row.get("question", ""), lambda q=question: q.prompt):
                row.update(question=question.prompt, short_label=question.short_label, question_translated=True)
            stored = row.get("stored")
            if "answer" in row and _same_in_some_language(
                languages, row["answer"], lambda q=question, s=stored: q.display_answer(s)
            ):
                row.update(answer=question.display_answer(stored), answer_translated=True)
            source = row.get("source")
            if (
                isinstance(source, dict)
                and source.get("summary")
                and _same_in_some_language(
                    languages, source["summary"], lambda q=question, s=source: answer_helpers.summary_of(q, s)
                )
            ):
                row["source"] = {**source, "summary": answer_helpers.summary_of(question, source), "translated": True}
        shown.append(row)
    return shown


def outcome_rows(rows: list[dict], language: str) -> list[dict]:
    """Each outcome's rule in the active language where today's criterion reads as the snapshot does."""
    ids = [row["criterion"] for row in rows if row.get("criterion") and row.get("rule")]
    criteria = {c.pk: c for c in Criterion.objects.filter(pk__in=ids).select_related("question")}
    languages = _languages(language)
    shown = []
    for row in rows:
        criterion = criteria.get(row.get("criterion"))
        if criterion is not None and _same_in_some_language(languages, row["rule"], criterion.rule_in_words):
            row = {**row, "rule": criterion.rule_in_words()}
        shown.append(row)
    return shown

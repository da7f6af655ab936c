"""A referral's outcomes as rows a site reads: the snapshot taken when it is sent and when it is judged again.

Both the sending of a referral and the background re-judging build these rows, so they live here, below both
(`sending` -> `tasks` -> `outcomes` -> `models`; import-linter keeps it that way).
"""

from __future__ import annotations

from trials import eligibility
from trials.models import Trial


def outcome_rows(trial: Trial, result: eligibility.TrialResult) -> list[dict]:
    """Each criterion's outcome with its rule in words, as a site reads it (a snapshot row each)."""
    criteria = {
        c.pk: c
        for c in trial.criteria.select_related("question").filter(pk__in=[r.criterion.id for r in result.results])
    }
    return [
        {
            "criterion": r.criterion.id,
            "kind": str(r.criterion.polarity),
            "question": r.criterion.question_key,
            "outcome": str(r.outcome),
            "rule": criteria[r.criterion.id].rule_in_words() if r.criterion.id in criteria else "",
            "words": r.criterion.text,
            "explanation": r.criterion.explanation,
        }
        for r in result.results
    ]


def outcomes_differ(sent: list[dict], now: list[dict]) -> bool:
    """Whether any criterion came out otherwise for this patient (a moved limit they still meet does not)."""
    by_id = all("criterion" in row for row in sent)

    def outcomes(rows):
        return sorted(
            (
                str(row["criterion"]) if by_id else f"{row['kind']}|{row.get('question')}|{row.get('words')}",
                row["outcome"],
            )
            for row in rows
        )

    return outcomes(sent) != outcomes(now)

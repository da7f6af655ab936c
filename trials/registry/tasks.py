"""Background work for registry import: drafting the criteria of the studies a bulk import stored.

Run by the worker (`python manage.py db_worker`); the tests run it at once (ImmediateBackend).
"""

from __future__ import annotations

from django_tasks import task

from trials.registry.importing import draft_pending


@task()
def draft_pending_criteria() -> int:
    """Draft every study still marked `needs_drafting`; returns how many were drafted."""
    return draft_pending()


@task()
def draft_trial_criteria(trial_id: int) -> int:
    """Draft one study still marked `needs_drafting` (its review page was opened first); returns 1 or 0."""
    return draft_pending([trial_id])


def start_drafting(write) -> None:
    """After an import or a sync: say how many studies wait for their criteria to be drafted, and start the work.
    `write` is the command's stdout.write."""
    from trials.models import Trial

    pending = Trial.objects.filter(needs_drafting=True).count()
    if pending:
        studies = "1 study" if pending == 1 else f"{pending} studies"
        write(f"The criteria of {studies} are being drafted in the background (manage.py db_worker).")
        draft_pending_criteria.enqueue()

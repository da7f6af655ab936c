"""`import_ctgov` over the registry's bulk download (a zip) and directories: one study at a time, a bad
study refused by file and field while the rest are imported, unchanged studies skipped, one summary."""

import copy
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trials.models import CatalogueVersion, Trial

SEED = Path(__file__).resolve().parents[3] / "trials" / "registry" / "seed"
COPD_RECORD = json.loads((SEED / "NCT07355868.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.django_db


def study(number: int, title: str = "") -> dict:
    record = copy.deepcopy(COPD_RECORD)
    record["protocolSection"]["identificationModule"]["nctId"] = f"NCT{number:08d}"
    if title:
        record["protocolSection"]["identificationModule"]["briefTitle"] = title
    return record


def broken(number: int) -> dict:
    record = study(number)
    del record["protocolSection"]["identificationModule"]["briefTitle"]
    return record


def run(*sources) -> tuple[str, str, bool]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_ctgov", *map(str, sources), stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), False
    except CommandError:
        return out.getvalue(), err.getvalue(), True


@pytest.fixture
def bulk_zip(tmp_path) -> Path:
    path = tmp_path / "ctg-studies.json.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(1, 6):
            archive.writestr(f"NCT{number:08d}.json", json.dumps(study(number)))
        archive.writestr("NCT00000006.json", json.dumps(broken(6)))
        archive.writestr("NCT00000007.json", "{not json")
    return path


def test_the_registrys_zip_is_imported_study_by_study_and_bad_ones_are_refused_by_file_and_field(bulk_zip):
    out, err, failed = run(bulk_zip)
    assert failed  # the exit status says something was refused
    assert Trial.objects.count() == 5
    assert "5 created, 0 updated, 0 unchanged, 2 refused" in out
    assert f"{bulk_zip}:NCT00000006.json: study 1 (NCT00000006)" in err and "briefTitle" in err
    assert f"{bulk_zip}:NCT00000007.json: not valid JSON" in err


def test_a_directory_of_study_files_is_imported_and_a_rerun_skips_what_has_not_changed(tmp_path):
    folder = tmp_path / "studies"
    (folder / "more").mkdir(parents=True)
    for number in range(1, 4):
        (folder / f"NCT{number:08d}.json").write_text(json.dumps(study(number)), encoding="utf-8")
    (folder / "more" / "NCT00000004.json").write_text(json.dumps(study(4)), encoding="utf-8")
    out, _, failed = run(folder)
    assert not failed and "4 created, 0 updated, 0 unchanged, 0 refused" in out

    (folder / "NCT00000002.json").write_text(json.dumps(study(2, title="A new title")), encoding="utf-8")
    version = CatalogueVersion.current()
    out, _, failed = run(folder)
    assert "0 created, 1 updated, 3 unchanged, 0 refused" in out
    assert Trial.objects.get(nct_id="NCT00000002").brief_title == "A new title"
    assert CatalogueVersion.current() == version + 1  # the whole run is one catalogue change


def test_an_unchanged_study_is_skipped_without_being_imported_again(tmp_path, monkeypatch):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(study(1)), encoding="utf-8")
    run(path)
    from trials.registry.management.commands import import_ctgov

    monkeypatch.setattr(import_ctgov, "import_record", None)  # any import would now fail
    out, _, failed = run(path)
    assert not failed and "0 created, 0 updated, 1 unchanged, 0 refused" in out


# Drafting after a bulk import: the import stores the studies and queues the drafting; the background worker
# (or the review page, opened first) writes the drafts.


@pytest.fixture
def queued_tasks(settings):
    """A task queue that holds what is enqueued without running it, as the database queue does until the worker
    takes it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    return default_task_backend.results


def drafts_of(nct_id: str) -> list[tuple]:
    from trials.models import Criterion

    trial = Trial.objects.get(nct_id=nct_id)
    return sorted(
        (
            (c.clause_start, c.clause_end, c.question.key if c.question_id else "", c.kind, c.min_value, c.max_value)
            for c in trial.criteria.filter(status=Criterion.Status.DRAFT).select_related("question")
        ),
        key=repr,
    )


def test_a_one_study_import_says_so_in_the_singular(tmp_path, queued_tasks):
    (tmp_path / "1.json").write_text(json.dumps(study(1)))
    out, _, _ = run(tmp_path / "1.json")
    assert "The criteria of 1 study are being drafted in the background" in out and "1 studies" not in out


def test_a_bulk_import_queues_the_drafting_and_the_worker_drafts_every_study_as_drafting_inline_would(
    bulk_zip, tmp_path, queued_tasks
):
    from trials.registry.tasks import draft_pending_criteria

    out, _, _ = run(bulk_zip)
    assert "5 created" in out and "The criteria of 5 studies are being drafted in the background" in out
    assert Trial.objects.filter(needs_drafting=True).count() == 5
    assert drafts_of("NCT00000001") == []  # nothing drafted yet: the registry's own limits only
    assert Trial.objects.get(nct_id="NCT00000001").criteria.filter(origin="import").count() == 1  # the age limits
    assert [result.task.name for result in queued_tasks] == [draft_pending_criteria.name]

    assert draft_pending_criteria.call() == 5
    assert not Trial.objects.filter(needs_drafting=True).exists()
    drafted = drafts_of("NCT00000001")
    assert len(drafted) > 10  # every clause of the COPD record has a draft

    inline = tmp_path / "inline"
    inline.mkdir()
    (inline / "NCT00000099.json").write_text(json.dumps(study(99)), encoding="utf-8")
    call_command("import_ctgov", str(inline), "--draft-now", stdout=StringIO())
    assert not Trial.objects.get(nct_id="NCT00000099").needs_drafting
    assert drafts_of("NCT00000099") == drafted  # the same drafts, whichever way they were written


def test_attack_the_review_page_queues_a_study_the_worker_has_not_reached_and_never_drafts_on_get(
    bulk_zip, queued_tasks, admin_client, monkeypatch
):
    from django.urls import reverse

    from trials.registry import drafting
    from trials.registry.tasks import draft_trial_criteria

    run(bulk_zip)
    queued_tasks.clear()
    trial = Trial.objects.get(nct_id="NCT00000003")
    assert trial.needs_drafting and drafts_of(trial.nct_id) == []
    real = drafting.propose_all
    monkeypatch.setattr(drafting, "propose_all", None)  # a request that drafted would fail now
    for _ in range(3):
        response = admin_client.get(reverse("admin:trials_trial_review", args=[trial.pk]))
        assert response.status_code == 200
        assert "The criteria of this study are being drafted from its registry text." in response.content.decode()
    assert [(r.task.name, r.args) for r in queued_tasks] == [(draft_trial_criteria.name, [trial.pk])]  # once
    trial.refresh_from_db()
    assert trial.needs_drafting and drafts_of(trial.nct_id) == []

    monkeypatch.setattr(drafting, "propose_all", real)
    assert draft_trial_criteria.call(trial.pk) == 1  # what the worker does next
    page = admin_client.get(reverse("admin:trials_trial_review", args=[trial.pk])).content.decode()
    assert "being drafted" not in page and "for the study team" in page  # the page shows the drafts
    assert Trial.objects.filter(needs_drafting=True).count() == 4  # the others wait for the worker


def test_a_study_whose_drafting_fails_stays_marked_and_the_others_are_drafted(bulk_zip, queued_tasks, monkeypatch):
    from trials.registry import drafting
    from trials.registry.importing import draft_pending

    run(bulk_zip)
    real = drafting.draft_criteria

    def failing(trial, *args, **kwargs):
        if trial.nct_id == "NCT00000002":
            raise RuntimeError("simulated failure")
        return real(trial, *args, **kwargs)

    monkeypatch.setattr(drafting, "draft_criteria", failing)
    assert draft_pending() == 4
    assert list(Trial.objects.filter(needs_drafting=True).values_list("nct_id", flat=True)) == ["NCT00000002"]
    assert drafts_of("NCT00000002") == []  # its transaction was rolled back whole
    monkeypatch.setattr(drafting, "draft_criteria", real)
    assert draft_pending() == 1  # the next run takes it


def test_a_study_whose_only_change_is_a_site_is_updated_and_drafted_again(tmp_path, queued_tasks):
    from trials.registry.tasks import draft_pending_criteria

    folder = tmp_path / "studies"
    folder.mkdir()
    (folder / "NCT00000001.json").write_text(json.dumps(study(1)), encoding="utf-8")
    run(folder)
    draft_pending_criteria.call()
    record = study(1)
    location = record["protocolSection"]["contactsLocationsModule"]["locations"][0]
    location["status"] = "COMPLETED"  # the site stopped recruiting; nothing else changed
    (folder / "NCT00000001.json").write_text(json.dumps(record), encoding="utf-8")
    out, _, _ = run(folder)
    assert "0 created, 1 updated, 0 unchanged" in out
    trial = Trial.objects.get(nct_id="NCT00000001")
    assert trial.needs_drafting and trial.sites.get().recruitment_status == "COMPLETED"
    assert "0 created, 0 updated, 1 unchanged" in run(folder)[0]  # its new record's hash was kept


# Drafting holds no write lock while the extractor works (issue 24, H1): on SQLite one lock serves the whole
# database, so a patient's answer would wait for it.


def watch_extraction(monkeypatch) -> list[bool]:
    """Record, at every call of the extractor, whether a transaction is open (a write lock may be held)."""
    from django.db import connection

    from trials.registry import extraction

    seen, real = [], extraction.split_clauses

    def split_clauses(text):
        seen.append(connection.in_atomic_block)
        return real(text)

    monkeypatch.setattr(extraction, "split_clauses", split_clauses)
    return seen


@pytest.mark.django_db(transaction=True)
def test_attack_the_worker_runs_the_extractor_outside_any_transaction(tmp_path, queued_tasks, monkeypatch):
    from trials.registry.tasks import draft_pending_criteria

    folder = tmp_path / "studies"
    folder.mkdir()
    for number in (1, 2):
        (folder / f"{number}.json").write_text(json.dumps(study(number)), encoding="utf-8")
    run(folder)
    seen = watch_extraction(monkeypatch)
    assert draft_pending_criteria.call() == 2
    assert seen == [False, False]
    assert drafts_of("NCT00000001") and drafts_of("NCT00000002")


@pytest.mark.django_db(transaction=True)
def test_attack_an_import_that_drafts_as_it_goes_runs_the_extractor_outside_any_transaction(tmp_path, monkeypatch):
    (tmp_path / "1.json").write_text(json.dumps(study(1)), encoding="utf-8")
    seen = watch_extraction(monkeypatch)
    call_command("import_ctgov", str(tmp_path / "1.json"), "--draft-now", stdout=StringIO())
    assert seen == [False]
    assert drafts_of("NCT00000001") and not Trial.objects.get(nct_id="NCT00000001").needs_drafting


def test_a_text_re_imported_while_the_extractor_worked_is_drafted_from_the_new_text(
    tmp_path, queued_tasks, monkeypatch
):
    from trials.registry import extraction
    from trials.registry.importing import draft_pending

    (tmp_path / "1.json").write_text(json.dumps(study(1)), encoding="utf-8")
    run(tmp_path / "1.json")
    new_text = "Inclusion Criteria:\n\n* Age 50 to 70 years\n\nExclusion Criteria:\n\n* Asthma"
    real, texts = extraction.split_clauses, []

    def split_clauses(text):
        if not texts:  # the registry's new record lands while the extractor reads the old one
            Trial.objects.filter(nct_id="NCT00000001").update(eligibility_text=new_text, source_hash="new")
        texts.append(text)
        return real(text)

    monkeypatch.setattr(extraction, "split_clauses", split_clauses)
    assert draft_pending() == 1
    assert texts[0] != new_text and texts[1:] == [new_text]  # the old proposals were dropped, not written
    trial = Trial.objects.get(nct_id="NCT00000001")
    clauses = {c.clause_text for c in trial.criteria.exclude(clause_start=None)}
    assert clauses and all(text in new_text for text in clauses)

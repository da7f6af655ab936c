"""The loaded catalogue after an edit: patched in, in force at the next step, the same in every worker."""

import time
import uuid

import pytest

from tests.synthetic import make_trials
from trials import catalogue
from trials.models import CatalogueVersion, Criterion, Trial

pytestmark = pytest.mark.django_db


def first_question_after(loaded, answers):
    return loaded.walk(answers).next_key


def test_after_an_admin_edits_a_criterion_the_next_step_uses_the_new_rule():
    make_trials(40)
    before = catalogue.current()
    # Trial 0 is the only cond01 trial among those of age 18+: rule out everyone over 30 from it.
    trial = Trial.objects.get(nct_id="NCT90000000")
    for other in Trial.objects.exclude(pk=trial.pk).filter(brief_title__endswith="cond01"):
        other.delete()
    age = trial.criteria.get(question__key="age")
    answers = {"dx": ["cond01"], "age": "60"}
    assert catalogue.current().walk(answers).next_key is not None  # still open: more to ask
    age.max_value = 30
    age.save()
    after = catalogue.current(CatalogueVersion.current())
    assert after.version > before.version
    assert after.engine.index.removed, "the edit was patched in, not built from scratch"
    assert after.walk(answers).next_key is None  # ruled out at once: nothing more to ask
    assert not [r for r in after.assess(answers)[1].open if r.trial.id == trial.nct_id]


def test_a_change_that_names_no_trial_loads_the_whole_catalogue_again():
    make_trials(5)
    loaded = catalogue.current()
    Criterion.objects.filter(question__key="age").update(max_value=20)
    CatalogueVersion.bump()
    reloaded = catalogue.current(CatalogueVersion.current())
    assert not reloaded.engine.index.removed
    assert reloaded.walk({"dx": ["cond01"], "age": "60"}).next_key is None
    assert loaded.walk({"dx": ["cond01"], "age": "60"}).next_key is not None  # the old one never changed


@pytest.mark.django_db(transaction=True)
def test_two_workers_both_take_up_an_edit_and_no_request_builds_it():
    """Each worker's keeper polls every 0.2 s; a patient's request is answered with what is loaded, never built in it.
    How long the workers take, and how long a request waits meanwhile, is measured by `bench/benchmark_scale.py`
    (an edit under load: "how long after the edit any worker still answered with the old catalogue")."""
    import threading

    make_trials(30)
    workers = [catalogue.Worker(), catalogue.Worker()]
    built_in_a_request = []
    for worker in workers:
        keepers_refresh = worker.refresh

        def refresh(*args, _refresh=keepers_refresh, **kwargs):
            if threading.current_thread() is threading.main_thread():
                built_in_a_request.append(True)
            return _refresh(*args, **kwargs)

        worker.refresh = refresh
        worker.start_keeper(0.2)
        worker.ready.wait(10)
    try:
        criterion = Criterion.objects.filter(question__key="age").order_by("pk").first()
        criterion.max_value = 31
        criterion.save()
        version = CatalogueVersion.current()
        seen = set()
        give_up = time.monotonic() + 60  # only so that a broken keeper fails the test instead of hanging it
        while len(seen) < 2 and time.monotonic() < give_up:
            for number, worker in enumerate(workers):
                loaded = worker.current(version - 1)  # a request that read the old version
                if loaded.version >= version:
                    seen.add(number)
            time.sleep(0.01)
        assert seen == {0, 1}, "both workers have the new rule"
        assert built_in_a_request == []
    finally:
        for worker in workers:
            worker.stop_keeper()


def test_a_stored_snapshot_is_loaded_by_a_worker_that_starts_later(tmp_path, settings):
    settings.CATALOGUE_SNAPSHOT_DIR = str(tmp_path)
    make_trials(10)
    built = catalogue.Worker().refresh()
    assert list(tmp_path.glob("catalogue-*.pickle"))
    loaded = catalogue.Worker().refresh()
    answers = {"dx": ["cond03"], "age": "50", "sex": "female"}
    assert loaded.walk(answers) == built.walk(answers)
    assert {t.id for t in loaded.engine.trials} == {t.id for t in built.engine.trials}


def test_a_snapshot_folder_that_cannot_be_written_only_costs_the_sharing(tmp_path, settings):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    settings.CATALOGUE_SNAPSHOT_DIR = str(blocked / "snapshots")
    make_trials(3)
    loaded = catalogue.Worker().refresh()
    assert loaded.engine.trial_count == 3


def test_a_worker_forked_while_its_parent_held_the_lock_serves_without_waiting_for_it():
    """gunicorn --preload forks workers from a master whose keeper may be mid-refresh."""
    import threading

    make_trials(3)
    worker = catalogue.Worker()
    loaded = worker.refresh()
    held, release = threading.Event(), threading.Event()

    let_go = threading.Event()

    def parents_keeper():
        with worker.lock:
            held.set()
            release.wait(30)
            let_go.set()

    threading.Thread(target=parents_keeper, daemon=True).start()
    held.wait(5)
    try:
        worker.after_fork()  # what os.register_at_fork runs in the child
        assert worker.current(loaded.version) is loaded
        Criterion.objects.filter(question__key="age").first().save()
        assert worker.current(CatalogueVersion.current()).version == CatalogueVersion.current()
        assert not let_go.is_set()  # served while the parent still held its lock: it was never waited for
    finally:
        release.set()


def test_a_question_edit_that_leaves_the_rules_alone_is_in_force_without_a_rebuild():
    from trials.models import Question

    make_trials(20)
    before = catalogue.current()
    assert before.walk({}).next_key == "dx"
    dx = Question.objects.get(key="dx")
    dx.priority, dx.prompt = 200, "Which of these conditions has a doctor told you that you have?"
    dx.save()
    age = Question.objects.get(key="age")
    age.priority = 0
    age.save()
    after = catalogue.current(CatalogueVersion.current())
    assert after.engine.index is before.engine.index  # nothing rebuilt, nothing read again but questions
    assert after.questions["dx"].prompt.startswith("Which of these conditions has a doctor")
    assert after.walk({}).next_key == "age"  # every trial needs both: the priority decides now


def test_a_question_that_changes_how_its_rules_read_rebuilds_the_catalogue():
    from trials.models import Question

    make_trials(5)
    before = catalogue.current()
    Question.objects.filter(key="lab01").update(kind=Question.Kind.SINGLE, choices=[])
    Question.objects.get(key="lab01").save()
    after = catalogue.current(CatalogueVersion.current())
    assert after.engine.index is not before.engine.index


def test_an_event_answered_by_its_date_reaches_the_engine_as_that_date_and_nothing_else_does():
    import datetime

    from trials.eligibility import EventDate
    from trials.models import Question

    days = Question(key="days_since_exacerbation", kind="number", unit="days")
    weeks = Question(key="chest_infection_weeks_ago", kind="number", unit="weeks ago")
    questions = {q.key: q for q in (days, weeks)}
    dated = {"method": "event_date", "inputs": {"date": "2024-02-29", "today": "2025-03-01"}}
    answers = {"days_since_exacerbation": "366", "chest_infection_weeks_ago": "52"}
    sources = {"days_since_exacerbation": dated, "chest_infection_weeks_ago": dated}
    read = catalogue.with_event_dates(answers, sources, questions)
    assert read["days_since_exacerbation"] == EventDate(datetime.date(2024, 2, 29), datetime.date(2025, 3, 1))
    assert read["chest_infection_weeks_ago"] == "52"  # counted in weeks: the rules read the number
    # Days that no longer agree with the date, a broken source, or none: the number stands.
    assert catalogue.with_event_dates({"days_since_exacerbation": "30"}, sources, questions) == {
        "days_since_exacerbation": "30"
    }
    broken = {"days_since_exacerbation": {"method": "event_date", "inputs": {"date": "yesterday"}}}
    assert catalogue.with_event_dates(answers, broken, questions) == answers
    assert catalogue.with_event_dates(answers, None, questions) == answers


# Issue 24, M3: unpickling runs code, so a snapshot is read only from a folder of this user's alone and only
# when this app signed it.


def test_attack_a_planted_snapshot_is_refused_and_logged_and_never_unpickled(tmp_path, settings, caplog):
    import pickle

    folder = tmp_path / "snapshots"
    settings.CATALOGUE_SNAPSHOT_DIR = str(folder)
    make_trials(3)
    catalogue.Worker().refresh()
    [signed] = folder.glob("catalogue-*.pickle")
    marker = tmp_path / "ran"
    planted = pickle.dumps(type("P", (), {"__reduce__": lambda self: (marker.touch, ())})())
    signed.write_bytes(planted)  # as someone who could write there would: same name, their own pickle
    catalogue.forget()
    with caplog.at_level("ERROR", logger="trials.catalogue"):
        loaded = catalogue.Worker().refresh()
    assert not marker.exists()
    assert loaded.engine.trial_count == 3  # built from the database instead
    assert f"Catalogue snapshot {signed.name} refused: it is not signed by this app" in caplog.text
    assert "NCT" not in caplog.text and "cond0" not in caplog.text  # no study, no answer in the log
    assert catalogue.Worker().refresh().engine.trial_count == 3  # and a good snapshot is written again


def test_attack_a_snapshot_signed_with_another_secret_key_is_refused(tmp_path, settings, caplog):
    settings.CATALOGUE_SNAPSHOT_DIR = str(tmp_path)
    make_trials(3)
    catalogue.Worker().refresh()
    catalogue.forget()
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    with caplog.at_level("ERROR", logger="trials.catalogue"):
        assert catalogue.Worker().refresh().engine.trial_count == 3
    assert "refused: it is not signed by this app" in caplog.text


def test_the_snapshot_folder_is_made_private_and_a_loose_one_of_ours_is_tightened(tmp_path, settings):
    import stat

    settings.CATALOGUE_SNAPSHOT_DIR = str(tmp_path / "new" / "snapshots")
    make_trials(3)
    catalogue.Worker().refresh()
    assert stat.S_IMODE((tmp_path / "new" / "snapshots").stat().st_mode) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    loose.chmod(0o777)
    settings.CATALOGUE_SNAPSHOT_DIR = str(loose)
    catalogue.forget()
    catalogue.Worker().refresh()
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700


def test_attack_a_snapshot_folder_owned_by_someone_else_is_refused_and_logged(tmp_path, settings, caplog, monkeypatch):
    import os

    settings.CATALOGUE_SNAPSHOT_DIR = str(tmp_path)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)  # as if another user made it first
    make_trials(3)
    with caplog.at_level("ERROR", logger="trials.catalogue"):
        assert catalogue.Worker().refresh().engine.trial_count == 3
    assert "No catalogue snapshots:" in caplog.text and "belongs to another user" in caplog.text
    assert not list(tmp_path.glob("catalogue-*.pickle"))


def publish_one_more_like(nct_id: str) -> Trial:
    """A copy of a trial, published: its conditions and countries gain a study."""
    trial = Trial.objects.get(nct_id=nct_id)
    sites = list(trial.sites.all())
    trial.pk, trial.nct_id, trial.is_published = None, "NCT98000001", True
    trial.save()
    for site in sites:
        site.pk, site.public_id, site.trial = None, uuid.uuid4(), trial
        site.save()
    return trial


def test_a_worker_started_after_a_publish_counts_the_new_study_even_from_an_older_snapshot(tmp_path, settings):
    settings.CATALOGUE_SNAPSHOT_DIR = str(tmp_path)
    make_trials(3)
    before = catalogue.Worker().refresh()  # writes the snapshot
    condition, count = before.conditions[0]
    publish_one_more_like("NCT90000000")
    restarted = catalogue.Worker().refresh()  # loads the older snapshot and patches the new study in
    assert restarted.engine.index.removed is not None and restarted.version > before.version
    assert dict(restarted.conditions)[condition] == count + 1
    assert sum(dict(restarted.countries).values()) == sum(dict(before.countries).values()) + 1


def test_a_snapshot_written_before_the_counts_followed_each_change_is_not_read(tmp_path, settings, caplog):
    import io
    import pickle

    settings.CATALOGUE_SNAPSHOT_DIR = str(tmp_path)
    make_trials(3)
    built = catalogue.Worker().refresh()
    [path] = tmp_path.glob("catalogue-*.pickle")
    payload = io.BytesIO(path.read_bytes()[: -64 - len(catalogue.SNAPSHOT_MARK)])
    _format, version, conditions, countries, prepared, names = pickle.load(payload)
    stale = pickle.dumps((version, (("Stale condition", 99),), (("China", 99),), prepared, names))
    rest = stale + payload.read()  # the earlier format: no format mark, stale counts, rightly signed
    path.write_bytes(rest + catalogue.SNAPSHOT_MARK + catalogue._signature(path.name, rest))
    catalogue.forget()
    loaded = catalogue.Worker().refresh()
    assert (loaded.conditions, loaded.countries) == (built.conditions, built.countries)
    assert "Stale condition" not in dict(loaded.conditions)

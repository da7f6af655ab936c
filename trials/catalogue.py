"""The published trials as the engine sees them: built once per catalogue version, shared, kept current.

This is the one place that turns stored answers into the engine's input: the questionnaire's walk, the
results page and a referral's snapshot all read answers through `LoadedCatalogue`, and a referral judged
again after its trial's criteria changed goes through `judge_current_criteria`. A patient who says how
far they can travel walks a catalogue narrowed to the trials in reach (`LoadedCatalogue.in_reach`).

How a worker gets and keeps its catalogue (see docs/decisions/0037-a-catalogue-for-80-000-trials-a-compact-index-built-once-per.md):
- The catalogue is a compact `eligibility.RuleIndex` (shared rules, bitsets over trials), read from the
  database with plain value queries (no model instances) in one streaming pass.
- One process per machine builds each version and stores it as a snapshot file
  (`CATALOGUE_SNAPSHOT_DIR`, named by the database's epoch and the version); the others wait for it and
  load it, which takes a fraction of the build.
- In a server, a thread in each worker (`start_keeper()`, called by the WSGI module) loads the catalogue
  when the worker starts and then polls `CatalogueVersion` every `CATALOGUE_POLL_SECONDS`. A version that
  names the trials it changed is patched in (those trials read again, everything else shared); any other
  change loads or builds the whole catalogue. Either way the new catalogue is swapped in whole when it
  is ready, and the old one serves until then: a patient's request never builds anything.
- Without a keeper (tests, management commands) `current()` brings the catalogue up to date itself.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import gc
import hmac
import io
import logging
import os
import pickle
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils.crypto import salted_hmac

from trials import eligibility, places, search_terms
from trials.models import CatalogueChange, CatalogueVersion, Criterion, Question, Site, Trial
from trials.signals import QUESTIONS as QUESTIONS_CHANGED

logger = logging.getLogger(__name__)
PATCH_LIMIT = 500  # more changed trials than this in one go: load the whole catalogue again
FACETS_SHOWN = 24
NARROWED_KEPT = 64  # catalogues narrowed to the trials one patient can reach, most recently used
_narrow_lock = threading.Lock()


@dataclass(frozen=True)
class SitePoint:
    site_id: int
    latitude: float
    longitude: float


@dataclass(frozen=True)
class LoadedCatalogue:
    version: int
    epoch: str
    engine: eligibility.Catalogue
    questions: dict[str, Question]
    conditions: tuple[tuple[str, int], ...] = ()  # the commonest conditions, with their trial counts
    countries: tuple[tuple[str, int], ...] = ()
    _places: dict = field(default_factory=dict, compare=False, repr=False)  # read on first use, see site_points()
    _narrowed: OrderedDict = field(default_factory=OrderedDict, compare=False, repr=False)
    _reach: OrderedDict = field(default_factory=OrderedDict, compare=False, repr=False)

    def walk(
        self, stored: dict, in_reach: frozenset[str] | None = None, sources: dict | None = None
    ) -> eligibility.Walk:
        """The path a patient with these stored answers has taken, and their next question; with
        `in_reach`, only the questions of those trials are asked. `sources` (how answers were computed)
        lets an event answered by its date be judged by the calendar."""
        engine = self.engine if in_reach is None else self.narrowed(in_reach)
        return engine.walk(self.engine_answers(stored, sources))

    def narrowed(self, in_reach: frozenset[str]) -> eligibility.Catalogue:
        """The engine narrowed to these trials (its tables shared), kept for the next patient who can reach
        the same ones."""
        with _narrow_lock:
            engine = self._narrowed.get(in_reach)
            if engine is not None:
                self._narrowed.move_to_end(in_reach)
                return engine
        engine = self.engine.only(in_reach)
        with _narrow_lock:
            self._narrowed[in_reach] = engine
            while len(self._narrowed) > NARROWED_KEPT:
                self._narrowed.popitem(last=False)
        return engine

    def in_reach(self, latitude: float, longitude: float, km: float | None) -> frozenset[str] | None:
        """The published trials with a recruiting site within `km` of the point; None when the patient
        can travel anywhere. A trial that lists no site at all is out of reach: no hospital is near, and no
        request could be passed on. A trial that lists sites none of which has coordinates stays in reach:
        we cannot tell."""
        if km is None:
            return None
        key = (latitude, longitude, km)
        with _narrow_lock:
            if key in self._reach:
                self._reach.move_to_end(key)
                return self._reach[key]
        site_points, located = self.site_points()
        sited = self.sited()
        reach = frozenset(
            trial.id
            for trial in self.engine.trials
            if (trial.id in sited and trial.id not in located)
            or any(
                places.distance_km(latitude, longitude, p.latitude, p.longitude) <= km
                for p in site_points.get(trial.id, ())
            )
        )
        with _narrow_lock:  # every step of a patient's walk asks again: keep the answer for a while
            self._reach[key] = reach
            while len(self._reach) > NARROWED_KEPT * 16:
                self._reach.popitem(last=False)
        return reach

    def site_points(self) -> tuple[dict[str, tuple[SitePoint, ...]], frozenset[str]]:
        """(recruiting sites with coordinates per trial, trials with any site that has coordinates), read
        once per catalogue as plain values (the snapshot keeps no sites: they are few beside the rules)."""
        with _narrow_lock:
            if "points" in self._places:
                return self._places["points"], self._places["located"]
        located_sites = Site.objects.filter(trial__is_published=True, latitude__isnull=False, longitude__isnull=False)
        points: dict[str, list[SitePoint]] = {}
        for pk, nct_id, latitude, longitude in located_sites.recruiting().values_list(
            "pk", "trial__nct_id", "latitude", "longitude"
        ):
            points.setdefault(nct_id, []).append(SitePoint(pk, float(latitude), float(longitude)))
        located = frozenset(located_sites.values_list("trial__nct_id", flat=True).order_by().distinct())
        with _narrow_lock:
            self._places["points"] = {nct_id: tuple(found) for nct_id, found in points.items()}
            self._places["located"] = located
            return self._places["points"], located

    def sited(self) -> frozenset[str]:
        """The published trials that list at least one site (recruiting or not, with coordinates or not),
        read once per catalogue."""
        with _narrow_lock:
            if "sited" in self._places:
                return self._places["sited"]
        sited = frozenset(
            Site.objects.filter(trial__is_published=True).values_list("trial__nct_id", flat=True).order_by().distinct()
        )
        with _narrow_lock:
            self._places["sited"] = sited
            return sited

    def engine_answers(self, stored: dict, sources: dict | None = None) -> dict:
        """Stored answers (None = "I don't know") as the engine reads them, for known questions only; an event
        question answered with a date (`sources`) as an `EventDate`, judged by the calendar."""
        answers = eligibility.from_storage({k: v for k, v in stored.items() if k in self.questions})
        return with_event_dates(answers, sources, self.questions)

    def effective_answers(self, stored: dict, sources: dict | None = None) -> dict:
        """The engine's answers with every implied answer filled in: what criteria are judged against."""
        return eligibility.with_implied_answers(self.engine_answers(stored, sources), self.engine.questions)

    def assess(self, stored: dict, sources: dict | None = None) -> tuple[dict, eligibility.Assessment]:
        """(effective answers, assessment of every published trial) for these stored answers."""
        answers = self.effective_answers(stored, sources)
        return answers, self.engine.assess(answers)

    def evaluate(self, nct_id: str, stored: dict, sources: dict | None = None) -> eligibility.TrialResult | None:
        """One published trial judged against these stored answers, with its criteria's words read from the
        database (the catalogue keeps none); None if it is not in the catalogue."""
        if self.engine.trial(nct_id) is None:
            return None
        trial = Trial.objects.published().with_approved_criteria().filter(nct_id=nct_id).first()
        if trial is None:
            return None
        return eligibility.evaluate_trial(trial.to_rules(), self.effective_answers(stored, sources))

    def question_keys(self) -> frozenset[str]:
        return self.engine.question_keys()

    def has_trial(self, nct_id: str) -> bool:
        return self.engine.trial(nct_id) is not None


def judge_current_criteria(
    trial: Trial, stored: dict, sources: dict | None = None, loaded: LoadedCatalogue | None = None
) -> eligibility.TrialResult:
    """One trial's approved criteria as they are in the database now, judged against stored answers.

    Unlike `LoadedCatalogue.evaluate`, the trial need not be published (a referral's trial may have closed).
    A caller judging several answers in a row passes the catalogue it read once (`loaded`).
    """
    loaded = loaded or current()
    return eligibility.evaluate_trial(trial.to_rules(), loaded.effective_answers(stored, sources))


def with_event_dates(answers: dict, sources: dict | None, questions: dict) -> dict:
    """`answers` with each answer in days that the screener worked out from a date (its source says so, and
    the days still agree with that date) as an `EventDate`: windows in calendar months then compare by the
    calendar, and every rule in days reads the same whole days as before."""
    if not sources:
        return answers
    dated = dict(answers)
    for key, source in sources.items():
        question = questions.get(key)
        if key not in answers or question is None or question.unit != "days" or not isinstance(source, dict):
            continue
        inputs = source.get("inputs") if source.get("method") == "event_date" else None
        try:
            event = datetime.date.fromisoformat(inputs["date"])
            on = datetime.date.fromisoformat(inputs["today"])
        except (TypeError, KeyError, ValueError):
            continue
        answer = eligibility.EventDate(event, on)
        if eligibility.to_decimal(answers[key]) == answer.days:
            dated[key] = answer
    return dated


class Worker:
    """One process's catalogue: what it has loaded, and the keeper thread that keeps it current."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.loaded: LoadedCatalogue | None = None
        self.ready = threading.Event()
        self.keeper: _Keeper | None = None
        self.restart_every: float | None = None

    def after_fork(self) -> None:
        """In a forked child (gunicorn --preload): the parent's lock may be held by its keeper, which did
        not come along. Keep what is loaded, and start a keeper of this process's own at the next request."""
        keeper = self.keeper
        self.lock, self.ready, self.keeper = threading.RLock(), threading.Event(), None
        if self.loaded is not None:
            self.ready.set()
        self.restart_every = keeper.interval if keeper is not None else None

    def current(self, version: int | None = None) -> LoadedCatalogue:
        loaded = self.loaded
        if loaded is not None and loaded.version == version:
            return loaded
        if self.restart_every is not None:  # a worker forked from a preloading master
            self.start_keeper(self.restart_every)
            self.restart_every = None
        keeper = self.keeper
        if keeper is not None and keeper.is_alive() and keeper.pid == os.getpid():
            if loaded is None:
                self.ready.wait()
                return self.loaded
            if version is not None and version != loaded.version:
                keeper.wake.set()
            return loaded
        return self.refresh()

    def forget(self) -> None:
        with self.lock:
            self.loaded = None
            self.ready.clear()

    def refresh(self, in_subprocess: bool = False) -> LoadedCatalogue:
        """Bring the catalogue up to the database's version: patch it, load a snapshot, or build it."""
        with self.lock:
            version, epoch = CatalogueVersion.current_with_epoch()
            loaded = self.loaded
            if loaded is not None and loaded.version == version and loaded.epoch == epoch:
                return loaded
            gc.disable()  # a full collection over a half-built catalogue would pause every request thread
            try:
                fresh = None
                if loaded is not None and loaded.epoch == epoch and loaded.version < version:
                    fresh = _patched(loaded, version)
                if fresh is None:
                    fresh = _load_or_build(version, epoch, in_subprocess)
                self.loaded = fresh
                gc.freeze()  # what is loaded now stays: later collections need not look at it again
            finally:
                gc.enable()
            self.ready.set()
            return fresh

    def start_keeper(self, interval: float) -> None:
        with self.lock:
            if self.keeper is None or self.keeper.pid != os.getpid() or not self.keeper.is_alive():
                self.keeper = _Keeper(self, interval)
                self.keeper.start()

    def stop_keeper(self) -> None:
        keeper, self.keeper = self.keeper, None
        if keeper is not None:
            keeper.stopping = True
            keeper.wake.set()
            keeper.join(10)


_worker = Worker()
os.register_at_fork(after_in_child=_worker.after_fork)


def current(version: int | None = None) -> LoadedCatalogue:
    """The catalogue for a request that read `version` (or none): in a server, the one loaded now, even if
    a newer one is on its way (the keeper is told to hurry); elsewhere, brought up to date first."""
    return _worker.current(version)


def forget() -> None:
    _worker.forget()


def refresh() -> LoadedCatalogue:
    return _worker.refresh()


def build(version: int, epoch: str) -> LoadedCatalogue:
    """Every published trial's approved criteria, read as plain values in one streaming pass."""
    questions = _questions()
    trials = list(Trial.objects.published().order_by("pk").values_list("pk", "nct_id"))
    index = eligibility.RuleIndex.build(_entries(trials, _criteria_in_batches(trials), questions))
    return _loaded_from(version, epoch, index, questions, *_facets())


def _facets() -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """(the commonest conditions, the commonest countries) of the published trials, each with how many trials
    it has: what the start page offers to browse. Read again whenever a trial changes (publishing, closing or
    editing one can move any count)."""
    conditions = _conditions_by_concept(
        Trial.objects.published().values_list("conditions", flat=True).iterator(chunk_size=20000)
    )
    countries = Counter(
        country
        for _trial, country in Site.objects.filter(trial__is_published=True)
        .exclude(country="")
        .values_list("trial_id", "country")
        .order_by()  # without Site's ordering, which would make each site distinct: a study counts once
        .distinct()
        .iterator(chunk_size=20000)
    )
    return tuple(conditions.most_common(FACETS_SHOWN)), tuple(countries.most_common(FACETS_SHOWN))


def _conditions_by_concept(per_trial) -> Counter:
    """{a condition's name: how many trials name it} with one entry per condition, however registries spell it
    ("COPD", "Pulmonary Disease, Chronic Obstructive": `search_terms.condition_concept`), each trial counted once,
    under the name most trials use (the first met on a tie); browsing by it finds every spelling (the synonyms)."""
    trials_per_concept: Counter = Counter()
    names: dict[str, Counter] = {}
    concept_of: dict[str, str] = {}  # a name is read once, however many trials use it
    for conditions in per_trial:
        if not isinstance(conditions, list):
            continue
        concepts = set()
        for condition in conditions:
            if isinstance(condition, str) and condition.strip():
                concept = concept_of.get(condition)
                if concept is None:
                    concept = concept_of[condition] = search_terms.condition_concept(condition)
                names.setdefault(concept, Counter())[condition] += 1
                concepts.add(concept)
        trials_per_concept.update(concepts)
    return Counter({names[concept].most_common(1)[0][0]: count for concept, count in trials_per_concept.items()})


def _criteria_in_batches(trials: list[tuple[int, str]], size: int = 2000):
    """The approved criteria of these trials (ordered by pk), a range of trials per query: memory stays
    bounded, and no IN list or server-side cursor is needed (PostgreSQL planned the one big cursor over
    all criteria for a fast start: 14 s for 72,000 rows that a plain query reads in 0.4 s)."""
    for begin in range(0, len(trials), size):
        batch = trials[begin : begin + size]
        yield from (
            Criterion.objects.approved()
            .filter(trial__is_published=True, trial_id__gte=batch[0][0], trial_id__lte=batch[-1][0])
            .order_by("trial_id", "order", "pk")
            .values_list(*_CRITERION_FIELDS)
        )


# A criterion's value row: its trial, id and kind, then the rest of its rule fields (question first), the
# shape by which equal rules are shared. Both come from Criterion.RULE_FIELDS, the one list.
_SHAPE_FIELDS = tuple(name for name in Criterion.RULE_FIELDS if name != "kind")
_CRITERION_FIELDS = ("trial_id", "pk", "kind", *_SHAPE_FIELDS)


def _questions() -> dict[str, Question]:
    return {q.key: q for q in Question.objects.select_related("asked_only_if")}


def _loaded_from(version, epoch, index, questions, conditions=(), countries=(), prepared=None) -> LoadedCatalogue:
    infos = {key: q.to_info() for key, q in questions.items()}
    engine = eligibility.Catalogue.from_index(index, infos, prepared=prepared)
    return LoadedCatalogue(version, epoch, engine, questions, conditions, countries)


def _entries(trials, criteria, questions: dict[str, Question]):
    """(nct id, [(criterion id, polarity, question key, rule), ...]) per trial, as `Criterion.to_rule()`
    gives them, from value rows ordered by trial; equal rules are made once and shared."""
    by_id = {q.pk: q for q in questions.values()}
    polarity = {kind: eligibility.Polarity(kind) for kind in Criterion.Kind.values}
    rules: dict[tuple, tuple] = {}
    rows = iter(criteria)
    row = next(rows, None)
    for trial_pk, nct_id in trials:
        entries = []
        while row is not None and row[0] < trial_pk:  # a criterion of a trial not in the list
            row = next(rows, None)
        while row is not None and row[0] == trial_pk:
            _trial, pk, kind, *fields = row
            shape = tuple(tuple(value) if isinstance(value, list) else value for value in fields)
            made = rules.get(shape)
            if made is None:
                made = rules[shape] = _rule(by_id.get(shape[0]), shape)
            entries.append((pk, polarity[kind], *made))
            row = next(rows, None)
        yield nct_id, entries


def _rule(question: Question | None, shape: tuple) -> tuple:
    """(question key, rule) exactly as `Criterion.to_rule()` makes it."""
    if question is None:
        return (None, None)
    return (question.key, Criterion.rule_from(question, dict(zip(_SHAPE_FIELDS, shape, strict=True))))


def _changed_trials(since: int, version: int) -> set[str] | None:
    """The NCT ids that versions since+1..version changed, or None when one of them changed more than
    named trials (or they name too many to patch)."""
    changes = list(
        CatalogueChange.objects.filter(version__gt=since, version__lte=version).values_list("version", "nct_id")[
            : PATCH_LIMIT + 1
        ]
    )
    names = {nct_id for _version, nct_id in changes}
    if len(changes) > PATCH_LIMIT or None in names or {v for v, _ in changes} != set(range(since + 1, version + 1)):
        return None
    return names


def _patched(loaded: LoadedCatalogue, version: int) -> LoadedCatalogue | None:
    """The catalogue with the trials changed since `loaded` read again (and the questions, when one was
    edited in a way that leaves every rule as it was), or None (see _changed_trials)."""
    names = _changed_trials(loaded.version, version)
    if names is None:
        return None
    questions, infos = loaded.questions, loaded.engine.questions
    if QUESTIONS_CHANGED in names:
        names.discard(QUESTIONS_CHANGED)
        questions = _questions()
        if not _same_rules(loaded.questions, questions):
            return None
        infos = {key: q.to_info() for key, q in questions.items()}
    if names:
        trials = list(Trial.objects.published().filter(nct_id__in=names).order_by("pk").values_list("pk", "nct_id"))
        criteria = (
            Criterion.objects.approved()
            .filter(trial_id__in=[pk for pk, _ in trials])
            .order_by("trial_id", "order", "pk")
            .values_list(*_CRITERION_FIELDS)
        )
        entries = list(_entries(trials, criteria, questions))
        index = loaded.engine.index.patched(entries, removed=names - {nct_id for _, nct_id in trials})
        engine = eligibility.Catalogue.from_index(index, infos, previous=loaded.engine)
        conditions, countries = _facets()  # a trial published, closed or edited moves the browse counts
    else:
        engine = eligibility.Catalogue.from_index(loaded.engine.index, infos, prepared=loaded.engine.prepared())
        conditions, countries = loaded.conditions, loaded.countries
    return LoadedCatalogue(version, loaded.epoch, engine, questions, conditions, countries)


def _same_rules(before: dict[str, Question], after: dict[str, Question]) -> bool:
    """Whether every criterion's rule reads the same with the edited questions: each question keeps its
    key and whether it is a number (wording, choices, priority and conditions are not in the rules)."""
    now = {q.pk: q for q in after.values()}
    return all(
        q.pk in now
        and now[q.pk].key == q.key
        and (now[q.pk].kind == Question.Kind.NUMBER) == (q.kind == Question.Kind.NUMBER)
        for q in before.values()
    )


# Snapshots: one file per database epoch and version, written by whichever process builds it first.


def _snapshot_folder() -> Path | None:
    folder = getattr(settings, "CATALOGUE_SNAPSHOT_DIR", "")
    return Path(folder) if folder else None


class UnsafeSnapshotFolder(OSError):
    """The snapshot folder is not this user's alone: anyone who can write there could plant a snapshot."""


def _private_folder(folder: Path) -> Path:
    """The snapshot folder, made if missing (0700), and refused unless it is a real directory of this user's
    that nobody else can write to. One of ours with looser modes is tightened; one of someone else's is not
    touched (it is refused, and the catalogue is built in each process instead)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    status = os.lstat(folder)
    if not stat.S_ISDIR(status.st_mode):
        raise UnsafeSnapshotFolder(f"{folder} is not a directory")
    if status.st_uid != os.getuid():
        raise UnsafeSnapshotFolder(f"{folder} belongs to another user")
    if stat.S_IMODE(status.st_mode) & 0o077:
        os.chmod(folder, 0o700)
    return folder


def _load_or_build(version: int, epoch: str, in_subprocess: bool = False) -> LoadedCatalogue:
    """The catalogue at `version` from the newest snapshot (patched forward when it can be), or built and
    stored. `in_subprocess`: a server worker has a separate, lower-priority process build it, so its
    own request thread never competes with the build for the interpreter."""
    folder = _snapshot_folder()
    if folder is None or not epoch:
        return build(version, epoch)
    try:
        _private_folder(folder)
        lock = (folder / f"catalogue-{epoch}.lock").open("a")
    except UnsafeSnapshotFolder as error:
        logger.error("No catalogue snapshots: %s; building the catalogue in this process", error)
        return build(version, epoch)
    except OSError:
        logger.warning("No catalogue snapshots: %s is not writable", folder)
        return build(version, epoch)
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder per database on this machine; the others wait
        stored = _newest_snapshot(folder, epoch, version)
        if stored is not None:
            stored_version = _snapshot_version(stored)
            if stored_version == version or _changed_trials(stored_version, version) is not None:
                loaded = _read_snapshot(stored, epoch)
                if loaded is not None:
                    if loaded.version < version:
                        loaded = _patched(loaded, version) or loaded  # after a race, the next poll tries again
                    return loaded
        if in_subprocess:
            _build_in_subprocess()
            stored = _newest_snapshot(folder, epoch, CatalogueVersion.current())
            if stored is not None and _snapshot_version(stored) >= version:
                loaded = _read_snapshot(stored, epoch)
                if loaded is not None:
                    return loaded
            logger.warning("The catalogue builder wrote no snapshot; building in this process")
        loaded = build(version, epoch)
        _write_snapshot(folder, loaded)
        return loaded  # closing the file releases the lock


def _build_in_subprocess() -> None:
    """`manage.py build_catalogue --store-only` at low priority (it writes the current version's snapshot
    without taking the lock, which this process holds for it)."""
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "build_catalogue", "--store-only"]
    if shutil.which("nice"):
        command = ["nice", "-n", "10", *command]
    env = {**os.environ, "CATALOGUE_KEEPER": "0"}
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)


def store_current() -> LoadedCatalogue:
    """Build the current version and store its snapshot, without the lock (see _build_in_subprocess)."""
    version, epoch = CatalogueVersion.current_with_epoch()
    loaded = build(version, epoch)
    folder = _snapshot_folder()
    if folder is not None and epoch:
        _private_folder(folder)
        _write_snapshot(folder, loaded)
    return loaded


def _snapshot_version(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


def _newest_snapshot(folder: Path, epoch: str, version: int) -> Path | None:
    found = []
    for path in folder.glob(f"catalogue-{epoch}-*.pickle"):
        with contextlib.suppress(ValueError):
            number = int(path.stem.rsplit("-", 1)[1])
            if number <= version:
                found.append((number, path))
    return max(found)[1] if found else None


SNAPSHOT_CHUNK = 5000  # items per pickled piece: loading one piece holds the interpreter only briefly
# A snapshot ends with this mark and the HMAC-SHA256 (keyed by SECRET_KEY) of its name and everything
# before it: unpickling runs code, so nothing is unpickled that this app did not write.
SNAPSHOT_MARK = b"\nscreener-catalogue-hmac-sha256:"
SNAPSHOT_SALT = "trials.catalogue.snapshot"
# The first item of a snapshot's header. A snapshot of another format is not read: one written before the browse
# counts followed every change (format 1) or while a country counted its hospitals, not its studies (format 2),
# would show its stale counts.
SNAPSHOT_FORMAT = "catalogue-3"


def _signature(name: str, payload) -> bytes:
    return salted_hmac(SNAPSHOT_SALT, name.encode() + b"\n" + bytes(payload), algorithm="sha256").hexdigest().encode()


def _read_snapshot(path: Path, epoch: str) -> LoadedCatalogue | None:
    """Load a snapshot piece by piece, so the request thread of this worker gets turns in between; or None
    (and a line in the log) for a file this app did not sign: planted, damaged or from another secret key."""
    data = memoryview(path.read_bytes())
    signed = len(data) > len(SNAPSHOT_MARK) + 64 and bytes(data[-64 - len(SNAPSHOT_MARK) : -64]) == SNAPSHOT_MARK
    payload = data[: -64 - len(SNAPSHOT_MARK)] if signed else data[:0]
    if not signed or not hmac.compare_digest(bytes(data[-64:]), _signature(path.name, payload)):
        logger.error("Catalogue snapshot %s refused: it is not signed by this app; building instead", path.name)
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    file = io.BytesIO(payload)
    header = pickle.load(file)
    if not isinstance(header, tuple) or len(header) != 6 or header[0] != SNAPSHOT_FORMAT:
        logger.info("Catalogue snapshot %s is of an older format; building instead", path.name)
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    _format, version, conditions, countries, prepared, names = header
    state = {}
    for name in names:
        kind, value = pickle.load(file)
        if kind == "pieces":
            value = [item for _ in range(value) for item in pickle.load(file)]
        state[name] = value
    index = eligibility.RuleIndex.__new__(eligibility.RuleIndex)
    index.__setstate__(state)
    return _loaded_from(version, epoch, index, _questions(), conditions, countries, prepared)


def _write_snapshot(folder: Path, loaded: LoadedCatalogue) -> None:
    state = loaded.engine.index.__getstate__()
    name = f"catalogue-{loaded.epoch}-{loaded.version}.pickle"
    payload = io.BytesIO()
    header = (
        SNAPSHOT_FORMAT,
        loaded.version,
        loaded.conditions,
        loaded.countries,
        loaded.engine.prepared(),
        list(state),
    )
    pickle.dump(header, payload, pickle.HIGHEST_PROTOCOL)
    for value in state.values():
        if isinstance(value, list) and len(value) > SNAPSHOT_CHUNK:
            pieces = range(0, len(value), SNAPSHOT_CHUNK)
            pickle.dump(("pieces", len(pieces)), payload, pickle.HIGHEST_PROTOCOL)
            for begin in pieces:
                pickle.dump(value[begin : begin + SNAPSHOT_CHUNK], payload, pickle.HIGHEST_PROTOCOL)
        else:
            pickle.dump(("whole", value), payload, pickle.HIGHEST_PROTOCOL)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".catalogue-", delete=False) as file:
        file.write(payload.getbuffer())
        file.write(SNAPSHOT_MARK + _signature(name, payload.getbuffer()))
    os.replace(file.name, folder / name)
    for old in folder.glob(f"catalogue-{loaded.epoch}-*.pickle"):  # keep the newest two
        with contextlib.suppress(ValueError, OSError):
            if int(old.stem.rsplit("-", 1)[1]) < loaded.version - 1:
                old.unlink()


# The keeper: one thread per worker process.


class _Keeper(threading.Thread):
    def __init__(self, worker: Worker, interval: float):
        super().__init__(name="catalogue-keeper", daemon=True)
        self.worker, self.interval, self.wake, self.pid = worker, interval, threading.Event(), os.getpid()
        self.stopping = False

    def run(self) -> None:
        while not self.stopping:
            try:
                self.worker.refresh(in_subprocess=True)
            except Exception:  # the old catalogue keeps serving; try again at the next poll
                logger.exception("The catalogue could not be brought up to date")
            finally:
                close_old_connections()
            self.wake.wait(self.interval)
            self.wake.clear()
        connections.close_all()  # this thread's own connections


def start_keeper() -> None:
    """Start this process's keeper (once per process: a forked worker starts its own)."""
    if getattr(settings, "CATALOGUE_KEEPER", False):
        _worker.start_keeper(getattr(settings, "CATALOGUE_POLL_SECONDS", 1.0))

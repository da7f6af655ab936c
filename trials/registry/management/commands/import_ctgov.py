"""`manage.py import_ctgov SOURCE...`: ClinicalTrials.gov API v2 study JSON into trials.

A SOURCE is a JSON file (one study, a list of studies, or a search page `{"studies": [...]}`), a directory
of such files (read recursively, in name order), or the registry's bulk download: a zip holding one
study per file. Files are read one at a time, so memory stays flat however large the input. A study
whose record is exactly what was imported last time is skipped without touching the database (the
trial keeps a hash of its record). A progress bar shows on a terminal; the end prints a summary, with
one line per refused study naming the file and the field.

Criteria are drafted from each new or changed study's registry text after the import, by the background
worker (`manage.py db_worker`, which `make run` starts), so that a bulk import is not held up by it; a trial's
review page drafts that trial at once if it is opened first. `--draft-now` drafts each study as it is imported.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from trials import signals
from trials.models import Trial
from trials.registry import ctgov
from trials.registry.importing import IMPORT_QUESTION_KEYS, ensure_questions, import_record
from trials.registry.tasks import draft_pending_criteria

# Part of every record's hash: change it when the importer starts reading records differently, so the
# next run imports every study again instead of skipping it as unchanged.
IMPORTER_VERSION = "1"
LARGEST_STUDY_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = "Import ClinicalTrials.gov API v2 study JSON: files, directories of files, or the registry's zip."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
        parser.add_argument(
            "--draft-now",
            action="store_true",
            help="Draft criteria from each study's text as it is imported, instead of in the background after.",
        )

    def handle(self, *args, sources, verbosity=1, draft_now=False, **options):
        self.verbosity = verbosity
        self.draft_now = draft_now
        self.counts: Counter[str] = Counter()
        self.refusals: list[str] = []
        self.questions = None
        self.hashes = dict(Trial.objects.exclude(source_hash="").values_list("nct_id", "source_hash"))
        total = sum(self.count(source) for source in sources)
        with (
            signals.batched(),
            tqdm(
                total=total, unit=" files", disable=not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True
            ) as progress,
        ):
            for source in sources:
                for name, read in self.documents(source):
                    self.import_document(name, read)
                    progress.update(1)
        c = self.counts
        self.stdout.write(
            f"{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, {c['refused']} refused"
        )
        pending = Trial.objects.filter(needs_drafting=True).count()
        if pending:
            self.stdout.write(
                f"Criteria of {pending} studies are being drafted in the background (manage.py db_worker)."
            )
            draft_pending_criteria.enqueue()
        for line in self.refusals:
            self.stderr.write(line)
        if self.refusals:
            raise CommandError(f"{len(self.refusals)} problem(s); nothing was written for the studies named above.")

    def count(self, source: Path) -> int:
        """How many files the progress bar will count (cheap: names only)."""
        if source.is_dir():
            return sum(1 for _ in self.directory_files(source))
        if zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                return sum(1 for member in archive.infolist() if not member.is_dir())
        return 1

    def documents(self, source: Path) -> Iterator[tuple[str, callable]]:
        """(name for messages, a function that reads the document's bytes), one file at a time."""
        if source.is_dir():
            for path in self.directory_files(source):
                yield str(path), path.read_bytes
        elif source.is_file() and zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                for member in archive.infolist():
                    if not member.is_dir():
                        yield f"{source}:{member.filename}", lambda member=member: self.read_member(archive, member)
        else:
            yield str(source), source.read_bytes

    @staticmethod
    def directory_files(folder: Path) -> Iterator[Path]:
        return (path for path in sorted(folder.rglob("*.json")) if path.is_file())

    @staticmethod
    def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
        if member.file_size > LARGEST_STUDY_BYTES:
            raise ValueError(f"larger than {LARGEST_STUDY_BYTES // (1024 * 1024)} MB, not a single study")
        return archive.read(member)

    def import_document(self, name: str, read) -> None:
        try:
            document = json.loads(read().decode("utf-8"))
            results = ctgov.read_studies(document)
        except FileNotFoundError:
            return self.refuse(f"{name}: no such file")
        except IsADirectoryError:
            return self.refuse(f"{name}: a directory with no .json files")
        except UnicodeDecodeError:
            return self.refuse(f"{name}: not UTF-8 text")
        except json.JSONDecodeError as error:
            return self.refuse(f"{name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")
        except (ctgov.DocumentError, ValueError, zipfile.BadZipFile, OSError) as error:
            return self.refuse(f"{name}: {error}")
        for result in results:
            if isinstance(result, ctgov.StudyProblems):
                self.refuse(*(f"{name}: {result.label}: {problem}" for problem in result.problems))
                continue
            digest = record_hash(result)
            if self.hashes.get(result.nct_id) == digest:
                self.done(name, result.nct_id, "unchanged")
                continue
            if self.questions is None:  # made once, at the first study that is not unchanged
                self.questions = ensure_questions(IMPORT_QUESTION_KEYS)
            outcome = import_record(result, self.questions, draft_now=self.draft_now, source_hash=digest)
            self.hashes[outcome.nct_id] = digest
            self.done(
                name, outcome.nct_id, "created" if outcome.created else ("updated" if outcome.changed else "unchanged")
            )

    def done(self, name: str, nct_id: str, verb: str) -> None:
        self.counts[verb] += 1
        # One line per study in a log; on a terminal the progress bar and the summary say enough.
        if self.verbosity >= 2 or (self.verbosity == 1 and not self.stdout.isatty()):
            self.stdout.write(f"{name}: {nct_id} {verb}")

    def refuse(self, *lines: str) -> None:
        """One refused study (or file), with a line per problem."""
        self.counts["refused"] += 1
        self.refusals.extend(lines)


def record_hash(record: ctgov.StudyRecord) -> str:
    canonical = json.dumps(record.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((IMPORTER_VERSION + canonical).encode("utf-8")).hexdigest()

"""`manage.py import_ctgov SOURCE...`: ClinicalTrials.gov API v2 study JSON into trials.

A SOURCE is a JSON file (one study, a list of studies, or a search page `{"studies": [...]}`), a directory
of such files (read recursively, in name order), or the registry's bulk download: a zip holding one
study per file. Files are read one at a time, so memory stays flat however large the input. A study
whose record is exactly what was imported last time is skipped without touching the database (the
trial keeps a hash of its record). A progress bar shows on a terminal; the end prints a summary, with
one line per refused study naming the file and the field.

Criteria are drafted from each new or changed study's registry text after the import, by the background
worker (`manage.py db_worker`, which `make run` starts), so that a bulk import is not held up by it; a trial's
review page, opened first, queues that trial next. `--draft-now` drafts each study as it is imported.

Files and zips are outside input. Every file and zip member is read through a hard limit on its bytes as
unpacked (never the size a zip claims): one larger than `LARGEST_DOCUMENT_BYTES` is refused with a line, and
a run stops unpacking after `LARGEST_RUN_BYTES`, so that no input (a zip bomb, a 200 MB file) takes more than
a bounded amount of memory or time. Names from a zip are printed with control characters escaped.
"""

from __future__ import annotations

import bz2
import copy
import hashlib
import json
import lzma
import struct
import sys
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from trials import signals
from trials.models import Trial
from trials.registry import ctgov
from trials.registry.ctgov import printable
from trials.registry.importing import IMPORT_QUESTION_KEYS, ensure_questions, import_record
from trials.registry.tasks import start_drafting

# Part of every record's hash: change it when the importer starts reading records differently, so the
# next run imports every study again instead of skipping it as unchanged.
IMPORTER_VERSION = "1"
MB = 1024 * 1024
# One file or zip member, as unpacked: a search page of a few hundred studies, or one study (the largest real ones
# are well under 1 MB). Parsed, JSON takes several times its size in memory: with at most so many values (a
# real record has one per 45 bytes or so, `[{},{},...]` one per 3) the import stays well under 300 MB.
LARGEST_DOCUMENT_BYTES = 16 * MB
LARGEST_DOCUMENT_VALUES = 1_000_000
# A whole run, as unpacked: several times the registry's full bulk download (about 500,000 studies).
LARGEST_RUN_BYTES = 64 * 1024 * MB
CHUNK_BYTES = MB
MOST_REFUSAL_LINES = 10_000  # kept to print at the end; the rest are counted


class TooLarge(ValueError):
    """A file or member over the limit (the message says which), or a run over its limit."""


class RunTooLarge(TooLarge):
    pass


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
        self.unshown = 0
        self.questions = None
        self.unpacked = 0  # bytes read in this run, as unpacked
        self.hashes = dict(Trial.objects.exclude(source_hash="").values_list("nct_id", "source_hash"))
        total = sum(self.count(source) for source in sources)
        with (
            signals.batched(),
            tqdm(
                total=total, unit=" files", disable=not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True
            ) as progress,
        ):
            try:
                for source in sources:
                    for name, read in self.documents(source):
                        self.import_document(name, read)
                        progress.update(1)
            except RunTooLarge as error:
                self.refuse(str(error))
        c = self.counts
        self.stdout.write(
            f"{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, {c['refused']} refused"
        )
        start_drafting(self.stdout.write)
        for line in self.refusals:
            self.stderr.write(line)
        if self.unshown:
            self.stderr.write(f"… and {self.unshown:,} more problem lines, not shown.")
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
        """(name for messages, a function that reads the document's bytes), one file at a time. Names are
        printable: a zip member's name (or a file's) cannot move the cursor or colour the terminal."""
        if source.is_dir():
            for path in self.directory_files(source):
                yield printable(str(path)), lambda path=path: self.read_file(path)
        elif source.is_file() and zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                for member in archive.infolist():
                    if not member.is_dir():
                        yield (
                            printable(f"{source}:{member.filename}"),
                            lambda member=member: self.read_limited(unpacked_chunks(archive, member)),
                        )
        else:
            yield printable(str(source)), lambda: self.read_file(source)

    @staticmethod
    def directory_files(folder: Path) -> Iterator[Path]:
        return (path for path in sorted(folder.rglob("*.json")) if path.is_file())

    def read_file(self, path: Path) -> bytes:
        if path.is_dir():
            raise IsADirectoryError(path)
        with path.open("rb") as stream:
            return self.read_limited(iter(lambda: stream.read(CHUNK_BYTES), b""))

    def read_limited(self, chunks_read: Iterator[bytes]) -> bytes:
        """Every byte read through the limits, counted as it is unpacked: a zip member's stated size is not
        trusted, and reading stops one chunk past the limit, so a bomb costs at most that much memory."""
        chunks, size = [], 0
        for chunk in chunks_read:
            size += len(chunk)
            self.unpacked += len(chunk)
            if self.unpacked > LARGEST_RUN_BYTES:
                raise RunTooLarge(
                    f"Stopped: more than {LARGEST_RUN_BYTES // (1024 * MB)} GB unpacked in one run; "
                    "the files after this point were not read."
                )
            if size > LARGEST_DOCUMENT_BYTES:
                raise TooLarge(
                    f"more than {LARGEST_DOCUMENT_BYTES // MB} MB once unpacked; not read further "
                    "(split it into smaller files, or use the registry's zip of one study per file)"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def import_document(self, name: str, read) -> None:
        try:
            document = parse(read())
            results = ctgov.read_studies(document)
        except RunTooLarge:
            raise
        except RecursionError:
            return self.refuse(f"{name}: not read: nested too deeply to be a study record")
        except (NotImplementedError, RuntimeError) as error:  # a compression method zipfile lacks, encryption
            return self.refuse(f"{name}: cannot be unpacked ({error})")
        except (zlib.error, lzma.LZMAError, EOFError) as error:
            return self.refuse(f"{name}: damaged, cannot be unpacked ({error})")
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
            try:
                outcome = import_record(result, self.questions, draft_now=self.draft_now, source_hash=digest)
            except (DatabaseError, ValidationError, ArithmeticError, ValueError) as error:
                # The reader checks what the database holds; this is the last guard, so that the run goes on.
                # The study's transaction was rolled back: nothing of it was written.
                self.refuse(f"{name}: {result.nct_id}: could not be stored ({type(error).__name__})")
                continue
            self.hashes[outcome.nct_id] = digest
            self.done(
                name, outcome.nct_id, "created" if outcome.created else ("updated" if outcome.changed else "unchanged")
            )

    def done(self, name: str, nct_id: str, verb: str) -> None:
        self.counts[verb] += 1
        # One line per study in a log; on a terminal the progress bar and the summary say enough.
        if self.verbosity >= 2 or (self.verbosity == 1 and not self.stdout.isatty()):
            self.stdout.write(printable(f"{name}: {nct_id} {verb}"))

    def refuse(self, *lines: str) -> None:
        """One refused study (or file), with a line per problem; past `MOST_REFUSAL_LINES`, only counted."""
        self.counts["refused"] += 1
        room = MOST_REFUSAL_LINES - len(self.refusals)
        self.refusals.extend(printable(line) for line in lines[: max(room, 0)])
        self.unshown += len(lines) - max(min(room, len(lines)), 0)


def parse(data: bytes):
    """The JSON document, once its size in values is known to fit in memory."""
    # Every value is the first of its list or object, or follows a comma: an upper bound, counted in C.
    values = data.count(b",") + data.count(b"[") + data.count(b"{") + 1
    if values > LARGEST_DOCUMENT_VALUES:
        raise TooLarge(
            f"more than {LARGEST_DOCUMENT_VALUES:,} values; not read "
            "(split it into smaller files, or use the registry's zip of one study per file)"
        )
    return json.loads(data.decode("utf-8"))


def unpacked_chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """A zip member's bytes as unpacked, at most `CHUNK_BYTES` at a time, whatever its compression.

    zipfile unpacks a whole block of compressed bytes at once for bzip2 and LZMA (1.6 KB can hold 4 GB), and
    trusts the size the zip states. So a compressed member is read as raw bytes and unpacked here, with the
    decompressor's own output limit, and its CRC checked as zipfile would."""
    if member.compress_type == zipfile.ZIP_STORED:
        with archive.open(member) as stream:
            yield from iter(lambda: stream.read(CHUNK_BYTES), b"")
        return
    if member.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        raise NotImplementedError(f"compression method {member.compress_type}; the registry uses deflate")
    raw = copy.copy(member)  # the compressed bytes, as stored: unpacked below, whatever size the zip claims
    raw.compress_type, raw.file_size = zipfile.ZIP_STORED, member.compress_size
    del raw.CRC  # the CRC is of the unpacked bytes: checked below
    crc = 0
    with archive.open(raw) as stream:
        if member.compress_type == zipfile.ZIP_DEFLATED:
            decompressor, ends_with_marker = _Inflater(), True
        elif member.compress_type == zipfile.ZIP_BZIP2:
            decompressor, ends_with_marker = bz2.BZ2Decompressor(), True
        else:
            decompressor, ends_with_marker = _zip_lzma_decompressor(stream), False
        while not decompressor.eof:
            data = stream.read(64 * 1024) if decompressor.needs_input else b""
            chunk = decompressor.decompress(data, CHUNK_BYTES)
            if not (data or chunk) and decompressor.needs_input:  # nothing more in, nothing more out
                if ends_with_marker:
                    raise EOFError("the compressed data ends too soon")
                break
            crc = zlib.crc32(chunk, crc)
            yield chunk
    if crc != member.CRC:
        raise zipfile.BadZipFile("bad CRC-32: the unpacked bytes are not those the zip holds")


class _Inflater:
    """zlib's raw inflater with the interface of bz2's and lzma's decompressors (`needs_input`, `eof`)."""

    def __init__(self):
        self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)

    @property
    def eof(self) -> bool:
        return self._zlib.eof

    @property
    def needs_input(self) -> bool:
        return not self._zlib.unconsumed_tail

    def decompress(self, data: bytes, max_length: int) -> bytes:
        return self._zlib.decompress(self._zlib.unconsumed_tail + data, max_length)


def _zip_lzma_decompressor(stream) -> lzma.LZMADecompressor:
    """A zip's LZMA member: 2 bytes of version, 2 of properties' size, the LZMA1 properties, then raw data."""
    header = stream.read(4)
    if len(header) < 4:
        raise EOFError("the LZMA header ends too soon")
    properties = stream.read(struct.unpack("<H", header[2:4])[0])
    if len(properties) != 5 or properties[0] >= 9 * 5 * 5:
        raise lzma.LZMAError("unreadable LZMA properties")
    lc, rest = properties[0] % 9, properties[0] // 9
    lp, pb = rest % 5, rest // 5
    # The dictionary is allocated at once, at the size the header states (up to 4 GB): no more than a member can
    # be unpacked is ever needed, since no match reaches further back than the bytes unpacked so far.
    dict_size = min(struct.unpack("<I", properties[1:5])[0], 2 * LARGEST_DOCUMENT_BYTES)
    return lzma.LZMADecompressor(
        lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1, "dict_size": dict_size, "lc": lc, "lp": lp, "pb": pb}]
    )


def record_hash(record: ctgov.StudyRecord) -> str:
    canonical = json.dumps(record.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((IMPORTER_VERSION + canonical).encode("utf-8")).hexdigest()

"""Compile locale/*/LC_MESSAGES/django.po into the .mo files Django reads, in pure Python (polib).

A fresh machine may have no GNU gettext, so `compilemessages` is not to be relied on; this gives the same
catalogue everywhere. `--check` compiles in memory and fails if a committed .mo differs from its .po
(CI runs it through the test suite: tests/screener/test_translations.py).
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogue_files() -> list[Path]:
    return sorted(path for directory in settings.LOCALE_PATHS for path in Path(directory).glob("*/LC_MESSAGES/*.po"))


def entries(catalogue) -> dict:
    """{(context, msgid, plural): translation} of the entries Django uses: translated and not fuzzy."""
    found = {}
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if not all(value):
                continue
        else:
            value = entry.msgstr
            if not value:
                continue
        found[(entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")] = value
    return found


def stale(po_path: Path) -> list[str]:
    """What the committed .mo beside this .po gets wrong (empty when it is up to date)."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return [f"{mo_path} is missing"]
    want, have = entries(polib.pofile(str(po_path))), entries(polib.mofile(str(mo_path)))
    problems = [f"not in the .mo: {key[1]!r}" for key in want.keys() - have.keys()]
    problems += [f"only in the .mo: {key[1]!r}" for key in have.keys() - want.keys()]
    problems += [f"differs: {key[1]!r}" for key in want.keys() & have.keys() if want[key] != have[key]]
    return sorted(problems)


class Command(BaseCommand):
    help = "Compile the .po message catalogues into .mo files (pure Python); --check only compares."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if a committed .mo is out of date.")

    def handle(self, *args, check=False, **options):
        files = catalogue_files()
        if not files:
            raise CommandError("No .po files under LOCALE_PATHS.")
        for po_path in files:
            if check:
                problems = stale(po_path)
                if problems:
                    raise CommandError(f"{po_path.with_suffix('.mo')} is out of date:\n" + "\n".join(problems[:20]))
                self.stdout.write(f"{po_path.with_suffix('.mo')}: up to date")
            else:
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"{po_path.with_suffix('.mo')}: {len(entries(catalogue))} messages")

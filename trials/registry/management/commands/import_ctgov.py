import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trials.registry import ctgov
from trials.registry.importing import import_record


class Command(BaseCommand):
    help = "Import ClinicalTrials.gov API v2 study JSON: one study, a list of studies, or a search page."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files, **options):
        failures = 0
        for path in files:
            failures += self.import_file(path)
        if failures:
            raise CommandError(f"{failures} problem(s); nothing was written for the studies named above.")

    def import_file(self, path: Path) -> int:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            results = ctgov.read_studies(document)
        except FileNotFoundError:
            return self.problem(f"{path}: no such file")
        except UnicodeDecodeError:
            return self.problem(f"{path}: not UTF-8 text")
        except json.JSONDecodeError as error:
            return self.problem(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")
        except ctgov.DocumentError as error:
            return self.problem(f"{path}: {error}")
        failures = 0
        for result in results:
            if isinstance(result, ctgov.StudyProblems):
                for problem in result.problems:
                    failures += self.problem(f"{path}: {result.label}: {problem}")
                continue
            outcome = import_record(result)
            verb = "created" if outcome.created else ("updated" if outcome.changed else "unchanged")
            self.stdout.write(f"{path}: {outcome.nct_id} {verb}")
        return failures

    def problem(self, line: str) -> int:
        self.stderr.write(line)
        return 1

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trials.registry import ctgov, extraction


class Command(BaseCommand):
    help = (
        "Print the criteria the extractor proposes for ClinicalTrials.gov API v2 study JSON (one study, a list of "
        "studies, or a search page) as a JSON list, one object per proposal. Writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files, **options):
        proposals, problems = [], []
        for path in files:
            for record in self.records(path, problems):
                found = extraction.extract(
                    record.eligibility_text,
                    minimum_age=record.minimum_age.text if record.minimum_age else None,
                    maximum_age=record.maximum_age.text if record.maximum_age else None,
                )
                proposals.extend(proposal.as_json(record.nct_id) for proposal in found)
        self.stdout.write(json.dumps(proposals, indent=2, ensure_ascii=False))
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"{len(problems)} problem(s); the studies named above were left out.")

    def records(self, path: Path, problems: list[str]) -> list[ctgov.StudyRecord]:
        try:
            results = ctgov.read_studies(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            problems.append(f"{path}: no such file")
            return []
        except UnicodeDecodeError:
            problems.append(f"{path}: not UTF-8 text")
            return []
        except json.JSONDecodeError as error:
            problems.append(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")
            return []
        except ctgov.DocumentError as error:
            problems.append(f"{path}: {error}")
            return []
        records = []
        for result in results:
            if isinstance(result, ctgov.StudyProblems):
                problems.extend(f"{path}: {result.label}: {problem}" for problem in result.problems)
            else:
                records.append(result)
        return records

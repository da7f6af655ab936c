import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from trials import catalogue
from trials.models import Criterion, Question
from trials.number_input import plain


class Command(BaseCommand):
    help = (
        "Try a patient profile against the published trials. ANSWERS.json holds {question key: answer}; "
        "null means “I don't know”. Prints each trial's verdict and each criterion's outcome as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("answers", nargs="?", type=Path)
        parser.add_argument("--list-questions", action="store_true", help="Print the published trials' questions.")

    def handle(self, *args, answers=None, list_questions=False, **options):
        loaded = catalogue.current()
        questions = loaded.questions
        keys = loaded.question_keys()
        used = {key: questions[key] for key in sorted(keys)}
        for question in list(used.values()):
            if question.asked_only_if_id:
                used.setdefault(question.asked_only_if.key, question.asked_only_if)
        if list_questions:
            return self.print_json([self.describe(q) for q in sorted(used.values(), key=lambda q: (q.priority, q.key))])
        if answers is None:
            raise CommandError("Give ANSWERS.json, or --list-questions.")
        given = self.read_answers(answers)
        problems, cleaned = [], {}
        for key, value in given.items():
            question = questions.get(key)
            if question is None:
                problems.append(f"{key}: not a question key (see --list-questions)")
                continue
            try:
                cleaned[key] = question.clean_answer(value)
            except ValidationError as error:
                problems.append(f"{key}: {' '.join(error.messages)}")
        if problems:
            raise CommandError("\n".join(["The answers were not used:"] + problems))
        results = [loaded.evaluate(rules.id, cleaned) for rules in loaded.engine.trials]
        criteria = Criterion.objects.select_related("question").in_bulk(
            [r.criterion.id for result in results for r in result.results]
        )
        self.print_json(
            {
                "trials": [
                    {
                        "nct_id": result.trial.id,
                        "verdict": str(result.verdict),
                        "criteria": [
                            {
                                "kind": str(r.criterion.polarity),
                                "question": r.criterion.question_key,
                                "rule": criteria[r.criterion.id].rule_in_words(),
                                "outcome": str(r.outcome),
                                "words": r.criterion.text,
                            }
                            for r in result.results
                        ],
                    }
                    for result in results
                ],
                "next_question": loaded.walk(cleaned).next_key,
            }
        )

    def read_answers(self, path: Path) -> dict:
        try:
            given = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path}: not valid JSON ({error})") from None
        if not isinstance(given, dict):
            raise CommandError(f"{path}: expected an object of {{question key: answer}}")
        return given

    def describe(self, question: Question) -> dict:
        return {
            "key": question.key,
            "kind": question.kind,
            "unit": question.unit,
            "choices": question.choice_codes() if question.is_choice else [],
            "min": None if question.min_value is None else plain(question.min_value),
            "max": None if question.max_value is None else plain(question.max_value),
            "dont_know_allowed": question.allow_dont_know,
            "prompt": question.prompt,
        }

    def print_json(self, data):
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

""""How many days ago was your last heart attack (stroke)?" is asked only when the list of other illnesses did not
already settle it: someone who was shown "A heart attack" on that list and did not tick it has never had one, so the
question takes the implied answer "never" instead of being asked. Someone who ticked it, answered "I don't know", or
was not shown the item is still asked. Existing databases get the gate unless an admin has already given the
question one."""

from django.db import migrations

GATES = {"days_since_heart_attack": "heart_attack", "days_since_stroke": "stroke"}


def ask_after_the_list(apps, schema_editor):
    Question = apps.get_model("trials", "Question")
    conditions = Question.objects.filter(key="other_conditions").first()
    if conditions is None:
        return
    codes = {choice.get("code") for choice in conditions.choices or []}
    for key, code in GATES.items():
        if code in codes:
            Question.objects.filter(key=key, asked_only_if__isnull=True, allow_never=True).update(
                asked_only_if=conditions, asked_only_if_codes=[code], implied_answer="never"
            )


def ask_everyone(apps, schema_editor):
    Question = apps.get_model("trials", "Question")
    Question.objects.filter(key__in=list(GATES), asked_only_if__key="other_conditions").update(
        asked_only_if=None, asked_only_if_codes=[], implied_answer=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("trials", "0020_question_asked_only_under_age"),
    ]

    operations = [migrations.RunPython(ask_after_the_list, ask_everyone)]

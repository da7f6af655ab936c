"""Pack-years and "how long ago did you stop smoking" are asked only of people who smoke or used to: someone who has
never smoked is taken to have 0 pack-years and to have stopped more than ten years ago (the answers the questions'
help asked them to type). Existing databases get the gate unless an admin has already given the question one."""

from django.db import migrations, models

GATES = {"pack_years": "0", "days_since_quit_smoking": "3650"}


def ask_only_smokers(apps, schema_editor):
    Question = apps.get_model("trials", "Question")
    status = Question.objects.filter(key="smoking_status").first()
    if status is None:
        return
    for key, implied in GATES.items():
        Question.objects.filter(key=key, asked_only_if__isnull=True).update(
            asked_only_if=status, asked_only_if_codes=["current", "former"], implied_answer=implied
        )


def ask_everyone(apps, schema_editor):
    Question = apps.get_model("trials", "Question")
    Question.objects.filter(key__in=list(GATES), asked_only_if__key="smoking_status").update(
        asked_only_if=None, asked_only_if_codes=[], implied_answer=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("trials", "0018_trial_search_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalquestion",
            name="implied_answer",
            field=models.CharField(
                blank=True,
                help_text="A choice code, e.g. “no”; for a number question a number, e.g. “0”.",
                max_length=64,
                verbose_name="implied answer when not asked",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="implied_answer",
            field=models.CharField(
                blank=True,
                help_text="A choice code, e.g. “no”; for a number question a number, e.g. “0”.",
                max_length=64,
                verbose_name="implied answer when not asked",
            ),
        ),
        migrations.RunPython(ask_only_smokers, ask_everyone),
    ]

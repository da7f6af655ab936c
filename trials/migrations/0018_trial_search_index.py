"""The search index (docs/decisions/0051-the-start-page-s-search-reads-an-index-written-when-a-trial.md): two columns, filled for every trial already there."""

from django.conf import settings
from django.db import migrations, models

BATCH = 1000


def fill(apps, schema_editor):
    """Index every trial from the synonyms table as it is today (the same function `reindex_search` uses)."""
    from trials.models import PER_LANGUAGE, language_suffix
    from trials.search_terms import search_index

    Trial = apps.get_model("trials", "Trial")
    english = language_suffix(settings.LANGUAGE_CODE)
    changed = []
    for trial in Trial.objects.order_by("pk").iterator(chunk_size=BATCH):
        titles = {suffix: getattr(trial, f"patient_title_{suffix}", "") or "" for suffix in PER_LANGUAGE}
        trial.search_text, trial.search_groups = search_index(trial.brief_title, titles, trial.conditions, english)
        changed.append(trial)
        if len(changed) >= BATCH:
            Trial.objects.bulk_update(changed, ["search_text", "search_groups"])
            changed = []
    Trial.objects.bulk_update(changed, ["search_text", "search_groups"])


class Migration(migrations.Migration):
    dependencies = [
        ("trials", "0017_question_allow_never"),
    ]

    operations = [
        migrations.AddField(
            model_name="trial",
            name="search_groups",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="search groups"),
        ),
        migrations.AddField(
            model_name="trial",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="search text"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

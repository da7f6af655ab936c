"""The texts written so far are English: copy each into its `_en` field (the original columns stay as they are)."""

from django.db import migrations
from django.db.models import F

FIELDS = {
    "trial": ["plain_summary"],
    "site": ["facility", "city", "state", "country"],
    "question": ["prompt", "short_label", "help_text"],
    "criterion": ["explanation"],
}


def copy_to_english(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("trials", model_name)
        model.objects.update(**{f"{name}_en": F(name) for name in fields})


class Migration(migrations.Migration):
    dependencies = [("trials", "0007_trial_patient_title_and_texts_per_language")]
    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]

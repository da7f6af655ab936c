"""The age question's plausible range is that of real people (0-120), never a trial's limit: a database
whose age question still refuses anyone under 18 is moved to 0, so a 17-year-old can finish and read,
per study, which ages it takes. An admin's other choice of minimum is left alone."""

from django.db import migrations


def ask_age_of_everyone(apps, schema_editor):
    apps.get_model("trials", "Question").objects.filter(key="age", min_value=18).update(min_value=0)


class Migration(migrations.Migration):
    dependencies = [("trials", "0008_english_texts_move_to_their_english_fields")]

    operations = [migrations.RunPython(ask_age_of_everyone, migrations.RunPython.noop)]

import re

from django.db import migrations, models

# How an answer check's history line was written before: f"{key}: {label}. {note}", the label in the language of
# whoever clicked. The labels as they were in each language (frozen here: a migration must not follow the .po).
OLD_LABELS = {
    "verified": ("Verified", "已核实"),
    "contradicted": ("Contradicted", "不一致"),
    "measured": ("Measured (the patient did not know)", "已测量（患者原先不知道）"),
}
OLD_LINE = re.compile(r"(?P<key>[-a-zA-Z0-9_]+): (?P<rest>.*)", re.DOTALL)


def read(note: str) -> tuple[str, str, str] | None:
    """(question key, state, the staff member's own note) of an old line, or None when it cannot be read (an
    erased note, a label that was never one of these)."""
    line = OLD_LINE.fullmatch(note)
    if line is None:
        return None
    for state, labels in OLD_LABELS.items():
        for label in labels:
            if line["rest"] == f"{label}.":
                return line["key"], state, ""
            if line["rest"].startswith(f"{label}. "):
                return line["key"], state, line["rest"][len(label) + 2 :].strip()
    return None


def read_old_lines(apps, schema_editor):
    ReferralEvent = apps.get_model("referrals", "ReferralEvent")
    for event in list(ReferralEvent.objects.filter(kind="verification", question_key="")):
        found = read(event.note)
        if found is not None:
            event.question_key, event.check_state, event.note = found
            event.save(update_fields=["question_key", "check_state", "note"])


def write_old_lines(apps, schema_editor):
    """Back to the old single line, in English."""
    ReferralEvent = apps.get_model("referrals", "ReferralEvent")
    for event in list(ReferralEvent.objects.filter(kind="verification").exclude(question_key="")):
        label = OLD_LABELS[event.check_state][0]
        event.note = f"{event.question_key}: {label}. {event.note}".strip()
        event.save(update_fields=["note"])


class Migration(migrations.Migration):
    dependencies = [("referrals", "0008_referrals_wait_for_the_sites_team")]

    operations = [
        migrations.AddField(
            model_name="referralevent",
            name="check_state",
            field=models.CharField(
                blank=True,
                choices=[
                    ("verified", "Verified"),
                    ("contradicted", "Contradicted"),
                    ("measured", "Measured (the patient did not know)"),
                ],
                max_length=16,
                verbose_name="check",
            ),
        ),
        migrations.AddField(
            model_name="referralevent",
            name="question_key",
            field=models.SlugField(blank=True, max_length=64, verbose_name="question"),
        ),
        migrations.RunPython(read_old_lines, write_old_lines),
    ]

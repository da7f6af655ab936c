from django.db import migrations, models

OPEN_STATUSES = ("new", "contacted", "unreachable", "pre_screening", "eligible")


def mark_requests_nobody_heard_of(apps, schema_editor):
    """Open requests at a site where no active member has an email address still wait for someone."""
    Referral = apps.get_model("referrals", "Referral")
    StaffMembership = apps.get_model("trials", "StaffMembership")
    heard = StaffMembership.objects.filter(
        site=models.OuterRef("site"), user__is_active=True
    ).exclude(user__email="")
    Referral.objects.filter(status__in=OPEN_STATUSES).exclude(models.Exists(heard)).update(waits_for_staff=True)


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0007_answer_checks_may_be_measured"),
        ("trials", "0023_admin_labels_marked_for_translation"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="waits_for_staff",
            field=models.BooleanField(default=False, verbose_name="waits for the site's team"),
        ),
        migrations.RunPython(mark_requests_nobody_heard_of, migrations.RunPython.noop),
    ]

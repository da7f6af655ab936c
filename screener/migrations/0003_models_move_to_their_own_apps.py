"""The screener app keeps only the project's plumbing: its models now belong to questionnaire, referrals and
trials (StaffMembership beside Site). Only Django's picture of the models changes: every table keeps its
name and its rows. Content types (and so permissions and admin history) follow their models."""

from django.db import migrations

MOVED = {
    "screening": "questionnaire",
    "consenttext": "referrals",
    "referral": "referrals",
    "referralevent": "referrals",
    "answercheck": "referrals",
    "accesslog": "referrals",
    "staffmembership": "trials",
}


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app_label in MOVED.items():
        if not ContentType.objects.filter(app_label=app_label, model=model).exists():
            ContentType.objects.filter(app_label="screener", model=model).update(app_label=app_label)


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app_label in MOVED.items():
        if not ContentType.objects.filter(app_label="screener", model=model).exists():
            ContentType.objects.filter(app_label=app_label, model=model).update(app_label="screener")


class Migration(migrations.Migration):

    dependencies = [
        ('screener', '0002_referrals_staff_and_access_log'),
        ('questionnaire', '0001_screening_moves_here'),
        ('referrals', '0001_referrals_move_here'),
        ('trials', '0005_staff_membership_moves_beside_site'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='answercheck',
                    name='by',
                ),
                migrations.RemoveField(
                    model_name='answercheck',
                    name='referral',
                ),
                migrations.RemoveField(
                    model_name='referral',
                    name='consent',
                ),
                migrations.RemoveField(
                    model_name='referral',
                    name='screening',
                ),
                migrations.RemoveField(
                    model_name='referral',
                    name='site',
                ),
                migrations.RemoveField(
                    model_name='referral',
                    name='trial',
                ),
                migrations.RemoveField(
                    model_name='referralevent',
                    name='referral',
                ),
                migrations.RemoveField(
                    model_name='referralevent',
                    name='by',
                ),
                migrations.RemoveField(
                    model_name='staffmembership',
                    name='site',
                ),
                migrations.RemoveField(
                    model_name='staffmembership',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='AccessLog',
                ),
                migrations.DeleteModel(
                    name='AnswerCheck',
                ),
                migrations.DeleteModel(
                    name='ConsentText',
                ),
                migrations.DeleteModel(
                    name='Screening',
                ),
                migrations.DeleteModel(
                    name='Referral',
                ),
                migrations.DeleteModel(
                    name='ReferralEvent',
                ),
                migrations.DeleteModel(
                    name='StaffMembership',
                ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]

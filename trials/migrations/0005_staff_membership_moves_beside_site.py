"""StaffMembership moves from the screener app to sit beside Site; its table (screener_staffmembership) stays."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('screener', '0002_referrals_staff_and_access_log'),
        ('trials', '0004_history_of_trials_sites_questions_criteria'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='StaffMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('site', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='trials.site')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='site_memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'site membership',
                        'verbose_name_plural': 'site memberships',
                        'db_table': 'screener_staffmembership',
                        'constraints': [models.UniqueConstraint(fields=('user', 'site'), name='one_membership_per_user_and_site')],
                    },
                ),
            ],
        ),
    ]

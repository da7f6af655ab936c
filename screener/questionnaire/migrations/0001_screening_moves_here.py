"""The Screening model moves from the screener app to this one; its table (screener_screening) and rows stay."""

import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('screener', '0002_referrals_staff_and_access_log'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Screening',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('answers', models.JSONField(blank=True, default=dict, help_text='{question key: stored answer}; null means “I don’t know”.', verbose_name='answers')),
                        ('language', models.CharField(blank=True, max_length=16, verbose_name='language')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'screening',
                        'verbose_name_plural': 'screenings',
                        'db_table': 'screener_screening',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
        ),
    ]

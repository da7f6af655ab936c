"""The referral models move from the screener app to this one; their tables (screener_*) and rows stay."""

import django.db.models.deletion
import django.utils.timezone
import screener.referrals.models
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('screener', '0002_referrals_staff_and_access_log'),
        ('questionnaire', '0001_screening_moves_here'),
        ('trials', '0005_staff_membership_moves_beside_site'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ConsentText',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.CharField(max_length=40, unique=True, verbose_name='version')),
                        ('text', models.TextField(help_text="Use {study} and {site} where the study's title and the hospital belong.", verbose_name='text')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'verbose_name': 'consent text',
                        'verbose_name_plural': 'consent texts',
                        'db_table': 'screener_consenttext',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Referral',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('reference', models.CharField(default=screener.referrals.models.new_reference, editable=False, max_length=8, unique=True, verbose_name='reference')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('phone', models.CharField(blank=True, max_length=32, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('contact_by', models.CharField(choices=[('phone', 'Phone'), ('email', 'Email'), ('either', 'Either')], default='either', max_length=10, verbose_name='preferred way to be contacted')),
                        ('contact_time', models.CharField(choices=[('any', 'Any time'), ('morning', 'Morning'), ('afternoon', 'Afternoon'), ('evening', 'Evening')], default='any', max_length=10, verbose_name='preferred time')),
                        ('message', models.TextField(blank=True, max_length=2000, verbose_name='message')),
                        ('consent_wording', models.TextField(verbose_name='words agreed to')),
                        ('consent_given_at', models.DateTimeField(verbose_name='consent given at')),
                        ('verdict', models.CharField(max_length=16, verbose_name='result when sent')),
                        ('answers_snapshot', models.JSONField(default=list, verbose_name='answers when sent')),
                        ('outcomes_snapshot', models.JSONField(default=list, verbose_name='criteria when sent')),
                        ('status', models.CharField(choices=[('new', 'New'), ('contacted', 'Contacted'), ('pre_screening', 'Pre-screening'), ('eligible', 'Eligible'), ('not_eligible', 'Not eligible'), ('enrolled', 'Enrolled'), ('unreachable', 'Unreachable'), ('withdrawn', 'Withdrawn by the patient')], default='new', max_length=16, verbose_name='status')),
                        ('language', models.CharField(blank=True, max_length=16, verbose_name='language')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
                        ('contact_erased_at', models.DateTimeField(blank=True, null=True)),
                        ('consent', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='referrals', to='referrals.consenttext')),
                        ('screening', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referrals', to='questionnaire.screening')),
                        ('site', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='referrals', to='trials.site')),
                        ('trial', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='referrals', to='trials.trial')),
                    ],
                    options={
                        'verbose_name': 'referral',
                        'verbose_name_plural': 'referrals',
                        'db_table': 'screener_referral',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='AnswerCheck',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('question_key', models.SlugField(max_length=64)),
                        ('state', models.CharField(choices=[('verified', 'Verified'), ('contradicted', 'Contradicted')], max_length=16)),
                        ('note', models.CharField(blank=True, max_length=500)),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('referral', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answer_checks', to='referrals.referral')),
                    ],
                    options={
                        'db_table': 'screener_answercheck',
                    },
                ),
                migrations.CreateModel(
                    name='AccessLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('action', models.CharField(choices=[('view', 'Viewed a referral'), ('export', 'Exported referrals'), ('status', 'Changed a status'), ('note', 'Added a note'), ('check', 'Checked an answer')], max_length=16)),
                        ('detail', models.CharField(blank=True, max_length=500)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('referral', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='referrals.referral')),
                    ],
                    options={
                        'verbose_name': 'access log entry',
                        'verbose_name_plural': 'access log',
                        'db_table': 'screener_accesslog',
                        'ordering': ['-at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReferralEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('created', 'Sent by the patient'), ('status', 'Status changed'), ('note', 'Note'), ('verification', 'Answer checked')], max_length=16)),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('from_status', models.CharField(blank=True, choices=[('new', 'New'), ('contacted', 'Contacted'), ('pre_screening', 'Pre-screening'), ('eligible', 'Eligible'), ('not_eligible', 'Not eligible'), ('enrolled', 'Enrolled'), ('unreachable', 'Unreachable'), ('withdrawn', 'Withdrawn by the patient')], max_length=16)),
                        ('to_status', models.CharField(blank=True, choices=[('new', 'New'), ('contacted', 'Contacted'), ('pre_screening', 'Pre-screening'), ('eligible', 'Eligible'), ('not_eligible', 'Not eligible'), ('enrolled', 'Enrolled'), ('unreachable', 'Unreachable'), ('withdrawn', 'Withdrawn by the patient')], max_length=16)),
                        ('note', models.TextField(blank=True, max_length=4000)),
                        ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('referral', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='referrals.referral')),
                    ],
                    options={
                        'db_table': 'screener_referralevent',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='referral',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'withdrawn'), _negated=True), fields=('screening', 'site'), name='one_open_referral_per_screening_and_site'),
                ),
                migrations.AddConstraint(
                    model_name='answercheck',
                    constraint=models.UniqueConstraint(fields=('referral', 'question_key'), name='one_check_per_answer'),
                ),
            ],
        ),
    ]

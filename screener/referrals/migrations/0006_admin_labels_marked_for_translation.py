"""Admin's labels for these fields are marked for translation (Chinese admin pages showed them in English).
Only Django's picture of the models changes: no column does."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0005_consent_texts_keep_their_english_words'),
        ('trials', '0023_admin_labels_marked_for_translation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='referralevent',
            options={'ordering': ['at', 'pk'], 'verbose_name': 'referral event', 'verbose_name_plural': 'referral events'},
        ),
        migrations.AlterField(
            model_name='accesslog',
            name='action',
            field=models.CharField(choices=[('view', 'Viewed a referral'), ('export', 'Exported referrals'), ('status', 'Changed a status'), ('note', 'Added a note'), ('check', 'Checked an answer')], max_length=16, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='accesslog',
            name='at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='at'),
        ),
        migrations.AlterField(
            model_name='accesslog',
            name='detail',
            field=models.CharField(blank=True, max_length=500, verbose_name='detail'),
        ),
        migrations.AlterField(
            model_name='accesslog',
            name='referral',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='referrals.referral', verbose_name='referral'),
        ),
        migrations.AlterField(
            model_name='accesslog',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
        migrations.AlterField(
            model_name='consenttext',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='attempts'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='body',
            field=models.TextField(verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='last_error',
            field=models.CharField(blank=True, max_length=500, verbose_name='last error'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='next_attempt_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt at'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='recipients',
            field=models.JSONField(default=list, verbose_name='recipients'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='sent at'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='state',
            field=models.CharField(choices=[('pending', 'Waiting to be sent'), ('sending', 'Being sent'), ('sent', 'Sent'), ('failed', 'Failed (gave up)')], default='pending', max_length=16, verbose_name='state'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='subject',
            field=models.CharField(max_length=300, verbose_name='subject'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='consent',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='referrals', to='referrals.consenttext', verbose_name='consent text'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='contact_erased_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='contact erased at'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='site',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='referrals', to='trials.site', verbose_name='site'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='trial',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='referrals', to='trials.trial', verbose_name='trial'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='withdrawn at'),
        ),
        migrations.AlterField(
            model_name='referralevent',
            name='at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='at'),
        ),
        migrations.AlterField(
            model_name='referralevent',
            name='by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AlterField(
            model_name='referralevent',
            name='from_status',
            field=models.CharField(blank=True, choices=[('new', 'New'), ('contacted', 'Contacted'), ('pre_screening', 'Pre-screening'), ('eligible', 'Eligible'), ('not_eligible', 'Not eligible'), ('enrolled', 'Enrolled'), ('unreachable', 'Unreachable'), ('withdrawn', 'Withdrawn by the patient')], max_length=16, verbose_name='from status'),
        ),
        migrations.AlterField(
            model_name='referralevent',
            name='kind',
            field=models.CharField(choices=[('created', 'Sent by the patient'), ('status', 'Status changed'), ('note', 'Note'), ('verification', 'Answer checked'), ('erased', 'Personal data erased')], max_length=16, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='referralevent',
            name='note',
            field=models.TextField(blank=True, max_length=4000, verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='referralevent',
            name='referral',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='referrals.referral', verbose_name='referral'),
        ),
        migrations.AlterField(
            model_name='referralevent',
            name='to_status',
            field=models.CharField(blank=True, choices=[('new', 'New'), ('contacted', 'Contacted'), ('pre_screening', 'Pre-screening'), ('eligible', 'Eligible'), ('not_eligible', 'Not eligible'), ('enrolled', 'Enrolled'), ('unreachable', 'Unreachable'), ('withdrawn', 'Withdrawn by the patient')], max_length=16, verbose_name='to status'),
        ),
    ]

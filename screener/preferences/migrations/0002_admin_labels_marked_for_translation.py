"""Admin's labels for these fields are marked for translation (Chinese admin pages showed them in English).
Only Django's picture of the models changes: no column does."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('preferences', '0001_language_preference'),
    ]

    operations = [
        migrations.AlterField(
            model_name='languagepreference',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
    ]

import uuid

from django.db import migrations, models


def give_each_site_its_own_id(apps, schema_editor):
    Site = apps.get_model("trials", "Site")
    for site in Site.objects.filter(public_id__isnull=True):
        site.public_id = uuid.uuid4()
        site.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [("trials", "0002_catalogue_version")]

    operations = [
        migrations.AddField(model_name="site", name="public_id", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(give_each_site_its_own_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="site", name="public_id",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]

from django.db import migrations


def load(apps, schema_editor):
    from people.provinces import load_provinces

    load_provinces(apps.get_model("people", "Province"))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

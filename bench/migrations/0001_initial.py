from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="BaselineRow",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200)),
                ("created_on", models.DateField()),
            ],
            options={"ordering": ["-created_on", "pk"]},
        ),
        migrations.AddIndex(
            model_name="baselinerow",
            index=models.Index(fields=["-created_on", "id"], name="bench_basel_created_idx"),
        ),
    ]

"""Every person's one academic title becomes a dated-title row with no date ("known, date unknown"),
which counts at any date until a dated row supersedes it (people.models.title_held_during)."""

from datetime import date

from django.db import migrations

from people.models import title_held_during  # a pure function of the rows, not a model


def titles_to_rows(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    AcademicTitle = apps.get_model("people", "AcademicTitle")
    AcademicTitle.objects.bulk_create(
        AcademicTitle(person_id=pk, title=title, held_from=None, source="")
        for pk, title in Person.objects.exclude(academic_title="").values_list("pk", "academic_title").iterator()
    )


def rows_to_titles(apps, schema_editor):
    """Backwards: each person gets the title `title_held_during` gives for today."""
    Person = apps.get_model("people", "Person")
    AcademicTitle = apps.get_model("people", "AcademicTitle")
    rows: dict[int, list] = {}
    for row in AcademicTitle.objects.all():
        rows.setdefault(row.person_id, []).append(row)
    today = date.today()
    for person_id, titles in rows.items():
        Person.objects.filter(pk=person_id).update(academic_title=title_held_during(titles, today, today))


class Migration(migrations.Migration):
    dependencies = [("people", "0005_person_one_name_honorifics_academic_titles")]

    operations = [migrations.RunPython(titles_to_rows, rows_to_titles)]

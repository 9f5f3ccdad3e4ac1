"""Confirmation e-mails still queued in the database name the task by its old module
(events.services.registration, before the move to this app): point them at the new one."""

from django.db import migrations

OLD = "events.services.registration.deliver_confirmation"
NEW = "registrations.services.deliver_confirmation"


def _repoint(apps, schema_editor, *, source, target):
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    task_result.objects.using(schema_editor.connection.alias).filter(task_path=source).update(task_path=target)


def forwards(apps, schema_editor):
    _repoint(apps, schema_editor, source=OLD, target=NEW)


def backwards(apps, schema_editor):
    _repoint(apps, schema_editor, source=NEW, target=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

from django.db import migrations


def create_index(apps, schema_editor):
    """Staff's search (the admin, drafts included) walks every index row newest first, as the public
    search walks the public ones by events_search_newest (migration 0015, events/search.py). PostgreSQL
    only: SQLite's search reads its FTS5 table."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX events_search_newest_all ON events_eventsearchindex (start_date DESC, event_id DESC)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS events_search_newest_all")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0015_search_index_date_copies"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]

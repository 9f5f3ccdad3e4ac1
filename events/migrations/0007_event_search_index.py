"""The search index of events (events/search.py): a table of folded words per event and what each engine
reads from it — on PostgreSQL a generated tsvector column with a GIN index and pg_trgm for suggestions,
on SQLite an FTS5 table kept in sync by triggers. Numbered 0010 so it does not collide with parallel
work on events' migrations; it depends on the latest migration of events."""

import django.db.models.deletion
from django.db import migrations, models

POSTGRESQL = [
    # What TrigramExtension() does, which on the way back would query pg_extension on SQLite too. A
    # trusted extension (PostgreSQL 13+): the database's owner may create it. Left in place on the way back.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE events_eventsearchindex ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', weight_a), 'A')
        || setweight(to_tsvector('simple', weight_b), 'B')
        || setweight(to_tsvector('simple', weight_c), 'C')) STORED""",
    "CREATE INDEX events_eventsearchindex_document ON events_eventsearchindex USING gin (document)",
    "CREATE INDEX events_searchterm_term_trgm ON events_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS events_searchterm_term_trgm",
    "DROP INDEX IF EXISTS events_eventsearchindex_document",
    "ALTER TABLE events_eventsearchindex DROP COLUMN IF EXISTS document",
]
# External content: the FTS5 table indexes the rows of events_eventsearchindex without a copy of them.
SQLITE = [
    """CREATE VIRTUAL TABLE events_search_fts USING fts5(weight_a, weight_b, weight_c,
        content='events_eventsearchindex', content_rowid='event_id', tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER events_search_fts_insert AFTER INSERT ON events_eventsearchindex BEGIN
        INSERT INTO events_search_fts(rowid, weight_a, weight_b, weight_c)
        VALUES (new.event_id, new.weight_a, new.weight_b, new.weight_c); END""",
    """CREATE TRIGGER events_search_fts_delete AFTER DELETE ON events_eventsearchindex BEGIN
        INSERT INTO events_search_fts(events_search_fts, rowid, weight_a, weight_b, weight_c)
        VALUES ('delete', old.event_id, old.weight_a, old.weight_b, old.weight_c); END""",
    """CREATE TRIGGER events_search_fts_update AFTER UPDATE ON events_eventsearchindex BEGIN
        INSERT INTO events_search_fts(events_search_fts, rowid, weight_a, weight_b, weight_c)
        VALUES ('delete', old.event_id, old.weight_a, old.weight_b, old.weight_c);
        INSERT INTO events_search_fts(rowid, weight_a, weight_b, weight_c)
        VALUES (new.event_id, new.weight_a, new.weight_b, new.weight_c); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS events_search_fts_update",
    "DROP TRIGGER IF EXISTS events_search_fts_delete",
    "DROP TRIGGER IF EXISTS events_search_fts_insert",
    "DROP TABLE IF EXISTS events_search_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


def index_existing_events(apps, schema_editor):
    # The indexing code of today reads only columns that exist since events 0001, by name.
    from events.search import index_all_events

    if apps.get_model("events", "Event").objects.exists():
        index_all_events()


class Migration(migrations.Migration):
    dependencies = [
        # Only the latest of events: what the index reads of people and briefings exists since their 0001,
        # and a migration test taking people back a step need not take the index away.
        ("events", "0006_source_figures_typed_relations_outcome_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventSearchIndex",
            fields=[
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_index",
                        serialize=False,
                        to="events.event",
                        verbose_name="event",
                    ),
                ),
                ("weight_a", models.TextField(blank=True, editable=False)),
                ("weight_b", models.TextField(blank=True, editable=False)),
                ("weight_c", models.TextField(blank=True, editable=False)),
                ("parts", models.TextField(blank=True, editable=False)),
            ],
            options={
                "verbose_name": "search index entry",
                "verbose_name_plural": "search index",
                "default_permissions": (),
            },
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(editable=False, max_length=255, unique=True)),
                ("text", models.CharField(editable=False, max_length=255)),
            ],
            options={
                "verbose_name": "search term",
                "verbose_name_plural": "search terms",
                "default_permissions": (),
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
        migrations.RunPython(index_existing_events, migrations.RunPython.noop),
    ]

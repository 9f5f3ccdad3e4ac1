"""events 0006: the related events of the plain many-to-many become typed relations of kind "related".

The data migration's two functions run on real tables, in the state of the models just before it: the
old link table is made for the test (0006 drops it), so no other app's migrations are unapplied."""

from datetime import date
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

NAME = "0006_source_figures_typed_relations_outcome_names"
migration = import_module(f"events.migrations.{NAME}")


def _apps_before_the_data_migration():
    loader = MigrationLoader(connection)
    state = loader.project_state(("events", "0005_clean_control_characters"))
    for operation in loader.get_migration("events", NAME).operations:
        if isinstance(operation, RunPython):
            return state.apps
        operation.state_forwards("events", state)
    raise AssertionError("no data migration in 0006")


@pytest.fixture
def old_apps():
    apps = _apps_before_the_data_migration()
    through = apps.get_model("events", "Event").related_events.through
    with connection.schema_editor() as editor:
        editor.create_model(through)
    yield apps
    with connection.schema_editor() as editor:
        editor.delete_model(through)


# Real transactions, for the schema editor; the serialized rollback leaves the database as other tests expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_related_events_pair_is_kept_once_as_related_and_back(old_apps):
    Event, EventRelation = old_apps.get_model("events", "Event"), old_apps.get_model("events", "EventRelation")
    a, b, c = (
        Event.objects.create(kind="training", title=f"Hội nghị {n}", slug=f"hoi-nghi-{n}", start_date=date(2024, 6, n))
        for n in (1, 2, 3)
    )
    # The symmetrical many-to-many kept each pair both ways; a lone direction counts as well.
    through = Event.related_events.through
    through.objects.bulk_create([through(from_event_id=x.pk, to_event_id=y.pk) for x, y in [(a, b), (b, a), (c, a)]])

    migration.related_events_as_relations(old_apps, None)

    rows = sorted(EventRelation.objects.values_list("from_event_id", "to_event_id", "kind"))
    assert rows == [(a.pk, b.pk, "related"), (a.pk, c.pk, "related")]

    through.objects.all().delete()
    migration.relations_as_related_events(old_apps, None)

    assert sorted(through.objects.values_list("from_event_id", "to_event_id")) == sorted(
        [(a.pk, b.pk), (b.pk, a.pk), (a.pk, c.pk), (c.pk, a.pk)]
    )

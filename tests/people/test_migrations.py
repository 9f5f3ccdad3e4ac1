"""The move of `Person.academic_title` into dated rows keeps every title, and goes back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("people", "0005_person_one_name_honorifics_academic_titles")]
AFTER = [("people", "0007_remove_person_academic_title")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# serialized_rollback: the rows the migrations loaded (provinces, staff groups) come back afterwards
# as they were, so a later test restoring them finds no copy made by a flush in between.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_academic_title_becomes_an_undated_row_and_comes_back():
    try:
        old = _migrate(BEFORE)
        Person = old.get_model("people", "Person")
        binh = Person.objects.create(
            family_name="Lê", middle_name="Hải", given_name="Bình", slug="b", academic_title="PGS.TS"
        )
        hung = Person.objects.create(family_name="Nguyễn", given_name="Hưng", slug="h", academic_title="TS")
        Person.objects.create(family_name="Phạm", given_name="S", slug="s", academic_title="")

        new = _migrate(AFTER)
        rows = new.get_model("people", "AcademicTitle").objects.order_by("person_id")
        assert [(r.person_id, r.title, r.held_from) for r in rows] == [(binh.pk, "PGS.TS", None), (hung.pk, "TS", None)]
        assert new.get_model("people", "Person").objects.count() == 3

        old = _migrate(BEFORE)
        titles = dict(old.get_model("people", "Person").objects.values_list("given_name", "academic_title"))
        assert titles == {"Bình": "PGS.TS", "Hưng": "TS", "S": ""}
    finally:
        _migrate_to_latest()


def _migrate_to_latest():
    """Back to every app's newest migration, so the tests after this one find today's schema."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

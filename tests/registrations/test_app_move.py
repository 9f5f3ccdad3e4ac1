"""events 0012 / registrations 0001: the delegates' models move to their own app, tables and rows kept.

A database at the previous release (events 0011, before the move) holds a registration with its
history row and status change, a quota, registration settings, an officer, the registrar group with
its permissions and an admin log entry; migrating forward keeps every row as it was, and the content
types are relabelled so that the permissions, the group, the log entry and the history still work."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import Event
from people.models import Province
from registrations.models import Officer, ProvinceQuota, Registration, RegistrationSettings

BEFORE = ("events", "0011_directive_event_count_summary")
TABLES = [
    "events_registrationsettings",
    "events_provincequota",
    "events_officer",
    "events_registration",
    "events_historicalregistration",
    "events_registrationchange",
]
MOVED = ["registrationsettings", "provincequota", "officer", "registration", "registrationchange"]
REGISTRAR_PERMISSIONS = [
    ("registration", ("view", "change")),
    ("registrationchange", ("view",)),
    ("officer", ("add", "change", "view")),
    ("provincequota", ("add", "change", "view")),
    ("registrationsettings", ("add", "change", "view")),
]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    ContentType.objects.clear_cache()
    return executor.loader.project_state(target).apps if target == [BEFORE] else None


def _rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608 -- table names from the list above
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _fill_the_previous_release(apps):
    """What a database at events 0011 holds: the moved models written through the models of that state
    (the other apps' models are as they were then)."""
    at = datetime(2025, 6, 1, 9, 0, tzinfo=HANOI)
    province_id = Province.objects.filter(valid_to__isnull=True).order_by("pk").values_list("pk", flat=True)[0]
    registrar = User.objects.create(username="registrar.old", is_staff=True)
    officer_user = User.objects.create(username="canbo.old")
    event = apps.get_model("events", "Event").objects.create(
        kind="training", title="Tập huấn TTĐN 2025", slug="tap-huan-ttdn-2025", start_date=date(2025, 7, 1)
    )
    apps.get_model("events", "RegistrationSettings").objects.create(
        event_id=event.pk, opens_at=at, closes_at=datetime(2025, 6, 20, 17, 0, tzinfo=HANOI), capacity=60
    )
    apps.get_model("events", "ProvinceQuota").objects.create(event_id=event.pk, province_id=province_id, seats=3)
    apps.get_model("events", "Officer").objects.create(user_id=officer_user.pk, province_id=province_id)
    registration = apps.get_model("events", "Registration").objects.create(
        event_id=event.pk,
        province_id=province_id,
        family_name="Nguyễn",
        middle_name="Thị",
        given_name="Lan",
        post="Phó Giám đốc Sở",
        organisation="Sở Văn hóa và Thể thao",
        gender="female",
        phone="0912345678",
        email="lan@example.vn",
        consent_at=at,
        status="confirmed",
        code="old-release-code",
        person_key="nguyen thi lan|0912345678",
        registered_by_id=officer_user.pk,
        created_at=at,
    )
    apps.get_model("events", "HistoricalRegistration").objects.create(
        id=registration.pk,
        event_id=event.pk,
        province_id=province_id,
        family_name="Nguyễn",
        middle_name="Thị",
        given_name="Lan",
        post="Phó Giám đốc Sở",
        organisation="Sở Văn hóa và Thể thao",
        gender="female",
        consent_at=at,
        status="pending",
        created_at=at,
        updated_at=at,
        history_date=at,
        history_type="+",
        history_user_id=officer_user.pk,
    )
    apps.get_model("events", "RegistrationChange").objects.create(
        registration_id=registration.pk, from_status="pending", to_status="confirmed", actor_id=registrar.pk, at=at
    )
    # The content types and the registrar's permissions as the previous release had them: under "events".
    content_types = ContentType.objects.filter(app_label="events", model__in=MOVED)
    assert sorted(content_types.values_list("model", flat=True)) == sorted(MOVED)
    group = Group.objects.get_or_create(name="registrar")[0]
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="events",
            codename__in=[f"{action}_{model}" for model, actions in REGISTRAR_PERMISSIONS for action in actions],
        )
    )
    LogEntry.objects.create(
        user_id=registrar.pk,
        content_type=content_types.get(model="registration"),
        object_id=str(registration.pk),
        object_repr="Nguyễn Thị Lan",
        action_flag=CHANGE,
        change_message="[]",
        action_time=at,
    )
    return registration.pk


# Real transactions, for the migration executor; the serialized rollback leaves the database as other tests expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_of_the_previous_release_migrates_forward_with_every_row_and_its_history():
    old_apps = _migrate([BEFORE])
    pk = _fill_the_previous_release(old_apps)
    before = {table: _rows(table) for table in TABLES}

    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())

    after = {table: _rows(table) for table in TABLES}
    # Row by row, column by column; columns added since (the completion rule) only add to a row.
    assert {
        table: [{column: row[column] for column in before[table][0]} for row in after[table]] for table in TABLES
    } == before
    assert RegistrationSettings.objects.get().completion_rule == "all_days"
    assert all(before[table] for table in TABLES)
    registration = Registration.objects.get(pk=pk)
    assert (registration.full_name, registration.status, registration.code) == (
        "Nguyễn Thị Lan",
        "confirmed",
        "old-release-code",
    )
    assert [(h.history_type, h.status) for h in registration.history.all()] == [("+", "pending")]
    assert [str(change) for change in registration.changes.all()] == ["pending → confirmed"]
    assert ProvinceQuota.objects.get(event=registration.event).seats == 3
    assert RegistrationSettings.objects.get(event=registration.event).capacity == 60
    assert Officer.objects.get().user.username == "canbo.old"
    assert Event.objects.get().registrations.get() == registration

    # The content types now say "registrations"; none is left under "events" for a moved model.
    assert not ContentType.objects.filter(app_label="events", model__in=MOVED).exists()
    assert ContentType.objects.get_for_model(Registration).app_label == "registrations"
    permissions = Group.objects.get(name="registrar").permissions.select_related("content_type")
    assert sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions) == sorted(
        f"registrations.{action}_{model}" for model, actions in REGISTRAR_PERMISSIONS for action in actions
    )
    registrar = User.objects.get(username="registrar.old")
    registrar.groups.add(Group.objects.get(name="registrar"))
    registrar = User.objects.get(pk=registrar.pk)  # no cached permissions
    assert registrar.has_perm("registrations.change_registration")
    assert registrar.has_perm("registrations.add_officer")
    entry = LogEntry.objects.get()
    assert entry.get_edited_object() == registration
    assert entry.get_admin_url() == f"/admin/registrations/registration/{registration.pk}/change/"

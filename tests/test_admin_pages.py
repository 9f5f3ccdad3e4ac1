"""Every admin changelist, add and change page answers 200, and a changelist's query count does
not grow with its rows."""

import itertools

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.models import Directive, DirectiveRelation
from events import models as events
from people.models import Organisation, OrganisationChange, Person, Position, Province
from registrations import models as registrations
from tests import factories

pytestmark = pytest.mark.django_db

_numbers = itertools.count()

MAKERS = {
    User: lambda: User.objects.create(username=f"user{next(_numbers)}"),
    Group: lambda: Group.objects.create(name=f"group{next(_numbers)}"),
    Province: None,  # reference data: the 98 units are loaded by a migration
    Organisation: factories.organisation,
    OrganisationChange: factories.organisation_change,
    Person: factories.person,
    Position: factories.position,
    Directive: factories.directive,
    DirectiveRelation: factories.directive_relation,
    events.EventSeries: factories.series,
    events.Event: factories.event,
    events.Photo: factories.photo,
    events.EventOrganiser: factories.organiser,
    events.AgendaItem: factories.agenda_item,
    events.EventOfficial: factories.event_official,
    events.ParticipantGroup: factories.participant_group,
    events.Outcome: factories.outcome,
    events.EventDirective: factories.event_directive,
    events.Source: factories.source,
    registrations.Registration: factories.registration,
    registrations.RegistrationSettings: lambda: factories.registration_open().registration_settings,
    registrations.ProvinceQuota: lambda: factories.registration_open(
        quotas={factories.current_province(): 3}
    ).quotas.get(),
    registrations.Officer: factories.officer,
    registrations.Notice: lambda: registrations.Notice.objects.create(
        kind=registrations.Notice.Kind.SURVEY, event=factories.event(), recipient=f"registration:{next(_numbers)}"
    ),
    registrations.Material: factories.material,
    registrations.Certificate: factories.certificate,
    registrations.Survey: lambda: registrations.Survey.objects.create(event=factories.event()),
}
# Provinces register delegates through the portal, notices are written by the job that sends them and
# certificates issued to those who completed: the admin has no add page for them.
NO_ADD_PAGE = {registrations.Registration, registrations.Notice, registrations.Certificate}
# Our apps and the users; the libraries (axes, otp) test their own admin pages.
REGISTERED = sorted(
    (
        m
        for m in admin.site._registry
        if m._meta.app_label in {"auth", "people", "briefings", "events", "registrations"}
    ),
    key=lambda m: m._meta.label,
)


def test_every_registered_model_has_a_maker():
    assert set(REGISTERED) == set(MAKERS)


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    make = MAKERS[model] or (lambda: None)
    make()
    few, _ = _changelist_queries(admin_client, model)
    for _ in range(4):
        make()
    many, response = _changelist_queries(admin_client, model)
    assert response.context["cl"].result_count >= 5
    assert many == few


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_add_and_change_pages_answer(admin_client, model):
    obj = MAKERS[model]() if MAKERS[model] else model.objects.first()
    assert admin_client.get(_url(model, "add")).status_code == (403 if model in NO_ADD_PAGE else 200)
    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200

from datetime import date

import pytest
from django.urls import reverse

from briefings.models import Directive, DirectiveRelation
from tests import factories
from tests.admin_forms import admin_form_data, form_errors, inline_rows

pytestmark = pytest.mark.django_db

ADD = reverse("admin:briefings_directive_add")


def _directive(**fields):
    return {"kind": "resolution", "symbol": "47/NQ-CP", "title": "Chương trình hành động", **fields}


def test_malformed_symbol_shows_the_expected_forms_and_nothing_is_saved(admin_client):
    response = admin_client.post(ADD, {**admin_form_data(admin_client.get(ADD)), **_directive(symbol="NQ47-CP")})
    assert response.status_code == 200
    assert form_errors(response) == [
        "“NQ47-CP” is not a document symbol. Expected one of: 57-KL/TW (Party: number-KIND/ISSUER), "
        "47/NQ-CP (State: number/KIND-ISSUER), 145/2020/NĐ-CP (legal norm: number/year/KIND-ISSUER)."
    ]
    assert Directive.objects.count() == 0


def test_directive_with_relation_is_entered_on_one_page(admin_client):
    kl57 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW", issue_date=date(2023, 6, 15))
    data = {
        **admin_form_data(admin_client.get(ADD)),
        **_directive(issue_date="2024-04-15"),
        **inline_rows("relations_out", {"kind": "implements", "target": kl57.pk}),
    }
    response = admin_client.post(ADD, data)
    assert response.status_code == 302, form_errors(response)
    relation = DirectiveRelation.objects.get()
    assert (relation.source.symbol, relation.kind, relation.target) == ("47/NQ-CP", "implements", kl57)


def test_relation_to_itself_is_refused_in_the_admin(admin_client):
    kl57 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW")
    change = reverse("admin:briefings_directive_change", args=[kl57.pk])
    data = {
        **admin_form_data(admin_client.get(change)),
        **inline_rows("relations_out", {"kind": "related", "target": kl57.pk}),
    }
    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert form_errors(response) == ["A document cannot relate to itself."]
    assert DirectiveRelation.objects.count() == 0


def test_directive_page_shows_relations_from_the_other_side(admin_client):
    kl57 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW")
    nq47 = factories.directive(symbol="47/NQ-CP")
    factories.directive_relation(source=nq47, target=kl57, kind=DirectiveRelation.Kind.IMPLEMENTS)
    page = admin_client.get(reverse("admin:briefings_directive_change", args=[kl57.pk])).content.decode()
    assert "is implemented by" in page
    assert "Nghị quyết 47/NQ-CP" in page

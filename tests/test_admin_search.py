"""The admin's search boxes ignore case and diacritics, on every database."""

import pytest
from django.urls import reverse

from briefings.models import Directive
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changelist", "query", "make_match", "make_other"),
    [
        (
            "events_event",
            "da lat",
            lambda: factories.event(title="Tập huấn", city="Đà Lạt"),
            lambda: factories.event(title="Hội nghị", city="Hà Nội"),
        ),
        (
            "briefings_directive",
            "nghi quyet 47",
            lambda: factories.directive(kind=Directive.Kind.RESOLUTION, symbol="47/NQ-CP"),
            lambda: factories.directive(kind=Directive.Kind.CONCLUSION, symbol="47-KL/TW"),
        ),
        (
            "people_person",
            "nguyen thanh hung",
            lambda: factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng"),
            lambda: factories.person(family_name="Nguyễn", middle_name="Thanh", given_name="Lâm"),
        ),
        (
            "people_organisation",
            "bo thong tin",
            lambda: factories.organisation(name="Bộ Thông tin và Truyền thông"),
            lambda: factories.organisation(name="Bộ Ngoại giao"),
        ),
        (
            "people_position",
            "thu truong nguyen",
            lambda: factories.position(title="Thứ trưởng", person=factories.person(family_name="Nguyễn")),
            lambda: factories.position(title="Vụ trưởng", person=factories.person(family_name="Nguyễn")),
        ),
    ],
    ids=["event", "directive", "person", "organisation", "position"],
)
def test_search_box_finds_text_typed_without_diacritics(admin_client, changelist, query, make_match, make_other):
    match = make_match()
    make_other()
    response = admin_client.get(reverse(f"admin:{changelist}_changelist"), {"q": query})
    assert list(response.context["cl"].result_list) == [match]

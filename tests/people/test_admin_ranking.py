"""Admin search and autocomplete offer the exact folded name (or abbreviation) first, then names that
start with the query, then the rest."""

import pytest
from django.urls import reverse

from people.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("admin:autocomplete")


def _dak_nong():
    factories.organisation(name="Ban Tuyên giáo Tỉnh ủy Đắk Nông", kind=Organisation.Kind.PROVINCIAL_PARTY_BOARD)
    factories.organisation(name="Tỉnh ủy Đắk Nông mở rộng", kind=Organisation.Kind.OTHER)
    factories.organisation(name="Tỉnh ủy Đắk Nông", kind=Organisation.Kind.PROVINCIAL_PARTY_COMMITTEE)


def _autocomplete(admin_client, term, field="organisation", model="position"):
    params = {"app_label": "people", "model_name": model, "field_name": field, "term": term}
    response = admin_client.get(AUTOCOMPLETE, params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.mark.parametrize("term", ["Tỉnh ủy Đắk Nông", "tinh uy dak nong", "TỈNH UỶ ĐẮK NÔNG"])
def test_autocomplete_offers_the_exact_name_first_then_names_starting_with_it(admin_client, term):
    _dak_nong()
    assert _autocomplete(admin_client, term) == [
        "Tỉnh ủy Đắk Nông",
        "Tỉnh ủy Đắk Nông mở rộng",
        "Ban Tuyên giáo Tỉnh ủy Đắk Nông",
    ]


def test_autocomplete_offers_the_exact_abbreviation_first(admin_client):
    factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT", abbreviation_en="MIC")
    factories.organisation(name="Micronesia Information Office", abbreviation_en="MIO")
    factories.organisation(name="Ban Micro", abbreviation_en="")
    assert _autocomplete(admin_client, "mic")[0] == "Bộ Thông tin và Truyền thông (Bộ TT&TT)"


def test_changelist_search_lists_the_exact_name_first(admin_client):
    _dak_nong()
    response = admin_client.get(reverse("admin:people_organisation_changelist"), {"q": "tinh uy dak nong"})
    names = [organisation.name for organisation in response.context["cl"].result_list]
    assert names == ["Tỉnh ủy Đắk Nông", "Tỉnh ủy Đắk Nông mở rộng", "Ban Tuyên giáo Tỉnh ủy Đắk Nông"]


def test_changelist_sorted_by_a_column_keeps_the_users_order(admin_client):
    _dak_nong()
    changelist = reverse("admin:people_organisation_changelist")
    response = admin_client.get(changelist, {"q": "tinh uy dak nong", "o": "-1"})
    names = [organisation.name for organisation in response.context["cl"].result_list]
    assert names == sorted(names, reverse=True)


def test_person_autocomplete_puts_the_one_name_person_first(admin_client):
    factories.person(family_name="Nguyễn", middle_name="Aung", given_name="Kyi")
    factories.person(family_name="", middle_name="", given_name="Aung Kyi Lwin")
    factories.person(family_name="", middle_name="", given_name="Aung Kyi", honorific="u")
    assert _autocomplete(admin_client, "aung kyi", field="person") == ["Aung Kyi", "Aung Kyi Lwin", "Nguyễn Aung Kyi"]

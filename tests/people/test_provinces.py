from datetime import date

import pytest

from people.models import Province
from people.provinces import load_provinces
from people.queries import current_unit, provinces_valid_on

pytestmark = pytest.mark.django_db


def test_63_units_before_the_reform_and_34_after():
    assert provinces_valid_on(date(2024, 6, 7)).count() == 63
    assert provinces_valid_on(date(2026, 1, 1)).count() == 34
    assert provinces_valid_on(date(2025, 6, 30)).count() == 63
    assert provinces_valid_on(date(2025, 7, 1)).count() == 34


def test_lam_dong_before_and_after_are_two_units_with_the_same_code():
    old = Province.objects.get(code="68", valid_to__isnull=False)
    new = Province.objects.get(code="68", valid_to__isnull=True)
    assert (old.name, old.valid_to) == ("Tỉnh Lâm Đồng", date(2025, 6, 30))
    assert (new.name, new.valid_to, new.valid_from) == ("Tỉnh Lâm Đồng", None, date(2025, 7, 1))
    assert old.successor == new


def test_old_province_rolls_into_its_current_unit():
    dak_nong = Province.objects.get(name="Tỉnh Đắk Nông")
    assert current_unit(dak_nong) == Province.objects.current().get(name="Tỉnh Lâm Đồng")
    assert current_unit(Province.objects.current().get(code="01")).name == "Thành phố Hà Nội"


def test_thua_thien_hue_was_a_province_until_2024_and_hue_a_city_after():
    in_2024 = provinces_valid_on(date(2024, 6, 7)).get(code="46")
    in_2025 = provinces_valid_on(date(2025, 3, 1)).get(code="46")
    assert (in_2024.name, in_2024.kind) == ("Tỉnh Thừa Thiên Huế", Province.Kind.PROVINCE)
    assert (in_2025.name, in_2025.kind) == ("Thành phố Huế", Province.Kind.CITY)
    assert current_unit(in_2024) == Province.objects.current().get(code="46")


def test_six_current_units_are_centrally_run_cities():
    cities = Province.objects.current().filter(kind=Province.Kind.CITY)
    assert sorted(cities.values_list("code", flat=True)) == ["01", "31", "46", "48", "79", "92"]


def test_loading_the_table_again_changes_nothing():
    before = list(Province.objects.values_list("pk", "code", "name", "valid_from", "valid_to", "successor_id"))
    load_provinces(Province)
    after = list(Province.objects.values_list("pk", "code", "name", "valid_from", "valid_to", "successor_id"))
    assert after == before


def test_province_search_ignores_diacritics():
    assert set(Province.objects.search("dak nong").values_list("name", flat=True)) == {"Tỉnh Đắk Nông"}
    assert Province.objects.current().search("lam dong").get().code == "68"

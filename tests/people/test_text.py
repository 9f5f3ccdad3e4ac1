from datetime import date

import pytest

from people.text import (
    country_name,
    english_place_name,
    fold,
    format_day,
    format_partial_date,
    has_vietnamese_letters,
    slugify_vi,
    vietnamese_sort_key,
    without_place_prefix,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đà Lạt", "da lat"),
        ("Nghị quyết 47/NQ-CP", "nghi quyet 47/nq-cp"),
        ("NGUYỄN   Thành Hưng", "nguyen thanh hung"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Đà\x00 Lạt", "da lat"),
    ],
)
def test_fold_strips_case_diacritics_and_extra_spaces(text, folded):
    assert fold(text) == folded


def test_slugify_vi_keeps_d_of_d_with_stroke():
    assert slugify_vi("Đà Lạt") == "da-lat"


def test_slugify_vi_cuts_long_text_at_a_word():
    slug = slugify_vi("Hội nghị tập huấn công tác thông tin đối ngoại năm 2025 " * 3, max_length=40)
    assert len(slug) <= 40
    assert not slug.endswith("-")
    assert slug.startswith("hoi-nghi-tap-huan")


# Vietnamese alphabetical order, English place and country names, dates at their precision.


def test_vietnamese_sort_key_follows_the_vietnamese_alphabet():
    names = ["Lâm Đồng", "Cao Bằng", "Đà Nẵng", "Lào Cai", "Điện Biên", "Cà Mau", "Lạng Sơn", "Gia Lai", "Đắk Lắk"]
    names += ["Dương", "Ea Súp", "An Giang"]

    ordered = sorted(names, key=vietnamese_sort_key)

    assert ordered == [
        "An Giang",
        "Cà Mau",
        "Cao Bằng",
        "Dương",
        "Đà Nẵng",
        "Đắk Lắk",
        "Điện Biên",
        "Ea Súp",
        "Gia Lai",
        "Lạng Sơn",
        "Lào Cai",
        "Lâm Đồng",
    ]


def test_vietnamese_sort_key_ignores_the_province_prefix():
    names = ["Tỉnh Lâm Đồng", "Thành phố Hà Nội", "Tỉnh Cà Mau", "Thành phố Đà Nẵng", "Tỉnh Cao Bằng"]

    assert sorted(names, key=vietnamese_sort_key) == [
        "Tỉnh Cà Mau",
        "Tỉnh Cao Bằng",
        "Thành phố Đà Nẵng",
        "Thành phố Hà Nội",
        "Tỉnh Lâm Đồng",
    ]


def test_vietnamese_sort_key_lets_tone_marks_only_break_ties():
    assert sorted(["ạ", "ã", "ả", "á", "à", "a"], key=vietnamese_sort_key) == ["a", "à", "á", "ả", "ã", "ạ"]
    # The letters decide before any tone: "ha tinh" < "hai phong", as the space comes before any letter.
    assert sorted(["Hải Phòng", "Hà Tĩnh"], key=vietnamese_sort_key) == ["Hà Tĩnh", "Hải Phòng"]


def test_without_place_prefix_keeps_a_body_named_after_its_province():
    assert without_place_prefix("Tỉnh Lâm Đồng") == "Lâm Đồng"
    assert without_place_prefix("Thành phố Huế") == "Huế"
    assert without_place_prefix("Tỉnh ủy Lâm Đồng") == "Tỉnh ủy Lâm Đồng"


@pytest.mark.parametrize(
    ("name", "kind", "english"),
    [
        ("Tỉnh Lâm Đồng", "province", "Lâm Đồng Province"),
        ("Thành phố Hồ Chí Minh", "city", "Ho Chi Minh City"),
        ("Thành phố Huế", "city", "Huế City"),
        ("Tỉnh Thừa Thiên Huế", "province", "Thừa Thiên Huế Province"),
        ("Cần Thơ", "city", "Cần Thơ City"),
    ],
)
def test_english_place_name_from_the_vietnamese_name_and_kind(name, kind, english):
    assert english_place_name(name, kind) == english


@pytest.mark.parametrize(
    ("country", "language", "shown"),
    [
        ("Việt Nam", "en", ("Viet Nam", False)),
        ("Philippines", "en", ("Philippines", False)),
        ("Lào", "en", ("Laos", False)),
        ("Campuchia", "en", ("Cambodia", False)),
        ("Thái Lan", "en", ("Thailand", False)),
        ("Indonesia", "en", ("Indonesia", False)),
        ("Việt Nam", "vi", ("Việt Nam", False)),
        ("Bờ Biển Ngà", "en", ("Bờ Biển Ngà", True)),  # unknown: kept, flagged as Vietnamese
    ],
)
def test_country_name_in_english_where_known(country, language, shown):
    assert country_name(country, language) == shown


@pytest.mark.parametrize(
    ("precision", "vi", "en"),
    [("day", "8/3/2025", "8 Mar 2025"), ("month", "3/2025", "Mar 2025"), ("year", "2025", "2025")],
)
def test_format_partial_date_is_day_first_in_vietnamese_and_unambiguous_in_english(precision, vi, en):
    day = date(2025, 3, 8)

    assert (format_partial_date(day, precision, "vi"), format_partial_date(day, precision, "en")) == (vi, en)
    assert format_day(day, "en") == "8 Mar 2025"


def test_has_vietnamese_letters():
    assert has_vietnamese_letters("Lâm Đồng")
    assert has_vietnamese_letters("thông tin")
    assert not has_vietnamese_letters("Cebu, Philippines")

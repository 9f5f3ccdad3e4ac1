import pytest

from people.text import fold, slugify_vi


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

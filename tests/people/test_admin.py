from datetime import date

import pytest
from django.urls import reverse

from people.models import Person, Position
from tests import factories
from tests.admin_forms import admin_form_data, form_errors, inline_rows

pytestmark = pytest.mark.django_db

ADD = reverse("admin:people_person_add")


def _person(**fields):
    return {"family_name": "Nguyễn", "middle_name": "Thành", "given_name": "Hưng", "honorific": "mr", **fields}


def test_person_with_dated_posts_is_entered_on_one_page(admin_client):
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông")
    data = {
        **admin_form_data(admin_client.get(ADD)),
        **_person(),
        **inline_rows(
            "positions",
            {
                "title": "Thứ trưởng",
                "organisation": mic.pk,
                "attested_on": "2016-03-17",
                "attested_precision": "day",
                "order": 0,
            },
        ),
    }
    response = admin_client.post(ADD, data)
    assert response.status_code == 302, form_errors(response)
    person = Person.objects.get()
    assert person.slug == "nguyen-thanh-hung"
    assert person.positions.get().attested_on == date(2016, 3, 17)


def test_post_ending_before_it_starts_is_refused_and_nothing_saved(admin_client):
    mic = factories.organisation()
    data = {
        **admin_form_data(admin_client.get(ADD)),
        **_person(),
        **inline_rows(
            "positions",
            {
                "title": "Vụ trưởng",
                "organisation": mic.pk,
                "start_date": "2020-01-01",
                "end_date": "2019-01-01",
                "attested_precision": "day",
            },
        ),
    }
    response = admin_client.post(ADD, {**data, "positions-0-order": 0})
    assert response.status_code == 200
    assert form_errors(response) == ["A post cannot end before it starts."]
    assert (Person.objects.count(), Position.objects.count()) == (0, 0)


def test_portrait_that_is_not_an_image_is_refused(admin_client):
    upload = factories.SimpleUploadedFile("cv.jpg", b"%PDF-1.4 not a picture")
    data = {**admin_form_data(admin_client.get(ADD)), **_person(), "photo": upload}
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert form_errors(response) == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]
    assert Person.objects.count() == 0


def test_admin_speaks_vietnamese_by_default(admin_user, client):
    client.force_login(admin_user)
    page = client.get(ADD).content.decode()
    assert "Họ" in page and "Tên" in page
    assert "Chức vụ" in page


def test_organisation_page_shows_lineage_inline(admin_client):
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông")
    most = factories.organisation(name="Bộ Khoa học và Công nghệ")
    factories.organisation_change(organisation=mic, successor=most, date=date(2025, 3, 1))
    page = admin_client.get(reverse("admin:people_organisation_change", args=[mic.pk])).content.decode()
    assert "Bộ Khoa học và Công nghệ" in page
    assert "lineage: what this organisation became" in page.lower()

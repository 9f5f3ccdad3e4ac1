"""The reader's patterns on short invented sentences (none from the seeds), so they stay general."""

from datetime import date

import pytest

from events.articles.html import article_text, looks_like_html
from events.articles.reader import read_article

PUB = date(2019, 7, 20)
LEAD = "Hội nghị tập huấn công tác thông tin đối ngoại của tỉnh được tổ chức với sự tham gia của các sở, ngành."


def read(text, published_on=PUB, **kwargs):
    return read_article(text, published_on=published_on, **kwargs)


@pytest.mark.parametrize(
    ("sentence", "start", "end", "precision", "part"),
    [
        ("Ngày 06/11/2018, Sở Ngoại vụ tổ chức hội nghị tập huấn.", date(2018, 11, 6), None, "day", ""),
        ("Ngày 12-7, Sở Ngoại vụ tổ chức hội nghị tập huấn.", date(2019, 7, 12), None, "day", ""),
        ("Sáng nay (12/7), Sở Ngoại vụ tổ chức hội nghị tập huấn.", date(2019, 7, 12), None, "day", "morning"),
        ("Chiều 8/3, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị.", date(2019, 3, 8), None, "day", "afternoon"),
        ("Tối 2/5, Đài Phát thanh tổ chức hội thảo.", date(2019, 5, 2), None, "day", "evening"),
        ("Trưa ngày 3/6/2017, Sở Ngoại vụ tổ chức hội nghị.", date(2017, 6, 3), None, "day", "afternoon"),
        ("Từ ngày 11 đến 13-7, Sở Ngoại vụ tổ chức lớp tập huấn.", date(2019, 7, 11), date(2019, 7, 13), "day", ""),
        (
            "Từ ngày 28/6 đến ngày 1/7/2019, Sở Ngoại vụ tổ chức lớp tập huấn.",
            date(2019, 6, 28),
            date(2019, 7, 1),
            "day",
            "",
        ),
        ("Trong hai ngày 4 và 5/7, Sở Ngoại vụ tổ chức lớp tập huấn.", date(2019, 7, 4), date(2019, 7, 5), "day", ""),
        ("Sáng mồng 8/3/2018, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị.", date(2018, 3, 8), None, "day", "morning"),
        ("Ngày mùng 5/7, Sở Ngoại vụ tổ chức hội nghị tập huấn.", date(2019, 7, 5), None, "day", ""),
        (
            "Từ ngày mồng 2 đến mồng 4/7, Sở Ngoại vụ tổ chức lớp tập huấn.",
            date(2019, 7, 2),
            date(2019, 7, 4),
            "day",
            "",
        ),
        # dots part a date only with its year: "15.6" is a number
        ("Tỷ lệ đạt 15.6 phần trăm; Sở Ngoại vụ tổ chức hội nghị ngày 9/6/2020.", date(2020, 6, 9), None, "day", ""),
        ("Sáng ngày 15.6.2020, Sở Ngoại vụ tổ chức hội nghị.", date(2020, 6, 15), None, "day", "morning"),
        ("Ngày 6 tháng 11 năm 2018, Sở Ngoại vụ tổ chức hội nghị.", date(2018, 11, 6), None, "day", ""),
        ("Sáng thứ Ba (6/11/2018), Sở Ngoại vụ tổ chức hội nghị.", date(2018, 11, 6), None, "day", "morning"),
        ("Chiều thứ Sáu, ngày 9/11/2018, Sở Ngoại vụ tổ chức hội nghị.", date(2018, 11, 9), None, "day", "afternoon"),
        ("Ngày 6/11/18, Sở Ngoại vụ tổ chức hội nghị.", date(2018, 11, 6), None, "day", ""),
        (
            "Từ ngày 6 đến ngày 8 tháng 11 năm 2018, Sở Ngoại vụ tổ chức lớp tập huấn.",
            date(2018, 11, 6),
            date(2018, 11, 8),
            "day",
            "",
        ),
        (
            "Chiều 30/12/2018 đến sáng 2/1/2019, Sở Ngoại vụ tổ chức lớp tập huấn.",
            date(2018, 12, 30),
            date(2019, 1, 2),
            "day",
            "afternoon",
        ),
    ],
)
def test_dates_are_read_day_first(sentence, start, end, precision, part):
    proposal = read(sentence + " " + LEAD)
    assert (proposal.start_date, proposal.end_date, proposal.date_precision, proposal.part_of_day) == (
        start,
        end,
        precision,
        part,
    )


@pytest.mark.parametrize(
    ("closing", "end"),
    [
        ("Lớp tập huấn bế mạc chiều 15/9.", date(2019, 9, 15)),
        ("Hội thảo diễn ra trong 2 ngày, kết thúc vào chiều 14/9.", date(2019, 9, 14)),
        ("Chương trình kéo dài đến hết ngày 30/9.", None),  # not the event's
        ("Lớp tập huấn bế mạc ngày 15/12.", None),  # three months on: not this event's last day
    ],
)
def test_a_later_sentence_that_closes_the_event_gives_its_last_day(closing, end):
    proposal = read(
        f"Sáng 13/9/2019, Sở Ngoại vụ tổ chức lớp tập huấn. {LEAD} Các học viên thảo luận sôi nổi. {closing}"
    )
    assert (proposal.start_date, proposal.end_date) == (date(2019, 9, 13), end)


def test_the_pages_time_of_publication_run_into_the_text_is_not_the_events_date():
    proposal = read("Thứ sáu, 07/06/2024 - 06:55 Tại TP Đà Lạt, Sở Ngoại vụ tổ chức hội nghị tập huấn. " + LEAD)
    assert proposal.start_date != date(2024, 6, 7)


def test_a_celebration_of_a_day_is_not_the_events_date():
    # "chào mừng" folds to the letters of "mùng", which dates an event only after a date word.
    proposal = read("Chào mừng 8/3, Sở Ngoại vụ tổ chức hội nghị tập huấn. " + LEAD)
    assert proposal.start_date != date(2019, 3, 8)
    assert proposal.day_month != (8, 3)


def test_a_month_after_publication_leaves_the_year_out_with_a_warning():
    proposal = read("Ngày 12/9, Sở Ngoại vụ tổ chức hội nghị tập huấn. " + LEAD)
    assert (proposal.start_date, proposal.date_precision, proposal.day_month) == (None, None, (12, 9))
    assert any("year" in w for w in proposal.warnings)


def test_no_publication_date_leaves_the_year_out():
    proposal = read("Chiều 8/3, Sở Ngoại vụ tổ chức hội nghị tập huấn. " + LEAD, published_on=None)
    assert proposal.start_date is None
    assert proposal.warnings


def test_vua_qua_gives_the_month_at_most_with_a_warning():
    proposal = read("Vừa qua, Sở Ngoại vụ tổ chức hội nghị tập huấn. " + LEAD)
    assert (proposal.start_date, proposal.date_precision) == (date(2019, 7, 1), "month")
    assert proposal.warnings


def test_vua_qua_early_in_the_month_gives_the_year_only():
    proposal = read("Vừa qua, Sở Ngoại vụ tổ chức hội nghị tập huấn. " + LEAD, published_on=date(2019, 7, 2))
    assert (proposal.start_date, proposal.date_precision) == (date(2019, 1, 1), "year")


def test_a_documents_date_is_not_the_events():
    proposal = read(
        "Thực hiện Kế hoạch số 190/KH-UBND ngày 18/4/2019 của UBND tỉnh, Sở Ngoại vụ vừa tổ chức hội nghị tập huấn. "
        + LEAD
    )
    assert proposal.date_precision != "day"
    assert [(d.symbol, d.issued_on) for d in proposal.directives] == [("190/KH-UBND", date(2019, 4, 18))]


@pytest.mark.parametrize(
    ("sentence", "venue", "city", "province"),
    [
        ("Ngày 5/7, tại TP. Nha Trang, Sở Ngoại vụ tổ chức hội nghị.", "", "Nha Trang", "Khánh Hòa"),
        ("Ngày 5/7, tại thành phố Lạng Sơn, Sở Ngoại vụ tổ chức hội nghị.", "", "Lạng Sơn", "Lạng Sơn"),
        (
            "Ngày 5/7, tại Trụ sở Bộ Ngoại giao, Cục Thông tin đối ngoại tổ chức hội nghị.",
            "Trụ sở Bộ Ngoại giao",
            "",
            "",
        ),
        (
            "Ngày 5/7, tại Hội trường UBND tỉnh, TP Buôn Ma Thuột, Sở Ngoại vụ tổ chức hội nghị.",
            "Hội trường UBND tỉnh",
            "Buôn Ma Thuột",
            "Đắk Lắk",
        ),
        ("Ngày 5/7, tại tỉnh Quảng Bình, Sở Ngoại vụ tổ chức hội nghị.", "", "", "Quảng Bình"),
        ("Ngày 5/7, Sở Ngoại vụ tổ chức hội nghị tại Hà Nội.", "", "Hà Nội", "Hà Nội"),
    ],
)
def test_places(sentence, venue, city, province):
    proposal = read(sentence + " " + LEAD)
    assert (proposal.venue, proposal.city, proposal.place_province) == (venue, city, province)


def test_tinh_uy_takes_the_publishers_province():
    proposal = read(
        "Ngày 5/7, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị tập huấn. " + LEAD, publisher="Cổng TTĐT tỉnh Lâm Đồng"
    )
    assert proposal.place_province == "Lâm Đồng"


def test_a_venue_in_the_lead_adds_to_the_city_in_the_headline():
    proposal = read(
        "Hội thảo về truyền thông số ASEAN tại TP Hồ Chí Minh\n\n"
        "Sáng 8/11, tại Khách sạn Rex, TP Hồ Chí Minh, Bộ Ngoại giao tổ chức hội thảo. " + LEAD
    )
    assert (proposal.venue, proposal.city, proposal.place_province) == ("Khách sạn Rex", "Hồ Chí Minh", "Hồ Chí Minh")


@pytest.mark.parametrize(
    ("headline", "province"),
    [
        ("Quảng Ninh: Tập huấn nghiệp vụ thông tin đối ngoại", "Quảng Ninh"),
        ("Đà Lạt: Hội nghị thông tin đối ngoại", "Lâm Đồng"),
        ("Thông tin đối ngoại: Hội nghị tập huấn cho phóng viên", ""),
    ],
)
def test_a_headline_led_by_a_province_names_it(headline, province):
    proposal = read(f"{headline}\n\nNgày 5/7, Sở Thông tin và Truyền thông tổ chức lớp tập huấn. " + LEAD)
    assert proposal.place_province == province


def test_abroad_the_country_is_kept():
    proposal = read("Ngày 5/7, hội nghị đã được tổ chức tại Viêng Chăn, Lào. " + LEAD)
    assert (proposal.city, proposal.country) == ("Viêng Chăn", "Lào")


@pytest.mark.parametrize(
    ("sentence", "organisers"),
    [
        (
            "Ngày 5/7, Sở Thông tin và Truyền thông phối hợp với Sở Ngoại vụ tổ chức hội nghị tập huấn.",
            [("Sở Thông tin và Truyền thông", "lead"), ("Sở Ngoại vụ", "co")],
        ),
        (
            "Ngày 5/7, Ban Tuyên giáo Tỉnh ủy phối hợp với Sở Ngoại vụ và Hội Nhà báo tỉnh tổ chức hội nghị.",
            [("Ban Tuyên giáo Tỉnh ủy", "lead"), ("Sở Ngoại vụ", "co"), ("Hội Nhà báo tỉnh", "co")],
        ),
        ("Hội nghị tập huấn do Sở Ngoại vụ chủ trì diễn ra ngày 5/7.", [("Sở Ngoại vụ", "lead")]),
        (
            "Ngày 5/7, Cục Thông tin đối ngoại thuộc Bộ Thông tin và Truyền thông khai mạc lớp tập huấn.",
            [("Cục Thông tin đối ngoại", "lead")],
        ),
        (
            "Ngày 5/7, tại Huế, Bộ Văn hóa, Thể thao và Du lịch tổ chức hội thảo.",
            [("Bộ Văn hóa, Thể thao và Du lịch", "lead")],
        ),
        ("Ngày 5/7, hội nghị đã được tổ chức tại Huế.", []),
        (
            "Ngày 5/7, Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Ngoại vụ tổ chức hội nghị tập huấn.",
            [("Ban Tuyên giáo Tỉnh ủy", "lead"), ("Sở Ngoại vụ", "co")],
        ),
        (
            "Ngày 5/7, UBND tỉnh phối hợp với Cục Thông tin đối ngoại, Bộ Thông tin và Truyền thông tổ chức hội nghị.",
            [("UBND tỉnh", "lead"), ("Cục Thông tin đối ngoại", "co")],  # the ministry is the Cục's parent
        ),
    ],
)
def test_organisers_and_roles(sentence, organisers):
    proposal = read(sentence + " " + LEAD)
    assert [(o.name, o.role) for o in proposal.organisers] == organisers


def test_an_event_named_only_by_its_noun_takes_the_headline():
    proposal = read(
        "Hội nghị về thông tin đối ngoại tại Quảng Ninh\n\nNgày 5/7, hội nghị do Bộ Ngoại giao và UBND tỉnh "
        "Quảng Ninh đồng tổ chức đã diễn ra tại Hạ Long. " + LEAD
    )
    assert proposal.title == "Hội nghị về thông tin đối ngoại tại Quảng Ninh"
    assert [(o.name, o.role) for o in proposal.organisers] == [
        ("Bộ Ngoại giao", "lead"),
        ("UBND tỉnh Quảng Ninh", "co"),
    ]


def test_x_thuoc_bo_y_keeps_the_parent():
    proposal = read(
        "Ngày 5/7, Cục Thông tin đối ngoại thuộc Bộ Thông tin và Truyền thông khai mạc lớp tập huấn. " + LEAD
    )
    assert proposal.organisers[0].parent == "Bộ Thông tin và Truyền thông"


@pytest.mark.parametrize(
    ("sentence", "name", "honorific", "academic", "post", "part"),
    [
        (
            "Đ/c Hà Trung Ký - UVBTV, Trưởng Ban Tuyên giáo Tỉnh ủy phát biểu khai mạc hội nghị.",
            "Hà Trung Ký",
            "đồng chí",
            "",
            "UVBTV, Trưởng Ban Tuyên giáo Tỉnh ủy",
            "speech",
        ),
        (
            "Tiến sĩ Lê Văn Tâm, Phó Giám đốc Học viện Ngoại giao - Bộ Ngoại giao trình bày chuyên đề "
            "“Thông tin đối ngoại trong kỷ nguyên số”.",
            "Lê Văn Tâm",
            "",
            "TS",
            "Phó Giám đốc Học viện Ngoại giao - Bộ Ngoại giao",
            "presentation",
        ),
        (
            "Đồng chí Trần Minh Quang, Phó Chủ tịch UBND tỉnh chủ trì hội nghị.",
            "Trần Minh Quang",
            "đồng chí",
            "",
            "Phó Chủ tịch UBND tỉnh",
            "official",
        ),
        (
            "Tham dự hội nghị có bà Đặng Thu Hà, Giám đốc Sở Ngoại vụ.",
            "Đặng Thu Hà",
            "bà",
            "",
            "Giám đốc Sở Ngoại vụ",
            "attending",
        ),
        (
            "Phát biểu tại hội nghị, Thứ trưởng Bộ Ngoại giao Đỗ Hùng Việt nhấn mạnh vai trò của báo chí.",
            "Đỗ Hùng Việt",
            "",
            "",
            "Thứ trưởng Bộ Ngoại giao",
            "speech",
        ),
        (
            "PGS.TS Phạm Minh Sơn, Giám đốc Học viện Báo chí và Tuyên truyền cho biết, báo chí cần đổi mới.",
            "Phạm Minh Sơn",
            "",
            "PGS.TS",
            "Giám đốc Học viện Báo chí và Tuyên truyền",
            "speech",
        ),
        (
            "Ông Vương Đình Huệ, nguyên Thứ trưởng Bộ Ngoại giao dự hội nghị.",
            "Vương Đình Huệ",
            "ông",
            "",
            "nguyên Thứ trưởng Bộ Ngoại giao",
            "attending",
        ),
    ],
)
def test_people_with_honorifics_posts_and_parts(sentence, name, honorific, academic, post, part):
    proposal = read(LEAD + " " + sentence)
    person = next(p for p in proposal.people if p.name == name)
    assert (person.honorific, person.academic_title, person.post, person.part) == (honorific, academic, post, part)


@pytest.mark.parametrize(
    ("sentence", "name", "honorific", "post", "part"),
    [
        (
            "Tham dự có Bộ trưởng Truyền thông và Thông tin Singapore Josephine Teo.",
            "Josephine Teo",
            "",
            "Bộ trưởng Truyền thông và Thông tin Singapore",
            "attending",
        ),
        (
            "Ông Kao Kim Hourn, Tổng Thư ký ASEAN, đánh giá cao hội nghị.",
            "Kao Kim Hourn",
            "ông",
            "Tổng Thư ký ASEAN",
            "speech",
        ),
        ("Thủ tướng Campuchia Hun Manet dự hội nghị.", "Hun Manet", "", "Thủ tướng Campuchia", "attending"),
        (
            "Đại sứ Australia tại Việt Nam Andrew Goledzinowski phát biểu chào mừng.",
            "Andrew Goledzinowski",
            "",
            "Đại sứ Australia tại Việt Nam",
            "speech",
        ),
        ("Ngài Sonexay Siphandone, Thủ tướng Lào, phát biểu.", "Sonexay Siphandone", "ngài", "Thủ tướng Lào", "speech"),
        (
            "Ông Jean-Pierre Dupont, Đại sứ Pháp tại Việt Nam, cho biết báo chí cần hợp tác.",
            "Jean-Pierre Dupont",
            "ông",
            "Đại sứ Pháp tại Việt Nam",
            "speech",
        ),
        ("Ông Marc E. Knapper, Đại sứ Hoa Kỳ, dự hội nghị.", "Marc E. Knapper", "ông", "Đại sứ Hoa Kỳ", "attending"),
        # a body's name in Latin letters before a Vietnamese name is part of the post
        (
            "Giám đốc Microsoft Vietnam Vũ Minh Trí phát biểu tại hội nghị.",
            "Vũ Minh Trí",
            "",
            "Giám đốc Microsoft Vietnam",
            "speech",
        ),
        # a Vietnamese name written without marks stays Vietnamese
        ("Bà Mai Thanh Nga, Giám đốc Sở Ngoại vụ phát biểu.", "Mai Thanh Nga", "bà", "Giám đốc Sở Ngoại vụ", "speech"),
        (
            "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Nguyễn Văn Hùng phát biểu.",
            "Nguyễn Văn Hùng",
            "",
            "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch",
            "speech",
        ),
    ],
)
def test_foreign_names_and_their_posts(sentence, name, honorific, post, part):
    proposal = read(LEAD + " " + sentence)
    assert [p.name for p in proposal.people] == [name]
    person = proposal.people[0]
    assert (person.honorific, person.post, person.part) == (honorific, post, part)


def test_two_officials_joined_by_va_did_the_same():
    proposal = read(
        LEAD + " Bộ trưởng Ngoại giao Indonesia Retno Marsudi và Bộ trưởng Ngoại giao Malaysia Mohamad Hasan "
        "dự hội nghị. Ông Phạm Anh Tuấn, Giám đốc chương trình Digital Vietnam cho biết. Chủ tịch Tập đoàn "
        "Samsung Electronics Lee Jae-yong phát biểu."
    )
    assert [(p.name, p.post, p.part) for p in proposal.people] == [
        ("Retno Marsudi", "Bộ trưởng Ngoại giao Indonesia", "attending"),
        ("Mohamad Hasan", "Bộ trưởng Ngoại giao Malaysia", "attending"),
        ("Phạm Anh Tuấn", "Giám đốc chương trình Digital Vietnam", "speech"),
        ("Lee Jae-yong", "Chủ tịch Tập đoàn Samsung Electronics", "speech"),
    ]


def test_a_deputy_secretary_general_and_an_expert_with_a_talk():
    proposal = read(
        LEAD + " Phát biểu khai mạc, Phó Tổng Thư ký ASEAN Ekkaphab Phanthavong đánh giá cao hội nghị. Tại hội "
        "thảo, bà Shabnam Hoque, chuyên gia truyền thông của UNICEF khu vực Đông Á - Thái Bình Dương, trình bày "
        "tham luận “Trẻ em và môi trường số an toàn”."
    )
    assert [(p.name, p.post, p.part, p.talk_title) for p in proposal.people] == [
        ("Ekkaphab Phanthavong", "Phó Tổng Thư ký ASEAN", "speech", ""),
        (
            "Shabnam Hoque",
            "chuyên gia truyền thông của UNICEF khu vực Đông Á - Thái Bình Dương",
            "presentation",
            "Trẻ em và môi trường số an toàn",
        ),
    ]


def test_a_list_of_officials_gives_each_their_own_post():
    proposal = read(
        LEAD + " Tham dự hội nghị có Bộ trưởng Truyền thông và Thông tin Singapore Josephine Teo, Tổng Thư ký "
        "ASEAN Kao Kim Hourn, Thứ trưởng Bộ Thông tin, Văn hóa và Du lịch Lào Khampheng Saysompheng cùng đại "
        "diện các nước thành viên."
    )
    assert [(p.name, p.post) for p in proposal.people] == [
        ("Josephine Teo", "Bộ trưởng Truyền thông và Thông tin Singapore"),
        ("Kao Kim Hourn", "Tổng Thư ký ASEAN"),
        ("Khampheng Saysompheng", "Thứ trưởng Bộ Thông tin, Văn hóa và Du lịch Lào"),
    ]
    # the order of family and given names differs between countries: the editor is asked to check it
    assert any("Josephine Teo, Kao Kim Hourn, Khampheng Saysompheng" in w for w in proposal.warnings)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hội nghị giới thiệu chương trình Google News Initiative và Digital Transformation Summit.",
        "Đoàn đã làm việc tại Kuala Lumpur, Malaysia và gặp gỡ báo chí.",
        "Phát biểu tại hội nghị, ông cho biết Singapore Airlines tài trợ chương trình.",
        "Chủ tịch Hội Nhà báo Việt Nam phát biểu tại “Vietnam Media Forum” năm nay.",
        "Giám đốc Sở Ngoại vụ giới thiệu ứng dụng Vietnam Travel Guide sẽ ra mắt.",
    ],
)
def test_latin_words_that_are_not_people(sentence):
    proposal = read(LEAD + " " + sentence)
    assert proposal.people == []
    assert not any("Foreign names" in w for w in proposal.warnings)


def test_talk_title_is_the_quoted_title():
    proposal = read(LEAD + " TS Lê Văn Tâm trình bày chuyên đề “Thông tin đối ngoại trong kỷ nguyên số”.")
    assert proposal.people[0].talk_title == "Thông tin đối ngoại trong kỷ nguyên số"


def test_posts_are_split_into_title_and_body():
    proposal = read(LEAD + " Đ/c Hà Trung Ký - UVBTV, Trưởng Ban Tuyên giáo Tỉnh ủy phát biểu khai mạc.")
    assert proposal.people[0].posts[-1] == ("Trưởng Ban", "Ban Tuyên giáo Tỉnh ủy")


def test_someone_only_quoted_is_not_a_participant():
    proposal = read(LEAD + " Hội nghị quán triệt phát biểu của Tổng Bí thư Nguyễn Phú Trọng tại Hội nghị đối ngoại.")
    assert proposal.people == []


@pytest.mark.parametrize(
    ("sentence", "participants", "provinces"),
    [
        ("Hội nghị có hơn 150 đại biểu tham dự.", (150, "more_than"), None),
        ("Khoảng 200 học viên tham gia lớp tập huấn.", (200, "about"), None),
        ("Gần 100 cán bộ dự hội nghị.", (100, "almost"), None),
        ("Dự hội nghị có 250 đại biểu của 63 tỉnh, thành phố.", (250, "exact"), (63, "exact")),
        ("Lớp tập huấn dành cho cán bộ của 32 tỉnh, thành phố khu vực phía Nam.", None, (32, "exact")),
        ("Hơn 1.200 đại biểu tham dự.", (1200, "more_than"), None),
    ],
)
def test_figures_and_their_qualifiers(sentence, participants, provinces):
    proposal = read(LEAD + " " + sentence)
    got_p = (proposal.participants.count, proposal.participants.qualifier) if proposal.participants else None
    got_v = (proposal.provinces_count.count, proposal.provinces_count.qualifier) if proposal.provinces_count else None
    assert (got_p, got_v) == (participants, provinces)


def test_connected_sites():
    proposal = read(LEAD + " Hội nghị được tổ chức trực tuyến ở 11 điểm cầu.")
    assert proposal.sites.count == 11


@pytest.mark.parametrize(
    ("sentence", "directives"),
    [
        ("Hội nghị quán triệt Kết luận số 57-KL/TW của Bộ Chính trị.", [("57-KL/TW", "Kết luận 57-KL/TW")]),
        ("Hội nghị triển khai Nghị quyết 47/NQ-CP.", [("47/NQ-CP", "Nghị quyết 47/NQ-CP")]),
        ("Hội nghị nhằm thực hiện Kết luận số 57 của Bộ Chính trị.", [("", "Kết luận số 57")]),
        ("Thực hiện Chỉ thị số 02/CT-TTg của Thủ tướng, hội nghị đã diễn ra.", [("02/CT-TTg", "Chỉ thị 02/CT-TTg")]),
        ("Hội nghị quán triệt Văn kiện Đại hội XIII của Đảng.", [("", "Văn kiện Đại hội XIII của Đảng")]),
    ],
)
def test_directives(sentence, directives):
    proposal = read(LEAD + " " + sentence)
    assert [(d.symbol, d.name) for d in proposal.directives] == directives


def test_issuer_is_kept():
    proposal = read(LEAD + " Hội nghị giới thiệu Nghị quyết số 47 của Chính phủ.")
    assert proposal.directives[0].issuer == "Chính phủ"


@pytest.mark.parametrize(
    ("ending", "author", "credit"),
    [
        ("N.T", "N.T", "N.T"),
        ("Tác giả bài viết: Minh Hằng", "Minh Hằng", "Tác giả bài viết: Minh Hằng"),
        ("Tin, ảnh: Thu Trang/Báo Nhân dân", "Thu Trang", "Tin, ảnh: Thu Trang/Báo Nhân dân"),
        ("Trâm Anh, Duy Hoàng (VTV8)", "Trâm Anh, Duy Hoàng", "Trâm Anh, Duy Hoàng (VTV8)"),
    ],
)
def test_author_and_credit_lines(ending, author, credit):
    proposal = read(f"Tập huấn thông tin đối ngoại cho cán bộ tỉnh\n\n{LEAD}\n{ending}\nÝ kiến bạn đọc")
    assert (proposal.source.author, proposal.source.credit) == (author, credit)


@pytest.mark.parametrize(
    ("headline", "kind"),
    [
        ("Tập huấn kỹ năng thông tin đối ngoại năm 2019", "training"),
        ("Hội nghị tổng kết công tác thông tin đối ngoại năm 2018", "review"),
        ("Hội thảo về quảng bá hình ảnh địa phương ra thế giới", "seminar"),
        ("Hội nghị triển khai công tác thông tin đối ngoại tỉnh", "conference"),
    ],
)
def test_headline_and_kind(headline, kind):
    proposal = read(f"{headline}\n\nCác đại biểu đã trao đổi nhiều nội dung về công tác của tỉnh và các ngành.")
    assert (proposal.title, proposal.kind) == (headline, kind)


def test_a_dateline_gives_the_publication_date():
    proposal = read_article(f"Tập huấn thông tin đối ngoại cho cán bộ tỉnh\nThứ hai, 15/07/2019 - 08:30\n{LEAD}")
    assert proposal.source.published_on == date(2019, 7, 15)


@pytest.mark.parametrize("text", ["", "   \n\t", "The conference was held in Hanoi on 5 July.", "\x00\x01\x02"])
def test_no_vietnamese_text_is_a_clear_warning(text):
    proposal = read_article(text)
    assert proposal.warnings == ["No Vietnamese text found: nothing could be proposed."]


def test_to_json_has_exactly_the_issues_keys():
    data = read("Ngày 06/11/2018, tại TP. Nha Trang, Sở Ngoại vụ tổ chức hội nghị tập huấn. " + LEAD).to_json()
    assert list(data) == [
        "title", "kind", "start_date", "end_date", "date_precision", "part_of_day", "venue", "city", "province",
        "organisers", "people", "participants", "provinces_count", "directives", "source", "warnings",
    ]  # fmt: skip
    assert data["start_date"] == "2018-11-06"


def test_html_is_reduced_to_its_article_text():
    html = (
        "<html><head><script>x()</script><style>p{}</style></head><body><nav>Trang chủ</nav>"
        "<header>Báo tỉnh</header><h1>Tập huấn thông tin đối ngoại</h1><article><p>Ngày 5/7, Sở Ngoại vụ "
        "tổ chức hội nghị.</p><p>Dòng hai</p></article><aside>Tin khác</aside><footer>© 2019</footer></body></html>"
    )
    assert looks_like_html(html)
    assert article_text(html) == "Tập huấn thông tin đối ngoại\nNgày 5/7, Sở Ngoại vụ tổ chức hội nghị.\nDòng hai"

"""The reader never raises: any text gives a Proposal (Hypothesis)."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.articles.html import article_text
from events.articles.reader import read_article

VIETNAMESE = st.sampled_from(
    ["Ngày", "12/7", "Sáng nay (", "tại TP.", "Nha Trang", "ông", "Nguyễn Văn A", ", Phó Giám đốc", "Sở",
     "phối hợp với", "tổ chức", "hội nghị", "hơn", "150", "đại biểu", "Kết luận số 57-KL/TW", "Từ ngày 11 đến",
     "13-10", "“", "”", "-", ",", ".", "\n", "Tin, ảnh:", "do", "chủ trì", "của 63 tỉnh, thành phố"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_any_text_gives_a_proposal(text, published):
    proposal = read_article(text, published_on=published)
    assert isinstance(proposal.to_json(), dict)


@settings(max_examples=300, deadline=None)
@given(st.lists(VIETNAMESE, max_size=60).map(" ".join), st.one_of(st.none(), st.dates(min_value=date(2010, 1, 1))))
def test_any_mix_of_the_patterns_gives_a_proposal_and_no_invented_year(text, published):
    proposal = read_article(text, published_on=published)
    data = proposal.to_json()
    if data["start_date"] and published is None:
        assert any("year" in w or "năm" in w for w in data["warnings"]) or "20" in text


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_html_gives_text(html):
    assert isinstance(article_text(html), str)


def test_a_megabyte_is_read_without_error():
    text = ("Ngày 12/7, Sở Ngoại vụ tổ chức hội nghị tập huấn cho hơn 150 đại biểu. " * 20000)[:1_000_000]
    proposal = read_article(text, published_on=date(2019, 7, 20))
    assert proposal.start_date == date(2019, 7, 12)

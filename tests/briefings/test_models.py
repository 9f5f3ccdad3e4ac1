from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from briefings.models import Directive, DirectiveRelation
from briefings.queries import relations_of
from briefings.symbols import symbol_form
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("symbol", "form"),
    [
        ("57-KL/TW", "party"),
        ("34-NQ/TW", "party"),
        ("47/NQ-CP", "state"),
        ("23/CT-TTg", "state"),
        ("145/2020/NĐ-CP", "legal"),
        ("91/2025/QH15", "legal"),
    ],
)
def test_symbol_forms_are_recognised(symbol, form):
    assert symbol_form(symbol) == form


@pytest.mark.parametrize("symbol", ["NQ 47", "47-NQ-CP", "57/KL", "KL-57/TW", "47/nq-cp", "abc", "٤٧/NQ-CP"])
def test_malformed_symbol_is_refused_with_the_expected_forms(symbol):
    directive = Directive(kind=Directive.Kind.RESOLUTION, symbol=symbol, title="Thử")
    with pytest.raises(ValidationError) as error:
        directive.full_clean()
    message = error.value.message_dict["symbol"][0]
    assert f"“{symbol}” is not a document symbol" in message
    assert "57-KL/TW" in message and "47/NQ-CP" in message and "145/2020/NĐ-CP" in message


def test_symbol_pasted_with_spaces_and_en_dash_is_normalised():
    directive = factories.directive(symbol=" 47/NQ–CP ")
    assert directive.symbol == "47/NQ-CP"


def test_symbol_and_date_identify_a_document():
    factories.directive(symbol="47/NQ-CP", issue_date=date(2024, 4, 15))
    factories.directive(symbol="47/NQ-CP", issue_date=date(2019, 1, 1))  # numbers restart
    duplicate = Directive(
        kind=Directive.Kind.RESOLUTION, symbol="47/NQ-CP", issue_date=date(2024, 4, 15), title="Bản sao"
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_documents_without_symbol_are_not_unique_on_it():
    factories.directive(kind=Directive.Kind.ASEAN_PLAN, symbol="", title="ASEAN Strategic Plan", issue_date=None)
    factories.directive(kind=Directive.Kind.ASEAN_PLAN, symbol="", title="ASEAN Master Plan", issue_date=None)
    assert Directive.objects.filter(symbol="").count() == 2


def test_short_name_is_the_vietnamese_citation():
    nq47 = factories.directive(kind=Directive.Kind.RESOLUTION, symbol="47/NQ-CP")
    assert nq47.short_name == "Nghị quyết 47/NQ-CP"
    assert nq47.slug == "nghi-quyet-47-nq-cp"


@pytest.mark.parametrize("query", ["nghi quyet 47", "NGHỊ QUYẾT 47/NQ-CP", "47/nq-cp", "chuong trinh hanh dong"])
def test_directive_search_ignores_diacritics(query):
    nq47 = factories.directive(symbol="47/NQ-CP", title="Chương trình hành động của Chính phủ đến năm 2030")
    factories.directive(symbol="57-KL/TW", kind=Directive.Kind.CONCLUSION, title="Tiếp tục nâng cao chất lượng")
    assert list(Directive.objects.search(query)) == [nq47]


def test_relation_reads_in_both_directions():
    kl57 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW")
    nq47 = factories.directive(symbol="47/NQ-CP")
    factories.directive_relation(source=nq47, kind=DirectiveRelation.Kind.IMPLEMENTS, target=kl57)
    assert [(r.label, r.directive) for r in relations_of(nq47)] == [("implements", kl57)]
    assert [(r.label, r.directive) for r in relations_of(kl57)] == [("is implemented by", nq47)]


def test_directive_cannot_relate_to_itself():
    kl57 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW")
    relation = DirectiveRelation(source=kl57, target=kl57, kind=DirectiveRelation.Kind.RELATED)
    with pytest.raises(ValidationError):
        relation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        relation.save()


def test_same_relation_is_not_stored_twice():
    relation = factories.directive_relation()
    again = DirectiveRelation(source=relation.source, target=relation.target, kind=relation.kind)
    with pytest.raises(ValidationError):
        again.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_related_recorded_from_the_other_side_counts_as_the_same_relation():
    kl57 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW")
    kl16 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="16-KL/TW")
    factories.directive_relation(source=kl57, target=kl16, kind=DirectiveRelation.Kind.RELATED)
    mirror = DirectiveRelation(source=kl16, target=kl57, kind=DirectiveRelation.Kind.RELATED)
    with pytest.raises(ValidationError) as error:
        mirror.full_clean()
    assert error.value.messages == ["This relation is already recorded from the other document."]


def test_period_cannot_end_before_it_starts():
    directive = Directive(kind=Directive.Kind.ASEAN_PLAN, title="Plan", period_start=2025, period_end=2016)
    with pytest.raises(ValidationError) as error:
        directive.full_clean()
    assert "period_end" in error.value.message_dict


@pytest.mark.parametrize(
    ("start", "end", "shown"), [(2016, 2025, "2016–2025"), (None, 2030, "until 2030"), (2011, None, "from 2011")]
)
def test_period_is_shown_with_the_years_known(start, end, shown):
    assert Directive(period_start=start, period_end=end).period == shown

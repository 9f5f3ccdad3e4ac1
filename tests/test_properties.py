"""Bad input at scale: properties that hold for every input Hypothesis can think of.

The symbol parser, the search folding, slug making and the registration form and service. Each
property runs a hundred generated examples (`PROPERTIES`); the database ones fewer, each inside
a savepoint that is rolled back, since Hypothesis runs every example in the one test transaction.

The inputs that found bugs (now fixed) are kept as explicit `@example`s, so every run tries them.
"""

import re
import unicodedata
from contextlib import contextmanager, suppress
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import event as event_label
from hypothesis import strategies as st

from briefings.symbols import FORMS, normalise_symbol, symbol_form, validate_symbol
from people.models import Province
from people.text import fold, slugify_vi
from registrations import services
from registrations.forms import MAX_DELEGATES, DelegateForm, delegate_formset
from registrations.models import PERSON_KEY_LENGTH, Registration, RegistrationChange
from registrations.services import DelegateData, RegistrationError
from tests import factories

# Function-scoped fixtures (the autouse ones of conftest, the database) are shared by all the
# examples of a test; the tests below keep each example's state to itself, so the check is moot.
PROPERTIES = settings(
    max_examples=100,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the project
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DATABASE_PROPERTIES = settings(PROPERTIES, max_examples=30)
FEWER = settings(PROPERTIES, max_examples=50)  # for examples that are costly to draw (whole formsets, texts)

NATIONAL_PHONE = re.compile(r"0[0-9]{9}")  # ASCII digits: what a phone can dial and a duplicate check compares
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*|")


# --- strategies -----------------------------------------------------------------------------------

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZĐ"
KIND = st.text(UPPER, min_size=1, max_size=4)
ISSUER_PART = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(UPPER),
    st.text(UPPER + "abcdefghijklmnopqrstuvwxyz0123456789&", max_size=5),
)
ISSUER = st.lists(ISSUER_PART, min_size=1, max_size=3).map("-".join)
NUMBER = st.integers(min_value=0, max_value=10**6).map(str)
YEAR = st.integers(min_value=1900, max_value=2099).map(str)


@st.composite
def symbols(draw):
    """(symbol, form, kind, issuer) in one of the three written forms."""
    form = draw(st.sampled_from(["party", "state", "legal"]))
    number, kind = draw(NUMBER), draw(KIND)
    if form == "party":
        issuer = draw(ISSUER_PART)  # 57-KL/TW: one issuer, no hyphen
        return f"{number}-{kind}/{issuer}", form, kind, issuer
    issuer = draw(ISSUER)
    if form == "state":
        return f"{number}/{kind}-{issuer}", form, kind, issuer
    if draw(st.booleans()):  # laws omit the kind: 91/2025/QH15
        return f"{number}/{draw(YEAR)}/{issuer}", form, None, issuer
    return f"{number}/{draw(YEAR)}/{kind}-{issuer}", form, kind, issuer


@st.composite
def as_pasted(draw, symbol: str) -> str:
    """`symbol` as it arrives from a word processor: spaces around, en dashes or U+2010 for hyphens."""
    out = []
    for char in symbol:
        if char == "-":
            char = draw(st.sampled_from(["-", "–", "‐"]))
        out.append(char + draw(st.sampled_from(["", "", " ", "\u00a0", "\t"])))
    return draw(st.sampled_from(["", " ", "\n"])) + "".join(out) + draw(st.sampled_from(["", " ", "\r\n"]))


# Vietnamese letters as a base letter with an optional vowel mark and an optional tone mark.
# `bare` is how the letter reads without any mark (ă, â → a; đ → d; ơ → o; ư → u …).
VOWEL_MARKS = {"a": ["", "\u0306", "\u0302"], "e": ["", "\u0302"], "o": ["", "\u0302", "\u031b"], "u": ["", "\u031b"]}
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền, sắc, hỏi, ngã, nặng
BASE_LETTERS = "abcdeghiklmnopqrstuvxy" + "fjwz"  # and the four that foreign names bring


@st.composite
def vietnamese_letter(draw) -> tuple[str, str]:
    """(letter with random diacritics, the same letter bare)."""
    bare = draw(st.sampled_from(BASE_LETTERS))
    if bare == "d" and draw(st.booleans()):
        letter = "đ"
    else:
        letter = bare + draw(st.sampled_from(VOWEL_MARKS.get(bare, [""])))
        if bare in "aeiouy" or draw(st.integers(0, 9)) == 0:  # tones go on vowels, now and then elsewhere
            letter += draw(st.sampled_from(TONES))
    if draw(st.booleans()):
        letter, bare = letter.upper(), bare.upper()
    return letter, bare


@st.composite
def vietnamese_text(draw) -> tuple[str, str]:
    """(Vietnamese text with random diacritics in a random Unicode normal form, the same text bare)."""
    words = draw(
        st.lists(
            st.lists(st.one_of(vietnamese_letter(), st.sampled_from("0123456789").map(lambda d: (d, d))), max_size=8),
            max_size=8,
        )
    )
    separators = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", ", ", " - ", "/"])
    text, bare = [], []
    for word in words:
        gap = draw(separators)
        text.append("".join(letter for letter, _ in word) + gap)
        bare.append("".join(plain for _, plain in word) + gap)
    form, lead = draw(st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"])), draw(separators)
    return unicodedata.normalize(form, lead + "".join(text)), lead + "".join(bare)


NAME_WORDS = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Thị", "Văn", "Hữu", "Ngọc", "Hoa", "An", "Đức", "Thủy"]
name = st.one_of(
    st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=3).map(" ".join),
    st.text(max_size=60),
    st.just(""),
)
ascii_digits = st.text("0123456789", min_size=9, max_size=9)
separated_digits = st.lists(st.sampled_from("0123456789 .-()"), min_size=9, max_size=14).map("".join)
phone = st.one_of(
    st.builds(
        lambda prefix, digits: prefix + digits, st.sampled_from(["0", "+84", "84", "+84 ", "(+84) ", ""]), ascii_digits
    ),
    st.builds(lambda prefix, digits: prefix + digits, st.sampled_from(["0", "+84"]), separated_digits),
    st.text(max_size=25),
)
email = st.one_of(st.just(""), st.emails(), st.text(max_size=40))
gender = st.one_of(st.sampled_from(Registration.Gender.values), st.text(max_size=12))
DELEGATE_FIELDS = {
    "family_name": name,
    "middle_name": name,
    "given_name": name,
    "post": st.one_of(st.just("Chuyên viên"), st.text(max_size=300)),
    "organisation": st.one_of(st.just("Sở Văn hóa, Thể thao và Du lịch"), st.text(max_size=300)),
    "gender": gender,
    "phone": phone,
    "email": email,
}
delegate_data = st.fixed_dictionaries(DELEGATE_FIELDS)
# What a careful officer types: the service should take it (or refuse it for a rule, never crash).
plausible_delegate = st.fixed_dictionaries(
    {
        "family_name": st.sampled_from(NAME_WORDS),
        "middle_name": st.lists(st.sampled_from(NAME_WORDS), max_size=2).map(" ".join),
        "given_name": st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=2).map(" ".join),
        "post": st.one_of(st.sampled_from(["Chuyên viên", "Phó Giám đốc Sở"]), st.text(min_size=1, max_size=40)),
        "organisation": st.one_of(st.just("Sở Văn hóa và Thể thao"), st.text(min_size=1, max_size=40)),
        "gender": st.sampled_from(Registration.Gender.values),
        "phone": st.one_of(
            ascii_digits.map(lambda digits: "09" + digits[:8]),
            ascii_digits.map(lambda digits: f"+84 {digits[:3]} {digits[3:6]} {digits[6:]}"),
        ),
        "email": st.one_of(st.just(""), st.emails()),
    }
)


# --- the symbol parser ----------------------------------------------------------------------------


@PROPERTIES
@given(symbols())
def test_symbol_well_formed_is_accepted_and_classified(generated):
    symbol, form, kind, issuer = generated

    validate_symbol(symbol)

    assert symbol_form(symbol) == form
    parts = FORMS[form].match(symbol)
    if form == "legal":  # "1/2020/AB-CD" reads as kind AB of issuer CD, whether or not AB was meant as a kind
        assert "-".join(filter(None, parts.group("kind", "issuer"))) == "-".join(filter(None, [kind, issuer]))
    else:
        assert parts.group("kind", "issuer") == (kind, issuer)


@FEWER
@given(st.data(), symbols())
def test_symbol_pasted_with_spaces_and_dashes_is_accepted_as_its_plain_form(data, generated):
    symbol, form, *_ = generated
    pasted = data.draw(as_pasted(symbol))

    validate_symbol(pasted)

    assert normalise_symbol(pasted) == symbol
    assert symbol_form(normalise_symbol(pasted)) == form


@PROPERTIES
@given(st.one_of(st.text(), st.text("0123456789/-–ABCDĐKLNQTWabc& ")))
def test_symbol_any_text_is_either_accepted_or_refused_with_a_validation_error(text):
    try:
        validate_symbol(text)
    except ValidationError as error:
        assert error.code == "malformed_symbol"
        assert text  # the empty symbol (no symbol) is always fine
    else:
        assert not text or symbol_form(normalise_symbol(text)) is not None


@FEWER
@given(st.one_of(st.text(), symbols().flatmap(lambda generated: as_pasted(generated[0]))))
def test_symbol_normalising_twice_changes_nothing(text):
    once = normalise_symbol(text)

    assert normalise_symbol(once) == once
    assert not re.search(r"\s|–|‐", once)


@PROPERTIES
@given(symbols(), st.sampled_from("٠١٢٣٤٥٦٧٨٩०१२३४५६७८९０１２３４５６７８９"))
@example(("47/NQ-CP", "state", "NQ", "CP"), "٤")
def test_symbol_with_digits_other_than_ascii_is_refused(generated, digit):
    symbol = generated[0]
    foreign = re.sub(r"[0-9]", digit, symbol, count=1)

    with pytest.raises(ValidationError):
        validate_symbol(foreign)


# --- search folding -------------------------------------------------------------------------------


@PROPERTIES
@given(st.text())
def test_fold_any_text_is_idempotent_lower_case_without_marks_or_d_with_stroke(text):
    folded = fold(text)

    assert fold(folded) == folded
    assert folded == folded.casefold()  # casefold, not lower(): Cherokee letters casefold to capitals
    assert not any(unicodedata.combining(char) for char in folded)
    assert "đ" not in folded and "Đ" not in folded
    assert folded == folded.strip() and "  " not in folded


@FEWER
@given(vietnamese_text())
def test_fold_vietnamese_with_any_diacritics_equals_fold_of_the_bare_text(generated):
    text, bare = generated

    folded = fold(text)

    assert folded == fold(bare)
    assert folded == " ".join(bare.split()).lower()
    assert folded.isascii()


# --- slugs ----------------------------------------------------------------------------------------


@PROPERTIES
@given(st.text(), st.integers(min_value=1, max_value=120))
@example("Hội nghị_2024", 80)  # Django's slugify keeps "_"
@example("ab_cd", 3)  # and a cut could end on it
def test_slug_is_short_lowercase_ascii_with_single_inner_hyphens(text, max_length):
    slug = slugify_vi(text, max_length=max_length)

    assert SLUG.fullmatch(slug), slug
    assert len(slug) <= max_length
    assert slugify_vi(text, max_length=max_length) == slug
    assert slugify_vi(slug, max_length=max_length) == slug


@FEWER
@given(vietnamese_text())
def test_slug_of_vietnamese_is_its_folded_words_with_d_for_d_with_stroke(generated):
    text, bare = generated
    words = re.findall(r"[a-z0-9]+", fold(bare))

    slug = slugify_vi(text, max_length=10_000)

    assert slug == "-".join(words)
    assert slug == slugify_vi(bare, max_length=10_000)
    assert slugify_vi("đ" + text, max_length=10_000).startswith("d")


# --- the registration form ------------------------------------------------------------------------


@PROPERTIES
@given(
    st.one_of(
        plausible_delegate,
        st.fixed_dictionaries(
            {}, optional={field: st.one_of(strategy, st.text()) for field, strategy in DELEGATE_FIELDS.items()}
        ),
    )
)
def test_delegate_form_any_input_is_valid_or_has_errors(data):
    form = DelegateForm(data=data)

    event_label("valid" if form.is_valid() else "errors")
    if form.is_valid():
        delegate = form.to_delegate()
        assert NATIONAL_PHONE.fullmatch(delegate.as_fields()["phone"])
        assert delegate.family_name.strip() and delegate.given_name.strip()
        assert delegate.gender in Registration.Gender.values
    else:
        assert form.errors


@PROPERTIES
@given(st.lists(st.sampled_from("0123456789٠١٢٣٤٥٦٧٨٩০১২৩৪৫৬৭৮৯０１２３４５６７８９"), min_size=9, max_size=9))
@example(list("٩١٢٣٤٥٦٧٨"))
def test_delegate_form_valid_phone_is_ten_ascii_digits(digits):
    data = {
        "family_name": "Trần",
        "given_name": "Hoa",
        "post": "Chuyên viên",
        "organisation": "Sở Văn hóa",
        "gender": "female",
        "phone": "0" + "".join(digits),
    }
    form = DelegateForm(data=data)

    if form.is_valid():
        assert NATIONAL_PHONE.fullmatch(form.to_delegate().as_fields()["phone"])


management_number = st.one_of(st.integers(min_value=-5, max_value=2000).map(str), st.text(max_size=6))


@FEWER
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "delegates-TOTAL_FORMS": management_number,
            "delegates-INITIAL_FORMS": management_number,
            "delegates-MIN_NUM_FORMS": management_number,
            "delegates-MAX_NUM_FORMS": management_number,
        },
    ),
    st.booleans(),
    st.lists(st.one_of(plausible_delegate, delegate_data), max_size=4),
    st.dictionaries(st.text(max_size=20), st.text(max_size=20), max_size=3),
)
def test_delegate_formset_any_input_is_valid_or_has_errors(management, as_the_page_sends_it, rows, extra):
    data = {**extra, **management}
    if as_the_page_sends_it:
        data.update({"delegates-TOTAL_FORMS": str(len(rows)), "delegates-INITIAL_FORMS": "0"})
    for number, row in enumerate(rows):
        data.update({f"delegates-{number}-{field}": value for field, value in row.items()})

    formset = delegate_formset()(data, prefix="delegates")

    if formset.is_valid():
        event_label("valid")
        delegates = formset.delegates()
        assert 1 <= len(delegates) <= MAX_DELEGATES
        assert all(NATIONAL_PHONE.fullmatch(delegate.as_fields()["phone"]) for delegate in delegates)
    else:
        event_label("errors")
        assert formset.errors or formset.non_form_errors()


# --- the person key (one active registration per person and event) ------------------------------


@FEWER
@given(vietnamese_text(), st.integers(min_value=1, max_value=12), phone)
def test_person_key_fits_its_column_and_is_the_same_however_the_name_is_spelt(generated, repeat, phone_number):
    text, bare = generated

    key = Registration.make_person_key(text * repeat, phone_number)

    assert len(key) <= PERSON_KEY_LENGTH
    assert key == Registration.make_person_key(bare * repeat, phone_number)


def test_person_keys_of_long_names_that_differ_only_at_the_end_differ():
    long_family = "Tôn Nữ " * 30

    first = Registration.make_person_key(long_family + "Hoa", "0912345678")
    second = Registration.make_person_key(long_family + "Hoan", "0912345678")

    assert len(first) == len(second) == PERSON_KEY_LENGTH
    assert first != second
    assert first.startswith("ton nu ton nu")  # the admin's search still finds the name


# --- the registration service: all or nothing -----------------------------------------------------

REFUSALS = {"empty", "invalid", "not_open", "closed", "no_quota", "duplicate", "over_quota", "busy"}


@contextmanager
def rolled_back():
    """Whatever the example writes is undone, so the next one starts from the same database."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Mostly an open event with seats, so that most submissions reach the writes; each way to refuse now and then.
registration_setup = st.fixed_dictionaries(
    {
        "seats": st.sampled_from([3, 2, 1, 0]),
        "capacity": st.sampled_from([None, None, 4, 2, 1, 0]),
        "keeps_waitlist": st.booleans(),
        "needs_approval": st.booleans(),
        "window": st.sampled_from(["open", "open", "open", "open", "not yet", "closed"]),
        "former_province": st.sampled_from([False, False, False, False, False, True]),
        "already_registered": st.booleans(),
        "repeats": st.sampled_from([None, None, None, "within", "registered"]),
    }
)
REGISTERED = {"family_name": "Lê", "middle_name": "", "given_name": "Sẵn Có", "phone": "0912000999"}
RESPELT = {**REGISTERED, "family_name": "le", "given_name": "san  co", "phone": "+84 912 000 999"}


def _window(name, now):
    return {
        "open": (now - timedelta(days=1), now + timedelta(days=1)),
        "not yet": (now + timedelta(days=1), now + timedelta(days=2)),
        "closed": (now - timedelta(days=2), now - timedelta(days=1)),
    }[name]


@pytest.mark.django_db
@DATABASE_PROPERTIES
@given(
    registration_setup,
    st.one_of(
        st.lists(plausible_delegate, min_size=1, max_size=4),
        st.lists(st.one_of(plausible_delegate, delegate_data), max_size=4),
    ),
)
def test_register_delegates_saves_all_of_a_submission_or_nothing(setup, rows):
    delegates = [DelegateData(**row) for row in rows]
    if setup["repeats"] == "within" and delegates:
        delegates.append(delegates[0])  # the same person twice in one submission
    elif setup["repeats"] == "registered":
        delegates.append(factories.delegate(**RESPELT))  # a person registered before, spelt otherwise
    province = factories.current_province()
    opens_at, closes_at = _window(setup["window"], timezone.now())

    with rolled_back():
        event = factories.registration_open(
            quotas={province: setup["seats"]},
            capacity=setup["capacity"],
            keeps_waitlist=setup["keeps_waitlist"],
            needs_approval=setup["needs_approval"],
            opens_at=opens_at,
            closes_at=closes_at,
        )
        if setup["already_registered"] and setup["window"] == "open":
            with suppress(RegistrationError):  # no seat and no waiting list: nobody registered before
                factories.registration(event=event, province=province, **REGISTERED)
        rows_before = Registration.objects.filter(event=event).count()
        changes_before = RegistrationChange.objects.filter(registration__event=event).count()
        submitting = Province.objects.exclude(valid_to=None).first() if setup["former_province"] else province

        try:
            created = services.register_delegates(event=event, province=submitting, delegates=delegates, actor=None)
        except RegistrationError as error:
            assert error.code in REFUSALS, error.code
            event_label(f"refused: {error.code}")
            created = []
        else:
            assert len(created) == len(delegates) >= 1
            event_label(f"registered {len(created)}")
            assert all(NATIONAL_PHONE.fullmatch(registration.phone) for registration in created)

        saved = Registration.objects.filter(event=event)
        assert saved.count() == rows_before + len(created)
        assert saved.filter(status__in=Registration.HOLDS_SEAT).count() <= setup["seats"]
        assert RegistrationChange.objects.filter(registration__event=event).count() == changes_before + len(created)


def _register_one(**fields):
    """Register one delegate with `fields`; (created count, error code or None). Undone afterwards."""
    province = factories.current_province()
    with rolled_back():
        event = factories.registration_open(quotas={province: 5})
        try:
            created = services.register_delegates(
                event=event, province=province, delegates=[factories.delegate(**fields)], actor=None
            )
        except RegistrationError as error:
            assert Registration.objects.filter(event=event).count() == 0
            return 0, error.code
        assert Registration.objects.filter(event=event).count() == len(created)
        return len(created), None


@pytest.mark.django_db
def test_register_delegates_with_names_at_their_maximum_lengths_registers_them():
    created, code = _register_one(family_name="Tôn Nữ " * 7 + "T", middle_name="Thị " * 25, given_name="Hoa" * 16)

    assert (created, code) == (1, None)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["family_name", "given_name", "post", "email"])
def test_register_delegates_with_a_nul_character_is_refused_and_saves_nothing(field):
    created, code = _register_one(**{field: "Hoa\x00"})

    assert (created, code) == (0, "invalid")

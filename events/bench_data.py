"""Synthetic data at scale for the benchmark (`manage.py make_bench_data`).

Ten years of events with everything a page shows, in the provinces of their day (before and after
the 2025 merger), thousands of officials with position histories, directives, and provinces'
delegates. Deterministic: the same seed gives the same rows (titles, dates, links, codes); only the
times that follow today's date differ (the registration windows of the events open now, when each
delegate registered).

Fast rather than faithful to the write path: rows are made with `bulk_create` in batches, so the
values `save()` would compute (slugs, normalised symbols, `search_text`) are computed here, and no
signal is sent. Every bench row is recognisable by its slug (or its event's or person's slug)
starting with `bench-`.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.db import transaction
from PIL import Image

from briefings.models import Directive, DirectiveRelation
from briefings.symbols import normalise_symbol
from people.models import AcademicTitle, Organisation, Person, Position, Province
from people.search import SearchableModel
from people.text import fold, slugify_vi

from .models import (
    AgendaItem,
    DirectiveEventCount,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventRelation,
    EventSearchIndex,
    EventSeries,
    Outcome,
    ParticipantGroup,
    Photo,
    Source,
)

PREFIX = "bench-"
BATCH = 2000
PARTS_CHUNK = 5000  # events whose parts are made, then written, at a time
# The parts make_event_parts() writes, in the order it writes them.
PART_MODELS = [EventOrganiser, AgendaItem, EventOfficial, ParticipantGroup, Outcome, EventDirective, Photo, Source]
FIRST_DAY = date(2017, 7, 1)  # ten years, the last of them still to come (fixed, for determinism)
LAST_DAY = date(2027, 6, 30)
PLACEHOLDER_IMAGE = "bench/placeholder.jpg"
PLACEHOLDER_THUMBNAIL = "bench/placeholder-thumb.jpg"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Thu", "Xuân", "Hồng", "Anh", ""]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Linh"]
GIVEN += ["Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Yến"]
POSTS = [
    ("Bộ trưởng", "Minister"),
    ("Thứ trưởng", "Deputy Minister"),
    ("Vụ trưởng", "Director General"),
    ("Phó Vụ trưởng", "Deputy Director General"),
    ("Cục trưởng", "Director"),
    ("Phó Cục trưởng", "Deputy Director"),
    ("Giám đốc Sở", "Director of Department"),
    ("Phó Giám đốc Sở", "Deputy Director of Department"),
    ("Chủ tịch UBND", "Chairman of the People's Committee"),
    ("Phó Chủ tịch UBND", "Vice Chairman of the People's Committee"),
    ("Trưởng phòng", "Head of Division"),
    ("Chuyên viên", "Official"),
]
CENTRAL_BODIES = [
    ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications", "ministry"),
    ("Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism", "ministry"),
    ("Bộ Ngoại giao", "Ministry of Foreign Affairs", "ministry"),
    ("Ban Tuyên giáo Trung ương", "Central Commission for Propaganda and Education", "party_commission"),
    ("Ban Đối ngoại Trung ương", "Central Commission for External Relations", "party_commission"),
    ("Chính phủ", "Government of Viet Nam", "government"),
    ("Bộ Chính trị", "Politburo", "party_body"),
    ("Thông tấn xã Việt Nam", "Vietnam News Agency", "press"),
    ("Đài Truyền hình Việt Nam", "Vietnam Television", "press"),
    ("Học viện Báo chí và Tuyên truyền", "Academy of Journalism and Communication", "academy"),
]
UNITS = [
    ("Cục Thông tin đối ngoại", "Department of Foreign Information Service"),
    ("Vụ Hợp tác quốc tế", "Department of International Cooperation"),
    ("Cục Báo chí", "Press Agency"),
    ("Vụ Thông tin Báo chí", "Press and Information Department"),
    ("Cục Văn hóa đối ngoại", "Department of External Culture"),
]
EVENT_WORDS = {
    Event.Kind.TRAINING: (
        "Hội nghị tập huấn công tác thông tin đối ngoại",
        "Training conference on foreign information",
    ),
    Event.Kind.CONFERENCE: ("Hội nghị thông tin đối ngoại", "Conference on foreign information"),
    Event.Kind.SEMINAR: ("Hội thảo về thông tin đối ngoại", "Seminar on foreign information"),
    Event.Kind.MINISTERIAL: ("Hội nghị Bộ trưởng Thông tin ASEAN", "ASEAN Ministers Responsible for Information"),
    Event.Kind.REVIEW: ("Hội nghị tổng kết công tác thông tin đối ngoại", "Review of foreign information work"),
}
TOPICS = [
    ("về biển, đảo", "on seas and islands"),
    ("về biên giới đất liền", "on the land border"),
    ("về chuyển đổi số", "on digital transformation"),
    ("về du lịch và văn hóa", "on tourism and culture"),
    ("về hội nhập quốc tế", "on international integration"),
    ("về quyền con người", "on human rights"),
    ("cho báo chí địa phương", "for local press"),
    ("về xử lý khủng hoảng truyền thông", "on crisis communication"),
    ("về nội dung số", "on digital content"),
    ("về đầu tư nước ngoài", "on foreign investment"),
]
DOC_FORMS = [
    (Directive.Kind.RESOLUTION, "Nghị quyết", "{n}/NQ-CP", "Government resolution"),
    (Directive.Kind.DIRECTIVE, "Chỉ thị", "{n}-CT/TW", "Party directive"),
    (Directive.Kind.CONCLUSION, "Kết luận", "{n}-KL/TW", "Party conclusion"),
    (Directive.Kind.DECISION, "Quyết định", "{n}/QĐ-TTg", "Prime Minister's decision"),
    (Directive.Kind.PLAN, "Kế hoạch", "{n}/KH-BTTTT", "Ministry plan"),
    (Directive.Kind.DECREE, "Nghị định", "{n}/{year}/NĐ-CP", "Decree"),
]
PUBLISHERS = ["Báo Tin tức", "Báo Nhân Dân", "VietnamPlus", "Báo Lâm Đồng", "Cổng TTĐT Chính phủ", "Báo Quân đội"]


@dataclass
class Counts:
    rows: dict = field(default_factory=dict)

    def add(self, name, n):
        self.rows[name] = self.rows.get(name, 0) + n


def _slug(text: str, n: int) -> str:
    return f"{PREFIX}{slugify_vi(text, max_length=56)}-{n}"


def has_foreign_data() -> bool:
    """Whether the database holds events that this generator did not make (e.g. the demo or real ones)."""
    return Event.objects.exclude(slug__startswith=PREFIX).exists()


class Extension:
    """What another app adds to the bench data (registrations: settings, quotas, delegates), so that
    this module needs none of its models. `doomed(events)`: querysets to delete before the events'
    own rows, children first; `make(generator, events, provinces)`: runs after the record is made."""

    def doomed(self, events) -> list:
        return []

    def make(self, generator, events, provinces) -> None:
        pass


EXTENSIONS: list[Extension] = []


def register_extension(extension: Extension) -> None:
    if not any(type(e) is type(extension) for e in EXTENSIONS):
        EXTENSIONS.append(extension)


def has_bench_data() -> bool:
    return Event.objects.filter(slug__startswith=PREFIX).exists()


@transaction.atomic
def delete_bench_data() -> None:
    """Remove what an earlier run made, children first.

    Raw deletes: a normal delete sends a signal per row (a history record, a page-cache bump), which
    takes minutes at 100,000 registrations. The foreign keys are still checked when the transaction
    commits, so a row outside the bench data that points at one of these makes it fail, not dangle.
    """
    events = Event.objects.filter(slug__startswith=PREFIX)
    directives = Directive.objects.filter(slug__startswith=PREFIX)
    organisations = Organisation.objects.filter(slug__startswith=PREFIX)
    doomed = [
        *(queryset for extension in EXTENSIONS for queryset in extension.doomed(events)),
        *(model.objects.filter(event__in=events) for model in (EventOrganiser, AgendaItem, EventOfficial)),
        Outcome.provinces.through.objects.filter(outcome__event__in=events),
        Outcome.organisations.through.objects.filter(outcome__event__in=events),
        *(
            model.objects.filter(event__in=events)
            for model in (ParticipantGroup, Outcome, EventDirective, Photo, Source)
        ),
        EventRelation.objects.filter(from_event__in=events),
        EventRelation.objects.filter(to_event__in=events),
        EventSearchIndex.objects.filter(event__in=events),
        events,
        EventSeries.objects.filter(slug__startswith=PREFIX),
        DirectiveRelation.objects.filter(source__in=directives),
        DirectiveRelation.objects.filter(target__in=directives),
        DirectiveEventCount.objects.filter(directive__in=directives),
        directives,
        AcademicTitle.objects.filter(person__slug__startswith=PREFIX),
        Position.objects.filter(person__slug__startswith=PREFIX),
        Person.objects.filter(slug__startswith=PREFIX),
        organisations,
    ]
    for queryset in doomed:
        queryset._raw_delete(queryset.db)  # Django's own signal-free delete (what Collector uses)


def placeholder_image() -> None:
    """One small JPEG (and its thumbnail) that every bench photo row points at, made once."""
    root = Path(settings.MEDIA_ROOT)
    for name, size in ((PLACEHOLDER_IMAGE, (960, 640)), (PLACEHOLDER_THUMBNAIL, (480, 320))):
        path = root / name
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = BytesIO()
        Image.new("RGB", size, (182, 34, 30)).save(buffer, "JPEG", quality=70)
        path.write_bytes(buffer.getvalue())


class Generator:
    def __init__(self, *, seed: int, events: int, officials: int, registrations: int, stdout=None):
        self.rng = random.Random(seed)
        self.n_events = events
        self.n_officials = officials
        self.n_registrations = registrations
        self.stdout = stdout
        self.counts = Counts()

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def bulk(self, model, rows):
        if issubclass(model, SearchableModel):
            # What SearchableModel.save() would store, from the model's own list of parts.
            for row in rows:
                row.search_text = fold(" ".join(p for p in row.search_parts() if p))
        made = model.objects.bulk_create(rows, batch_size=BATCH)
        self.counts.add(model.__name__, len(made))
        return made

    # --- the record ----------------------------------------------------------------------------

    def run(self) -> dict:
        placeholder_image()
        provinces = list(Province.objects.order_by("pk"))
        self.organisations = self.make_organisations(provinces)
        self.people = self.make_people()
        self.directives = self.make_directives()
        self.series = self.make_series()
        events = self.make_events(provinces)
        self.make_event_parts(events)
        for extension in EXTENSIONS:
            extension.make(self, events, provinces)
        return self.counts.rows

    def make_organisations(self, provinces) -> list[Organisation]:
        rows, n = [], 0
        for name, name_en, kind in CENTRAL_BODIES:
            n += 1
            rows.append(Organisation(name=name, name_en=name_en, kind=kind, slug=_slug(name_en, n)))
        for province in provinces:
            n += 1
            name = f"UBND {province.name}"
            name_en = f"People's Committee of {province.name_en or province.name}"
            rows.append(
                Organisation(
                    name=name,
                    name_en=name_en,
                    kind=Organisation.Kind.PEOPLES_COMMITTEE,
                    province=province,
                    slug=_slug(name, n),
                )
            )
        parents = self.bulk(Organisation, rows)
        units = []
        for parent in parents[:5]:
            for name, name_en in UNITS:
                n += 1
                units.append(
                    Organisation(
                        name=name,
                        name_en=name_en,
                        kind=Organisation.Kind.DEPARTMENT,
                        parent=parent,
                        slug=_slug(f"{name} {parent.name}", n),
                    )
                )
        return parents + self.bulk(Organisation, units)

    def make_people(self) -> list[Person]:
        rng, rows, titles = self.rng, [], []
        for n in range(1, self.n_officials + 1):
            family, middle, given = rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)
            full_name = " ".join(p for p in (family, middle, given) if p)
            rows.append(
                Person(
                    family_name=family,
                    middle_name=middle,
                    given_name=given,
                    honorific=rng.choice(["mr", "ms", ""]),
                    slug=_slug(full_name, n),
                )
            )
            titles.append(rng.choice(["", "", "", "TS", "ThS", "PGS.TS"]))
        people = self.bulk(Person, rows)
        # A title known from a year (2010–2024), or with no date every seventh time.
        self.bulk(
            AcademicTitle,
            [
                AcademicTitle(
                    person=person,
                    title=title,
                    held_from=None if n % 7 == 0 else date(2010 + n % 15, 1, 1),
                    precision=AcademicTitle.Precision.YEAR,
                )
                for n, (person, title) in enumerate(zip(people, titles, strict=True))
                if title
            ],
        )
        # A career: two to four consecutive posts from 2010 on, the last one still held.
        positions = []
        for person in people:
            start = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 2000))
            posts = rng.randint(2, 4)
            for i in range(posts):
                title, title_en = rng.choice(POSTS)
                end = start + timedelta(days=rng.randrange(700, 2200))
                last = i == posts - 1 or (i > 0 and end > LAST_DAY)
                positions.append(
                    Position(
                        person=person,
                        title=title,
                        title_en=title_en,
                        organisation=rng.choice(self.organisations),
                        start_date=start,
                        end_date=None if last else end,
                        order=i,
                    )
                )
                if last:
                    break
                start = end + timedelta(days=1)
        self.bulk(Position, positions)
        return people

    def make_directives(self) -> list[Directive]:
        rng, rows = self.rng, []
        count = max(20, self.n_events // 20)
        for n in range(1, count + 1):
            kind, word, pattern, label_en = DOC_FORMS[n % len(DOC_FORMS)]
            issue = date(2012, 1, 1) + timedelta(days=rng.randrange(0, 365 * 14))
            symbol = normalise_symbol(pattern.format(n=n, year=issue.year))
            topic, topic_en = rng.choice(TOPICS)
            title = f"Về tăng cường công tác thông tin đối ngoại {topic}"
            title_en = f"{label_en} on strengthening foreign information {topic_en}"
            short_name = f"{word} {symbol}"
            rows.append(
                Directive(
                    kind=kind,
                    symbol=symbol,
                    title=title,
                    title_en=title_en,
                    slug=_slug(short_name, n),
                    issuer=rng.choice(self.organisations[: len(CENTRAL_BODIES)]),
                    issue_date=issue,
                    summary="Văn bản tổng hợp dùng cho đo hiệu năng.",
                )
            )
        directives = self.bulk(Directive, rows)
        relations = []
        for source in directives[1::3]:
            target = rng.choice(directives)
            if target.pk != source.pk:
                relations.append(
                    DirectiveRelation(source=source, target=target, kind=DirectiveRelation.Kind.IMPLEMENTS)
                )
        self.bulk(DirectiveRelation, relations)
        return directives

    def make_series(self) -> list[EventSeries]:
        rows = []
        for n in range(1, 21):
            name = f"Diễn đàn thông tin đối ngoại khu vực {n}"
            name_en = f"Regional foreign information forum {n}"
            abbreviation = f"RFIF-{n}"
            rows.append(
                EventSeries(
                    name=name,
                    name_en=name_en,
                    abbreviation=abbreviation,
                    slug=_slug(abbreviation, n),
                )
            )
        return self.bulk(EventSeries, rows)

    def make_events(self, provinces) -> list[Event]:
        rng, rows = self.rng, []
        span = (LAST_DAY - FIRST_DAY).days
        editions = dict.fromkeys(range(len(self.series)), 0)
        statuses = [Event.Status.PUBLISHED] * 18 + [Event.Status.DRAFT, Event.Status.CANCELLED]
        kinds = list(EVENT_WORDS)
        for n in range(1, self.n_events + 1):
            kind = rng.choice(kinds)
            word, word_en = EVENT_WORDS[kind]
            topic, topic_en = rng.choice(TOPICS)
            start = FIRST_DAY + timedelta(days=rng.randrange(span))
            precision = rng.choices(["day", "month", "year"], weights=[85, 10, 5])[0]
            if precision == "month":
                start = start.replace(day=1)
            elif precision == "year":
                start = start.replace(month=1, day=1)
            end = start + timedelta(days=rng.choice([0, 0, 1, 2])) if precision == "day" else None
            if end == start:
                end = None
            last = end or (date(start.year, 12, 31) if precision == "year" else start)
            in_vietnam = rng.random() < 0.9
            province = None
            if in_vietnam:
                fitting = [
                    p
                    for p in provinces
                    if (p.valid_from is None or p.valid_from <= last) and (p.valid_to is None or p.valid_to >= start)
                ]
                province = rng.choice(fitting)
            series, edition = None, None
            if rng.random() < 0.1:
                index = rng.randrange(len(self.series))
                editions[index] += 1
                series, edition = self.series[index], editions[index]
            where = province.name if province else "Jakarta"
            title = f"{word} {topic} tại {where} năm {start.year} (lần {n})"
            title_en = (
                f"{word_en} {topic_en}, {province.name_en or province.name if province else 'Jakarta'}"
                if (rng.random() < 0.7)
                else ""
            )
            city = where.replace("Tỉnh ", "").replace("Thành phố ", "")
            rows.append(
                Event(
                    kind=kind,
                    title=title,
                    title_en=title_en,
                    slug=_slug(f"{word} {topic} {start.year}", n),
                    status=rng.choice(statuses),
                    series=series,
                    edition=edition,
                    start_date=start,
                    end_date=end,
                    date_precision=precision,
                    part_of_day=rng.choice(["", "", "", "morning", "afternoon"]) if precision == "day" else "",
                    venue=f"Hội trường {rng.randint(1, 30)}",
                    city=city,
                    province=province,
                    country="Việt Nam" if in_vietnam else "Indonesia",
                    theme=f"Nâng cao hiệu quả thông tin đối ngoại {topic}",
                    theme_en=f"Making foreign information work better {topic_en}",
                    summary=f"{word} {topic} với sự tham gia của đại biểu các tỉnh, thành phố. " * 3,
                    summary_en=f"{word_en} {topic_en} attended by delegates of the provinces. " * 3 if title_en else "",
                    participant_count=rng.randint(50, 500),
                    province_count=rng.randint(5, 34),
                )
            )
        return self.bulk(Event, rows)

    def make_event_parts(self, events) -> None:
        """The parts of `events`, written every PARTS_CHUNK events: held for all 100,000 events at once,
        the 1.5 million unsaved rows took most of the command's 1.5 GB."""
        rng = self.rng
        parts = {model: [] for model in PART_MODELS}
        organisers, agenda, officials, groups, outcomes, links, photos, sources = parts.values()
        related = []
        people, organisations, directives = self.people, self.organisations, self.directives
        for n, event in enumerate(events, 1):
            for order, organisation in enumerate(rng.sample(organisations, rng.randint(1, 3))):
                role = EventOrganiser.Role.LEAD if order == 0 else rng.choice(["co", "host"])
                organiser = EventOrganiser(event=event, organisation=organisation, role=role, order=order)
                organiser.copy_event_fields(event)  # bulk_create calls no save()
                organisers.append(organiser)
            for order in range(rng.randint(3, 6)):
                kind = rng.choice(list(AgendaItem.Kind))
                agenda.append(
                    AgendaItem(
                        event=event,
                        order=order,
                        kind=kind,
                        title=f"Tham luận {order + 1}" if kind != AgendaItem.Kind.SPEECH else "",
                        speaker=rng.choice(people),
                        summary="Nội dung trình bày." if rng.random() < 0.5 else "",
                    )
                )
            for order, person in enumerate(rng.sample(people, rng.randint(0, 3))):
                officials.append(
                    EventOfficial(event=event, person=person, role=rng.choice(list(EventOfficial.Role)), order=order)
                )
            for order in range(rng.randint(1, 2)):
                groups.append(
                    ParticipantGroup(
                        event=event,
                        description="Lãnh đạo Sở Văn hóa, Thể thao và Du lịch các tỉnh" if order else "Phóng viên",
                        count=rng.randint(10, 100),
                        order=order,
                    )
                )
            for order in range(rng.randint(0, 2)):
                outcomes.append(
                    Outcome(
                        event=event,
                        kind=rng.choice(list(Outcome.Kind)),
                        description="Thống nhất kế hoạch triển khai thông tin đối ngoại năm tới.",
                        directive=rng.choice(directives) if rng.random() < 0.3 else None,
                        order=order,
                    )
                )
            for directive in rng.sample(directives, rng.randint(1, 3)):
                relation = rng.choice(list(EventDirective.Relation))
                links.append(EventDirective(event=event, directive=directive, relation=relation))
            for order in range(rng.randint(0, 3)):
                photos.append(
                    Photo(
                        event=event,
                        image=PLACEHOLDER_IMAGE,
                        thumbnail=PLACEHOLDER_THUMBNAIL,
                        caption=f"Quang cảnh hội nghị, ảnh {order + 1}",
                        credit="Ảnh: dữ liệu đo hiệu năng",
                        order=order,
                    )
                )
            for _i in range(rng.randint(1, 2)):
                published = event.start_date + timedelta(days=rng.randint(0, 3))
                sources.append(
                    Source(
                        event=event,
                        publisher=rng.choice(PUBLISHERS),
                        title=f"Khai mạc {event.title[:200]}",
                        published_on=published,
                        url=f"https://example.vn/tin/{n}-{published:%Y%m%d}",
                    )
                )
            if rng.random() < 0.05:
                other = rng.choice(events)
                if other.pk != event.pk:
                    related.append((event.pk, other.pk))
            if n % PARTS_CHUNK == 0 or n == len(events):
                for model, rows in parts.items():
                    self.bulk(model, rows)
                    rows.clear()
        # One row per pair: both events' pages read it, the other one as the inverse.
        pairs = {(min(a, b), max(a, b)) for a, b in related}
        kinds = list(EventRelation.Kind)
        self.bulk(
            EventRelation,
            [EventRelation(from_event_id=a, to_event_id=b, kind=rng.choice(kinds)) for a, b in sorted(pairs)],
        )


def make_bench_data(*, seed: int = 1, events: int, officials: int = 5000, registrations: int = 100_000, stdout=None):
    """Generate the data set in one transaction; returns the number of rows made per model."""
    from .cache import bump_public_version
    from .search import index_events
    from .summaries import refresh_directive_counts

    generator = Generator(seed=seed, events=events, officials=officials, registrations=registrations, stdout=stdout)
    with transaction.atomic():
        counts = generator.run()
        # bulk_create sends no signals either: the search index is built here, in bulk, at the end.
        index_events(Event.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True))
        refresh_directive_counts()  # the home page's summary table, likewise
    # bulk_create sends no signals: tell the page cache the public content changed.
    bump_public_version()
    return counts

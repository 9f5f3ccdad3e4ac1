"""Reads for the public site, named after what they return, with their joins applied once."""

import hashlib
from datetime import date

from django.db import connection
from django.db.models import Exists, F, JSONField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from briefings.models import Directive
from people.models import (
    AcademicTitle,
    Organisation,
    OrganisationChange,
    Person,
    Position,
    Province,
    title_held_during,
)
from people.queries import units_within

from .cache import remember
from .models import (
    AgendaItem,
    DirectiveEventCount,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventRelation,
    EventSeries,
    Outcome,
    ParticipantGroup,
    Photo,
    Source,
)
from .statements import Statement, columns, loaded

VISIBLE = [Event.Status.PUBLISHED, Event.Status.CANCELLED]


def public_events() -> QuerySet[Event]:
    """Published events, and cancelled ones (their page says so); drafts are never public."""
    return Event.objects.filter(status__in=VISIBLE)


# What an event card shows (the event_cards tag, events/templatetags/ttdn.py): the list reads these
# columns only, not the search text, summaries and themes, which were most of each row's bytes and decoding.
CARD_FIELDS = [
    *("kind", "title", "title_en", "slug", "status", "start_date", "end_date", "date_precision", "part_of_day"),
    *("venue", "city", "country", "province__name", "province__kind"),
]


def events_for_list() -> QuerySet[Event]:
    """Public events with the columns their cards show; with_organiser_names() adds the organisers."""
    return public_events().select_related("province").only(*CARD_FIELDS).order_by("-start_date", "title")


def _organisers_in_row() -> RawSQL:
    """SQL giving an event's organisers with its row, in order: a JSON array of [abbreviation, name,
    abbreviation_en, name_en] (or null). For a query of events at the top level (its table unaliased)."""
    quote = connection.ops.quote_name
    event_id = f"{quote(Event._meta.db_table)}.{quote('id')}"
    selected = "o.abbreviation, o.name, o.abbreviation_en, o.name_en"
    joined = (
        f"FROM {quote(EventOrganiser._meta.db_table)} eo JOIN {quote(Organisation._meta.db_table)} o "
        f"ON o.id = eo.organisation_id WHERE eo.event_id = {event_id}"
    )
    if connection.vendor == "postgresql":
        sql = f'SELECT jsonb_agg(jsonb_build_array({selected}) ORDER BY eo."order", eo.id) {joined}'
    else:
        # SQLite (3.40) has no ORDER BY inside an aggregate; it aggregates an ordered subquery's rows in order.
        sql = f'SELECT json_group_array(json_array(abbreviation, name, abbreviation_en, name_en)) FROM (SELECT {selected} {joined} ORDER BY eo."order", eo.id)'  # noqa: E501
    return RawSQL(f"({sql})", [], output_field=JSONField())  # noqa: S611 (no value from outside)


def with_organiser_names(events) -> list[Event]:
    """`events` as a list, each with `organiser_names` (abbreviation, else name, in order, in the page's
    language: (text, Vietnamese fallback?) pairs, as people.text.localized gives them). A queryset not yet
    read, from its first row, reads them with its rows (one query: a second one cost the event list as
    much as its events); past an offset PostgreSQL would read the organisers of every row it skips too
    (page 50 of the list: 1,000 times), so then, and for a list, one query of plain rows."""
    if isinstance(events, QuerySet) and events._result_cache is None and not events.query.low_mark:
        events = list(events.annotate(organiser_rows=_organisers_in_row()))
        rows = ((event.pk, *organiser) for event in events for organiser in event.organiser_rows or ())
    else:
        events = list(events)
        rows = (
            EventOrganiser.objects.filter(event__in=[event.pk for event in events])
            .order_by("order", "pk")
            .values_list(
                "event_id",
                "organisation__abbreviation",
                "organisation__name",
                "organisation__abbreviation_en",
                "organisation__name_en",
            )
        )
    english = get_language() != "vi"
    names: dict[int, list[tuple[str, bool]]] = {}
    for event_id, abbreviation, name, abbreviation_en, name_en in rows:
        if english and (abbreviation_en or name_en):
            names.setdefault(event_id, []).append((abbreviation_en or name_en, False))
        else:
            names.setdefault(event_id, []).append((abbreviation or name, english))
    for event in events:
        event.organiser_names = names.get(event.pk, [])
    return events


def count_of_filtered(filters, *, limit: int | None = None) -> int:
    """How many rows a valid filter set (events.filters.EventFilter: its rows_to_count()) finds (at most
    `limit`: a list browsed to a fixed depth need not count further, and "hoi nghi" matched 86,000 of
    100,000 events), kept until public content changes:
    counting 10,000 events took 1.5 ms of PostgreSQL for every page of the list, though the count
    changes only when an event is published, unpublished or edited."""
    chosen = sorted((name, str(value)) for name, value in filters.form.cleaned_data.items() if value)
    digest = hashlib.sha256(repr(chosen).encode()).hexdigest()
    rows = filters.rows_to_count()
    rows = rows if limit is None else rows[:limit]
    return remember(f"count:{type(filters).__name__}:{limit}:{digest}", rows.count)


def upcoming_events(today: date, limit: int = 5) -> list[Event]:
    return with_organiser_names(
        events_for_list().published().filter(start_date__gte=today).order_by("start_date")[:limit]
    )


def recent_events(today: date, limit: int = 6) -> list[Event]:
    return with_organiser_names(events_for_list().published().filter(start_date__lt=today)[:limit])


def directives_most_trained_on(limit: int = 5) -> list[Directive]:
    """The directives linked to the most published events, with `event_count`; of two with as many,
    the newer first. Read from the summary table events.summaries keeps (one query, `limit` rows)."""
    rows = (
        DirectiveEventCount.objects.filter(published_events__gt=0)
        .select_related("directive__issuer")
        .order_by("-published_events", F("directive__issue_date").desc(nulls_last=True), "directive")[:limit]
    )
    directives = []
    for row in rows:
        row.directive.event_count = row.published_events
        directives.append(row.directive)
    return directives


def _as_fetched(instance, name: str, model, objects: list) -> None:
    """Give `instance.<name>.all()` the `objects` already read, as prefetch_related() does: the
    template and the JSON-LD read them through the related manager, without a query."""
    queryset = QuerySet(model)
    queryset._result_cache, queryset._prefetch_done = objects, True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _with_joined(model, joined) -> tuple[str, ...]:
    """`model`'s columns, then those of the row `joined` through a foreign key, as (field, model)."""
    return columns(model) + (columns(joined[1], f"{joined[0]}__") if joined else ())


def _of_event(model, joined=None) -> Statement:
    """A statement of `model`'s rows of one event (and of the row `joined` to each)."""
    selected = _with_joined(model, joined)
    return Statement(model, lambda event_id: model.objects.filter(event=event_id).values_list(*selected), int)


def _of_people(model, joined=None) -> Statement:
    """A statement of `model`'s rows of the event's speakers and officials (and of the row `joined`)."""
    selected = _with_joined(model, joined)

    def build(event_id):
        speakers = AgendaItem.objects.filter(event=event_id).order_by().values("speaker")
        officials = EventOfficial.objects.filter(event=event_id).order_by().values("person")
        # One IN over both (not two ORed): PostgreSQL then reads the posts by person, not all of them.
        return model.objects.filter(person__in=speakers.union(officials)).values_list(*selected)

    return Statement(model, build, int)


# The event page's reads, each compiled once (events.statements): what select_related() and
# prefetch_related() read, less the search text, without compiling a dozen querysets per request.
_EVENT = Statement(
    Event,
    lambda slug: (
        public_events()
        .filter(slug=slug)
        .order_by()
        .values_list(*columns(Event), *columns(Province, "province__"), *columns(EventSeries, "series__"))
    ),
    str,
)
# The parts of an event its page shows, by related name: their model and the row that comes with each
# through a foreign key (an organiser's organisation, an agenda item's speaker…).
_PARTS = {
    "organisers": (EventOrganiser, ("organisation", Organisation)),
    "agenda": (AgendaItem, ("speaker", Person)),
    "officials": (EventOfficial, ("person", Person)),
    "participant_groups": (ParticipantGroup, None),
    "outcomes": (Outcome, ("directive", Directive)),
    "directive_links": (EventDirective, ("directive", Directive)),
    "photos": (Photo, None),
    "sources": (Source, None),
}
_PART_READS = {name: _of_event(model, joined) for name, (model, joined) in _PARTS.items()}
_POSITIONS = _of_people(Position, ("organisation", Organisation))
_TITLES = _of_people(AcademicTitle)


def _with_posts_of_the_day(event: Event) -> None:
    """Set `posts` and `academic_title` on each speaker and official: the posts and the academic title
    held during the event (one query each for all)."""
    people = [item.speaker for item in event.agenda.all() if item.speaker is not None]
    people += [official.person for official in event.officials.all()]
    first, last = event.period
    posts: dict[int, list[Position]] = {}
    titles: dict[int, list[AcademicTitle]] = {}
    if people:
        start = len(columns(Position))
        for row in _POSITIONS.rows(event.pk):
            position = loaded(Position, row)
            if position.is_held_during(first, last):  # the organisation of those shown only
                position.organisation = loaded(Organisation, row, start)
                posts.setdefault(position.person_id, []).append(position)
        for row in _TITLES.rows(event.pk):
            title = loaded(AcademicTitle, row)
            titles.setdefault(title.person_id, []).append(title)
    for person in people:
        person.posts = posts.get(person.pk, [])
        person.academic_title = title_held_during(titles.get(person.pk, []), first, last)


def event_for_page(slug: str) -> Event:
    """A public event with everything its page shows; speakers carry the posts held on its date."""
    rows = _EVENT.rows(slug)
    if not rows:
        raise Event.DoesNotExist(slug)
    row = rows[0]
    event = loaded(Event, row)
    start = len(columns(Event))
    event.province = loaded(Province, row, start)
    event.series = loaded(EventSeries, row, start + len(columns(Province)))
    for name, (model, joined) in _PARTS.items():
        parts, start = [], len(columns(model))
        for part_row in _PART_READS[name].rows(event.pk):
            part = loaded(model, part_row)
            if joined:
                setattr(part, joined[0], loaded(joined[1], part_row, start))
            part.event = event
            parts.append(part)
        _as_fetched(event, name, model, parts)
    _with_posts_of_the_day(event)
    # A timetable when any agenda item has a time or a part of day.
    event.has_timetable = any(item.has_time for item in event.agenda.all())
    event.related = related_events_of(event)
    _with_units_named(event.outcomes.all())
    sources = list(event.sources.all())
    event.delegate_figures = [source for source in sources if source.delegates is not None]
    event.province_figures = [source for source in sources if source.provinces is not None]
    event.site_figures = [source for source in sources if source.sites is not None]
    return event


def _units_named(event_id):
    """The organisations and provinces the event's outcomes name: (outcome, kind, pk, name, English
    name, slug) rows of both link tables in one query."""
    organisations = Outcome.organisations.through.objects.filter(outcome__event=event_id).values_list(
        "outcome_id",
        Value("organisation"),
        "organisation_id",
        "organisation__name",
        "organisation__name_en",
        "organisation__slug",
    )
    provinces = Outcome.provinces.through.objects.filter(outcome__event=event_id).values_list(
        "outcome_id", Value("province"), "province_id", "province__name", "province__name_en", Value("")
    )
    return organisations.union(provinces, all=True)


_UNITS = Statement(Outcome, _units_named, int)


def _with_units_named(outcomes) -> None:
    """Set `named_organisations` and `named_provinces` on each outcome, by name: one query for both
    link tables, rows of the few columns the page shows."""
    outcomes = list(outcomes)
    for outcome in outcomes:
        outcome.named_organisations, outcome.named_provinces = [], []
    if not outcomes:
        return
    by_pk = {outcome.pk: outcome for outcome in outcomes}
    rows = sorted(_UNITS.rows(outcomes[0].event_id), key=lambda row: row[3])
    for outcome_id, kind, unit_id, name, name_en, slug in rows:
        outcome = by_pk[outcome_id]
        if kind == "organisation":
            outcome.named_organisations.append(Organisation(pk=unit_id, name=name, name_en=name_en, slug=slug))
        else:
            outcome.named_provinces.append(Province(pk=unit_id, name=name, name_en=name_en))


def _related(event_id):
    published = Event.Status.PUBLISHED
    # Both sides' card columns only: whole rows of both events (texts, search text) took most of the
    # event page's reads (issue 15).
    sides = [
        column
        for side in ("from_event", "to_event")
        for column in (*columns(Event, f"{side}__", _CARD), *columns(Province, f"{side}__province__", _CARD_PROVINCE))
    ]
    return (
        EventRelation.objects.filter(
            Q(from_event=event_id, to_event__status=published) | Q(to_event=event_id, from_event__status=published)
        )
        .order_by()
        .values_list(*columns(EventRelation), *sides)
    )


# The columns of an event card (CARD_FIELDS) on the event and on its province.
_CARD = frozenset({"id", "province_id", *(field for field in CARD_FIELDS if "__" not in field)})
_CARD_PROVINCE = frozenset(
    {"id", *(field.removeprefix("province__") for field in CARD_FIELDS if field.startswith("province__"))}
)
_RELATED = Statement(EventRelation, _related, int)


def related_events_of(event: Event) -> list[Event]:
    """The published events related to `event`, by date, each with `relation_label` as this event's
    page states it ("followed by" here is "preceded by" there) and its organiser names: one query for
    the relations both ways, one for the names."""
    widths = [
        len(columns(EventRelation)),
        len(columns(Event, only=_CARD)),
        len(columns(Province, only=_CARD_PROVINCE)),
    ]
    others = []
    for row in _RELATED.rows(event.pk):
        relation = loaded(EventRelation, row)
        # The other event's card columns: the row holds the relation, then each side's event and province.
        start = widths[0] + (0 if relation.to_event_id == event.pk else widths[1] + widths[2])
        other = loaded(Event, row, start, _CARD)
        other.province = loaded(Province, row, start + widths[1], _CARD_PROVINCE)
        other.relation_label = relation.label_for(event)
        others.append(other)
    return with_organiser_names(sorted(others, key=lambda other: (other.start_date, other.title)))


def series_for_page(slug: str) -> tuple[EventSeries, list[Event]]:
    """A series and its published (and cancelled) editions in order: edition number, then date."""
    series = EventSeries.objects.get(slug=slug)
    editions = with_organiser_names(
        events_for_list().filter(series=series).only(*CARD_FIELDS, "edition").order_by("edition", "start_date", "pk")
    )
    return series, editions


# What the series navigation shows of a neighbour: its title, date and address.
_NEIGHBOUR = frozenset({"id", "title", "title_en", "slug", "start_date", "end_date", "date_precision", "part_of_day"})


def _neighbours(event_id):
    # The event's series and date read by the query itself, so that it is keyed by the event alone.
    this = Event.objects.filter(pk=event_id)
    day = Subquery(this.values("start_date")[:1])
    siblings = Event.objects.published().filter(series=Subquery(this.values("series")[:1])).exclude(pk=event_id)
    before = siblings.filter(start_date__lte=day).order_by("-start_date", "-pk").values("pk")[:1]
    after = siblings.filter(start_date__gt=day).order_by("start_date", "pk").values("pk")[:1]
    # Both in one query: each side is a one-row subquery.
    neighbours = Event.objects.filter(Q(pk=Subquery(before)) | Q(pk=Subquery(after))).order_by()
    return neighbours.values_list(*columns(Event, only=_NEIGHBOUR))


_NEIGHBOURS = Statement(Event, _neighbours, int)


def series_neighbours(event: Event) -> tuple[Event | None, Event | None]:
    """The previous and next published events of the event's series, by date: one row each, however
    long the series."""
    if not event.series_id:
        return None, None
    previous = following = None
    for row in _NEIGHBOURS.rows(event.pk):
        neighbour = loaded(Event, row, only=_NEIGHBOUR)
        if neighbour.start_date > event.start_date:
            following = neighbour
        else:
            previous = neighbour
    return previous, following


def events_of_directive(directive: Directive, limit: int | None = None) -> list[tuple[int, list[EventDirective]]]:
    """The published events that implement or discuss `directive` (the newest `limit` of them), grouped
    by year, newest first."""
    links = (
        directive.event_links.filter(event__status=Event.Status.PUBLISHED)
        .select_related("event__province")
        .order_by("-event__start_date", "-event_id")
    )
    if limit is not None:
        links = links[:limit]
    years: dict[int, list[EventDirective]] = {}
    for link in links:
        years.setdefault(link.event.start_date.year, []).append(link)
    return list(years.items())


def public_people() -> QuerySet[Person]:
    """Officials who spoke at or took part in a published event; nobody else has a public page."""
    published = Event.Status.PUBLISHED
    # Semi-joins: joining both would multiply each person by their talks and attendances, then need DISTINCT.
    return Person.objects.filter(
        Exists(AgendaItem.objects.filter(speaker=OuterRef("pk"), event__status=published))
        | Exists(EventOfficial.objects.filter(person=OuterRef("pk"), event__status=published))
    )


def talks_of_person(person: Person) -> list[AgendaItem]:
    """The person's talks at published events, newest first, each with `posts` held that day."""
    talks = list(
        person.talks.filter(event__status=Event.Status.PUBLISHED).select_related("event").order_by("-event__start_date")
    )
    positions = list(person.positions.select_related("organisation"))
    for talk in talks:
        first, last = talk.event.period
        talk.posts = [p for p in positions if p.is_held_during(first, last)]
    return talks


def outcomes_adopting(directive: Directive):
    """Where `directive` was adopted, e.g. AMRI-13 for the ASEAN plan 2016–2025."""
    return directive.adopted_at.filter(event__status=Event.Status.PUBLISHED).select_related("event")


def outcomes_naming_organisation(organisation: Organisation) -> QuerySet[Outcome]:
    """Outcomes of published events that name `organisation`, e.g. a certificate of merit, newest first."""
    return (
        organisation.outcomes_naming.filter(event__status=Event.Status.PUBLISHED)
        .select_related("event")
        .order_by("-event__start_date", "order", "pk")
    )


def outcomes_naming_province(province: Province) -> QuerySet[Outcome]:
    """Outcomes of published events that name `province` or a unit merged into it, newest first:
    today's Lâm Đồng finds the 2018 certificates to departments of the old Lâm Đồng and Đắk Nông."""
    return (
        Outcome.objects.filter(
            event__status=Event.Status.PUBLISHED,
            pk__in=Outcome.provinces.through.objects.filter(province__in=units_within(province)).values("outcome"),
        )
        .select_related("event")
        .order_by("-event__start_date", "order", "pk")
    )


def events_organised_by(organisation: Organisation) -> QuerySet[EventOrganiser]:
    """The organisation's published events (its EventOrganiser rows), newest first. Read by the link
    table's own copies of the event's date and publication, from its (organisation, published, date)
    index: the newest 50 are 50 index entries, where ordering by the event's own date walked every
    published event newest first testing its organisers (~4,000 probes at 100,000 events)."""
    return (
        organisation.organised.filter(event_published=True)
        .select_related("event__province")
        .order_by("-event_date", "-event_id")
    )


def events_of_person(person: Person) -> QuerySet[Event]:
    """The published events `person` took part in, in any way (spoke, chaired, attended), newest first:
    one row per event however many parts they had in it. with_parts_of_person() says which.

    The person's events are one UNION of their agenda items' and roles' event ids (read through the
    speaker and person foreign-key indexes), then those events by primary key: the count and the
    page read only the person's few hundred events at most. An OR of two IN subqueries could not be
    turned into joins, so PostgreSQL walked every published event newest first to test each one
    (~70 ms for the count and more for a late page at 100,000 events)."""
    event_ids = (
        AgendaItem.objects.filter(speaker=person)
        .order_by()  # SQLite allows no ORDER BY (the models' default) inside a UNION
        .values("event")
        .union(EventOfficial.objects.filter(person=person).order_by().values("event"))
    )
    # The columns of a card only: the search text, summaries and themes are most of a row's bytes.
    events = Event.objects.published().filter(pk__in=event_ids).select_related("province").only(*CARD_FIELDS)
    return events.order_by("-start_date", "-pk")


def with_parts_of_person(events, person: Person, positions) -> list[Event]:
    """`events` as a list, each with `talks` (the person's agenda items there), `roles` (their
    EventOfficial rows) and `posts` (of `positions`, those held during the event): two queries."""
    events = list(events)
    by_pk = {event.pk: event for event in events}
    for event in events:
        event.talks, event.roles = [], []
        first, last = event.period
        event.posts = [p for p in positions if p.is_held_during(first, last)]
    for talk in AgendaItem.objects.filter(speaker=person, event__in=by_pk).order_by("order", "pk"):
        by_pk[talk.event_id].talks.append(talk)
    for role in EventOfficial.objects.filter(person=person, event__in=by_pk).order_by("order", "pk"):
        by_pk[role.event_id].roles.append(role)
    return events


def with_posts_to_show(people, today: date) -> list[Person]:
    """`people` as a list, each with `post` (the post held `today`, else the last one known, else None)
    and `post_is_current`: one query for all."""
    people = list(people)
    positions: dict[int, list[Position]] = {}
    for position in Position.objects.filter(person__in=[p.pk for p in people]).select_related("organisation"):
        positions.setdefault(position.person_id, []).append(position)
    for person in people:
        posts = sorted(positions.get(person.pk, []), key=lambda p: p.order)
        current = [p for p in posts if p.is_held_during(today, today)]
        person.post_is_current = bool(current)
        if current:
            person.post = current[0]
        elif posts:
            person.post = max(posts, key=_last_known_day)
        else:
            person.post = None
    return people


def _last_known_day(position: Position) -> date:
    """The last day `position` is known to have been held: its end, else the end of its attested
    period, else its start."""
    if position.end_date:
        return position.end_date
    return position.attested_period[1] if position.attested_on else position.start_date


def lineage_of(organisations) -> None:
    """Set `became` (its OrganisationChange rows) and `came_from` (those into it) on each of
    `organisations`: two queries for all."""
    organisations = list(organisations)
    by_pk = {organisation.pk: organisation for organisation in organisations}
    for organisation in organisations:
        organisation.became, organisation.came_from = [], []
    for change in OrganisationChange.objects.filter(organisation__in=by_pk).select_related("successor"):
        by_pk[change.organisation_id].became.append(change)
    for change in OrganisationChange.objects.filter(successor__in=by_pk).select_related("organisation"):
        by_pk[change.successor_id].came_from.append(change)


def with_successor_notes(organisers, changes) -> list[EventOrganiser]:
    """`organisers` (rows of the events an organisation organised) as a list, each with `after_change`:
    the one of `changes` (the organisation's own) that ended it (merged into, renamed to) when the event
    may have been held on or after that day, else None; `after_change_certain` when all of the event's
    dates are on or after it."""
    ending = [c for c in changes if c.kind in (OrganisationChange.Kind.MERGED_INTO, OrganisationChange.Kind.RENAMED_TO)]
    ending.sort(key=lambda c: c.date)
    organisers = list(organisers)
    for organiser in organisers:
        organiser.after_change, organiser.after_change_certain = None, False
        first, last = organiser.event.period
        for change in ending:
            if last >= change.date:
                organiser.after_change, organiser.after_change_certain = change, first >= change.date
                break
    return organisers

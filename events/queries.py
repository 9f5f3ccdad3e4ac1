"""Reads for the public site, named after what they return, with their joins applied once."""

import hashlib
from datetime import date

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
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
)

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


def with_organiser_names(events) -> list[Event]:
    """`events` as a list, each with `organiser_names` (abbreviation, else name, in order, in the page's
    language: (text, Vietnamese fallback?) pairs, as people.text.localized gives them): one query of
    plain rows, half the time of prefetching organiser and organisation objects for a few words."""
    events = list(events)
    english = get_language() != "vi"
    names: dict[int, list[tuple[str, bool]]] = {}
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
    for event_id, abbreviation, name, abbreviation_en, name_en in rows:
        if english and (abbreviation_en or name_en):
            names.setdefault(event_id, []).append((abbreviation_en or name_en, False))
        else:
            names.setdefault(event_id, []).append((abbreviation or name, english))
    for event in events:
        event.organiser_names = names.get(event.pk, [])
    return events


def count_of_filtered(filters, *, limit: int | None = None) -> int:
    """How many rows a valid filter set finds (at most `limit`: a list browsed to a fixed depth need not
    count further, and "hoi nghi" matched 86,000 of 100,000 events), kept until public content changes:
    counting 10,000 events took 1.5 ms of PostgreSQL for every page of the list, though the count
    changes only when an event is published, unpublished or edited."""
    chosen = sorted((name, str(value)) for name, value in filters.form.cleaned_data.items() if value)
    digest = hashlib.sha256(repr(chosen).encode()).hexdigest()
    # Unordered: which `limit` rows are counted does not matter, and ordering them sorted every match
    # ("bien dao": 10,000 of 100,000 events, 120 ms).
    rows = filters.qs.order_by() if limit is None else filters.qs.order_by()[:limit]
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


def _with_posts_of_the_day(event: Event) -> None:
    """Set `posts` and `academic_title` on each speaker and official: the posts and the academic title
    held during the event (one query each for all)."""
    people = [item.speaker for item in event.agenda.all() if item.speaker is not None]
    people += [official.person for official in event.officials.all()]
    pks = {person.pk for person in people}
    positions: dict[int, list[Position]] = {}
    for position in Position.objects.filter(person__in=pks).select_related("organisation"):
        positions.setdefault(position.person_id, []).append(position)
    titles: dict[int, list[AcademicTitle]] = {}
    for title in AcademicTitle.objects.filter(person__in=pks):
        titles.setdefault(title.person_id, []).append(title)
    first, last = event.period
    for person in people:
        person.posts = [p for p in positions.get(person.pk, []) if p.is_held_during(first, last)]
        person.academic_title = title_held_during(titles.get(person.pk, []), first, last)


def event_for_page(slug: str) -> Event:
    """A public event with everything its page shows; speakers carry the posts held on its date."""
    event = (
        public_events()
        .select_related("province", "series")
        .prefetch_related(
            Prefetch("organisers", queryset=EventOrganiser.objects.select_related("organisation")),
            Prefetch("agenda", queryset=AgendaItem.objects.select_related("speaker")),
            Prefetch("officials", queryset=EventOfficial.objects.select_related("person")),
            "participant_groups",
            Prefetch("outcomes", queryset=Outcome.objects.select_related("directive")),
            Prefetch("directive_links", queryset=EventDirective.objects.select_related("directive")),
            "photos",
            "sources",
        )
        .get(slug=slug)
    )
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


def _with_units_named(outcomes) -> None:
    """Set `named_organisations` and `named_provinces` on each outcome, by name: one query for both
    link tables, rows of the few columns the page shows."""
    outcomes = list(outcomes)
    for outcome in outcomes:
        outcome.named_organisations, outcome.named_provinces = [], []
    if not outcomes:
        return
    ids = [outcome.pk for outcome in outcomes]
    columns = ("outcome_id", "kind", "unit_id", "unit_name", "unit_name_en", "unit_slug")
    organisations = Outcome.organisations.through.objects.filter(outcome__in=ids).values_list(
        "outcome_id",
        Value("organisation"),
        "organisation_id",
        "organisation__name",
        "organisation__name_en",
        "organisation__slug",
    )
    provinces = Outcome.provinces.through.objects.filter(outcome__in=ids).values_list(
        "outcome_id", Value("province"), "province_id", "province__name", "province__name_en", Value("")
    )
    by_pk = {outcome.pk: outcome for outcome in outcomes}
    for row in sorted(organisations.union(provinces, all=True), key=lambda row: row[3]):
        values = dict(zip(columns, row, strict=True))
        outcome = by_pk[values["outcome_id"]]
        if values["kind"] == "organisation":
            outcome.named_organisations.append(
                Organisation(
                    pk=values["unit_id"],
                    name=values["unit_name"],
                    name_en=values["unit_name_en"],
                    slug=values["unit_slug"],
                )
            )
        else:
            outcome.named_provinces.append(
                Province(pk=values["unit_id"], name=values["unit_name"], name_en=values["unit_name_en"])
            )


def related_events_of(event: Event) -> list[Event]:
    """The published events related to `event`, by date, each with `relation_label` as this event's
    page states it ("followed by" here is "preceded by" there) and its organiser names: one query for
    the relations both ways, one for the names."""
    published = Event.Status.PUBLISHED
    # Both sides' card columns only: whole rows of both events (texts, search text) took most of the
    # event page's reads (issue 15).
    card_columns = [f"{side}__{field}" for side in ("from_event", "to_event") for field in CARD_FIELDS]
    relations = (
        EventRelation.objects.filter(
            Q(from_event=event, to_event__status=published) | Q(to_event=event, from_event__status=published)
        )
        .select_related("from_event__province", "to_event__province")
        .only("kind", "from_event", "to_event", *card_columns)
    )
    others = []
    for relation in relations:
        other = relation.to_event if relation.from_event_id == event.pk else relation.from_event
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


def series_neighbours(event: Event) -> tuple[Event | None, Event | None]:
    """The previous and next published events of the event's series, by date: one row each, however
    long the series."""
    if not event.series_id:
        return None, None
    siblings = Event.objects.published().filter(series=event.series_id).exclude(pk=event.pk)
    before = siblings.filter(start_date__lte=event.start_date).order_by("-start_date", "-pk").values("pk")[:1]
    after = siblings.filter(start_date__gt=event.start_date).order_by("start_date", "pk").values("pk")[:1]
    # Both in one query: each side is a one-row subquery.
    previous = following = None
    for neighbour in Event.objects.filter(Q(pk=Subquery(before)) | Q(pk=Subquery(after))):
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

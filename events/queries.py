"""Reads for the public site, named after what they return, with their joins applied once."""

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from briefings.models import Directive
from people.models import Organisation, Person, Position

from .models import AgendaItem, Event, EventDirective, EventOfficial, EventOrganiser, Outcome

VISIBLE = [Event.Status.PUBLISHED, Event.Status.CANCELLED]


def public_events() -> QuerySet[Event]:
    """Published events, and cancelled ones (their page says so); drafts are never public."""
    return Event.objects.filter(status__in=VISIBLE)


def events_for_list() -> QuerySet[Event]:
    organisers = EventOrganiser.objects.select_related("organisation")
    return (
        public_events()
        .select_related("province", "series")
        .prefetch_related(Prefetch("organisers", queryset=organisers))
        .order_by("-start_date", "title")
    )


def upcoming_events(today: date, limit: int = 5) -> QuerySet[Event]:
    return events_for_list().published().filter(start_date__gte=today).order_by("start_date")[:limit]


def recent_events(today: date, limit: int = 6) -> QuerySet[Event]:
    return events_for_list().published().filter(start_date__lt=today)[:limit]


def directives_most_trained_on(limit: int = 5) -> QuerySet[Directive]:
    published = Q(event_links__event__status=Event.Status.PUBLISHED)
    return (
        Directive.objects.annotate(event_count=Count("event_links", filter=published, distinct=True))
        .filter(event_count__gt=0)
        .select_related("issuer")
        .order_by("-event_count", "-issue_date")[:limit]
    )


def _with_posts_of_the_day(people, event: Event):
    """Set `posts` on each person: the posts held during the event, from positions already loaded."""
    first, last = event.period
    for person in people:
        if person is not None:
            person.posts = [p for p in person.positions.all() if p.is_held_during(first, last)]


def event_for_page(slug: str) -> Event:
    """A public event with everything its page shows; speakers carry the posts held on its date."""
    positions = Position.objects.select_related("organisation")
    event = (
        public_events()
        .select_related("province", "series")
        .prefetch_related(
            Prefetch("organisers", queryset=EventOrganiser.objects.select_related("organisation")),
            Prefetch(
                "agenda",
                queryset=AgendaItem.objects.select_related("speaker").prefetch_related(
                    Prefetch("speaker__positions", queryset=positions)
                ),
            ),
            Prefetch(
                "officials",
                queryset=EventOfficial.objects.select_related("person").prefetch_related(
                    Prefetch("person__positions", queryset=positions)
                ),
            ),
            "participant_groups",
            Prefetch("outcomes", queryset=Outcome.objects.select_related("directive")),
            Prefetch("directive_links", queryset=EventDirective.objects.select_related("directive")),
            "photos",
            "sources",
            Prefetch("related_events", queryset=events_for_list().published().order_by("start_date")),
        )
        .get(slug=slug)
    )
    _with_posts_of_the_day([item.speaker for item in event.agenda.all()], event)
    _with_posts_of_the_day([official.person for official in event.officials.all()], event)
    return event


def series_neighbours(event: Event) -> tuple[Event | None, Event | None]:
    """The previous and next published events of the event's series, by date.

    One query for the whole series: a series meets every year or two, so it stays short.
    """
    if not event.series_id:
        return None, None
    siblings = list(
        Event.objects.published().filter(series=event.series_id).exclude(pk=event.pk).order_by("start_date", "pk")
    )
    previous = [e for e in siblings if e.start_date <= event.start_date]
    following = [e for e in siblings if e.start_date > event.start_date]
    return (previous[-1] if previous else None), (following[0] if following else None)


def events_of_directive(directive: Directive) -> list[tuple[int, list[EventDirective]]]:
    """The published events that implement or discuss `directive`, grouped by year, newest first."""
    links = (
        directive.event_links.filter(event__status=Event.Status.PUBLISHED)
        .select_related("event__province")
        .order_by("-event__start_date")
    )
    years: dict[int, list[EventDirective]] = {}
    for link in links:
        years.setdefault(link.event.start_date.year, []).append(link)
    return list(years.items())


def public_people() -> QuerySet[Person]:
    """Officials who spoke at or took part in a published event; nobody else has a public page."""
    published = Event.Status.PUBLISHED
    return Person.objects.filter(
        Q(talks__event__status=published) | Q(events_attended__event__status=published)
    ).distinct()


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


def events_organised_by(organisation: Organisation) -> QuerySet[EventOrganiser]:
    return (
        organisation.organised.filter(event__status=Event.Status.PUBLISHED)
        .select_related("event__province")
        .order_by("-event__start_date")
    )

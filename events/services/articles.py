"""A draft event from a press report the editor has reviewed (issue 14): the event, its organisers, new
people and organisations where the editor chose "new", posts as of the event's date, the agenda and
officials, directives and the article as its source, in one transaction. Never published: the editor
publishes from the event's page once it is checked.

New people and organisations go through `entry` (the event page's quick entry), so both ways of recording
a person write the same rows; every row with a history says it came from the article reader.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from briefings.models import Directive
from people.models import VIETNAM, Organisation, Person, Position, Province

from ..models import Event, EventDirective, EventOrganiser, Qualifier, Source
from .entry import (
    OFFICIAL,
    EntryError,
    NewPerson,
    add_new_person,
    add_part,
    check_new_person,
    check_part,
    organisation_for_entry,
)

CHANGE_REASON = "article reader"  # the history's "change reason" of every row the reader writes


class ArticleDraftError(Exception):
    def __init__(self, message, *, code, field=""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field  # the reviewed value it concerns, e.g. "people.2", or ""


@dataclass(frozen=True)
class ReviewedOrganiser:
    """An organiser: an existing `organisation`, or a new one named `new_name` of `new_kind`."""

    role: str = EventOrganiser.Role.LEAD
    organisation: Organisation | None = None
    new_name: str = ""
    new_kind: str = ""


@dataclass(frozen=True)
class ReviewedPerson:
    """A person of the article: an existing `person` (with the article's post added as of the event's date
    when `add_post`) or a new one (`new`, as the event page's quick entry takes it)."""

    part: str  # "talk:<AgendaItem.Kind>" or "official:<EventOfficial.Role>"
    person: Person | None = None
    new: NewPerson | None = None
    talk_title: str = ""
    add_post: bool = False
    post_title: str = ""
    organisation: Organisation | None = None
    new_organisation: str = ""
    new_organisation_kind: str = ""
    namesake: bool = False  # a new person though one of the same name is recorded


@dataclass(frozen=True)
class ReviewedArticle:
    title: str
    kind: str
    start_date: date
    date_precision: str = Event.Precision.DAY
    end_date: date | None = None
    part_of_day: str = ""
    venue: str = ""
    city: str = ""
    province: Province | None = None
    country: str = VIETNAM
    organisers: list[ReviewedOrganiser] = field(default_factory=list)
    people: list[ReviewedPerson] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    # The article as the event's source, with its figures as it words them.
    publisher: str = ""
    source_title: str = ""
    url: str = ""
    published_on: date | None = None
    author: str = ""
    credit: str = ""
    delegates: int | None = None
    delegates_qualifier: str = Qualifier.EXACT
    provinces: int | None = None
    provinces_qualifier: str = Qualifier.EXACT


def _from_reader(instance, actor):
    """Save `instance` with the reader's change reason and `actor` in its history."""
    instance._change_reason = CHANGE_REASON
    if actor is not None:
        instance._history_user = actor
    instance.save()
    return instance


def _reason(instance) -> None:
    """For rows `entry` saved: their last history version says it came from the reader."""
    if instance is not None and hasattr(instance, "history"):
        update_change_reason(instance, CHANGE_REASON)


def _organisation(chosen, name, kind, actor):
    if chosen is not None:
        return chosen
    made = organisation_for_entry(name, kind)
    _reason(made)
    return made


def _add_part(event: Event, person: Person, reviewed: ReviewedPerson):
    if reviewed.part.startswith(OFFICIAL) and event.officials.filter(person=person).exists():
        return None  # named twice in the article: one row
    return add_part(event, person, reviewed.part, reviewed.talk_title)


def _check_part(reviewed: ReviewedPerson, where: str) -> None:
    try:
        check_part(reviewed.part)
    except EntryError as error:
        raise ArticleDraftError(error.message, code=error.code, field=where) from error


def _add_person(event: Event, reviewed: ReviewedPerson, actor, where: str) -> None:
    _check_part(reviewed, where)
    if reviewed.person is None:
        if reviewed.new is None:
            raise ArticleDraftError(_("Choose a recorded person or a new one."), code="person_missing", field=where)
        new = reviewed.new
        if new.new_organisation and new.organisation is None and new.post_title:
            # Made here rather than inside `add_new_person`, so its history says where it came from.
            check_new_person(new, namesake_allowed=reviewed.namesake, saving=True)
            body = _organisation(None, new.new_organisation, new.new_organisation_kind, actor)
            new = replace(new, organisation=body, new_organisation="", new_organisation_kind="")
        part = add_new_person(event, new, namesake_allowed=reviewed.namesake)
        person = getattr(part, "speaker", None) or part.person
        _reason(person)
        for row in [*person.positions.all(), *person.academic_titles.all()]:
            _reason(row)
        return
    person = reviewed.person
    if reviewed.add_post and reviewed.post_title.strip():
        if not (reviewed.organisation or reviewed.new_organisation.strip()):
            raise ArticleDraftError(
                _("Give the organisation of the post."), code="post_organisation_missing", field=where
            )
        organisation = _organisation(
            reviewed.organisation, reviewed.new_organisation.strip(), reviewed.new_organisation_kind, actor
        )
        held = person.positions.held_on(event.start_date).filter(
            organisation=organisation, title__iexact=reviewed.post_title.strip()
        )
        if not held.exists():
            _from_reader(
                Position(
                    person=person,
                    title=reviewed.post_title.strip(),
                    organisation=organisation,
                    attested_on=event.start_date,
                    source=event.title[:255],
                ),
                actor,
            )
    _add_part(event, person, reviewed)


@transaction.atomic
def create_draft(reviewed: ReviewedArticle, *, actor) -> Event:
    """Record the reviewed article as a draft event with its parts; nothing is saved when anything fails.

    Raises `ArticleDraftError` (a choice the editor must correct) or `ValidationError` (a value the
    record refuses, e.g. a province that did not exist on the event's date).
    """
    event = Event(
        kind=reviewed.kind,
        title=reviewed.title.strip(),
        status=Event.Status.DRAFT,
        start_date=reviewed.start_date,
        end_date=reviewed.end_date,
        date_precision=reviewed.date_precision or Event.Precision.DAY,
        part_of_day=reviewed.part_of_day if reviewed.date_precision == Event.Precision.DAY else "",
        venue=reviewed.venue.strip(),
        city=reviewed.city.strip(),
        province=reviewed.province,
        country=reviewed.country or VIETNAM,
    )
    event.full_clean(exclude=["slug"])
    _from_reader(event, actor)

    seen = set()
    for n, organiser in enumerate(reviewed.organisers):
        if organiser.organisation is None and not organiser.new_name.strip():
            raise ArticleDraftError(
                _("Choose an organisation or name a new one."), code="organiser_missing", field=f"organisers.{n}"
            )
        if organiser.organisation is None and not organiser.new_kind:
            raise ArticleDraftError(
                _("Choose the kind of the new organisation."), code="organisation_kind_missing", field=f"organisers.{n}"
            )
        organisation = _organisation(organiser.organisation, organiser.new_name.strip(), organiser.new_kind, actor)
        if organisation.pk in seen:
            continue  # named twice: one organiser
        seen.add(organisation.pk)
        EventOrganiser.objects.create(event=event, organisation=organisation, role=organiser.role, order=n)

    for n, person in enumerate(reviewed.people):
        try:
            _add_person(event, person, actor, f"people.{n}")
        except EntryError as error:
            raise ArticleDraftError(error.message, code=error.code, field=f"people.{n}") from error

    for directive in dict.fromkeys(reviewed.directives):
        EventDirective.objects.create(event=event, directive=directive)

    if reviewed.publisher.strip() or reviewed.url.strip():
        source = Source(
            event=event,
            publisher=(reviewed.publisher.strip() or reviewed.url.strip())[:255],
            title=reviewed.source_title.strip()[:500],
            url=reviewed.url.strip(),
            published_on=reviewed.published_on,
            author=reviewed.author.strip()[:255],
            credit=reviewed.credit.strip()[:255],
            delegates=reviewed.delegates,
            delegates_qualifier=reviewed.delegates_qualifier or Qualifier.EXACT,
            provinces=reviewed.provinces,
            provinces_qualifier=reviewed.provinces_qualifier or Qualifier.EXACT,
        )
        try:
            source.full_clean(exclude=["event"])
        except ValidationError as error:
            raise ValidationError({f"source.{k}": v for k, v in error.message_dict.items()}) from error
        source.save()
    return event

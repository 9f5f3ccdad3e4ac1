"""Quick entry on an event's admin page: a new person with the post of the event's day and their part in
it, or a new organisation by name, written with the event in one transaction, so no pop-up is needed."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from people.models import AcademicTitle, Organisation, Person, Position
from people.text import fold

from ..models import AgendaItem, Event, EventOfficial

TALK = "talk"
OFFICIAL = "official"


class EntryError(Exception):
    def __init__(self, message, *, code, existing=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.existing = existing  # the record a "duplicate" error points to


@dataclass(frozen=True)
class NewPerson:
    """A person not yet recorded, the post they held on the event's day and their part in the event.

    `part` is "talk:<AgendaItem.Kind>" (on the agenda, with `talk_title`) or "official:<EventOfficial.Role>".
    The post's body is `organisation`, or a new one named `new_organisation` of `new_organisation_kind`.
    """

    given_name: str
    family_name: str = ""
    middle_name: str = ""
    honorific: str = ""
    academic_title: str = ""
    post_title: str = ""
    organisation: Organisation | None = None
    new_organisation: str = ""
    new_organisation_kind: str = ""
    part: str = f"{TALK}:{AgendaItem.Kind.PRESENTATION}"
    talk_title: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)


def people_named(full_name: str) -> list[Person]:
    """People whose full name is `full_name` once case and diacritics are set aside."""
    folded = fold(full_name)
    if not folded:
        return []
    candidates = Person.objects.filter(search_text__contains=folded).order_by("pk")
    return [person for person in candidates if fold(person.full_name) == folded]


def organisations_named(name: str) -> list[Organisation]:
    """Organisations whose name is `name` once case and diacritics are set aside."""
    folded = fold(name)
    if not folded:
        return []
    candidates = Organisation.objects.filter(search_text__contains=folded).order_by("pk")
    return [organisation for organisation in candidates if fold(organisation.name) == folded]


def check_new_organisation(name: str, kind: str) -> None:
    """Raise `EntryError` unless an organisation of this name may be created: a kind, and no namesake."""
    if not kind:
        raise EntryError(_("Choose the kind of the new organisation."), code="organisation_kind_missing")
    existing = organisations_named(name)
    if existing:
        raise EntryError(
            _("“%(name)s” is already recorded: choose it in the organisation list instead.") % {"name": existing[0]},
            code="organisation_exists",
            existing=existing[0],
        )


def check_new_person(data: NewPerson, *, namesake_allowed: bool = False, saving: bool = False) -> None:
    """Raise `EntryError` for the first thing that stops `data` being recorded as a new person.

    While `saving`, a new organisation's name may already be taken, by a row saved just before on the
    same page (an organiser named twice): `organisation_for_entry` then uses that one.
    """
    if not data.given_name.strip():
        raise EntryError(_("A new person needs a given name."), code="given_name_missing")
    if data.organisation and data.new_organisation:
        raise EntryError(_("Choose an organisation or name a new one, not both."), code="organisation_twice")
    if data.post_title and not (data.organisation or data.new_organisation):
        raise EntryError(_("Give the organisation of the post."), code="post_organisation_missing")
    if (data.organisation or data.new_organisation) and not data.post_title:
        raise EntryError(_("Give the title of the post held at this organisation."), code="post_title_missing")
    if data.new_organisation and not saving:
        check_new_organisation(data.new_organisation, data.new_organisation_kind)
    if data.new_organisation and not data.new_organisation_kind:
        raise EntryError(_("Choose the kind of the new organisation."), code="organisation_kind_missing")
    check_part(data.part)
    if not namesake_allowed:
        existing = people_named(data.full_name)
        if existing:
            raise EntryError(
                _(
                    "%(name)s is already recorded: choose the existing person on the agenda or among the officials, "
                    "or tick “another person of the same name”."
                )
                % {"name": existing[0].full_name},
                code="person_exists",
                existing=existing[0],
            )


@transaction.atomic
def organisation_for_entry(name: str, kind: str) -> Organisation:
    """The organisation named `name`: one made earlier in the same save (two rows naming the same new
    body get one), else a new one of `kind`."""
    existing = organisations_named(name)
    if existing:
        return existing[0]
    return Organisation.objects.create(name=name.strip(), kind=kind)


def next_order(queryset) -> int:
    highest = queryset.aggregate(highest=Max("order"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def add_new_person(event: Event, data: NewPerson, *, namesake_allowed: bool = False) -> AgendaItem | EventOfficial:
    """Record a new person, the post (and academic title) they held on the event's date and their talk or
    attendance.

    The post is dated by the event (`attested_on`, at the event's `date_precision`), the source being
    the event itself, so the event's page shows it and later pages do not take it for a current post.
    """
    check_new_person(data, namesake_allowed=namesake_allowed, saving=True)
    person = Person.objects.create(
        family_name=data.family_name.strip(),
        middle_name=data.middle_name.strip(),
        given_name=data.given_name.strip(),
        honorific=data.honorific,
    )
    if data.academic_title:
        # Known from this event: held on its date, at the precision the event is dated to.
        AcademicTitle.objects.create(
            person=person,
            title=data.academic_title,
            held_from=event.start_date,
            precision=event.date_precision,
            source=event.title[:255],
        )
    if data.post_title:
        organisation = data.organisation or organisation_for_entry(data.new_organisation, data.new_organisation_kind)
        Position.objects.create(
            person=person,
            title=data.post_title.strip(),
            organisation=organisation,
            attested_on=event.start_date,
            attested_precision=event.date_precision,
            source=event.title[:255],
        )
    return add_part(event, person, data.part, data.talk_title)


def check_part(part: str) -> None:
    """Raise `EntryError` unless `part` is "talk:<AgendaItem.Kind>" or "official:<EventOfficial.Role>"."""
    group, _sep, value = part.partition(":")
    valid = {TALK: AgendaItem.Kind.values, OFFICIAL: EventOfficial.Role.values}
    if value not in valid.get(group, []):
        raise EntryError(_("Choose the person's part in the event."), code="part_invalid")


def add_part(event: Event, person: Person, part: str, talk_title: str = "") -> AgendaItem | EventOfficial:
    """`person`'s talk ("talk:<AgendaItem.Kind>") or attendance ("official:<EventOfficial.Role>") at `event`,
    after the rows already there."""
    group, _sep, value = part.partition(":")
    if group == TALK:
        return AgendaItem.objects.create(
            event=event, speaker=person, kind=value, title=talk_title.strip(), order=next_order(event.agenda)
        )
    return EventOfficial.objects.create(event=event, person=person, role=value, order=next_order(event.officials))

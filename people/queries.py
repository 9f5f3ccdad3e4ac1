from datetime import date

from django.db.models import QuerySet

from .models import Person, Position, Province


def provinces_valid_on(day: date) -> QuerySet[Province]:
    return Province.objects.valid_on(day)


def current_unit(province: Province) -> Province:
    """The unit of today that `province` became part of, following the chain of successors."""
    unit = province
    while unit.successor_id is not None:
        unit = unit.successor
    return unit


def positions_held_on(person: Person, day: date) -> QuerySet[Position]:
    return person.positions.held_on(day).select_related("organisation")

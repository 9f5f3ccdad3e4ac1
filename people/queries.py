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


def units_within(province: Province) -> list[int]:
    """Ids of `province` and of every earlier unit that became part of it, directly or not.

    Today's Lâm Đồng gives itself, the old Lâm Đồng, Đắk Nông and Bình Thuận. One query: the
    whole table is 98 rows.
    """
    predecessors: dict[int, list[int]] = {}
    for pk, successor in Province.objects.values_list("pk", "successor_id"):
        predecessors.setdefault(successor, []).append(pk)
    found, todo = [], [province.pk]
    while todo:
        pk = todo.pop()
        found.append(pk)
        todo.extend(predecessors.get(pk, []))
    return found

from .content import (
    AgendaItem,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    Outcome,
    ParticipantGroup,
    Photo,
    Source,
)
from .event import Event, EventSeries

__all__ = [
    "AgendaItem",
    "Event",
    "EventDirective",
    "EventOfficial",
    "EventOrganiser",
    "EventSeries",
    "Outcome",
    "ParticipantGroup",
    "Photo",
    "Source",
]

from .content import (
    AgendaItem,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    Outcome,
    ParticipantGroup,
    Photo,
    Qualifier,
    Source,
)
from .event import Event, EventRelation, EventSeries
from .search import EventSearchIndex, SearchTerm
from .summary import DirectiveEventCount

__all__ = [
    "AgendaItem",
    "DirectiveEventCount",
    "Event",
    "EventDirective",
    "EventOfficial",
    "EventOrganiser",
    "EventRelation",
    "EventSearchIndex",
    "EventSeries",
    "Outcome",
    "ParticipantGroup",
    "Photo",
    "Qualifier",
    "SearchTerm",
    "Source",
]

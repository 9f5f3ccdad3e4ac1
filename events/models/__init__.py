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
from .registration import (
    Officer,
    ProvinceQuota,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    normalise_phone,
    validate_phone,
)
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
    "Officer",
    "Outcome",
    "ParticipantGroup",
    "Photo",
    "ProvinceQuota",
    "Qualifier",
    "Registration",
    "RegistrationChange",
    "RegistrationSettings",
    "SearchTerm",
    "Source",
    "normalise_phone",
    "validate_phone",
]

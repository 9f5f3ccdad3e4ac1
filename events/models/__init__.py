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
from .registration import (
    Officer,
    ProvinceQuota,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    normalise_phone,
    validate_phone,
)

__all__ = [
    "AgendaItem",
    "Event",
    "EventDirective",
    "EventOfficial",
    "EventOrganiser",
    "EventSeries",
    "Officer",
    "Outcome",
    "ParticipantGroup",
    "Photo",
    "ProvinceQuota",
    "Registration",
    "RegistrationChange",
    "RegistrationSettings",
    "Source",
    "normalise_phone",
    "validate_phone",
]

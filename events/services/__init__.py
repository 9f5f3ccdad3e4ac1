"""Writes to events. The admin, the portal, the check-in page and the demo loader all go through here."""

from .publishing import publish_events, set_status, unpublish_events
from .registration import (
    DelegateData,
    RegistrationError,
    approve_registrations,
    cancel_registration,
    cancel_registrations,
    check_in,
    ensure_not_registered,
    erase_contact_data,
    free_seats,
    promote_registrations,
    register_delegates,
    reject_registrations,
    seats_left,
    set_province_quotas,
    substitute_delegate,
    update_delegate,
)

__all__ = [
    "DelegateData",
    "RegistrationError",
    "approve_registrations",
    "cancel_registration",
    "cancel_registrations",
    "check_in",
    "ensure_not_registered",
    "erase_contact_data",
    "free_seats",
    "promote_registrations",
    "publish_events",
    "register_delegates",
    "reject_registrations",
    "seats_left",
    "set_province_quotas",
    "set_status",
    "substitute_delegate",
    "unpublish_events",
    "update_delegate",
]

"""Writes to events. The admin, the article reader and the demo loader all go through here.

Registrations have their own services: registrations/services.py."""

from .publishing import publish_events, set_status, unpublish_events

__all__ = ["publish_events", "set_status", "unpublish_events"]

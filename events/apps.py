from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from .roles import create_staff_groups
        from .search import connect_signals
        from .summaries import connect_signals as connect_summaries

        connect_signals()
        connect_summaries()

        # Sent for each app after `migrate` (and `flush`); the receiver acts on the last app the roles
        # name (registrations), when the permissions of every app they grant have been created.
        post_migrate.connect(create_staff_groups, dispatch_uid="events.roles.create_staff_groups")

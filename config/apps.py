from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "config.admin.StaffAdminSite"

    def ready(self):
        super().ready()
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401  (registers the project's system checks)
        from .staff_access import shorten_staff_session

        user_logged_in.connect(shorten_staff_session, dispatch_uid="config.shorten_staff_session")

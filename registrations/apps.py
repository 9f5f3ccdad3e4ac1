from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Provinces' delegates: registration settings, quotas, officers, registrations, the portal and the
    staff pages. Imports from `events`, never the reverse."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from . import bench_data, materials

        bench_data.connect()
        materials.connect()

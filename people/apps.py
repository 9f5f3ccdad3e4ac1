from django.apps import AppConfig, apps
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisations")

    def ready(self):
        from .text import RECORD_APPS, clean_text_fields

        # Every model of the record, simple-history's Historical… copies included (they are registered
        # with the app of the model they copy): no text with a control character is ever written.
        # (bulk_create and QuerySet.update send no signal; no writer of the record's text uses them.)
        for label in RECORD_APPS:
            for model in apps.get_app_config(label).get_models():
                pre_save.connect(clean_text_fields, sender=model, dispatch_uid=f"clean-text-{model._meta.label}")

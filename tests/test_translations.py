"""Every label, help text and choice the admin shows for our models has a Vietnamese translation."""

from django.apps import apps
from django.utils import translation

APPS = ["people", "briefings", "events"]


def _texts():
    for app in APPS:
        config = apps.get_app_config(app)
        yield f"{app} app name", config.verbose_name
        for model in config.get_models():
            yield f"{model._meta.label} verbose_name", model._meta.verbose_name
            yield f"{model._meta.label} verbose_name_plural", model._meta.verbose_name_plural
            for field in model._meta.get_fields():
                if not hasattr(field, "verbose_name") or field.auto_created or not field.editable:
                    continue
                yield f"{model._meta.label}.{field.name}", field.verbose_name
                if field.help_text:
                    yield f"{model._meta.label}.{field.name} help_text", field.help_text
                for _value, label in field.flatchoices or ():
                    yield f"{model._meta.label}.{field.name} choice", label


def _untranslated():
    for where, text in _texts():
        with translation.override("en"):
            english = str(text)
        with translation.override("vi"):
            if str(text) == english:
                yield f"{where}: {english}"


def test_every_model_text_has_a_vietnamese_translation():
    assert len(list(_texts())) > 250
    assert list(_untranslated()) == []

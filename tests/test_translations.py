"""Every label, help text and choice the admin shows for our models has a Vietnamese translation."""

import ast
import gettext
import re

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize
from simple_history.models import HistoricalChanges

APPS = ["people", "briefings", "events"]


def _texts():
    for app in APPS:
        config = apps.get_app_config(app)
        yield f"{app} app name", config.verbose_name
        for model in config.get_models():
            if issubclass(model, HistoricalChanges):
                # Audit history tables are not in the admin; its "History" pages show only the kind of
                # change (and simple-history marks nothing else of them for translation).
                for field in model._meta.get_fields():
                    if field.name == "history_type":
                        yield from ((f"{model._meta.label}.history_type choice", label) for _, label in field.choices)
                continue
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


PO = settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _po_entries():
    """(context, msgid, msgstr) of each entry of the Vietnamese catalogue, the header left out."""
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                fields.setdefault("flags", []).append(line)
                continue
            key, _, rest = line.partition(" ")
            if not line.startswith('"'):
                current, line = key, rest
            fields[current] = fields.get(current, "") + ast.literal_eval(line)
        if fields.get("msgid"):
            msgstr = fields.get("msgstr", fields.get("msgstr[0]", ""))
            yield fields.get("msgctxt"), (fields["msgid"], fields.get("msgid_plural")), msgstr, fields.get("flags", [])


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = list(_po_entries())
    assert len(entries) > 300
    assert [msgid for _ctx, (msgid, _), msgstr, _flags in entries if not msgstr] == []
    assert [msgid for _ctx, (msgid, _), _msgstr, flags in entries if any("fuzzy" in f for f in flags)] == []


def test_compiled_catalogue_matches_the_po_file():
    """Catches a .po edited without `make messages` (compilemessages)."""
    with open(PO.with_suffix(".mo"), "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    stale = []
    for context, (msgid, plural), msgstr, _flags in _po_entries():
        if plural:
            shown = catalogue.npgettext(context, msgid, plural, 1) if context else catalogue.ngettext(msgid, plural, 1)
        else:
            shown = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
        if shown != msgstr:
            stale.append(msgid)
    assert stale == []


GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
PGETTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
SOURCE_APPS = ["config", "people", "briefings", "events"]


def _marked(call: ast.Call):
    """(context, msgid) of a gettext call whose text is a literal, else None (a variable is marked elsewhere)."""
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
    if name not in GETTEXT | PGETTEXT:
        return None
    strings = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in call.args]
    if name in PGETTEXT:
        return (strings[0], strings[1]) if len(strings) > 1 and None not in strings[:2] else None
    return (None, strings[0]) if strings and strings[0] is not None else None


def _marked_in_python():
    for app in SOURCE_APPS:
        for path in (settings.BASE_DIR / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and (found := _marked(node)):
                    yield f"{path.relative_to(settings.BASE_DIR)}", *found


CALL = re.compile(r"\b(?:n?p?gettext)\(")


def _marked_in_templates():
    """What `makemessages` reads from a template: Django's templatize turns it into gettext calls."""
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for match in CALL.finditer(code):
            end = match.end()
            while True:  # the call ends at the first ")" after which it parses
                end = code.index(")", end) + 1
                try:
                    call = ast.parse(code[match.start() : end], mode="eval").body
                    break
                except SyntaxError:
                    continue
            if found := _marked(call):
                yield f"{path.relative_to(settings.BASE_DIR)}", *found


def test_every_marked_text_is_in_the_catalogue_and_translated():
    """A text marked in the code but missing from the .po (never extracted, say from inside an f-string)
    stays English on the Vietnamese site."""
    translated = {(context, msgid) for context, (msgid, _plural), msgstr, _flags in _po_entries() if msgstr}
    marked = [*_marked_in_python(), *_marked_in_templates()]
    assert len(marked) > 500
    assert [f"{where}: {msgid!r}" for where, context, msgid in marked if (context, msgid) not in translated] == []


def test_django_admin_texts_missing_from_djangos_catalogue_are_vietnamese(admin_user):
    from django.test import Client

    client = Client(headers={"accept-language": "vi"})
    client.force_login(admin_user)
    page = client.get("/admin/people/person/").content.decode()
    assert "Đến nội dung chính" in page
    assert "Skip to main content" not in page
    assert "Show counts" not in page

"""Rows written before the record cleaned its text on save get the same cleaning (issue 11).

Every text column of every model of people, briefings and events, their Historical… copies included,
goes through `people.text.clean_text`, the function every save now applies. Only rows holding a control
character are read (a regular expression in the database: one pass over each table, whatever its size),
in batches by primary key, and only the columns that change are written.
"""

from django.db import migrations
from django.db.models import Q

from people.text import CONTROL_PATTERN, MULTILINE_CONTROL_PATTERN, RECORD_APPS, clean_text, text_fields

BATCH = 500


def _pattern(multiline: bool, vendor: str) -> str:
    pattern = MULTILINE_CONTROL_PATTERN if multiline else CONTROL_PATTERN
    # PostgreSQL cannot store NUL, nor take it in a pattern.
    return pattern.replace(r"\x00", r"\x01") if vendor == "postgresql" else pattern


def clean_control_characters(apps, schema_editor):
    connection = schema_editor.connection
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in RECORD_APPS or meta.proxy or not meta.managed:
            continue
        fields = dict(text_fields(model))
        if not fields:
            continue
        dirty = Q()
        for attname, multiline in fields.items():
            dirty |= Q(**{f"{attname}__regex": _pattern(multiline, connection.vendor)})
        rows = model._base_manager.using(connection.alias).filter(dirty).only(*fields).order_by("pk")
        last = None
        while batch := list(rows[:BATCH] if last is None else rows.filter(pk__gt=last)[:BATCH]):
            last = batch[-1].pk
            changed_rows, changed_fields = [], set()
            for row in batch:
                changed = set()
                for attname, multiline in fields.items():
                    value = getattr(row, attname)
                    if isinstance(value, str) and (cleaned := clean_text(value, multiline=multiline)) != value:
                        setattr(row, attname, cleaned)
                        changed.add(attname)
                if changed:
                    changed_rows.append(row)
                    changed_fields |= changed
            if changed_rows:
                model._base_manager.using(connection.alias).bulk_update(changed_rows, sorted(changed_fields))


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0002_history"),
        ("events", "0004_public_page_indexes"),
        ("people", "0004_history"),
    ]

    operations = [
        migrations.RunPython(clean_control_characters, migrations.RunPython.noop, elidable=True),
    ]

"""Tags for the event page's <head>: schema.org JSON-LD and the OpenGraph values."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events import open_data

register = template.Library()

# What `json_script` escapes: a title containing "</script>" cannot end the element early.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    """`{% event_json_ld event %}`: json_script cannot do it, its element is not of type ld+json."""
    return json_ld_script(open_data.event_json_ld(event, context["request"]))


@register.simple_tag(takes_context=True)
def event_meta(context, event):
    """`{% event_meta event as meta %}`: title, description, url, image, locales and calendar link."""
    return open_data.event_page_meta(event, context["request"])

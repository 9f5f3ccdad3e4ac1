"""Template helpers of the public site."""

from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from people.text import localized

register = template.Library()


@register.filter
def local(obj, field):
    """The field in the page's language; Vietnamese text on an English page is marked as such."""
    text, fallback = localized(obj, field, get_language())
    if fallback:
        return format_html(
            '<span lang="vi">{}</span> <abbr class="lang-mark" title="{}">VI</abbr>',
            text,
            gettext("Only in Vietnamese"),
        )
    return text


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """This page in `language`, with its query string, so switching keeps the page and filters."""
    return translate_url(context["request"].get_full_path(), language)


@register.simple_tag(takes_context=True)
def query_with(context, **params):
    """The current query string with `params` replaced, e.g. for the next page of a filtered list."""
    query = context["request"].GET.copy()
    for key, value in params.items():
        query[key] = value
    return query.urlencode()

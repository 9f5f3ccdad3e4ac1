"""Template helpers of the public site."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse, translate_url
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext

from people.text import country_name, english_place_name, format_day, localized

register = template.Library()


def marked(text, fallback: bool):
    """`text`, marked `lang="vi"` with the VI mark when it is a Vietnamese fallback on an English page."""
    if fallback:
        return format_html(
            '<span lang="vi">{}</span> <abbr class="lang-mark" title="{}">VI</abbr>',
            text,
            gettext("Only in Vietnamese"),
        )
    return text


@register.filter
def local(obj, field):
    """The field in the page's language; Vietnamese text on an English page is marked as such."""
    return marked(*localized(obj, field, get_language()))


@register.filter
def vi(text, mark=""):
    """Text that exists only in Vietnamese (a venue, a source's title, a note), marked `lang="vi"` on an
    English page; `|vi:"mark"` adds the VI mark too, for text a reader would expect translated."""
    if not text or get_language() == "vi":
        return text
    if mark:
        return marked(text, True)
    return format_html('<span lang="vi">{}</span>', text)


@register.filter
def province_name(province):
    """A province-level unit in the page's language: "Tỉnh Lâm Đồng", on /en/ "Lâm Đồng Province"."""
    if province is None:
        return ""
    if get_language() == "vi":
        return province.name
    return english_place_name(province.name, province.kind)


@register.filter
def country(name):
    """A country as the record writes it, in the page's language: "Việt Nam" is "Viet Nam" on /en/."""
    return marked(*country_name(name, get_language()))


@register.filter
def day(value):
    """A date in the page's language: "8/3/2025", on /en/ "8 Mar 2025"."""
    return format_day(value, get_language()) if value else ""


@register.filter
def names(pairs):
    """(text, Vietnamese fallback?) pairs, e.g. an event card's organisers, joined with commas."""
    return format_html_join(", ", "{}", ((marked(text, fallback),) for text, fallback in pairs))


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """This page in `language`, with its query string, so switching keeps the page and filters."""
    return translate_url(context["request"].get_full_path(), language)


@register.simple_tag(takes_context=True)
def language_switch_url(context, language):
    """The switch to `language`: it remembers the choice (a cookie) and shows this page in it."""
    query = urlencode({"next": translate_url(context["request"].get_full_path(), language)})
    return f"{reverse('switch-language', args=[language])}?{query}"


@register.simple_tag(takes_context=True)
def query_with(context, **params):
    """The current query string with `params` replaced, e.g. for the next page of a filtered list."""
    query = context["request"].GET.copy()
    for key, value in params.items():
        query[key] = value
    return query.urlencode()

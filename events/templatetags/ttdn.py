"""Template helpers of the public site."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse, translate_url
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from events.models import Event
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


# An event card, written out in Python rather than included as a template once per card: an include,
# its context and its two dozen variable lookups per event were most of the uncached event list's
# rendering (issue 15). The HTML is the same as the template's was (its line breaks included), every
# value escaped.


def _card(event, url_head: str, url_tail: str, kinds: dict, cancelled: str) -> str:
    label = str(getattr(event, "relation_label", "") or "")
    badge = f'<span class="badge">{conditional_escape(label[0].upper() + label[1:])}</span> ' if label else ""
    kind = kinds.get(event.kind, event.kind)
    status = f' · <span class="badge badge-cancelled">{cancelled}</span>' if event.status == "cancelled" else ""
    html = (
        f'<li class="card">\n  <p class="meta">{badge}<span class="date">{escape(event.display_date)}</span>'
        f" · {conditional_escape(kind)}{status}</p>\n"
        f'  <h3><a href="{url_head}{escape(event.slug)}{url_tail}">{conditional_escape(local(event, "title"))}</a></h3>'
        "\n  \n  "
    )
    city, venue = event.city, event.venue
    province = province_name(event.province)
    abroad = (event.country or "").replace("Việt Nam", "")
    place = conditional_escape(city or venue or province or "")
    organisers = getattr(event, "organiser_names", None)
    if place or abroad or organisers:
        line = vi(place) if (city or venue) else place
        if abroad:
            line = f"{line}{', ' if place else ''}{conditional_escape(country(event.country))}"
        if organisers:
            line = f"{line}{' · ' if place or abroad else ''}{names(organisers)}"
        html += f'\n  <p class="meta">{line}</p>\n  '
    html += "\n  "
    match = getattr(event, "match", "")
    if match:
        html += f'<p class="match">{conditional_escape(match)}</p>'
    return html + "\n</li>\n"


@register.simple_tag
def event_cards(events):
    """The cards of `events` (each with `organiser_names`, as queries.with_organiser_names sets them;
    `relation_label` and `match` when they have one): the event's label, date, kind, title linked to
    its page, place, country abroad and organisers. The address is reversed once, not per card."""
    url_head, url_tail = reverse("events:event-detail", kwargs={"slug": "__slug__"}).rsplit("__slug__", 1)
    kinds = {value: str(label) for value, label in Event._meta.get_field("kind").flatchoices}
    cancelled = conditional_escape(gettext("cancelled"))
    return mark_safe(  # every value escaped in _card
        "".join(_card(event, url_head, url_tail, kinds, cancelled) for event in events)
    )


@register.simple_tag
def event_card(event):
    """One event's card (see event_cards)."""
    return event_cards([event])


@register.simple_tag
def person_posts(person):
    """The posts a speaker or an official held during the event (`posts`, set by the event page's
    reads), after their name: ", Director, Ministry of …; Member, …"; then the line break the include
    this replaces ended with."""
    posts = getattr(person, "posts", None)
    if not posts:
        return "\n"
    held = "; ".join(
        f"{conditional_escape(local(post, 'title'))}, {conditional_escape(local(post.organisation, 'name'))}"
        for post in posts
    )
    return mark_safe(f'<span class="posts">, {held}</span>\n')  # every part escaped above

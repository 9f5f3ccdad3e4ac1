"""Template helpers of the public site."""

from urllib.parse import urlencode

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse, translate_url
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from events.models import AgendaItem, Event, EventDirective, EventOfficial, Outcome
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


def _card(event, event_url, kinds: dict, cancelled: str) -> str:
    label = str(getattr(event, "relation_label", "") or "")
    badge = f'<span class="badge">{conditional_escape(label[0].upper() + label[1:])}</span> ' if label else ""
    kind = kinds.get(event.kind, event.kind)
    status = f' · <span class="badge badge-cancelled">{cancelled}</span>' if event.status == "cancelled" else ""
    html = (
        f'<li class="card">\n  <p class="meta">{badge}<span class="date">{escape(event.display_date)}</span>'
        f" · {conditional_escape(kind)}{status}</p>\n"
        f'  <h3><a href="{event_url(event.slug)}">{conditional_escape(local(event, "title"))}</a></h3>'
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
    event_url, kinds = _address("events:event-detail"), _labels(Event, "kind")
    cancelled = conditional_escape(gettext("cancelled"))
    return mark_safe(  # every value escaped in _card
        "".join(_card(event, event_url, kinds, cancelled) for event in events)
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


# The event page's repeated parts (agenda, officials, outcomes, directives, sources), written out in
# Python as event_cards are, for the same reason: a dozen tags and filters per row, and a reverse()
# per link, were most of the uncached event page's rendering (issue 15). Same HTML as the loops
# they replace, every value escaped.


def _address(name: str):
    """A function giving the address of the page `name` for a slug: reversed once, not per row."""
    head, tail = reverse(name, kwargs={"slug": "__slug__"}).rsplit("__slug__", 1)
    return lambda slug: f"{head}{escape(slug)}{tail}"


def _labels(model, field: str) -> dict:
    """The display labels of a field's choices in the page's language, read once for all rows (the
    model's get_FOO_display() builds the choices anew for each)."""
    return {value: escape(label) for value, label in model._meta.get_field(field).flatchoices}


def _speaker(person, person_url) -> str:
    return (
        f'<a class="speaker" href="{person_url(person.slug)}">{escape(person.display_name)}</a>{person_posts(person)}'
    )


def _said(item, field: str, before: str, after: str) -> str:
    return f"{before}“{conditional_escape(local(item, field))}”{after}" if getattr(item, field) else ""


def _summary(item) -> str:
    return linebreaks_filter(local(item, "summary"), autoescape=True) if item.summary else ""


@register.simple_tag
def timetable_rows(event):
    """The rows of the event's agenda as a timetable: day (of an event of several days), time or part
    of day, room, and the item: its kind, speaker with the posts of the day, title and summary."""
    person_url = _address("events:person-detail")
    language = get_language()
    kinds, parts_of_day = _labels(AgendaItem, "kind"), _labels(AgendaItem, "part_of_day")
    rows = []
    for item in event.agenda.all():
        day = f"<td>{escape(format_day(item.day or event.start_date, language))}</td>" if event.end_date else ""
        if item.starts_at:
            time = f"{item.starts_at:%H:%M}" + (f"–{item.ends_at:%H:%M}" if item.ends_at else "")
        else:
            time = parts_of_day.get(item.part_of_day, escape(item.part_of_day))
        speaker = f"<br>{_speaker(item.speaker, person_url)}" if item.speaker else ""
        rows.append(
            f'\n    <tr>{day}\n      <td class="date">{time}</td>\n      <td>{conditional_escape(vi(item.room))}</td>\n'
            f'      <td><span class="kind">{kinds.get(item.kind, escape(item.kind))}</span>{speaker}\n'
            f"        {_said(item, 'title', '<br><strong>', '</strong>')}\n"
            f"        {_summary(item)}</td>\n    </tr>\n    "
        )
    return mark_safe("".join(rows))  # every value escaped above


@register.simple_tag
def agenda_items(event):
    """The event's agenda as a list, for an agenda without times: kind, speaker, title and summary."""
    person_url = _address("events:person-detail")
    kinds = _labels(AgendaItem, "kind")
    return mark_safe(  # every value escaped
        "".join(
            f'\n    <li>\n      <span class="kind">{kinds.get(item.kind, escape(item.kind))}</span><br>\n'
            f"      {_speaker(item.speaker, person_url) if item.speaker else ''}\n"
            f"      {_said(item, 'title', '<p><strong>', '</strong></p>')}\n      {_summary(item)}\n    </li>\n    "
            for item in event.agenda.all()
        )
    )


@register.simple_tag
def official_items(officials):
    """The officials taking part, each with the posts held during the event and their role."""
    person_url = _address("events:person-detail")
    roles = _labels(EventOfficial, "role")
    return mark_safe(  # every value escaped
        "".join(
            f"\n    <li>{_speaker(official.person, person_url)} "
            f'<span class="muted">({roles.get(official.role, escape(official.role))})</span></li>\n    '
            for official in officials
        )
    )


def _directive_name(directive) -> str:
    """A directive by its symbol ("Nghị quyết 47/NQ-CP"), else by its title."""
    return conditional_escape(vi(directive.short_name) if directive.symbol else local(directive, "title"))


@register.simple_tag
def outcome_items(outcomes):
    """The outcomes: kind, description, the document adopted, the organisations and provinces named."""
    directive_url = _address("events:directive-detail")
    organisation_url = _address("events:organisation-detail")
    named_label = escape(gettext("Named:"))
    kinds = _labels(Outcome, "kind")
    items = []
    for outcome in outcomes:
        html = (
            f'\n    <li><span class="badge">{kinds.get(outcome.kind, escape(outcome.kind))}</span> '
            f"{conditional_escape(local(outcome, 'description'))}"
        )
        if outcome.directive:
            html += f' — <a href="{directive_url(outcome.directive.slug)}">{_directive_name(outcome.directive)}</a>'
        html += "\n      "
        named = [
            f'<a href="{organisation_url(organisation.slug)}">{conditional_escape(local(organisation, "name"))}</a>'
            for organisation in outcome.named_organisations
        ] + [escape(province_name(province)) for province in outcome.named_provinces]
        if named:
            html += f'<br><span class="muted">{named_label}</span> {", ".join(named)}'
        items.append(html + "</li>\n    ")
    return mark_safe("".join(items))  # every value escaped above


@register.simple_tag
def directive_items(links):
    """The directives the event implements or discusses, by symbol and title."""
    directive_url = _address("events:directive-detail")
    relations = {value: escape(capfirst(label)) for value, label in EventDirective.Relation.choices}
    items = []
    for link in links:
        directive = link.directive
        symbol = f"{conditional_escape(vi(directive.short_name))} — " if directive.symbol else ""
        relation = relations.get(link.relation, escape(link.relation))
        items.append(
            f'\n    <li><span class="muted">{relation}:</span> <a href="{directive_url(directive.slug)}">'
            f"{symbol}{conditional_escape(local(directive, 'title'))}</a></li>\n    "
        )
    return mark_safe("".join(items))  # every value escaped above


@register.simple_tag
def source_items(sources):
    """The press sources: title (linked) or publisher, then publisher, author, date and credit line.
    The credit line ("Tin, ảnh: Hoàng Tuyết/Báo Tin tức") often names the author already: then it
    stands for both."""
    language = get_language()
    items = []
    for source in sources:
        name = conditional_escape(vi(source.title or source.publisher))
        if source.url:
            name = f'<a href="{escape(source.url)}" rel="noopener">{name}</a>'
        details = f"— {conditional_escape(vi(source.publisher))}" if source.title else ""
        if source.author and source.author not in source.credit:
            details += f", {conditional_escape(vi(source.author))}"
        if source.published_on:
            details += f", {escape(format_day(source.published_on, language))}"
        if source.credit:
            details += f". {conditional_escape(vi(source.credit))}"
        items.append(f'\n    <li>{name}\n      \n      <span class="muted">{details}</span></li>\n    ')
    return mark_safe("".join(items))  # every value escaped above

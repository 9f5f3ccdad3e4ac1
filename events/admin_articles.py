"""The admin's "Add event from an article" (issue 14): paste a press report → review what the reader
proposes, matched with the record → a draft event written by `services.articles.create_draft`.

Two pages on the event admin (`EventAdmin.get_urls`), both for users who may add events. Nothing is kept
between them but the review form itself: the proposal travels as the form's initial values, so every
value stays editable and a page sent twice records nothing twice but the draft it asks for.
"""

import logging
import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.admin import CheckedAutocompleteSelect
from config.date_input import DATE_ERROR, AdminDayFirstDateWidget
from people.models import VIETNAM, AcademicTitleChoice, Organisation, Person, Province
from people.text import clean_text, fold

from .admin_forms import WIDE, Cleaned, NewPersonFields, Text, kind_field
from .articles.matching import match_proposal
from .models import Event, EventDirective, EventOfficial, EventOrganiser, Qualifier
from .services import articles, entry

logger = logging.getLogger(__name__)

MAX_TEXT = 200_000  # characters: a long report is 20,000
MAX_ROWS = 60
MATCH, NEW, DROP = "match", "new", "drop"
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|article|div|p|span|br|h[1-6]|table|section)\b", re.IGNORECASE)


class LongText(Text):
    multiline = True


class Address(Cleaned, forms.URLField):
    pass


def _date_field(label, required=False):
    return forms.DateField(
        label=label, required=required, widget=AdminDayFirstDateWidget, error_messages={"invalid": DATE_ERROR}
    )


# The paste page


class PasteForm(forms.Form):
    text = LongText(
        label=gettext_lazy("Article"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 18, "class": "vLargeTextField ttdn-wide"}),
        help_text=gettext_lazy("The article's text, or the HTML of its page."),
    )
    url = Address(label=gettext_lazy("address"), max_length=500, required=False, assume_scheme="https", widget=WIDE)
    published_on = _date_field(gettext_lazy("published on"))
    publisher = Text(
        label=gettext_lazy("publisher"),
        max_length=255,
        required=False,
        widget=WIDE,
        help_text=gettext_lazy("e.g. Báo Tin tức, Lamdongtv.vn."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if _HTML.search(text):
            from .articles.html import article_text

            text = clean_text(article_text(text), multiline=True)
        if not text.strip():
            raise ValidationError(_("Paste the article's text or the HTML of its page."), code="empty")
        return text


def read(data) -> object:
    """The proposal for a pasted article, matched with the record."""
    from .articles.reader import read_article

    proposal = read_article(
        data["text"],
        published_on=data.get("published_on"),
        url=data.get("url", ""),
        publisher=data.get("publisher", ""),
    )
    return match_proposal(proposal)


def _found_nothing(proposal) -> bool:
    return not (
        proposal.title
        or proposal.start_date
        or proposal.day_month
        or proposal.organisers
        or proposal.people
        or proposal.directives
    )


# The review page

CHOICES = [(MATCH, gettext_lazy("recorded")), (NEW, gettext_lazy("new")), (DROP, gettext_lazy("drop"))]


def _choice(choices=CHOICES):
    return forms.ChoiceField(label=gettext_lazy("use"), choices=choices, widget=forms.RadioSelect, initial=MATCH)


class EventReviewForm(forms.Form):
    title = Text(label=gettext_lazy("title"), max_length=500, widget=WIDE)
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=Event.Kind.choices, initial=Event.Kind.TRAINING)
    start_date = _date_field(gettext_lazy("start date"), required=True)
    end_date = _date_field(gettext_lazy("end date"))
    date_precision = forms.ChoiceField(
        label=gettext_lazy("date precision"), choices=Event.Precision.choices, initial=Event.Precision.DAY
    )
    part_of_day = forms.ChoiceField(
        label=gettext_lazy("part of day"), choices=[("", "---------"), *Event.PartOfDay.choices], required=False
    )
    venue = Text(label=gettext_lazy("venue"), max_length=255, required=False, widget=WIDE)
    city = Text(label=gettext_lazy("city"), max_length=100, required=False)
    province = forms.ModelChoiceField(
        label=gettext_lazy("province"),
        queryset=Province.objects.order_by("name", "-valid_to"),
        required=False,
        help_text=gettext_lazy("The unit of the event's day: a 2024 event in Đà Lạt is in the old Tỉnh Lâm Đồng."),
    )
    country = Text(label=gettext_lazy("country"), max_length=100, initial=VIETNAM)
    publisher = Text(label=gettext_lazy("publisher"), max_length=255, widget=WIDE)
    source_title = Text(label=gettext_lazy("article title"), max_length=500, required=False, widget=WIDE)
    url = Address(label=gettext_lazy("address"), max_length=500, required=False, assume_scheme="https", widget=WIDE)
    published_on = _date_field(gettext_lazy("published on"))
    author = Text(label=gettext_lazy("author"), max_length=255, required=False)
    credit = Text(label=gettext_lazy("credit line"), max_length=255, required=False, widget=WIDE)
    delegates_qualifier = forms.ChoiceField(
        label=gettext_lazy("delegates: wording"), choices=Qualifier.choices, required=False
    )
    delegates = forms.IntegerField(
        label=gettext_lazy("delegates (as this source says)"), min_value=0, max_value=10_000_000, required=False
    )
    provinces_qualifier = forms.ChoiceField(
        label=gettext_lazy("provinces: wording"), choices=Qualifier.choices, required=False
    )
    provinces = forms.IntegerField(
        label=gettext_lazy("provinces (as this source says)"), min_value=0, max_value=32_000, required=False
    )
    warnings = LongText(required=False, widget=forms.HiddenInput, max_length=MAX_TEXT)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The event cannot end before it starts."))
        if data.get("part_of_day") and data.get("date_precision") != Event.Precision.DAY:
            self.add_error("part_of_day", _("A part of day needs a date given to the day."))
        return data


class _RowForm(forms.Form):
    evidence = LongText(required=False, widget=forms.HiddenInput, max_length=MAX_TEXT)
    name = Text(required=False, widget=forms.HiddenInput, max_length=500)


class OrganiserReviewForm(_RowForm):
    use = _choice()
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("recorded organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=CheckedAutocompleteSelect(EventOrganiser._meta.get_field("organisation"), admin.site),
    )
    new_name = Text(label=gettext_lazy("or a new organisation"), max_length=255, required=False, widget=WIDE)
    new_kind = kind_field()
    role = forms.ChoiceField(label=gettext_lazy("role"), choices=EventOrganiser.Role.choices)

    def clean(self):
        data = super().clean()
        use = data.get("use")
        if use == MATCH and not data.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("Choose an organisation or name a new one."))
        if use == NEW:
            try:
                entry.check_new_organisation(data.get("new_name", "").strip(), data.get("new_kind", ""))
            except entry.EntryError as error:
                self.add_error("new_name" if error.code == "organisation_exists" else "new_kind", error.message)
            if not data.get("new_name", "").strip():
                self.add_error("new_name", _("Choose an organisation or name a new one."))
        return data

    def reviewed(self):
        data = self.cleaned_data
        if data["use"] == MATCH:
            return articles.ReviewedOrganiser(role=data["role"], organisation=data["organisation"])
        return articles.ReviewedOrganiser(
            role=data["role"], new_name=data["new_name"].strip(), new_kind=data.get("new_kind", "")
        )


class PersonReviewForm(_RowForm, NewPersonFields):
    """A person of the article: the recorded one (with the article's post added when it is missing), or a
    new one asked as the event page's quick entry asks it."""

    use = _choice()
    person = forms.ModelChoiceField(
        label=gettext_lazy("recorded person"),
        queryset=Person.objects.all(),
        required=False,
        widget=CheckedAutocompleteSelect(EventOfficial._meta.get_field("person"), admin.site),
    )
    add_post = forms.BooleanField(
        label=gettext_lazy("add this post, as held on the event's date"),
        required=False,
        help_text=gettext_lazy("For a recorded person whose record lacks the post the article gives."),
    )
    field_order = [
        *("evidence", "name", "use", "person", "honorific", "academic_title", "family_name", "middle_name"),
        *("given_name", "namesake", "post_title", "add_post", "organisation", "new_organisation"),
        *("new_organisation_kind", "part", "talk_title"),
    ]

    def new_person(self) -> entry.NewPerson:
        data = self.cleaned_data
        post = data.get("post_title", "").strip()
        return entry.NewPerson(
            given_name=data.get("given_name", "").strip(),
            family_name=data.get("family_name", "").strip(),
            middle_name=data.get("middle_name", "").strip(),
            honorific=data.get("honorific", ""),
            academic_title=data.get("academic_title", ""),
            post_title=post,
            organisation=data.get("organisation") if post else None,
            new_organisation=data.get("new_organisation", "").strip() if post and not data.get("organisation") else "",
            new_organisation_kind=data.get("new_organisation_kind", ""),
            part=data.get("part", ""),
            talk_title=data.get("talk_title", ""),
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("use") == MATCH:
            if not data.get("person"):
                self.add_error("person", _("Choose a recorded person or a new one."))
            elif data.get("add_post") and data.get("post_title", "").strip():
                if not (data.get("organisation") or data.get("new_organisation", "").strip()):
                    self.add_error("organisation", _("Give the organisation of the post."))
                elif not data.get("organisation"):
                    try:
                        entry.check_new_organisation(data["new_organisation"].strip(), data["new_organisation_kind"])
                    except entry.EntryError as error:
                        self.add_error("new_organisation", error.message)
        elif data.get("use") == NEW:
            try:
                entry.check_new_person(self.new_person(), namesake_allowed=data.get("namesake", False))
            except entry.EntryError as error:
                self.add_error(None, error.message)
        return data

    def reviewed(self):
        data = self.cleaned_data
        common = {"part": data["part"], "talk_title": data.get("talk_title", "")}
        if data["use"] == MATCH:
            return articles.ReviewedPerson(
                person=data["person"],
                add_post=data.get("add_post", False),
                post_title=data.get("post_title", ""),
                organisation=data.get("organisation"),
                new_organisation=data.get("new_organisation", ""),
                new_organisation_kind=data.get("new_organisation_kind", ""),
                **common,
            )
        return articles.ReviewedPerson(new=self.new_person(), namesake=data.get("namesake", False), **common)


class DirectiveReviewForm(_RowForm):
    use = _choice([(MATCH, gettext_lazy("recorded")), (DROP, gettext_lazy("drop"))])
    directive = forms.ModelChoiceField(
        label=gettext_lazy("directive"),
        queryset=EventDirective._meta.get_field("directive").related_model.objects.all(),
        required=False,
        widget=CheckedAutocompleteSelect(EventDirective._meta.get_field("directive"), admin.site),
    )

    def clean(self):
        data = super().clean()
        if data.get("use") == MATCH and not data.get("directive") and "directive" not in self.errors:
            self.add_error("directive", _("Choose the document in the register, or drop it."))
        return data


def _formset(form):
    return forms.formset_factory(form, extra=0, max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS)


OrganiserFormSet = _formset(OrganiserReviewForm)
PersonFormSet = _formset(PersonReviewForm)
DirectiveFormSet = _formset(DirectiveReviewForm)


# From a proposal to the review forms' initial values

_KINDS = [
    (r"^(bo|chinh phu)\b", Organisation.Kind.MINISTRY),
    (r"^(uy ban nhan dan|ubnd)\b", Organisation.Kind.PEOPLES_COMMITTEE),
    (r"^so\b", Organisation.Kind.PROVINCIAL_DEPARTMENT),
    (r"^ban .*(tinh|thanh) uy\b", Organisation.Kind.PROVINCIAL_PARTY_BOARD),
    (r"^(tinh|thanh) uy\b", Organisation.Kind.PROVINCIAL_PARTY_COMMITTEE),
    (r"^(ban chi dao|bcd)\b", Organisation.Kind.STEERING_COMMITTEE),
    (r"^ban .*(trung uong|tw)\b", Organisation.Kind.PARTY_COMMISSION),
    (r"^cuc\b", Organisation.Kind.AGENCY),
    (r"^vu\b", Organisation.Kind.DEPARTMENT),
    (r"^hoc vien\b", Organisation.Kind.ACADEMY),
    (r"^vien\b", Organisation.Kind.RESEARCH_INSTITUTE),
    (r"^(bao|dai|tap chi|thong tan xa)\b", Organisation.Kind.PRESS),
]
_HONORIFICS = {"ong": "mr", "ba": "ms", "dong chi": "comrade", "d/c": "comrade", "dc": "comrade", "ngai": "excellency"}
_TITLES = {"ths": "ThS", "thac si": "ThS", "ts": "TS", "tien si": "TS", "pgs.ts": "PGS.TS", "pgs": "PGS.TS"}
_TITLES |= {"gs.ts": "GS.TS", "gs": "GS.TS", "pgs. ts": "PGS.TS", "gs. ts": "GS.TS"}
_PARTS = {"speech": "talk:speech", "presentation": "talk:presentation", "official": "official:guest"}


def organisation_kind(name: str) -> str:
    """A guess at a new body's kind from its name, for the editor to confirm."""
    folded = fold(name)
    return next((kind for pattern, kind in _KINDS if re.search(pattern, folded)), "")


def _honorific(text: str) -> str:
    if text in Person.Honorific.values:
        return text
    return _HONORIFICS.get(fold(text).rstrip("."), "")


def _academic_title(text: str) -> str:
    if text in AcademicTitleChoice.values:
        return text
    return _TITLES.get(fold(text).rstrip("."), "")


def _name_parts(name: str) -> dict:
    """Family name first, the given name last, as written; the editor corrects the split."""
    parts = name.split()
    if len(parts) == 1:
        return {"given_name": parts[0]}
    return {"family_name": parts[0], "middle_name": " ".join(parts[1:-1]), "given_name": parts[-1]}


def _qualifier(figure) -> str:
    if figure is None or figure.qualifier == "exact":
        return Qualifier.EXACT
    return figure.qualifier if figure.qualifier in Qualifier.values else Qualifier.EXACT


def review_initial(proposal) -> dict:
    """The initial values of the review page's forms, by form: "event", "organisers", "people", "directives"."""
    province = None
    if proposal.province:
        units = Province.objects.filter(code=proposal.province.get("code"), name=proposal.province.get("name"))
        province = units.valid_on(proposal.start_date).first() if proposal.start_date else units.current().first()
    source = proposal.source
    event = {
        "title": proposal.title,
        "kind": proposal.kind or Event.Kind.TRAINING,
        "start_date": proposal.start_date,
        "end_date": proposal.end_date,
        "date_precision": proposal.date_precision or Event.Precision.DAY,
        "part_of_day": proposal.part_of_day,
        "venue": proposal.venue,
        "city": proposal.city,
        "province": province,
        "country": VIETNAM,
        "publisher": source.publisher,
        "source_title": proposal.title,
        "url": source.url,
        "published_on": source.published_on,
        "author": source.author,
        "credit": source.credit,
        "delegates": proposal.participants.count if proposal.participants else None,
        "delegates_qualifier": _qualifier(proposal.participants),
        "provinces": proposal.provinces_count.count if proposal.provinces_count else None,
        "provinces_qualifier": _qualifier(proposal.provinces_count),
        "warnings": "\n".join(str(w) for w in proposal.warnings),
    }
    organisers = [
        {
            "evidence": o.evidence,
            "name": o.name,
            "use": MATCH if o.match else NEW,
            "organisation": o.match,
            "new_name": o.name,
            "new_kind": organisation_kind(o.name),
            "role": o.role if o.role in EventOrganiser.Role.values else EventOrganiser.Role.LEAD,
        }
        for o in proposal.organisers
    ]
    people = [
        {
            "evidence": p.evidence,
            "name": p.name,
            "use": MATCH if p.match else NEW,
            "person": p.match,
            "honorific": _honorific(p.honorific),
            "academic_title": _academic_title(p.academic_title),
            **_name_parts(p.name),
            "post_title": p.post,
            "add_post": bool(p.match and p.post_is_new),
            "organisation": p.organisation_match,
            "new_organisation": "" if p.organisation_match else p.organisation,
            "new_organisation_kind": organisation_kind(p.organisation),
            "part": _PARTS.get(p.part, "official:guest"),
            "talk_title": p.talk_title,
        }
        for p in proposal.people
    ]
    directives = [
        {"evidence": d.evidence, "name": d.symbol or d.name, "use": MATCH if d.match else DROP, "directive": d.match}
        for d in proposal.directives
    ]
    return {"event": event, "organisers": organisers, "people": people, "directives": directives}


# The views


class ArticleViews:
    def __init__(self, model_admin):
        self.model_admin = model_admin

    def urls(self):
        site = self.model_admin.admin_site
        return [
            path("from-article/", site.admin_view(self.paste), name="events_event_from_article"),
            path("from-article/review/", site.admin_view(self.review), name="events_event_from_article_review"),
        ]

    def _check(self, request):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied

    def _render(self, request, template, title, **context):
        model_admin = self.model_admin
        media = model_admin.media
        for value in context.values():
            if isinstance(value, forms.Form | forms.BaseFormSet):
                media += value.media
        return TemplateResponse(
            request,
            template,
            {
                **model_admin.admin_site.each_context(request),
                "title": title,
                "opts": model_admin.model._meta,
                "media": media,
                **context,
            },
        )

    def paste(self, request):
        self._check(request)
        form = PasteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                proposal = read(form.cleaned_data)
            except Exception:  # a reader's fault must not lose the editor's page
                logger.exception("The article reader failed")
                form.add_error("text", _("This text could not be read. Check it, or enter the event by hand."))
            else:
                if _found_nothing(proposal):
                    for warning in proposal.warnings:
                        form.add_error("text", str(warning))
                    form.add_error(
                        "text", _("Nothing could be read from this text: paste a Vietnamese press report of an event.")
                    )
                else:
                    return self._review_page(request, **self._forms(review_initial(proposal)))
        return self._render(request, "admin/events/event/article_paste.html", _("Add event from an article"), form=form)

    def _forms(self, initial=None, data=None):
        initial = initial or {}
        return {
            "event_form": EventReviewForm(data, initial=initial.get("event"), prefix="event"),
            "organisers": OrganiserFormSet(data, initial=initial.get("organisers"), prefix="organisers"),
            "people": PersonFormSet(data, initial=initial.get("people"), prefix="people"),
            "directives": DirectiveFormSet(data, initial=initial.get("directives"), prefix="directives"),
        }

    def _review_page(self, request, *, error="", **forms_):
        event_form = forms_["event_form"]
        text = event_form["warnings"].value() or ""
        warnings = [line for line in str(text).splitlines() if line.strip()]
        return self._render(
            request,
            "admin/events/event/article_review.html",
            _("Review the event read from the article"),
            warnings=warnings,
            error=error,
            **forms_,
        )

    def review(self, request):
        self._check(request)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:events_event_from_article"))
        forms_ = self._forms(data=request.POST)
        if not all(form.is_valid() for form in forms_.values()):
            return self._review_page(request, error=_("Please correct the errors below."), **forms_)
        event_data = forms_["event_form"].cleaned_data
        reviewed = articles.ReviewedArticle(
            title=event_data["title"],
            kind=event_data["kind"],
            start_date=event_data["start_date"],
            end_date=event_data.get("end_date"),
            date_precision=event_data["date_precision"],
            part_of_day=event_data.get("part_of_day", ""),
            venue=event_data.get("venue", ""),
            city=event_data.get("city", ""),
            province=event_data.get("province"),
            country=event_data.get("country", VIETNAM),
            organisers=[f.reviewed() for f in forms_["organisers"].forms if f.cleaned_data.get("use") != DROP],
            people=[f.reviewed() for f in forms_["people"].forms if f.cleaned_data.get("use") != DROP],
            directives=[
                f.cleaned_data["directive"]
                for f in forms_["directives"].forms
                if f.cleaned_data.get("use") == MATCH and f.cleaned_data.get("directive")
            ],
            publisher=event_data["publisher"],
            source_title=event_data.get("source_title", ""),
            url=event_data.get("url", ""),
            published_on=event_data.get("published_on"),
            author=event_data.get("author", ""),
            credit=event_data.get("credit", ""),
            delegates=event_data.get("delegates"),
            delegates_qualifier=event_data.get("delegates_qualifier", ""),
            provinces=event_data.get("provinces"),
            provinces_qualifier=event_data.get("provinces_qualifier", ""),
        )
        try:
            event = articles.create_draft(reviewed, actor=request.user)
        except articles.ArticleDraftError as error:
            return self._review_page(request, error=error.message, **forms_)
        except ValidationError as error:
            event_form = forms_["event_form"]
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    event_form.add_error(field if field in event_form.fields else None, errors)
            else:
                event_form.add_error(None, error)
            return self._review_page(request, error=_("Please correct the errors below."), **forms_)
        self.model_admin.message_user(
            request,
            _("The draft event “%(title)s” was recorded from the article. Check it, then publish it.")
            % {"title": event.title},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[event.pk]))

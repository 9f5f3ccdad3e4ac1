from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from people.admin import WIDE_TEXT_INPUTS, HistoryAdmin
from people.search import FoldedSearchMixin

from . import services
from .admin_forms import NewPeopleFormSet, NewPersonForm, OrganiserForm, OrganiserFormSet
from .models import (
    AgendaItem,
    Event,
    EventDirective,
    EventOfficial,
    EventOrganiser,
    EventRelation,
    EventSeries,
    Officer,
    Outcome,
    ParticipantGroup,
    Photo,
    ProvinceQuota,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    Source,
    normalise_phone,
    validate_phone,
)
from .search import search_events

# Inline rows: a summary in two lines, not ten.
COMPACT_TEXT_AREAS = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


def thumbnail_tag(photo):
    if not photo.thumbnail:
        return "—"
    return format_html('<img src="{}" alt="{}" style="max-height:80px">', photo.thumbnail.url, photo.caption)


class OrganiserInline(admin.TabularInline):
    model = EventOrganiser
    form = OrganiserForm
    formset = OrganiserFormSet
    extra = 0
    autocomplete_fields = ["organisation"]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["order", "kind", "speaker", "title", "title_en", "summary", "summary_en"]
    fields += ["day", "starts_at", "ends_at", "part_of_day", "room"]
    # Times and room narrow: hh:mm fits in five characters, a room in ten.
    formfield_overrides = {
        **COMPACT_TEXT_AREAS,
        models.TimeField: {"widget": forms.TimeInput(format="%H:%M", attrs={"size": 5, "placeholder": "08:00"})},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "room":
            field.widget.attrs["size"] = 10
        return field


class OfficialInline(admin.TabularInline):
    model = EventOfficial
    extra = 0
    autocomplete_fields = ["person"]


class NewPeopleInline(admin.StackedInline):
    """People not yet recorded, entered on the event's page: no pop-up, saved with the event."""

    model = AgendaItem
    form = NewPersonForm
    formset = NewPeopleFormSet
    extra = 0
    can_delete = False
    classes = ["ttdn-new-people"]
    verbose_name = _("new person")
    verbose_name_plural = _("new people: speakers and officials not yet recorded, saved with the event")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("honorific", "academic_title", "family_name", "middle_name", "given_name", "namesake"),
                    ("post_title", "organisation"),
                    ("new_organisation", "new_organisation_kind"),
                    ("part", "talk_title"),
                ],
            },
        )
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and request.user.has_perms(
            ["people.add_person", "people.add_position", "events.add_eventofficial"]
        )

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class ParticipantGroupInline(admin.TabularInline):
    model = ParticipantGroup
    extra = 0


class OutcomeFormSet(forms.BaseInlineFormSet):
    """Provinces an outcome names are the units of the event's day, as the event's own province."""

    def clean(self):
        super().clean()
        for form in self.forms:
            provinces = getattr(form, "cleaned_data", {}).get("provinces")
            if provinces and not form.cleaned_data.get("DELETE"):
                try:
                    Outcome.validate_provinces(provinces, self.instance)
                except ValidationError as error:
                    form.add_error("provinces", error)


class OutcomeInline(admin.StackedInline):
    model = Outcome
    formset = OutcomeFormSet
    extra = 0
    autocomplete_fields = ["directive", "provinces", "organisations"]
    fields = [("order", "kind", "directive"), "description", "description_en", ("provinces", "organisations")]


class DirectiveLinkInline(admin.TabularInline):
    model = EventDirective
    extra = 0
    autocomplete_fields = ["directive"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["preview", "image", "caption", "caption_en", "credit", "order"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail_tag(obj)


class SourceInline(admin.StackedInline):
    model = Source
    extra = 0
    fields = [
        ("publisher", "published_on"),
        "title",
        ("author", "credit"),
        "url",
        ("delegates_qualifier", "delegates"),
        ("provinces_qualifier", "provinces"),
        ("sites_qualifier", "sites"),
    ]


class EventRelationInline(admin.TabularInline):
    """Relations read from this event ("followed by AMRI-14"); the other event's page shows the inverse."""

    model = EventRelation
    fk_name = "from_event"
    extra = 0
    autocomplete_fields = ["to_event"]
    fields = ["kind", "to_event"]


# Registration: settings and quotas sit on the event's page; delegates (personal data) never do.


SETTINGS_FIELDS = [("opens_at", "closes_at"), "capacity", "needs_approval", "keeps_waitlist"]


class RegistrationSettingsInline(admin.StackedInline):
    model = RegistrationSettings
    extra = 0
    max_num = 1
    fieldsets = [
        (
            None,
            {
                "fields": SETTINGS_FIELDS,
                "description": _(
                    "Provinces register delegates on the portal between these times, within their quota below. "
                    "To give every current province the same quota, use the action “Give every current province "
                    "N seats” on the event list."
                ),
            },
        )
    ]


class ProvinceQuotaInline(admin.TabularInline):
    model = ProvinceQuota
    extra = 0
    fields = ["province", "seats"]
    autocomplete_fields = ["province"]  # the field's limit_choices_to keeps the choice to the 34 current units

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("province")


def action_form_page(model_admin, request, queryset, *, form, action, title, explanation, submit_label):
    """The intermediate page of an action that asks something first; posting it runs the action again."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "explanation": explanation,
        "submit_label": submit_label,
        "queryset": queryset,
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": model_admin.model._meta,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/events/action_form.html", context)


def submitted_form(request, form_class):
    """The action's form bound to the POST once its intermediate page was sent, else unbound."""
    return form_class(request.POST) if "apply" in request.POST else form_class()


class ProvinceQuotaForm(forms.Form):
    seats = forms.IntegerField(
        label=_("Seats per province"),
        min_value=0,
        max_value=10_000,
        help_text=_(
            "Sets the quota of each of the 34 current provinces at every event listed, replacing quotas set "
            "before. Seats already taken stay taken."
        ),
    )


class _ChangeListWithoutDatesWhenSearching(ChangeList):
    """A changelist that drops the date hierarchy while a search is active: its links were one more
    pass over every match (the search ran three times: dates, count, page)."""

    def get_filters(self, request):
        if self.query:
            self.date_hierarchy = None
        return super().get_filters(request)


@admin.register(Event)
class EventAdmin(FoldedSearchMixin, HistoryAdmin):
    list_display = ["title", "date", "kind", "status", "province", "country", "series"]
    list_filter = ["status", "kind", "series", "date_precision"]
    list_select_related = ["province", "series"]
    date_hierarchy = "start_date"
    # "12 results (100,000 total)" counted every event again on each search and filter.
    show_full_result_count = False
    autocomplete_fields = ["series", "province"]
    actions = ["publish", "unpublish", "give_province_quotas"]
    save_on_top = True
    formfield_overrides = WIDE_TEXT_INPUTS
    inlines = [
        OrganiserInline,
        AgendaInline,
        OfficialInline,
        NewPeopleInline,
        ParticipantGroupInline,
        OutcomeInline,
        DirectiveLinkInline,
        PhotoInline,
        SourceInline,
        EventRelationInline,
        RegistrationSettingsInline,
        ProvinceQuotaInline,
    ]
    fieldsets = [
        (None, {"fields": ["kind", "status", "title", "title_en", "slug", ("series", "edition")]}),
        (_("When"), {"fields": [("start_date", "end_date"), ("date_precision", "part_of_day")]}),
        (_("Where"), {"fields": ["venue", "city", "province", "country"]}),
        (
            _("Content"),
            {"fields": ["theme", "theme_en", "summary", "summary_en", ("participant_count", "province_count")]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_changelist(self, request, **kwargs):
        return _ChangeListWithoutDatesWhenSearching

    def get_search_results(self, request, queryset, search_term):
        # The public search's full-text index (events/search.py), not a LIKE over every event's text.
        if not search_term.strip():
            return queryset, False
        return search_events(queryset, search_term, prefix_last="field_name" in request.GET), False

    @admin.display(description=_("date"), ordering="start_date")
    def date(self, obj):
        return obj.display_date

    def get_urls(self):
        # "Add event from an article" (issue 14), before the change page's catch-all "<id>/".
        from .admin_articles import ArticleViews

        return ArticleViews(self).urls() + super().get_urls()

    @admin.action(description=_("Publish selected events"))
    def publish(self, request, queryset):
        count = services.publish_events(queryset)
        self.message_user(
            request, ngettext("%d event published.", "%d events published.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish selected events (back to draft)"))
    def unpublish(self, request, queryset):
        count = services.unpublish_events(queryset)
        self.message_user(
            request, ngettext("%d event unpublished.", "%d events unpublished.", count) % count, messages.SUCCESS
        )

    def has_quota_permission(self, request):
        return request.user.has_perms(["events.add_provincequota", "events.change_provincequota"])

    @admin.action(description=_("Give every current province N seats…"), permissions=["quota"])
    def give_province_quotas(self, request, queryset):
        form = submitted_form(request, ProvinceQuotaForm)
        if not form.is_valid():
            return action_form_page(
                self,
                request,
                queryset,
                form=form,
                action="give_province_quotas",
                title=gettext("Give every current province N seats"),
                explanation=gettext("The quota of every current province will be set at these events:"),
                submit_label=gettext("Set the quotas"),
            )
        seats = form.cleaned_data["seats"]
        for event in queryset:
            provinces = services.set_province_quotas(event, seats)
            self.message_user(
                request,
                ngettext(
                    "%(event)s: %(provinces)d province has %(seats)d seat(s).",
                    "%(event)s: %(provinces)d provinces have %(seats)d seat(s) each.",
                    provinces,
                )
                % {"event": event.title, "provinces": provinces, "seats": seats},
                messages.SUCCESS,
            )
        return None


@admin.register(EventSeries)
class EventSeriesAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation"]


class EventPartAdmin(FoldedSearchMixin, admin.ModelAdmin):
    """Parts of an event, also listed on their own to review them across events."""

    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    folded_search_fields = ["event__search_text"]


@admin.register(EventOrganiser)
class EventOrganiserAdmin(EventPartAdmin):
    list_display = ["organisation", "role", "event"]
    list_select_related = ["event", "organisation"]
    list_filter = ["role"]
    autocomplete_fields = ["event", "organisation"]


@admin.register(AgendaItem)
class AgendaItemAdmin(EventPartAdmin):
    list_display = ["__str__", "kind", "speaker", "event"]
    list_select_related = ["event", "speaker"]
    list_filter = ["kind"]
    autocomplete_fields = ["event", "speaker"]


@admin.register(EventOfficial)
class EventOfficialAdmin(EventPartAdmin):
    list_display = ["person", "role", "event"]
    list_select_related = ["event", "person"]
    list_filter = ["role"]
    autocomplete_fields = ["event", "person"]


@admin.register(ParticipantGroup)
class ParticipantGroupAdmin(EventPartAdmin):
    list_display = ["description", "count", "event"]


@admin.register(Outcome)
class OutcomeAdmin(EventPartAdmin):
    list_display = ["__str__", "kind", "directive", "event"]
    list_select_related = ["event", "directive"]
    list_filter = ["kind"]
    autocomplete_fields = ["event", "directive"]


@admin.register(EventDirective)
class EventDirectiveAdmin(EventPartAdmin):
    list_display = ["directive", "relation", "event"]
    list_select_related = ["event", "directive"]
    list_filter = ["relation"]
    autocomplete_fields = ["event", "directive"]


@admin.register(Photo)
class PhotoAdmin(EventPartAdmin):
    list_display = ["preview", "caption", "credit", "event"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail_tag(obj)


@admin.register(Source)
class SourceAdmin(EventPartAdmin):
    list_display = ["publisher", "title", "author", "published_on", "event"]
    list_filter = ["publisher"]
    date_hierarchy = "published_on"


# Registration settings and quotas also have pages of their own, so a registrar (who may view the
# event but not change its record) can set them.


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["event", "opens_at", "closes_at", "capacity", "needs_approval", "keeps_waitlist"]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    folded_search_fields = ["event__search_text"]
    fields = ["event", *SETTINGS_FIELDS]


@admin.register(ProvinceQuota)
class ProvinceQuotaAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["province", "seats", "event"]
    list_editable = ["seats"]
    list_filter = [("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event", "province"]
    autocomplete_fields = ["event", "province"]
    folded_search_fields = ["province__search_text", "event__search_text"]
    search_help_text = _("Province or event; diacritics and case do not matter.")


# Delegates: registrars only (the editor role has no permission on registrations, so sees none of this).

MAX_PROBLEM_MESSAGES = 10


class RegistrationChangeInline(admin.TabularInline):
    """The status history, written only by the services: who, when, from → to, why."""

    model = RegistrationChange
    extra = 0
    can_delete = False
    fields = ["at", "actor", "from_status", "to_status", "reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def has_view_permission(self, request, obj=None):
        # Whoever may see the delegate sees their history; no separate permission to forget to grant.
        return request.user.has_perm("events.view_registration") or request.user.has_perm("events.change_registration")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RegistrationForm(forms.ModelForm):
    """A registrar corrects a delegate's details; the status moves only through the actions."""

    class Meta:
        model = Registration
        fields = ["family_name", "middle_name", "given_name", "post", "organisation", "gender", "phone", "email"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone:  # empty once contact data was erased
            validate_phone(phone)
            phone = normalise_phone(phone)
        return phone

    def clean(self):
        data = super().clean()
        registration = self.instance
        if registration.status in Registration.ACTIVE and not self.errors:
            delegate = services.DelegateData(
                **{field: data.get(field, "") for field in ["family_name", "middle_name", "given_name", "phone"]},
                post="",
                organisation="",
                gender="",
            )
            try:
                services.ensure_not_registered(registration.event, [delegate], exclude=registration)
            except services.RegistrationError as error:
                raise ValidationError(error.message, code=error.code) from error
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=255, required=False, help_text=_("Recorded in each delegate's history.")
    )


@admin.register(Registration)
class RegistrationAdmin(FoldedSearchMixin, HistoryAdmin):
    form = RegistrationForm
    list_display = ["name", "province", "event", "status", "created_at", "checked_in_at"]
    list_filter = [
        "status",
        ("event", admin.RelatedOnlyFieldListFilter),
        ("province", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["event", "province"]
    folded_search_fields = ["person_key"]  # the folded name and the phone: "nguyen van an|0912345678"
    search_help_text = _("Name or phone number; diacritics and case do not matter.")
    actions = ["approve", "reject", "promote", "cancel", "resend_confirmation"]
    inlines = [RegistrationChangeInline]
    readonly_fields = [
        "event",
        "province",
        "status",
        "code",
        "replaces",
        "registered_by",
        "consent_at",
        "created_at",
        "updated_at",
        "checked_in_at",
        "contact_erased_at",
        "confirmation_sent_at",
        "confirmation_attempts",
        "confirmation_error",
    ]
    fieldsets = [
        (None, {"fields": ["event", "province", "status", "checked_in_at"]}),
        (_("Delegate"), {"fields": [("family_name", "middle_name", "given_name"), "post", "organisation", "gender"]}),
        (_("Contact"), {"fields": ["phone", "email", "contact_erased_at"]}),
        (
            _("Confirmation e-mail"),
            {"fields": ["confirmation_sent_at", "confirmation_attempts", "confirmation_error"]},
        ),
        (
            _("Registration"),
            {"fields": ["registered_by", "consent_at", "created_at", "updated_at", "replaces", "code"]},
        ),
    ]

    @admin.display(description=_("name"), ordering="given_name")
    def name(self, obj):
        return obj.full_name

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "province", "registered_by", "replaces")

    def has_add_permission(self, request):
        return False  # provinces register through the portal

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead: the history and the counts stay whole

    def revert_disabled(self, request, obj=None):
        return True  # a status moves only through the services, which keep the seats and RegistrationChange

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _in_order(self, queryset):
        """First come first served, so approving more than the free seats seats the earliest."""
        return queryset.select_related("event", "province").order_by("created_at", "pk")

    def _report(self, request, moved, problems, done):
        if moved:
            self.message_user(request, done % {"count": moved}, messages.SUCCESS)
        elif not problems:
            self.message_user(request, gettext("No registration was changed."), messages.WARNING)
        for problem in problems[:MAX_PROBLEM_MESSAGES]:
            self.message_user(request, problem, messages.WARNING)
        if len(problems) > MAX_PROBLEM_MESSAGES:
            more = len(problems) - MAX_PROBLEM_MESSAGES
            self.message_user(
                request,
                ngettext("…and %(count)d more not changed.", "…and %(count)d more not changed.", more)
                % {"count": more},
                messages.WARNING,
            )

    def _ask_reason(self, request, queryset, *, action, title, explanation, submit_label):
        form = submitted_form(request, ReasonForm)
        if form.is_bound and form.is_valid():
            return form.cleaned_data["reason"], None
        page = action_form_page(
            self,
            request,
            self._in_order(queryset),
            form=form,
            action=action,
            title=title,
            explanation=explanation,
            submit_label=submit_label,
        )
        return None, page

    @admin.action(description=_("Send the confirmation e-mail again (where it was not sent)"), permissions=["change"])
    def resend_confirmation(self, request, queryset):
        count = services.resend_confirmations(queryset)
        self.message_user(
            request,
            ngettext("%(count)d confirmation e-mail queued.", "%(count)d confirmation e-mails queued.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    @admin.action(description=_("Approve selected delegates (pending → confirmed)"), permissions=["change"])
    def approve(self, request, queryset):
        moved, problems = services.approve_registrations(self._in_order(queryset), actor=request.user)
        done = ngettext("%(count)d delegate confirmed.", "%(count)d delegates confirmed.", moved)
        self._report(request, moved, problems, done)

    def _with_reason(self, request, queryset, move, *, action, title, explanation, submit_label, done):
        """Ask for a reason on an intermediate page, then `move` the delegates and report."""
        reason, page = self._ask_reason(
            request, queryset, action=action, title=title, explanation=explanation, submit_label=submit_label
        )
        if page:
            return page
        moved, problems = move(self._in_order(queryset), actor=request.user, reason=reason)
        self._report(request, moved, problems, done(moved))
        return None

    @admin.action(description=_("Reject selected delegates…"), permissions=["change"])
    def reject(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            services.reject_registrations,
            action="reject",
            title=gettext("Reject delegates"),
            explanation=gettext("These delegates will be rejected; a freed seat goes to the province's waiting list:"),
            submit_label=gettext("Reject"),
            done=lambda n: ngettext("%(count)d delegate rejected.", "%(count)d delegates rejected.", n),
        )

    @admin.action(description=_("Promote selected waitlisted delegates (→ confirmed)"), permissions=["change"])
    def promote(self, request, queryset):
        moved, problems = services.promote_registrations(self._in_order(queryset), actor=request.user)
        done = ngettext("%(count)d delegate promoted.", "%(count)d delegates promoted.", moved)
        self._report(request, moved, problems, done)

    @admin.action(description=_("Cancel selected delegates…"), permissions=["change"])
    def cancel(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            services.cancel_registrations,
            action="cancel",
            title=gettext("Cancel delegates"),
            explanation=gettext("These delegates will be cancelled; a freed seat goes to the province's waiting list:"),
            submit_label=gettext("Cancel the registrations"),
            done=lambda n: ngettext("%(count)d delegate cancelled.", "%(count)d delegates cancelled.", n),
        )


class OfficerCreationForm(forms.ModelForm):
    """A provincial officer's account: a user who is not staff, tied to one current province, in one save."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("What the officer types to log in to the portal, e.g. lamdong.ttdn."),
    )
    email = forms.EmailField(label=_("E-mail"), help_text=_("Password resets are sent here."))
    password1 = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Optional. Leave empty and the officer sets a password with “Forgot password?” on the portal."),
    )
    password2 = forms.CharField(
        label=_("Initial password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = Officer
        fields = ["province"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("An account with this username already exists."), code="username_taken")
        return username

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _("Another account uses this e-mail; a password reset would reach both."), code="email_taken"
            )
        return email

    def clean(self):
        data = super().clean()
        password, again = data.get("password1"), data.get("password2")
        if password or again:
            if password != again:
                self.add_error("password2", _("The two passwords differ."))
            else:
                user = get_user_model()(username=data.get("username", ""), email=data.get("email", ""))
                try:
                    password_validation.validate_password(password, user)
                except ValidationError as error:
                    self.add_error("password1", error)
        return data

    @transaction.atomic
    def save(self, commit=True):
        user = get_user_model()(
            username=self.cleaned_data["username"], email=self.cleaned_data["email"], is_staff=False
        )
        if self.cleaned_data.get("password1"):
            user.set_password(self.cleaned_data["password1"])
        else:
            user.set_unusable_password()
        user.save()
        self.instance.user = user
        return super().save(commit)


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "province"]
    list_select_related = ["user", "province"]
    list_filter = [("province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["province"]
    add_form = OfficerCreationForm
    add_fieldsets = [
        (None, {"fields": ["username", "email", "province"]}),
        (_("Password"), {"fields": ["password1", "password2"]}),
    ]
    fields = ["account", "province"]
    readonly_fields = ["account"]

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("user"))
    def account(self, obj):
        url = reverse("admin:auth_user_change", args=[obj.user_id])
        return format_html('<a href="{}">{}</a> ({})', url, obj.user.get_username(), obj.user.email or "—")

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

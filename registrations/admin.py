"""The admin of delegates: registration settings and quotas (also on the event's page, added here to
the events app's EventAdmin), registrations with their status changes, and provincial officers."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from config.date_input import DATE_ERROR, AdminDayFirstDateWidget
from events.admin import EventAdmin, action_form_page, submitted_form
from people.admin import HistoryAdmin
from people.search import FoldedSearchMixin

from . import services
from .admin_certificates import has_certificate_permission, issue_certificates
from .admin_materials import MaterialInline
from .admin_surveys import create_default_survey, has_survey_permission
from .models import (
    Attendance,
    Notice,
    Officer,
    ProvinceQuota,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    normalise_phone,
    validate_phone,
)

# Registration: settings and quotas sit on the event's page; delegates (personal data) never do.


SETTINGS_FIELDS = [
    ("opens_at", "closes_at"),
    "capacity",
    "needs_approval",
    "keeps_waitlist",
    ("completion_rule", "completion_percent"),
]


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


def has_quota_permission(self, request):
    return request.user.has_perms(["registrations.add_provincequota", "registrations.change_provincequota"])


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
        return request.user.has_perm("registrations.view_registration") or request.user.has_perm(
            "registrations.change_registration"
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttendanceInline(RegistrationChangeInline):
    """The days (and sessions) the delegate was present, written only by check-in and "Mark present";
    read-only, to whoever may see the delegate, like the status history."""

    model = Attendance
    fields = ["day", "session", "at", "by"]
    readonly_fields = fields

    def get_queryset(self, request):
        return Attendance.objects.select_related("session", "by")


class MarkPresentForm(forms.Form):
    day = forms.DateField(
        label=_("Day"),
        widget=AdminDayFirstDateWidget,
        error_messages={"invalid": DATE_ERROR},
        help_text=_(
            "A day of the event, today or earlier. Each delegate is recorded present for the whole day: at every "
            "session of that day when the agenda has times."
        ),
    )


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
    actions = ["approve", "reject", "promote", "cancel", "mark_present", "resend_confirmation"]
    inlines = [AttendanceInline, RegistrationChangeInline]
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

    @admin.action(description=_("Mark selected delegates present on a day…"), permissions=["change"])
    def mark_present(self, request, queryset):
        form = submitted_form(request, MarkPresentForm)
        if not form.is_valid():
            return action_form_page(
                self,
                request,
                self._in_order(queryset),
                form=form,
                action="mark_present",
                title=gettext("Mark delegates present"),
                explanation=gettext(
                    "For a day whose attendance was signed on paper, not scanned. These delegates will be "
                    "recorded present:"
                ),
                submit_label=gettext("Mark present"),
            )
        marked, problems = services.mark_present(
            self._in_order(queryset), day=form.cleaned_data["day"], actor=request.user
        )
        done = ngettext("%(count)d delegate marked present.", "%(count)d delegates marked present.", marked)
        self._report(request, marked, problems, done)
        return None


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


# Registration settings and quotas sit on the event's page and its list has the quota action; the
# events app knows nothing of registrations, so they are added to its EventAdmin from here.
EventAdmin.inlines = [*EventAdmin.inlines, RegistrationSettingsInline, ProvinceQuotaInline]
EventAdmin.inlines += [MaterialInline]
EventAdmin.actions = [*EventAdmin.actions, "give_province_quotas"]
EventAdmin.has_quota_permission = has_quota_permission
EventAdmin.give_province_quotas = give_province_quotas
# The default evaluation survey is made from the list of events, as the quotas are.
EventAdmin.actions += ["create_default_survey"]
EventAdmin.has_survey_permission = has_survey_permission
EventAdmin.create_default_survey = create_default_survey
# Certificates for those who completed are issued from the list of events too (CertificateAdmin: revoking).
EventAdmin.actions += ["issue_certificates"]
EventAdmin.has_certificate_permission = has_certificate_permission
EventAdmin.issue_certificates = issue_certificates
# The event's page links registrars to its delegate lists (check-in, exports, report).
EventAdmin.change_form_template = "admin/registrations/event_change_form.html"


# Notices: the record of what `send_due_notices` sent, read only (a row removed would be sent again).


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["kind", "event", "recipient", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["event"]
    show_full_result_count = False  # a row per delegate and notice: no second count of the whole table
    fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

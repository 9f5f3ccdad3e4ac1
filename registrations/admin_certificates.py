"""The admin of certificates of attendance: read only but for revocation (an action asking the reason),
and "Issue certificates" on the list of events. Both call registrations.certificates."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from events.admin import action_form_page, submitted_form
from people.search import FoldedSearchMixin

from . import certificates
from .models import Certificate
from .services import RegistrationError


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        help_text=_("Kept with the certificate for staff; the public verification page does not show it."),
    )


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "valid"

    def lookups(self, request, model_admin):
        return [("yes", _("valid")), ("no", _("revoked"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(revoked_at__isnull=self.value() == "yes")
        return queryset


@admin.register(Certificate)
class CertificateAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["number", "holder_name", "event", "issued_at", "valid"]
    list_filter = [ValidityFilter, ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event"]
    folded_search_fields = ["holder_key"]
    search_help_text = _("Number, or the holder's name; diacritics and case do not matter.")
    actions = ["revoke"]
    fields = [
        "number",
        "holder_name",
        "event_title",
        ("start_date", "end_date"),
        "event",
        "registration",
        "issued_at",
        ("revoked_at", "revoked_by"),
        "revocation_reason",
    ]
    readonly_fields = [name for entry in fields for name in (entry if isinstance(entry, tuple) else (entry,))]

    @admin.display(description=_("valid"), boolean=True, ordering="revoked_at")
    def valid(self, obj):
        return obj.is_valid

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "registration__province", "revoked_by")

    def get_search_results(self, request, queryset, search_term):
        number = certificates.normalise_number(search_term)
        if number:
            return queryset.filter(number=number), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request):
        return False  # issued to those who completed, by the service only

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: a number once issued stays answerable

    @admin.action(description=_("Revoke selected certificates…"), permissions=["change"])
    def revoke(self, request, queryset):
        form = submitted_form(request, RevokeForm)
        if not form.is_valid():
            return action_form_page(
                self,
                request,
                queryset,
                form=form,
                action="revoke",
                title=gettext("Revoke certificates"),
                explanation=gettext("These certificates will be revoked; their verification page says so at once:"),
                submit_label=gettext("Revoke"),
            )
        count = certificates.revoke_certificates(queryset, actor=request.user, reason=form.cleaned_data["reason"])
        self.message_user(
            request,
            ngettext("%(count)d certificate revoked.", "%(count)d certificates revoked.", count) % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        return None


# On the list of events (the events app's EventAdmin; registrations/admin.py adds them).


def has_certificate_permission(self, request):
    return request.user.has_perm("registrations.change_certificate")


@admin.action(description=_("Issue certificates to the delegates who completed"), permissions=["certificate"])
def issue_certificates(self, request, queryset):
    for event in queryset:
        try:
            issued = certificates.issue_certificates(event)
        except RegistrationError as error:
            self.message_user(request, f"{event.title}: {error.message}", messages.WARNING)
            continue
        self.message_user(
            request,
            ngettext(
                "%(event)s: %(count)d certificate issued.", "%(event)s: %(count)d certificates issued.", len(issued)
            )
            % {"event": event.title, "count": len(issued)},
            messages.SUCCESS if issued else messages.INFO,
        )

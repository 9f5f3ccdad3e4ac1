"""The provincial officers' portal: register the province's delegates within its quota and follow them.

Thin views: every write goes through registrations.services; the reads below annotate counts in one query
each. The province is always the logged-in officer's own, never taken from the request, and a
registration of another province answers 404 wherever an id appears in a URL.
"""

from collections import Counter
from functools import wraps

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from events.models import Event
from people.models import Province

from .. import materials, services, surveys
from ..forms import (
    MAX_DELEGATES,
    CancelForm,
    ConsentForm,
    DelegateForm,
    OfficerAuthenticationForm,
    OfficerPasswordResetForm,
    delegate_formset,
)
from ..models import Officer, ProvinceQuota, Registration, RegistrationChange

Status = Registration.Status
# Statuses an officer can still cancel or substitute (an attended delegate has come: nothing to undo).
CHANGEABLE = tuple(s for s in Registration.ACTIVE if s != Status.ATTENDED)


# --- access ---------------------------------------------------------------------------------------


def officer_required(view):
    """A logged-in user with an Officer row; sets `request.officer` (with its province).

    Anyone else logged in (a ministry staff member, say) gets a 403 page that says who the portal is for.
    """

    @wraps(view)
    @never_cache
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        officer = Officer.objects.select_related("province").filter(user=request.user).first()
        if officer is None:
            return render(request, "registrations/portal/forbidden.html", status=403)
        request.officer = officer
        return view(request, *args, **kwargs)

    return wrapped


# --- reads ----------------------------------------------------------------------------------------


def _counts_by_status(province: Province) -> dict:
    mine = Q(registrations__province=province)
    return {f"n_{status}": Count("registrations", filter=mine & Q(registrations__status=status)) for status in Status}


def _status_counts(event: Event) -> list[tuple[str, str, int]]:
    """(status, label, count) for each status the province has delegates in, in the model's order."""
    counts = [(status.value, status.label, getattr(event, f"n_{status}")) for status in Status]
    return [row for row in counts if row[2]]


def open_events_for(province: Province, now) -> list[Event]:
    """Published events taking registrations now, each with `seats_left` for `province` and its counts.

    One query whatever the number of events: the counts come from annotations, the rule from
    services.free_seats, as in the registration itself.
    """
    quota = ProvinceQuota.objects.filter(event=OuterRef("pk"), province=province).values("seats")[:1]
    seated = Q(registrations__status__in=Registration.HOLDS_SEAT)
    events = (
        Event.objects.published()
        .filter(registration_settings__opens_at__lte=now, registration_settings__closes_at__gt=now)
        .select_related("registration_settings")
        .annotate(
            quota_seats=Subquery(quota),
            seated=Count("registrations", filter=seated),
            seated_here=Count("registrations", filter=seated & Q(registrations__province=province)),
            **_counts_by_status(province),
        )
        .order_by("registration_settings__closes_at", "start_date", "pk")
    )
    for event in events:
        event.seats_left = services.free_seats(
            quota=event.quota_seats or 0,
            held_by_province=event.seated_here,
            capacity=event.registration_settings.capacity,
            held_in_event=event.seated,
        )
        event.full = services.event_full(capacity=event.registration_settings.capacity, held_in_event=event.seated)
        event.can_register = bool(event.quota_seats) and (
            event.seats_left > 0 or event.registration_settings.keeps_waitlist
        )
        event.status_counts = _status_counts(event)
    return list(events)


def events_with_delegates_of(province: Province, *, exclude=()) -> list[Event]:
    """Events `province` has registered delegates for, newest first, with the counts by status.

    One query; each count is a lookup in the (event, province, status) index of the registrations.
    Counting through a join of every event with every registration took a third of a second on
    100,000 registrations.
    """
    mine = Registration.objects.filter(event=OuterRef("pk"), province=province)

    def count(status):
        counted = mine.filter(status=status).order_by().values("event").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    events = (
        Event.objects.filter(Exists(mine))
        .exclude(pk__in=[event.pk for event in exclude])
        .annotate(**{f"n_{status}": count(status) for status in Status})
        .order_by("-start_date", "title")
    )
    for event in events:
        event.status_counts = _status_counts(event)
    return list(events)


def _event_for_officer(slug: str, province: Province) -> Event:
    """An event that takes registrations and is published, or that the province has delegates for."""
    events = (
        Event.objects.filter(registration_settings__isnull=False)
        .filter(Q(status=Event.Status.PUBLISHED) | Q(registrations__province=province))
        .select_related("registration_settings")
        .distinct()
    )
    return get_object_or_404(events, slug=slug)


def _own_registration(request, pk: int) -> Registration:
    """The registration `pk` if it is of the officer's province; any other id is a 404."""
    registrations = Registration.objects.select_related("event__registration_settings", "province")
    return get_object_or_404(registrations, pk=pk, province=request.officer.province)


def _closed_message(registration_settings, now) -> str | None:
    """Why nothing can be registered or changed now, or None while registration is open."""
    if now < registration_settings.opens_at:
        return _("Registration opens on %(date)s.") % {"date": _when(registration_settings.opens_at)}
    if now >= registration_settings.closes_at:
        return _("Registration closed on %(date)s; nothing can be registered or changed now.") % {
            "date": _when(registration_settings.closes_at)
        }
    return None


def _why_unchangeable(registration: Registration, allowed, now) -> str | None:
    if message := _closed_message(registration.event.registration_settings, now):
        return message
    if registration.status not in allowed:
        return _("%(name)s is %(status)s: there is nothing to change.") % {
            "name": registration.full_name,
            "status": registration.get_status_display(),
        }
    return None


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j/n/Y H:i")


def _list_url(event: Event) -> str:
    return reverse("portal:event-registrations", kwargs={"slug": event.slug})


# --- pages ----------------------------------------------------------------------------------------


@officer_required
def dashboard(request):
    province = request.officer.province
    open_events = open_events_for(province, timezone.now())
    return render(
        request,
        "registrations/portal/dashboard.html",
        {
            "province": province,
            "open_events": open_events,
            "followed_events": events_with_delegates_of(province, exclude=open_events),
        },
    )


def _registered_message(created: list[Registration]) -> str:
    counts = Counter(registration.status for registration in created)
    details = ", ".join(
        _("%(count)s %(status)s") % {"count": counts[status], "status": status.label}
        for status in Status
        if counts[status]
    )
    message = ngettext(
        "%(count)s delegate registered: %(details)s.", "%(count)s delegates registered: %(details)s.", len(created)
    ) % {"count": len(created), "details": details}
    if counts[Status.WAITLISTED]:
        message += " " + _("Waitlisted delegates move up, in order, when a seat of your province becomes free.")
    return message


@sensitive_post_parameters()
@officer_required
def register(request, slug):
    province = request.officer.province
    event = get_object_or_404(
        Event.objects.published().filter(registration_settings__isnull=False).select_related("registration_settings"),
        slug=slug,
    )
    registration_settings = event.registration_settings
    seats_left = services.seats_left(event, province)
    closed = _closed_message(registration_settings, timezone.now()) or _no_seat_message(
        event, province, seats_left, registration_settings
    )
    error = None
    rows = _requested_rows(request)
    formset = delegate_formset(extra=rows)(prefix="delegates")
    consent_form = ConsentForm()
    if request.method == "POST" and not closed:
        formset = delegate_formset()(request.POST, prefix="delegates")
        consent_form = ConsentForm(request.POST)
        if formset.is_valid() and consent_form.is_valid():
            try:
                created = services.register_delegates(
                    event=event,
                    province=province,
                    delegates=formset.delegates(),
                    actor=request.user,
                    consent_at=timezone.now(),
                )
            except services.RegistrationError as failure:
                error = failure.message
            else:
                messages.success(request, _registered_message(created))
                return redirect(_list_url(event))
    elif request.method == "POST":
        closed = _("%(reason)s Nothing was saved.") % {"reason": closed}
    return render(
        request,
        "registrations/portal/delegates_register.html",
        {
            "event": event,
            "registration_settings": registration_settings,
            "province": province,
            "seats_left": seats_left,
            "closed": closed,
            "error": error,
            "formset": formset,
            "consent_form": consent_form,
            "more_rows": min(rows + 3, MAX_DELEGATES),
            "max_delegates": MAX_DELEGATES,
        },
    )


def _no_seat_message(event, province, seats_left, registration_settings) -> str | None:
    """Say before the officer fills the form that the service would refuse it for want of seats."""
    if not ProvinceQuota.objects.filter(event=event, province=province, seats__gt=0).exists():
        return _("Your province has no seats at this event.")
    if seats_left == 0 and not registration_settings.keeps_waitlist:
        if services.is_event_full(event):
            return _("This event is full and keeps no waiting list.")
        return _("All your province's seats are taken and this event keeps no waiting list.")
    return None


def _requested_rows(request) -> int:
    """Empty rows to show: three, or more when the officer asked for more (works without JavaScript)."""
    try:
        rows = int(request.GET.get("rows", 3))
    except ValueError:
        rows = 3
    return max(1, min(rows, MAX_DELEGATES))


@officer_required
def event_registrations(request, slug):
    province = request.officer.province
    event = _event_for_officer(slug, province)
    now = timezone.now()
    registrations = sorted(
        Registration.objects.filter(event=event, province=province).prefetch_related("changes"),
        key=lambda registration: registration.status in (Status.CANCELLED, Status.REJECTED),
    )
    closed = _closed_message(event.registration_settings, now)
    for registration in registrations:
        registration.can_edit = not closed and registration.status in Registration.ACTIVE
        registration.can_change = not closed and registration.status in CHANGEABLE
    return render(
        request,
        "registrations/portal/registration_list.html",
        {
            "event": event,
            "registration_settings": event.registration_settings,
            "province": province,
            "registrations": registrations,
            "seats_left": services.seats_left(event, province),
            "closed": closed,
            "status_counts": Counter(registration.status for registration in registrations),
            "materials": materials.materials_for_officer(event, province),
        },
    )


@sensitive_post_parameters()
@officer_required
def registration_edit(request, pk):
    registration = _own_registration(request, pk)
    blocked = _why_unchangeable(registration, Registration.ACTIVE, timezone.now())
    error = None
    form = DelegateForm(initial=DelegateForm.initial_from(registration))
    if request.method == "POST" and not blocked:
        form = DelegateForm(request.POST)
        if form.is_valid():
            try:
                services.update_delegate(registration, form.to_delegate(), actor=request.user)
            except services.RegistrationError as failure:
                error = failure.message
            else:
                messages.success(
                    request, _("The details of %(name)s are saved.") % {"name": form.to_delegate().full_name}
                )
                return redirect(_list_url(registration.event))
    return render(
        request,
        "registrations/portal/registration_edit.html",
        {"registration": registration, "event": registration.event, "form": form, "blocked": blocked, "error": error},
    )


@sensitive_post_parameters()
@officer_required
def registration_cancel(request, pk):
    registration = _own_registration(request, pk)
    now = timezone.now()
    blocked = _why_unchangeable(registration, CHANGEABLE, now)
    error = None
    form = CancelForm()
    if request.method == "POST" and not blocked:
        form = CancelForm(request.POST)
        if form.is_valid():
            try:
                services.cancel_registration(
                    registration, actor=request.user, reason=form.cleaned_data["reason"], now=now
                )
            except services.RegistrationError as failure:
                error = failure.message
            else:
                messages.success(
                    request, _("The registration of %(name)s is cancelled.") % {"name": registration.full_name}
                )
                for promoted in _promoted_at(registration, now):
                    messages.info(
                        request,
                        _("%(name)s moves up from the waiting list and is now %(status)s.")
                        % {"name": promoted.full_name, "status": promoted.get_status_display()},
                    )
                return redirect(_list_url(registration.event))
    return render(
        request,
        "registrations/portal/registration_cancel.html",
        {"registration": registration, "event": registration.event, "form": form, "blocked": blocked, "error": error},
    )


def _promoted_at(registration: Registration, now) -> QuerySet[Registration]:
    """The delegates of the same event and province the service moved off the waiting list at `now`."""
    moves = RegistrationChange.objects.filter(at=now, from_status=Status.WAITLISTED).values("registration")
    return Registration.objects.filter(event=registration.event, province=registration.province, pk__in=moves)


@sensitive_post_parameters()
@officer_required
def registration_substitute(request, pk):
    registration = _own_registration(request, pk)
    blocked = _why_unchangeable(registration, CHANGEABLE, timezone.now())
    error = None
    form = DelegateForm()
    consent_form = ConsentForm(delegates=1)
    if request.method == "POST" and not blocked:
        form = DelegateForm(request.POST)
        consent_form = ConsentForm(request.POST, delegates=1)
        if form.is_valid() and consent_form.is_valid():
            try:
                substitute = services.substitute_delegate(
                    registration, form.to_delegate(), actor=request.user, consent_at=timezone.now()
                )
            except services.RegistrationError as failure:
                error = failure.message
            else:
                messages.success(
                    request,
                    _("%(new)s replaces %(old)s and is %(status)s.")
                    % {
                        "new": substitute.full_name,
                        "old": registration.full_name,
                        "status": substitute.get_status_display(),
                    },
                )
                return redirect(_list_url(registration.event))
    return render(
        request,
        "registrations/portal/registration_substitute.html",
        {
            "registration": registration,
            "event": registration.event,
            "form": form,
            "consent_form": consent_form,
            "blocked": blocked,
            "error": error,
        },
    )


def delegate_by_code(code: str) -> Registration:
    """The confirmed or attended delegate holding `code`, the credential of the confirmation page and of
    the pages reached from it (the survey); a 404 for any other code."""
    registration = (
        Registration.objects.select_related("event", "event__province", "province")
        .filter(code=code, status__in=[Status.CONFIRMED, Status.ATTENDED])
        .first()
    )
    if registration is None:
        raise Http404
    return registration


@never_cache
def confirmation(request, code):
    """A confirmed delegate's page to print or show at check-in. The unguessable code is the credential.

    No phone and no e-mail here: whoever holds the link sees only what a name badge shows.
    """
    registration = delegate_by_code(code)
    qr = segno.make(registration.code, error="m")
    response = render(
        request,
        "registrations/portal/registration_confirmation.html",
        {
            "registration": registration,
            "event": registration.event,
            # segno draws the SVG from the URL-safe code and escapes the title: safe to inline.
            "qr": mark_safe(qr.svg_inline(scale=6, svgclass="qr", title=_("QR code of the check-in code"))),
            "survey_access": surveys.survey_access(registration),
            "materials": materials.materials_for_delegate(registration),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- accounts: Django's views with the portal's templates -----------------------------------------


class LoginView(auth_views.LoginView):
    form_class = OfficerAuthenticationForm  # staff are sent to the admin's login, which asks for the code
    template_name = "registrations/portal/login.html"


class LogoutView(auth_views.LogoutView):
    next_page = "portal:login"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = OfficerPasswordResetForm
    template_name = "registrations/portal/password_reset_form.html"
    email_template_name = "registrations/portal/password_reset_email.txt"
    subject_template_name = "registrations/portal/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password-reset-done")

    @property
    def extra_email_context(self):
        # The configured address, not the request's Host header, goes into the link.
        return {"site": settings.SITE_URL, "site_name": _("TTĐN events")}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registrations/portal/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registrations/portal/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registrations/portal/password_reset_complete.html"

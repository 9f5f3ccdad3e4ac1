"""Certificates of attendance: the public verification page, the PDFs (for the delegate through the
confirmation code, the province's officer and staff) and the registrar's page that issues them.

Thin: registrations.certificates decides who gets one and makes the PDF. A PDF holds only valid
certificates; a number, code or id that leads to none is a 404, saying nothing more.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from people.models import Province
from people.text import slugify_vi

from .. import certificates
from ..models import Certificate
from ..services import RegistrationError
from .portal import _event_for_officer, _own_registration, officer_required
from .staff import _download, _event, staff_permission_required

VIEW = "registrations.view_certificate"
CHANGE = "registrations.change_certificate"
PDF = "application/pdf"
NOINDEX = "noindex, nofollow"


def _pdf(certificate_list, filename):
    if not certificate_list:
        raise Http404
    return _download(certificates.certificates_pdf(certificate_list), filename=filename, content_type=PDF)


# --- public --------------------------------------------------------------------------------------


class NumberForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Certificate number"),
        max_length=40,
        help_text=gettext_lazy("As printed on the certificate, e.g. 2026-7F3K-9Q2M; case and spaces do not matter."),
    )

    def clean_number(self):
        number = certificates.normalise_number(self.cleaned_data["number"])
        if number is None:
            raise forms.ValidationError(_("This is not a certificate number."), code="malformed")
        if not Certificate.objects.filter(number=number).exists():
            raise forms.ValidationError(_("No certificate has this number."), code="unknown")
        return number


@never_cache
def lookup(request):
    """A number typed from the paper: to its verification page."""
    form = NumberForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", number=form.cleaned_data["number"])
    response = render(
        request, "registrations/certificates/lookup.html", {"form": form}, status=404 if form.errors else 200
    )
    response["X-Robots-Tag"] = NOINDEX
    return response


@never_cache  # a revocation shows at once: never served from a cache
def verify(request, number):
    """Whether a certificate is valid: its holder's name, the event, its dates; nothing else about anyone."""
    certificate = certificates.certificate_by_number(number)
    if certificate is None:
        raise Http404
    response = render(request, "registrations/certificates/verify.html", {"certificate": certificate})
    response["X-Robots-Tag"] = NOINDEX
    return response


# --- the delegate and the province's officer -----------------------------------------------------


def _filename(certificate: Certificate) -> str:
    return f"giay-chung-nhan-{certificate.number}.pdf"


@never_cache
def delegate_pdf(request, code):
    """The delegate's own certificate, for whoever holds the confirmation code (as the confirmation page)."""
    certificate = get_object_or_404(Certificate, registration__code=code, revoked_at__isnull=True)
    response = _pdf([certificate], _filename(certificate))
    response["X-Robots-Tag"] = NOINDEX
    return response


@officer_required
def officer_list(request, slug):
    province = request.officer.province
    event = _event_for_officer(slug, province)
    context = {
        "event": event,
        "province": province,
        "certificates": certificates.certificates_of(event, province=province),
    }
    return render(request, "registrations/certificates/officer_list.html", context)


@officer_required
def officer_pdf(request, slug):
    """Every valid certificate of the officer's province at the event, one page each."""
    province = request.officer.province
    event = _event_for_officer(slug, province)
    certificate_list = certificates.certificates_of(event, province=province, valid_only=True)
    return _pdf(certificate_list, f"{event.slug}-{slugify_vi(province.name)}-giay-chung-nhan.pdf")


@officer_required
def officer_registration_pdf(request, pk):
    # Through the registration: its lookup answers a 404 to an id too large for the column.
    registration = _own_registration(request, pk)
    certificate = get_object_or_404(Certificate, registration=registration, revoked_at__isnull=True)
    return _pdf([certificate], _filename(certificate))


# --- staff ---------------------------------------------------------------------------------------


def _by_province(certificate_list) -> list[tuple[Province, list[Certificate]]]:
    groups: dict[int, tuple[Province, list[Certificate]]] = {}
    for certificate in certificate_list:
        province = certificate.registration.province
        groups.setdefault(province.pk, (province, []))[1].append(certificate)
    return list(groups.values())


@staff_permission_required(VIEW)
@require_http_methods(["GET", "POST"])
def staff_list(request, slug):
    """The event's certificates by province, and the delegates who completed and have none yet: the
    registrar sees who will get one before issuing (POST)."""
    event = _event(slug)
    if request.method == "POST":
        if not request.user.has_perm(CHANGE):
            raise PermissionDenied
        try:
            issued = certificates.issue_certificates(event)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Certificates issued: %(count)d.") % {"count": len(issued)}
                if issued
                else _("No certificate was issued: every delegate who completed has one."),
            )
        return redirect("staff:certificates", slug=event.slug)
    try:
        certificates.ensure_can_issue(event)
    except RegistrationError as error:
        blocked = error.message
    else:
        blocked = None
    context = {
        "event": event,
        "blocked": blocked,
        "to_issue": certificates.certificates_to_issue(event),
        "groups": _by_province(certificates.certificates_of(event)),
    }
    return render(request, "registrations/certificates/staff_list.html", context)


@staff_permission_required(VIEW)
def staff_pdf(request, slug):
    event = _event(slug)
    return _pdf(certificates.certificates_of(event, valid_only=True), f"{event.slug}-giay-chung-nhan.pdf")


@staff_permission_required(VIEW)
def staff_province_pdf(request, slug, province):
    event = _event(slug)
    unit = get_object_or_404(Province, pk=province)
    certificate_list = certificates.certificates_of(event, province=unit, valid_only=True)
    return _pdf(certificate_list, f"{event.slug}-{slugify_vi(unit.name)}-giay-chung-nhan.pdf")

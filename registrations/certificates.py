"""Certificates of attendance (giấy chứng nhận): issued to the delegates who completed a training,
numbered, verified on a public page, revoked by a registrar; and their PDF.

The certificate copies the holder's name and the event's title and dates when it is issued, so it stays
verifiable, and means what it meant, after the delegate's contact data is erased or the event edited.
The PDF is in Vietnamese whatever the page's language: it is the official paper the delegate keeps.
"""

import re
import unicodedata
from functools import cache
from io import BytesIO
from pathlib import Path

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from events.models import Event, EventOrganiser
from people.dates import Precision
from people.text import clean_text, format_day

from . import reports
from .attendance import completed_registrations
from .models import Certificate, Registration
from .models.certificates import NUMBER_ALPHABET, new_certificate_number
from .services import RegistrationError

# 40 random bits: a collision is rare, two in a row next to impossible; a third means something else is wrong.
NUMBER_TRIES = 3
_NUMBER = re.compile(rf"([0-9]{{4}})-?([{NUMBER_ALPHABET}]{{4}})-?([{NUMBER_ALPHABET}]{{4}})")
# Letters the alphabet leaves out because they read as digits: a number copied from paper still matches.
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


# --- numbers and the public verification -----------------------------------------------------------


def normalise_number(text: str) -> str | None:
    """The number as issued ("2026-7F3K-9Q2M") from what someone typed ("2026 7f3k 9q2m", "20267F3K9Q2M"),
    or None for anything that cannot be a number (junk, NUL) — never looked up."""
    compact = "".join((text or "").split()).upper().translate(_MISREAD)
    match = _NUMBER.fullmatch(compact)
    return "-".join(match.groups()) if match else None


def certificate_by_number(text: str) -> Certificate | None:
    number = normalise_number(text)
    if number is None:
        return None
    return Certificate.objects.filter(number=number).first()


def verification_url(certificate: Certificate) -> str:
    """The public page that says whether `certificate` is valid, at the configured site address (never
    the request's Host header, which a client chooses), in Vietnamese: the paper is."""
    with translation.override("vi"):
        path = reverse("certificates:verify", kwargs={"number": certificate.number})
    return f"{settings.SITE_URL}{path}"


# --- issuing and revoking -----------------------------------------------------------------------


def _last_day(event: Event):
    return event.end_date or event.start_date


def ensure_can_issue(event: Event, *, now=None):
    """Raise RegistrationError unless certificates of `event` can be issued now."""
    if event.date_precision != Precision.DAY:
        raise RegistrationError(
            _("Certificates name the event's days: give its dates to the day first."), code="imprecise_dates"
        )
    today = timezone.localdate(now or timezone.now())
    if today < _last_day(event):
        raise RegistrationError(
            _("Certificates can be issued from the event's last day, %(date)s.")
            % {"date": format_day(_last_day(event), "vi")},
            code="not_ended",
        )


def certificates_to_issue(event: Event) -> list[Registration]:
    """The delegates who completed `event` under its rule and have no certificate yet, by province then name."""
    issued = set(Certificate.objects.filter(event=event).values_list("registration_id", flat=True))
    return [registration for registration in completed_registrations(event) if registration.pk not in issued]


def _issue(registration: Registration, event: Event, now) -> Certificate | None:
    """A new certificate for `registration`, or None if one was issued meanwhile (another request)."""
    for attempt in range(NUMBER_TRIES):
        try:
            with transaction.atomic():  # a savepoint: a failed insert leaves the rest of the issue standing
                return Certificate.objects.create(
                    registration=registration,
                    event=event,
                    number=new_certificate_number(timezone.localdate(now).year),
                    holder_name=unicodedata.normalize("NFC", registration.full_name),
                    event_title=unicodedata.normalize("NFC", event.title),
                    start_date=event.start_date,
                    end_date=event.end_date if event.end_date != event.start_date else None,
                    issued_at=now,
                )
        except IntegrityError:
            if Certificate.objects.filter(registration=registration).exists():
                return None
            if attempt == NUMBER_TRIES - 1:
                raise


@transaction.atomic
def issue_certificates(event: Event, *, now=None) -> list[Certificate]:
    """Issue a certificate to each delegate who completed `event` and has none; the new ones.

    Safe to run again, and twice at once: a delegate never gets a second certificate (the certificate's
    registration is unique), and a revoked one is not replaced.
    """
    now = now or timezone.now()
    ensure_can_issue(event, now=now)
    issued = (_issue(registration, event, now) for registration in certificates_to_issue(event))
    return [certificate for certificate in issued if certificate is not None]


def revoke_certificates(certificates, *, actor, reason: str, now=None) -> int:
    """Revoke those of `certificates` (a queryset) still valid; how many were. The verification page then
    says "revoked on …"; the certificate itself stays, so its number never means someone else."""
    reason = clean_text(reason or "", multiline=False).strip()
    if not reason:
        raise RegistrationError(_("Give the reason for revoking."), code="no_reason")
    return certificates.filter(revoked_at__isnull=True).update(
        revoked_at=now or timezone.now(), revoked_by=actor, revocation_reason=reason[:255]
    )


# --- reads for the pages -------------------------------------------------------------------------


def certificates_of(event: Event, *, province=None, valid_only=False) -> list[Certificate]:
    """The certificates of `event` (of `province`'s delegates only, if given) by province then name."""
    certificates = Certificate.objects.filter(event=event).select_related("registration__province")
    if province is not None:
        certificates = certificates.filter(registration__province=province)
    if valid_only:
        certificates = certificates.filter(revoked_at__isnull=True)
    return sorted(certificates, key=_list_order)


def _list_order(certificate: Certificate) -> tuple:
    registration = certificate.registration
    return (reports._province_key(registration.province), reports._name_key(registration), certificate.pk)


# --- the PDF -------------------------------------------------------------------------------------

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE = landscape(A4)
MARGIN = 42
QR_SIZE = 96


@cache
def _fonts():
    # DejaVu Sans has every Vietnamese letter precomposed; ReportLab embeds the glyphs a page uses.
    pdfmetrics.registerFont(TTFont(REGULAR, FONT_DIR / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, FONT_DIR / "DejaVuSans-Bold.ttf"))


def _organisers(certificates: list[Certificate]) -> dict[int, list[str]]:
    """The lead organisers' names of each event, one query for all the certificates' events."""
    names: dict[int, list[str]] = {}
    leads = EventOrganiser.objects.filter(
        event__in={certificate.event_id for certificate in certificates}, role=EventOrganiser.Role.LEAD
    ).select_related("organisation")
    for organiser in leads:
        names.setdefault(organiser.event_id, []).append(organiser.organisation.name)
    return names


def _held(certificate: Certificate) -> str:
    if certificate.end_date:
        return _("held from %(start)s to %(end)s") % {
            "start": format_day(certificate.start_date, "vi"),
            "end": format_day(certificate.end_date, "vi"),
        }
    return _("held on %(date)s") % {"date": format_day(certificate.start_date, "vi")}


def _centred(pdf, lines, x, y, font, size, leading) -> float:
    """Draw `lines` centred on `x` from `y` down; the y below the last line."""
    pdf.setFont(font, size)
    for line in lines:
        pdf.drawCentredString(x, y, line)
        y -= leading
    return y


def _fitted(text, font, size, width, smallest) -> int:
    """The largest font size up to `size` at which `text` fits in `width` on one line (at least `smallest`)."""
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _qr(pdf, url, x, y, size):
    """The QR code of `url` in vectors, one rectangle per run of dark modules: sharp at any print size."""
    matrix = segno.make(url, error="m").matrix
    module = size / len(matrix)
    for row_number, row in enumerate(matrix):
        top = y + size - (row_number + 1) * module
        column = 0
        while column < len(row):
            if row[column]:
                run = column
                while run < len(row) and row[run]:
                    run += 1
                pdf.rect(x + column * module, top, (run - column) * module, module, stroke=0, fill=1)
                column = run
            else:
                column += 1


def _page(pdf, certificate: Certificate, organisers: list[str]):
    width, height = PAGE
    middle = width / 2
    pdf.setLineWidth(2)
    pdf.rect(MARGIN / 2, MARGIN / 2, width - MARGIN, height - MARGIN)
    pdf.setLineWidth(0.6)
    pdf.rect(MARGIN / 2 + 5, MARGIN / 2 + 5, width - MARGIN - 10, height - MARGIN - 10)

    # The heading of an official paper: the issuing body on the left, the national motto on the right.
    top = height - MARGIN - 20
    column = (width - 2 * MARGIN) / 2 - 20
    if organisers:
        lines = [line for name in organisers for line in simpleSplit(name.upper(), BOLD, 10, column)]
        _centred(pdf, lines, MARGIN + column / 2 + 10, top, BOLD, 10, 13)
    right = width - MARGIN - column / 2 - 10
    below = _centred(pdf, [_("SOCIALIST REPUBLIC OF VIET NAM")], right, top, BOLD, 10, 14)
    motto = _("Independence – Freedom – Happiness")
    _centred(pdf, [motto], right, below, BOLD, 10, 14)
    underline = pdfmetrics.stringWidth(motto, BOLD, 10) / 2
    pdf.line(right - underline, below - 4, right + underline, below - 4)

    text_width = width - 4 * MARGIN
    y = height - 190
    y = _centred(pdf, [_("CERTIFICATE")], middle, y, BOLD, 34, 44)
    y = _centred(pdf, [_("This is to certify that")], middle, y, REGULAR, 14, 36)
    name_size = _fitted(certificate.holder_name, BOLD, 26, text_width, 14)
    y = _centred(pdf, [certificate.holder_name], middle, y, BOLD, name_size, 30)
    y = _centred(pdf, [_("has attended and completed")], middle, y, REGULAR, 14, 24)
    title = simpleSplit(certificate.event_title, BOLD, 16, text_width)[:4]
    y = _centred(pdf, title, middle, y, BOLD, 16, 21)
    _centred(pdf, [_held(certificate)], middle, y - 4, REGULAR, 13, 18)

    # The number and the QR code to the verification page; the URL in words for those without a camera.
    url = verification_url(certificate)
    bottom = MARGIN + 10
    _qr(pdf, url, MARGIN + 10, bottom, QR_SIZE)
    pdf.setFont(BOLD, 11)
    pdf.drawString(MARGIN + QR_SIZE + 22, bottom + 60, _("No. %(number)s") % {"number": certificate.number})
    pdf.setFont(REGULAR, 9)
    pdf.drawString(MARGIN + QR_SIZE + 22, bottom + 42, _("Check that this certificate is valid at:"))
    pdf.drawString(MARGIN + QR_SIZE + 22, bottom + 30, url)
    issued = timezone.localdate(certificate.issued_at)
    pdf.setFont(REGULAR, 12)
    pdf.drawCentredString(
        width - MARGIN - column / 2 - 10, bottom + 60, _("Issued on %(date)s") % {"date": format_day(issued, "vi")}
    )


def certificates_pdf(certificates: list[Certificate]) -> bytes:
    """One PDF, A4 landscape, a page per certificate, in Vietnamese."""
    _fonts()
    organisers = _organisers(certificates)
    buffer = BytesIO()
    with translation.override("vi"):
        pdf = canvas.Canvas(buffer, pagesize=PAGE, pageCompression=1)
        pdf.setTitle(_("Certificates of attendance"))
        pdf.setCreator(_("TTĐN events"))
        for certificate in certificates:
            _page(pdf, certificate, organisers.get(certificate.event_id, []))
            pdf.showPage()
        pdf.save()
    return buffer.getvalue()

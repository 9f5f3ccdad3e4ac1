"""Forms of the provincial officers' portal.

They check what a person can fix on the page (a missing name, a malformed phone); the rules
(quota, deadline, duplicates) and every write belong to events.services, which checks again.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import user_has_device

from .models import Registration, validate_phone
from .services import DelegateData

# The most delegates one submission takes; a province's quota is far smaller.
MAX_DELEGATES = 50


class PhoneInput(forms.TextInput):
    input_type = "tel"


def _field(name, **kwargs):
    """The form field of a Registration field: same label, length and choices as the model."""
    return Registration._meta.get_field(name).formfield(**kwargs)


def _off(widget_class=forms.TextInput, **attrs):
    # Someone else's data: the browser must not fill in the officer's own name or address.
    return widget_class(attrs={"autocomplete": "off", **attrs})


class DelegateForm(forms.Form):
    """One delegate: the name parts, post, organisation, gender, phone and e-mail. Nothing more."""

    family_name = _field("family_name", widget=_off(), help_text="")
    middle_name = _field("middle_name", widget=_off())
    given_name = _field("given_name", widget=_off())
    post = _field("post", widget=_off(placeholder=_("e.g. Phó Giám đốc Sở")), help_text="")
    organisation = _field("organisation", widget=_off(placeholder=_("e.g. Sở Văn hóa và Thể thao")), help_text="")
    gender = forms.ChoiceField(
        label=capfirst(Registration._meta.get_field("gender").verbose_name),
        choices=[(value, capfirst(label)) for value, label in Registration.Gender.choices],
        widget=forms.RadioSelect,
    )
    phone = _field(
        "phone",
        required=True,
        validators=[validate_phone],
        widget=_off(PhoneInput, inputmode="tel", placeholder="0912 345 678"),
        help_text="",
    )
    email = _field("email", widget=_off(forms.EmailInput), help_text="")

    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def to_delegate(self) -> DelegateData:
        data = self.cleaned_data
        return DelegateData(
            family_name=data["family_name"],
            middle_name=data.get("middle_name", ""),
            given_name=data["given_name"],
            post=data["post"],
            organisation=data["organisation"],
            gender=data["gender"],
            phone=data["phone"],
            email=data.get("email", ""),
        )

    @classmethod
    def initial_from(cls, registration: Registration) -> dict:
        return {name: getattr(registration, name) for name in cls.base_fields}


class BaseDelegateFormSet(forms.BaseFormSet):
    """Rows left empty are ignored; a submission with no delegate at all is an error."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.filled_forms():
            raise ValidationError(_("Add at least one delegate."), code="empty")

    def filled_forms(self):
        return [form for form in self.forms if form.has_changed() and form.cleaned_data]

    def delegates(self) -> list[DelegateData]:
        return [form.to_delegate() for form in self.filled_forms()]


def delegate_formset(extra: int = 3):
    """A formset of `extra` empty delegate rows (the page can add more, up to MAX_DELEGATES)."""
    return forms.formset_factory(
        DelegateForm,
        formset=BaseDelegateFormSet,
        extra=extra,
        max_num=MAX_DELEGATES,
        validate_max=True,
        absolute_max=MAX_DELEGATES,
    )


def consent_text(count: int = 2) -> str:
    """The purpose the delegates agreed to, as the checkbox states it."""
    months = settings.DELEGATE_CONTACT_RETENTION_MONTHS
    return ngettext(
        "The delegate agreed that their name, post, organisation, phone and e-mail are used by the "
        "organisers only to organise this event, including check-in; contact data (phone and e-mail) is "
        "erased %(months)s months after the event (Personal Data Protection Law 91/2025/QH15).",
        "The delegates agreed that their name, post, organisation, phone and e-mail are used by the "
        "organisers only to organise this event, including check-in; contact data (phone and e-mail) is "
        "erased %(months)s months after the event (Personal Data Protection Law 91/2025/QH15).",
        count,
    ) % {"months": months}


class ConsentForm(forms.Form):
    """The one explicit consent box; its time is recorded as the delegates' consent_at."""

    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to confirm the delegates agreed to this use of their data.")},
    )

    def __init__(self, *args, delegates: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text(delegates)
        if delegates == 1:
            self.fields["consent"].error_messages["required"] = _(
                "Tick the box to confirm the delegate agreed to this use of their data."
            )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=255,
        required=False,
        help_text=_("e.g. the delegate is on another mission. Do not write personal details here."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class OfficerAuthenticationForm(AuthenticationForm):
    """The portal's login, for provincial officers. A staff account, or any with an authenticator device, is
    refused: it logs in at the staff login, which asks for the device's code; this one would not."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "staff_account": _(
            "This is a staff account: log in at the staff login, with your authentication code if you have one. "
            "This portal is for provincial officers."
        ),
    }
    staff_login_url = None

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_staff or user.is_superuser or user_has_device(user):
            self.staff_login_url = reverse("admin:login")
            raise ValidationError(self.error_messages["staff_account"], code="staff_account")


class OfficerPasswordResetForm(PasswordResetForm):
    """Password reset by e-mail for provincial officers only; staff accounts are managed by the ministry."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if hasattr(user, "officer"))

"""Document symbols (số ký hiệu) in the three forms Vietnamese documents use."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_UPPER = "A-ZĐ"
_PART = rf"[{_UPPER}][{_UPPER}a-z0-9&]*"
FORMS = {
    # 57-KL/TW: number-KIND/ISSUER (Party documents)
    "party": re.compile(rf"^[0-9]+-(?P<kind>[{_UPPER}]+)/(?P<issuer>{_PART})$"),
    # 47/NQ-CP, 23/CT-TTg: number/KIND-ISSUER (state administrative documents)
    "state": re.compile(rf"^[0-9]+/(?P<kind>[{_UPPER}]+)-(?P<issuer>{_PART}(?:-{_PART})*)$"),
    # 145/2020/NĐ-CP: number/year/KIND-ISSUER (legal norms); laws omit the kind: 91/2025/QH15
    "legal": re.compile(rf"^[0-9]+/(?:19|20)[0-9][0-9]/(?:(?P<kind>[{_UPPER}]+)-)?(?P<issuer>{_PART}(?:-{_PART})*)$"),
}


def normalise_symbol(symbol: str) -> str:
    """Trim spaces and use a plain hyphen, as symbols are often pasted with en dashes."""
    return re.sub(r"\s+", "", symbol or "").replace("–", "-").replace("‐", "-")


def symbol_form(symbol: str) -> str | None:
    """The form ("party", "state" or "legal") `symbol` is written in, or None."""
    for name, pattern in FORMS.items():
        if pattern.match(symbol):
            return name
    return None


def validate_symbol(symbol: str):
    if symbol and symbol_form(normalise_symbol(symbol)) is None:
        raise ValidationError(
            _(
                "“%(symbol)s” is not a document symbol. Expected one of: 57-KL/TW (Party: number-KIND/ISSUER), "
                "47/NQ-CP (State: number/KIND-ISSUER), 145/2020/NĐ-CP (legal norm: number/year/KIND-ISSUER)."
            ),
            code="malformed_symbol",
            params={"symbol": symbol},
        )

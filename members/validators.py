"""Validators for member data: Vietnamese tax codes (mã số thuế)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TAX_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$")
TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def validate_tax_code(value):
    """Reject a tax code that is not 10 digits, or 10 digits + "-" + a branch number 001-999."""
    if not TAX_CODE_RE.match(value or ""):
        raise ValidationError(
            _(
                "Tax code must be 10 digits, or 10 digits, a hyphen and 3 digits for a dependent unit (e.g. 0200123456-001)."
            ),
            code="tax_code_format",
        )
    if "-" in value and value.endswith("-000"):
        raise ValidationError(
            _("The dependent unit number after the hyphen must be from 001 to 999."), code="tax_code_branch"
        )


def tax_code_check_digit(first_nine):
    """The check digit the General Department of Taxation's formula gives for nine digits, or None when it has none.

    10 - (sum of digit x weight) mod 11; a result of 10 has no single digit, and published codes disagree on that
    edge case, which is why a failed check is a warning, never a rejection.
    """
    total = sum(int(d) * w for d, w in zip(first_nine, TAX_CODE_WEIGHTS, strict=True))
    check = 10 - total % 11
    return check if check < 10 else None


def tax_code_checksum_ok(value):
    """True when the 10th digit matches the check digit (False also for the edge case with no single check digit)."""
    if not TAX_CODE_RE.match(value or ""):
        return False
    expected = tax_code_check_digit(value[:9])
    return expected is not None and expected == int(value[9])


def make_tax_code(first_nine):
    """Complete nine digits into a tax code with a valid check digit (None when the nine digits have none)."""
    check = tax_code_check_digit(first_nine)
    return None if check is None else f"{first_nine}{check}"

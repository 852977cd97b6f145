"""The digital signature on an observer's returned form, checked with pyHanko.

An observer may sign the returned PDF in their reader with a digital ID (a self-signed one
counts). `check_signature` tells whether the file is signed and, if it is, that nothing was
changed after signing (the signature covers the whole file, or only changes that add nothing
to its content, such as a later timestamp), who signed, with which certificate (self-signed, or
issued by whom) and when. A signature that no longer matches the file, or a file changed after
signing, raises `AlteredAfterSigning`. Nothing is fetched: no revocation or trust lookup goes to
the network, so a certificate's trust is reported, never assumed.
"""

from __future__ import annotations

import asyncio
import io
import logging
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sendfolio.domain.wording import long_date

QUIET_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
"""pyHanko logs what it cannot verify (a self-signed certificate); the import says it in words instead."""


T = TypeVar("T")
"""What a function run outside the event loop returns."""


class AlteredAfterSigning(Exception):
    """The file was changed after it was signed (or its signature is damaged); the message says so in words."""


@dataclass(frozen=True)
class SignatureCheck:
    """A valid signature: who signed, their certificate in words, and when (as the signer's reader said)."""

    signer: str
    certificate: str
    signed_at: str


def check_signature(raw: bytes) -> SignatureCheck | None:
    """The check of the last signature in a PDF's bytes; None when it is not signed.

    Raises `AlteredAfterSigning` when any signature does not match the file or the file was
    changed after the last one.
    """
    with warnings.catch_warnings():  # pyHanko's imports warn of cryptography's deprecations: nothing for the mediator
        warnings.simplefilter("ignore")
        from pyhanko.pdf_utils.misc import PdfError
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko.sign.validation.errors import SignatureValidationError
        from pyhanko_certvalidator import ValidationContext

    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        signatures = PdfFileReader(io.BytesIO(raw), strict=False).embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None
    if not signatures:
        return None
    context = ValidationContext(trust_roots=[], allow_fetching=False)
    statuses = []
    for signature in signatures:
        try:
            statuses.append(_outside_event_loop(validate_pdf_signature, signature, context))
        except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as error:
            raise AlteredAfterSigning("its signature cannot be checked: it is damaged") from error
    if not all(status.intact and status.valid for status in statuses):
        raise AlteredAfterSigning("was changed after it was signed (its signature no longer matches its content)")
    last = statuses[-1]
    coverage = last.coverage.name if last.coverage is not None else ""
    changed = last.modification_level.name if last.modification_level is not None else "OTHER"
    if coverage != "ENTIRE_FILE" and changed not in ("NONE", "LTA_UPDATES"):
        raise AlteredAfterSigning("was changed after it was signed (something was added after the signature)")
    return SignatureCheck(
        signer=_common_name(last.signing_cert.subject) or last.signing_cert.subject.human_friendly,
        certificate=_certificate_words(last.signing_cert),
        signed_at=_when(last.signer_reported_dt),
    )


def _outside_event_loop(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)`, on another thread when this one runs an event loop (the app's): pyHanko's
    synchronous validation starts an event loop of its own, which cannot run inside another."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _common_name(name: object) -> str:
    """The common name of an X.509 name ('' when it has none)."""
    native = getattr(name, "native", None)
    return str(native.get("common_name", "")) if isinstance(native, dict) else ""


def _certificate_words(certificate: object) -> str:
    """ "a self-signed digital ID" or "a digital ID issued by …"."""
    if getattr(certificate, "self_signed", "no") in ("yes", "maybe"):
        return "a self-signed digital ID"
    issuer = getattr(certificate, "issuer", None)
    return f"a digital ID issued by {_common_name(issuer) or getattr(issuer, 'human_friendly', 'an unnamed issuer')}"


def _when(moment: datetime | None) -> str:
    """The signing time as the signer's reader gave it, in UTC: "12 April 2026 at 14:03 UTC" ('' when not given)."""
    if moment is None:
        return ""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment
    return f"{long_date(moment.date())} at {moment:%H:%M} UTC"

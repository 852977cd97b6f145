"""Signing a PDF as a reader does with a self-signed digital ID made at run time (nothing real)."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path


def sign_pdf(source: Path, out: Path, signer_name: str, field_name: str) -> Path:
    """Sign `source` in its signature field `field_name` with a new self-signed digital ID for `signer_name`."""
    from asn1crypto import keys, x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, signer_name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        cert_registry=None,
    )
    signed = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(source.read_bytes()), strict=False)
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field_name), signer=signer, output=signed)
    out.write_bytes(signed.getvalue())
    return out

"""The encrypted file format: round trip, wrong passphrase, and every kind of damage told apart."""

from __future__ import annotations

import os
import time

import pytest

from sendfolio.store import crypto
from sendfolio.store.crypto import (
    HEADER_SIZE,
    MAGIC,
    MIN_FILE_SIZE,
    NONCE_SIZE,
    TAG_SIZE,
    TEST_PARAMS,
    CorruptFile,
    KdfParams,
    UnsupportedFormat,
    WrongPassphrase,
    new_codec,
    parse_header,
    unlock,
)

PASSPHRASE = "a long and fictional passphrase"
"""The passphrase used throughout (cheap KDF parameters keep the tests fast)."""

PLAIN = b'{"sendfolio": {"schema": 2}, "cases": {"1": {"notes": "CANARY-plain-text"}}}'
"""Plain folio bytes to encrypt."""


@pytest.fixture(scope="module")
def codec():
    """A codec with the cheap test parameters."""
    return new_codec(PASSPHRASE, TEST_PARAMS)


def test_round_trip_and_fresh_nonce(codec):
    """Encoding then decoding gives the plain bytes back; each save has a new nonce and no plaintext."""
    first, second = codec.encode(PLAIN), codec.encode(PLAIN)
    assert codec.decode(first) == PLAIN
    assert first[:HEADER_SIZE] == second[:HEADER_SIZE]
    assert first[HEADER_SIZE : HEADER_SIZE + NONCE_SIZE] != second[HEADER_SIZE : HEADER_SIZE + NONCE_SIZE]
    assert b"CANARY" not in first and b"notes" not in first
    assert len(first) == len(PLAIN) + MIN_FILE_SIZE
    assert first.startswith(MAGIC)


def test_unlock_with_the_right_passphrase_reads_any_save(codec):
    """A new session (key derived again from the header) opens what another session saved."""
    blob = codec.encode(PLAIN)
    assert unlock(blob[:HEADER_SIZE], PASSPHRASE).decode(blob) == PLAIN


def test_wrong_passphrase_is_told_apart(codec):
    """A wrong passphrase fails the key check before any decryption."""
    blob = codec.encode(PLAIN)
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        unlock(blob, "not the passphrase at all")


def test_passphrase_is_normalised():
    """The same words typed in composed or decomposed Unicode open the same folio."""
    codec = new_codec("caf\u00e9 au lait, s'il vous pla\u00eet", TEST_PARAMS)
    blob = codec.encode(PLAIN)
    assert unlock(blob, "cafe\u0301 au lait, s'il vous pla\u00eet").decode(blob) == PLAIN


def test_another_salt_is_refused_by_a_session_codec(codec):
    """A file made under another passphrase (another header) is refused, not half-read."""
    other = new_codec(PASSPHRASE, TEST_PARAMS).encode(PLAIN)
    with pytest.raises(WrongPassphrase, match="another passphrase"):
        codec.decode(other)


@pytest.mark.parametrize("region", ["magic", "header", "salt", "key-check", "checksum"])
def test_flipped_bit_in_the_header_is_damage(codec, region):
    """Any bit flipped in the header is reported as a damaged header, never as a wrong passphrase."""
    offsets = {"magic": 3, "header": 16, "salt": 30, "key-check": 50, "checksum": HEADER_SIZE - 1}
    blob = bytearray(codec.encode(PLAIN))
    blob[offsets[region]] ^= 0x04
    with pytest.raises(CorruptFile) as raised:
        codec.decode(bytes(blob))
    assert not isinstance(raised.value, WrongPassphrase)
    with pytest.raises(CorruptFile):
        unlock(bytes(blob), PASSPHRASE)


@pytest.mark.parametrize("where", ["nonce", "body-start", "body-end", "tag"])
def test_flipped_bit_in_body_nonce_or_tag_fails_authentication(codec, where):
    """A flipped bit after the header fails the GCM tag: 'damaged or altered'."""
    blob = bytearray(codec.encode(PLAIN))
    offsets = {
        "nonce": HEADER_SIZE + 2,
        "body-start": HEADER_SIZE + NONCE_SIZE,
        "body-end": len(blob) - TAG_SIZE - 1,
        "tag": len(blob) - 1,
    }
    blob[offsets[where]] ^= 0x80
    with pytest.raises(CorruptFile, match="authentication tag"):
        codec.decode(bytes(blob))


def test_every_single_bit_flip_is_detected(codec):
    """Exhaustively: flipping any one bit of a small file never decodes and is never called a wrong passphrase."""
    blob = codec.encode(b"{}")
    for index in range(len(blob)):
        damaged = bytearray(blob)
        damaged[index] ^= 1
        with pytest.raises(CorruptFile) as raised:
            codec.decode(bytes(damaged))
        assert not isinstance(raised.value, WrongPassphrase), index


def test_truncation_at_every_offset_is_reported(codec):
    """A file cut off anywhere is reported as truncated or damaged, never decoded."""
    blob = codec.encode(PLAIN)
    for size in range(len(blob)):
        with pytest.raises(CorruptFile) as raised:
            codec.decode(blob[:size])
        message = str(raised.value)
        assert "truncated" in message or "damaged" in message, (size, message)
        if size < HEADER_SIZE:
            assert "truncated" in message


def test_header_from_a_newer_format_is_unsupported(codec):
    """A well-formed header naming format 2 asks for an update rather than claiming damage."""
    header = parse_header(codec.encode(PLAIN))
    fields = bytearray(header.raw[: HEADER_SIZE - crypto.CHECKSUM_SIZE])
    fields[len(MAGIC)] = 2
    import hashlib

    raw = bytes(fields) + hashlib.sha256(bytes(fields)).digest()[: crypto.CHECKSUM_SIZE]
    with pytest.raises(UnsupportedFormat, match="update sendfolio"):
        parse_header(raw + b"\0" * 40)


def test_absurd_kdf_parameters_are_refused():
    """A header may not make the machine spend 100 GiB: parameters are range-checked."""
    with pytest.raises(UnsupportedFormat):
        new_codec(PASSPHRASE, KdfParams(crypto.ARGON2ID, 100 * 1024 * 1024, 1, 1))


def test_scrypt_files_open_too():
    """The format's second KDF, scrypt, round-trips."""
    codec = new_codec(PASSPHRASE, KdfParams(crypto.SCRYPT, 10, 8, 1))
    blob = codec.encode(PLAIN)
    assert unlock(blob, PASSPHRASE).decode(blob) == PLAIN


def test_argon2_cffi_gives_the_same_key_as_cryptography():
    """The fallback (argon2-cffi) derives exactly the key cryptography's Argon2id does."""
    from argon2.low_level import Type, hash_secret_raw

    salt = os.urandom(16)
    ours = crypto.derive_master(PASSPHRASE, TEST_PARAMS, salt)
    theirs = hash_secret_raw(
        PASSPHRASE.encode(), salt, TEST_PARAMS.param2, TEST_PARAMS.param1, TEST_PARAMS.param3, 32, Type.ID
    )
    assert ours == theirs


def test_new_passphrase_must_be_long_enough():
    """A short passphrase is refused with words saying what is allowed."""
    with pytest.raises(ValueError, match="at least 8 characters"):
        crypto.check_new_passphrase("short")
    crypto.check_new_passphrase("three small words")


def test_real_parameters_once():
    """The default parameters (Argon2id 256 MiB, 4 passes, 2 lanes) work and cost a noticeable time."""
    started = time.perf_counter()
    codec = new_codec(PASSPHRASE, crypto.DEFAULT_PARAMS)
    elapsed = time.perf_counter() - started
    blob = codec.encode(PLAIN)
    assert parse_header(blob).params == crypto.DEFAULT_PARAMS
    assert codec.decode(blob) == PLAIN
    assert 0.1 < elapsed < 10, f"key derivation took {elapsed:.2f} s"


def header_with(params: KdfParams) -> bytes:
    """A well-formed header (right checksum) naming these KDF parameters, as a damaged or crafted file might."""
    return crypto.build_header(params, os.urandom(16), os.urandom(16)) + os.urandom(NONCE_SIZE + TAG_SIZE)


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(crypto.ARGON2ID, 8, 1, 2),  # fewer than 8 KiB per lane: Argon2 itself would refuse
        KdfParams(crypto.ARGON2ID, 4 * 1024 * 1024, 1, 1),  # 4 GiB of memory
        KdfParams(crypto.SCRYPT, 24, 32, 1),  # 128 * 32 * 2^24 bytes = 64 GiB
    ],
)
def test_header_parameters_the_kdf_cannot_or_should_not_run_are_refused_clearly(params):
    """Before any key is derived, a header's parameters are checked: a clear error, never a KDF exception."""
    with pytest.raises(UnsupportedFormat, match="outside the range"):
        unlock(header_with(params), PASSPHRASE)


def test_every_save_has_its_own_nonce_and_a_body_cannot_move_under_another_header(codec):
    """A hundred saves of the same bytes use a hundred nonces; a header from another salt cannot be swapped in."""
    blobs = [codec.encode(PLAIN) for _ in range(100)]
    assert len({blob[HEADER_SIZE : HEADER_SIZE + NONCE_SIZE] for blob in blobs}) == 100
    other = new_codec(PASSPHRASE, TEST_PARAMS)
    swapped = other.header.raw + blobs[0][HEADER_SIZE:]
    with pytest.raises(CorruptFile, match="authentication tag"):
        other.decode(swapped)


def test_the_codec_holds_no_passphrase():
    """Nothing the codec keeps is the passphrase or its bytes."""
    codec = new_codec(PASSPHRASE, TEST_PARAMS)
    kept = repr(vars(codec)) + repr(codec.header)
    assert PASSPHRASE not in kept and PASSPHRASE.encode().hex() not in kept

"""Encryption at rest: the folio file as one authenticated ciphertext.

File format, version 1 (all integers big-endian)::

    header (68 bytes, authenticated as associated data of every save)
      magic        14  b"SENDFOLIO-ENC\\n"
      version       1  1
      kdf           1  1 = Argon2id, 2 = scrypt
      param1..3  3x 4  Argon2id: memory KiB, iterations, lanes;  scrypt: log2 n, r, p
      salt         16  random, new only when the passphrase changes
      key check    16  HMAC-SHA256(check key, KEY_CHECK_LABEL)[:16]
      checksum      8  SHA-256(all the header before it)[:8]
    nonce          12  random, fresh on every save
    ciphertext      n  AES-256-GCM of the plain JSON bytes
    tag            16  GCM tag over header (as AAD) and ciphertext

The passphrase (NFC-normalised UTF-8) gives a 32-byte master key through the KDF; HKDF-SHA256
splits it into the AES key and the key-check key. So a damaged header (checksum), a wrong
passphrase (key check) and a damaged or altered body (GCM tag) are told apart, and the key
is derived once per session: a `FolioCodec` holds the derived keys, never the passphrase.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sendfolio.store.mark import MAGIC, has_magic

FORMAT_VERSION = 1
"""The version of the encrypted file format this module writes and reads."""

ARGON2ID, SCRYPT = 1, 2
"""Key-derivation function ids in the header."""

KDF_NAMES = {ARGON2ID: "Argon2id", SCRYPT: "scrypt"}
"""Readable names of the KDF ids."""

_FIELDS = struct.Struct(">14sBBIII16s16s")
"""Header fields before the checksum: magic, version, kdf, three parameters, salt, key check."""

CHECKSUM_SIZE = 8
"""Bytes of the header checksum."""

HEADER_SIZE = _FIELDS.size + CHECKSUM_SIZE
"""Bytes of the whole header."""

NONCE_SIZE = 12
"""AES-GCM nonce: 96 bits, random for every save."""

TAG_SIZE = 16
"""AES-GCM authentication tag."""

SALT_SIZE = 16
"""KDF salt."""

MIN_FILE_SIZE = HEADER_SIZE + NONCE_SIZE + TAG_SIZE
"""The smallest well-formed encrypted file (empty plaintext)."""

KEY_CHECK_LABEL = b"sendfolio key check value v1"
"""What the key-check HMAC is computed over."""

MIN_PASSPHRASE = 8
"""The fewest characters a new passphrase may have."""


class CryptoError(Exception):
    """An encrypted folio cannot be opened; the message says why in a few words."""


class WrongPassphrase(CryptoError):
    """The passphrase does not open this folio (its key check does not match)."""


class CorruptFile(CryptoError):
    """The encrypted bytes are truncated, damaged or altered."""


class UnsupportedFormat(CryptoError):
    """The header is intact but names a format version or KDF this sendfolio cannot read."""


@dataclass(frozen=True)
class KdfParams:
    """Which KDF and its cost: Argon2id (memory KiB, iterations, lanes) or scrypt (log2 n, r, p)."""

    kdf: int = ARGON2ID
    param1: int = 262_144
    param2: int = 4
    param3: int = 2

    def describe(self) -> str:
        """The parameters in words, for `sendfolio encrypt` to show."""
        if self.kdf == SCRYPT:
            return f"scrypt n=2^{self.param1} r={self.param2} p={self.param3}"
        return f"Argon2id {self.param1 // 1024} MiB, {self.param2} passes, {self.param3} lanes"


DEFAULT_PARAMS = KdfParams()
"""Argon2id, 256 MiB, 4 passes, 2 lanes: slow on purpose, a guess costs an attacker as much as an unlock
(timed in tests/benchmarks/README.md). Tests use `TEST_PARAMS`."""

TEST_PARAMS = KdfParams(ARGON2ID, 1024, 1, 1)
"""Very cheap parameters for tests only; never the default."""

_LIMITS = {ARGON2ID: ((8, 4_194_304), (1, 64), (1, 64)), SCRYPT: ((10, 24), (1, 32), (1, 16))}
"""Sane ranges of each parameter: a header asking for more is refused as damaged, not obeyed."""

MAX_KDF_MEMORY = 2 * 1024**3
"""The most memory (bytes) a header may make the KDF use: 2 GiB, eight times the default."""


@dataclass(frozen=True)
class Header:
    """The parsed header of an encrypted folio."""

    params: KdfParams
    salt: bytes
    key_check: bytes
    raw: bytes


class BadPassphrase(CryptoError, ValueError):
    """The passphrase cannot be used at all (it is not valid text)."""


def normalise(passphrase: str) -> bytes:
    """The passphrase as NFC UTF-8 bytes, so the same words typed anywhere give the same key.

    Raises `BadPassphrase` for one that is not valid text (bytes that are not UTF-8, as an
    environment variable can hold).
    """
    try:
        return unicodedata.normalize("NFC", passphrase).encode("utf-8")
    except UnicodeEncodeError:
        raise BadPassphrase(
            "the passphrase is not valid UTF-8 text (check the terminal's or $SENDFOLIO_PASSPHRASE's encoding)"
        ) from None


def check_new_passphrase(passphrase: str) -> None:
    """Raise `ValueError` saying what is allowed unless the passphrase is long enough and valid text."""
    normalise(passphrase)
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise ValueError(f"the passphrase must have at least {MIN_PASSPHRASE} characters (a few words are best)")


def derive_master(passphrase: str, params: KdfParams, salt: bytes) -> bytes:
    """The 32-byte master key of a passphrase under these KDF parameters and salt."""
    secret = normalise(passphrase)
    if params.kdf == SCRYPT:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        return Scrypt(salt=salt, length=32, n=2**params.param1, r=params.param2, p=params.param3).derive(secret)
    return _argon2id(secret, params, salt)


def _argon2id(secret: bytes, params: KdfParams, salt: bytes) -> bytes:
    """Argon2id through cryptography when it has it, else argon2-cffi's low-level function."""
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    except ImportError:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(secret, salt, params.param2, params.param1, params.param3, 32, Type.ID)
    kdf = Argon2id(salt=salt, length=32, iterations=params.param2, lanes=params.param3, memory_cost=params.param1)
    return kdf.derive(secret)


def _subkey(master: bytes, label: bytes) -> bytes:
    """A 32-byte key for one purpose, from the master key by HKDF-SHA256."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(master)


def _key_check(check_key: bytes) -> bytes:
    """The key-check value stored in the header."""
    return hmac.new(check_key, KEY_CHECK_LABEL, hashlib.sha256).digest()[:16]


def build_header(params: KdfParams, salt: bytes, key_check: bytes) -> bytes:
    """The header bytes, checksum included."""
    fields = _FIELDS.pack(
        MAGIC, FORMAT_VERSION, params.kdf, params.param1, params.param2, params.param3, salt, key_check
    )
    return fields + hashlib.sha256(fields).digest()[:CHECKSUM_SIZE]


def parse_header(blob: bytes) -> Header:
    """The header at the start of `blob`, or raise `CorruptFile` / `UnsupportedFormat` saying why."""
    if len(blob) < HEADER_SIZE and (has_magic(blob) or MAGIC.startswith(blob)):
        raise CorruptFile(f"the encrypted file is truncated ({len(blob)} bytes, shorter than its header)")
    if not has_magic(blob):
        raise CorruptFile("it is not an encrypted sendfolio file (its first bytes are not the sendfolio mark)")
    fields, checksum = blob[: _FIELDS.size], blob[_FIELDS.size : HEADER_SIZE]
    if not hmac.compare_digest(hashlib.sha256(fields).digest()[:CHECKSUM_SIZE], checksum):
        raise CorruptFile("the encryption header is damaged (its checksum does not match)")
    _magic, version, kdf, p1, p2, p3, salt, key_check = _FIELDS.unpack(fields)
    if version != FORMAT_VERSION:
        raise UnsupportedFormat(
            f"it uses encryption format {version}; this sendfolio reads format {FORMAT_VERSION}: update sendfolio"
        )
    params = KdfParams(kdf, p1, p2, p3)
    _check_limits(params)
    return Header(params, salt, key_check, blob[:HEADER_SIZE])


def kdf_memory(params: KdfParams) -> int:
    """Bytes of memory the KDF needs with these parameters."""
    if params.kdf == SCRYPT:
        return 128 * params.param2 * (1 << params.param1)
    return params.param1 * 1024


def _check_limits(params: KdfParams) -> None:
    """Refuse an unknown KDF, parameters outside sane ranges, or ones the KDF itself would reject.

    A header is read before anything is authenticated, so its parameters are checked here: a
    damaged header must give a clear `UnsupportedFormat`, never an exception from the KDF or
    a request for many gigabytes of memory.
    """
    if params.kdf not in _LIMITS:
        raise UnsupportedFormat(f"it names key-derivation function {params.kdf}, which this sendfolio does not know")
    values = (params.param1, params.param2, params.param3)
    refused = UnsupportedFormat(
        f"its {KDF_NAMES[params.kdf]} parameters {values} are outside the range sendfolio accepts"
    )
    if any(not low <= value <= high for value, (low, high) in zip(values, _LIMITS[params.kdf])):
        raise refused
    if kdf_memory(params) > MAX_KDF_MEMORY or (params.kdf == ARGON2ID and params.param1 < 8 * params.param3):
        raise refused


class FolioCodec:
    """Encodes plain folio bytes to the encrypted file format and back, with keys derived once.

    Built by `new_codec` (a new salt) or `unlock` (the salt of an existing file); holds the AES
    key and the header, never the passphrase.
    """

    def __init__(self, header: Header, master: bytes):
        """Keep the header and the subkeys of the master key; raise `WrongPassphrase` if it does not fit."""
        check_key = _subkey(master, b"sendfolio v1 key check")
        if not hmac.compare_digest(_key_check(check_key), header.key_check):
            raise WrongPassphrase("wrong passphrase")
        self.header = header
        self._aead = AESGCM(_subkey(master, b"sendfolio v1 aes-256-gcm"))

    @property
    def params(self) -> KdfParams:
        """The KDF parameters of this codec's key."""
        return self.header.params

    def encode(self, data: bytes) -> bytes:
        """Header, a fresh random nonce and the AES-256-GCM ciphertext of `data`."""
        nonce = os.urandom(NONCE_SIZE)
        return self.header.raw + nonce + self._aead.encrypt(nonce, data, self.header.raw)

    def decode(self, data: bytes) -> bytes:
        """The plain bytes of an encrypted file, or raise `CryptoError` saying what is wrong."""
        header = parse_header(data)
        if header.raw != self.header.raw:
            raise WrongPassphrase("wrong passphrase (this file was encrypted with another passphrase)")
        if len(data) < MIN_FILE_SIZE:
            raise CorruptFile(f"the encrypted file is truncated ({len(data)} bytes)")
        nonce, sealed = data[HEADER_SIZE : HEADER_SIZE + NONCE_SIZE], data[HEADER_SIZE + NONCE_SIZE :]
        try:
            return self._aead.decrypt(nonce, sealed, header.raw)
        except InvalidTag:
            raise CorruptFile(
                "the encrypted content is damaged, truncated or altered: its authentication tag does not match"
            ) from None


def new_codec(passphrase: str, params: KdfParams = DEFAULT_PARAMS) -> FolioCodec:
    """A codec for a new passphrase with a fresh random salt (encrypting, or changing the passphrase)."""
    _check_limits(params)
    salt = os.urandom(SALT_SIZE)
    master = derive_master(passphrase, params, salt)
    key_check = _key_check(_subkey(master, b"sendfolio v1 key check"))
    return FolioCodec(Header(params, salt, key_check, build_header(params, salt, key_check)), master)


def unlock(blob: bytes, passphrase: str) -> FolioCodec:
    """The codec for an existing encrypted file (its first bytes suffice), or raise `CryptoError`."""
    header = parse_header(blob)
    return FolioCodec(header, derive_master(passphrase, header.params, header.salt))

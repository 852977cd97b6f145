"""Reading a PDF or an image that came from outside, in a child process bounded in time and memory.

A certificate to attach or an observer's returned form may be hostile: a few hundred
kilobytes that unpack to gigabytes, or a page that takes minutes to parse. Nothing of such a
file is parsed in sendfolio's own process. `read_document` (an attachment: its type, pages,
and the text of each page for the identifier check) and `read_form` (a returned form's field
values and keywords) hand the bytes to `python -m sendfolio.store.pdf_reading`, which first
limits its own address space and processor time (`resource.setrlimit`), then reads with pypdf
or Pillow under smaller limits of their own: each stream's decoded size (`MAX_STREAM_BYTES`),
all pages' drawing instructions together (`MAX_CONTENT_BYTES`), an image's pixels read from its
header before it is decoded (`MAX_PIXELS`), the page count (`MAX_PAGES`). Whatever goes wrong
comes back as `DocumentRefused`, one line saying why; the child's warnings and log lines never
reach the terminal. The child is started with pipes for all three standard streams, so it runs
the same under the TUI (whose captured standard error has no file number).

It sits in the store because both the import (`io`) and the identifier check of attached
files (`privacy`) need it, and they may not import each other.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MEMORY_BYTES = 300 * 1024 * 1024
"""The child's address space: what the reading of one file may use."""

CPU_SECONDS = 5
"""The child's processor time; past it the child is stopped (pypdf's pace per page: tests/benchmarks/README.md)."""

WALL_SECONDS = 15
"""How long the child may take in all (a loaded machine gets it processor time late)."""

MAX_STREAM_BYTES = 16 * 1024 * 1024
"""The largest decoded stream (a page's drawing instructions, an object stream, an image) read."""

MAX_CONTENT_BYTES = 64 * 1024 * 1024
"""The decoded drawing instructions of all pages together."""

MAX_PIXELS = 36_000_000
"""The most pixels an image may have (an A4 page scanned at 600 dots per inch is 34.8 million)."""

MAX_PAGES = 100
"""The most pages an attached PDF may have: its text is read within `CPU_SECONDS`, and a portfolio
holding it compiles (README, "Learning plan and attached documents")."""

TOO_BIG = "is too large or too complex to read safely (it unpacks to more than sendfolio reads)"
"""Why a file that hit a limit is refused, in words."""


class DocumentRefused(ValueError):
    """The file cannot be read within the limits, or is not what it claims; the message says why."""


@dataclass(frozen=True)
class DocumentText:
    """What the child read of an attachment: its type, page count and each page's text ('' for none)."""

    file_type: str
    pages: int
    texts: tuple[str, ...]

    @property
    def pages_without_text(self) -> tuple[int, ...]:
        """The numbers (from 1) of pages with no text layer: an image, or a scan, nothing can check."""
        return tuple(number for number, text in enumerate(self.texts, 1) if not text.strip())


def read_document(content: bytes) -> DocumentText:
    """An attachment's type, pages and text (a PDF, PNG or JPEG), or `DocumentRefused` saying why."""
    (found,) = read_documents([content])
    if isinstance(found, DocumentRefused):
        raise found
    return found


def read_documents(contents: Sequence[bytes]) -> list[DocumentText | DocumentRefused]:
    """Each attachment read as `read_document` reads it (a refusal in its place), in one child for all.

    The child has `CPU_SECONDS` for each document; should it die all the same, each is read
    again in a child of its own, so one hostile file is refused and the others are read. A
    document read once in this process is not read again (the privacy check runs before every
    export and PDF).
    """
    keys = [hashlib.sha256(content).digest() for content in contents]
    found = {key: _READ[key] for key in keys if key in _READ}
    todo = {key: content for key, content in zip(keys, contents) if key not in found}
    if todo:
        try:
            answers = _run("documents", _framed(todo.values()), len(todo))["documents"]
        except DocumentRefused as why:
            answers = [_one(content) for content in todo.values()] if len(todo) > 1 else [{"refused": str(why)}]
        read = dict(zip(todo, answers))
        found.update(read)
        if len(_READ) + len(read) > CACHED:  # the oldest readings go; this call's answers are in `found`
            _READ.clear()
        _READ.update(list(read.items())[-CACHED:])
    return [_document_text(found[key]) for key in keys]


CACHED = 64
"""How many documents' readings are kept in memory."""

_READ: dict[bytes, dict[str, Any]] = {}
"""The child's answer for each document read in this process, by its SHA-256."""


def _one(content: bytes) -> dict[str, Any]:
    """One document read in a child of its own; its answer, or its refusal as an answer."""
    try:
        answer: dict[str, Any] = _run("documents", _framed([content]), 1)["documents"][0]
    except DocumentRefused as why:
        return {"refused": str(why)}
    return answer


def _document_text(answer: dict[str, Any]) -> DocumentText | DocumentRefused:
    """A child's answer for one document."""
    if "refused" in answer:
        return DocumentRefused(answer["refused"])
    return DocumentText(answer["file_type"], answer["pages"], tuple(answer["texts"]))


def _framed(contents: Iterable[bytes]) -> bytes:
    """Documents one after another on the child's standard input, each after its length."""
    return b"".join(len(content).to_bytes(8, "big") + content for content in contents)


def _unframed(stream: bytes) -> Iterator[bytes]:
    """The documents of `_framed`."""
    at = 0
    while at + 8 <= len(stream):
        size = int.from_bytes(stream[at : at + 8], "big")
        yield stream[at + 8 : at + 8 + size]
        at += 8 + size


def read_form(content: bytes) -> tuple[dict[str, Any], str, int]:
    """A returned form's field values by name (text, a list of texts, or None), its keywords and page count."""
    found = _cached("form", content)
    return found["fields"], found["keywords"], found["pages"]


@lru_cache(maxsize=8)
def _cached(mode: str, content: bytes) -> dict[str, Any]:
    """The child's answer for these bytes (the same file is read once per process)."""
    return _run(mode, content)


def _run(mode: str, content: bytes, documents: int = 1) -> dict[str, Any]:
    """Run the child on `content` (`documents` of them, framed); its answer, or `DocumentRefused`."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sendfolio.store.pdf_reading", mode, str(documents)],
            input=content,
            capture_output=True,
            timeout=WALL_SECONDS * documents,
            check=False,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
    except subprocess.TimeoutExpired:
        raise DocumentRefused("takes too long to read (it may be damaged or made to be slow)") from None
    except OSError as error:
        raise DocumentRefused(f"could not be read: sendfolio could not start its reader ({error.strerror})") from None
    if done.returncode != 0:
        if done.returncode in (-24, -9):  # SIGXCPU, or SIGKILL past the hard limit
            raise DocumentRefused("takes too long to read (it may be damaged or made to be slow)")
        raise DocumentRefused(TOO_BIG)
    try:
        answer: dict[str, Any] = json.loads(done.stdout)
    except ValueError:
        raise DocumentRefused(TOO_BIG) from None
    if "refused" in answer:
        raise DocumentRefused(answer["refused"])
    return answer


# -- the child ---------------------------------------------------------------------------


def _limit_self(documents: int) -> None:
    """Bound this process's memory and processor time (`CPU_SECONDS` a document), before anything is read."""
    import resource

    seconds = CPU_SECONDS * max(1, documents)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def _quiet() -> None:
    """No warning or log line from the libraries reaches anyone: the answer says what went wrong."""
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)


def _pypdf_limits() -> None:
    """pypdf's own bounds, set well below its defaults: each decoded stream, each declared length."""
    from pypdf import overwrite_configuration

    overwrite_configuration(
        maximum_declared_stream_length=MAX_STREAM_BYTES,
        array_based_stream_maximum_output_length=MAX_STREAM_BYTES,
        jbig2_maximum_output_length=MAX_STREAM_BYTES,
        lzw_maximum_output_length=MAX_STREAM_BYTES,
        run_length_maximum_output_length=MAX_STREAM_BYTES,
        zlib_maximum_output_length=MAX_STREAM_BYTES,
        brotli_maximum_output_length=MAX_STREAM_BYTES,
        image_maximum_buffer_size=MAX_STREAM_BYTES,
        stream_decoding_work_maximum_length=4 * MAX_STREAM_BYTES,
        xfa_decoding_work_maximum_length=4 * MAX_STREAM_BYTES,
        disable_legacy_handling=True,
    )


SIGNATURES = (("pdf", b"%PDF-"), ("png", b"\x89PNG\r\n\x1a\n"), ("jpeg", b"\xff\xd8\xff"))
"""The first bytes of each file type that may be attached."""


def _document(content: bytes) -> dict[str, Any]:
    """An attachment read: its type, pages, and each page's text."""
    file_type = next((kind for kind, magic in SIGNATURES if content.startswith(magic)), None)
    if file_type is None:
        return {"refused": "is not a PDF, PNG or JPEG file (judged by its content)"}
    if file_type != "pdf":
        return _image(content, file_type)
    from pypdf import PdfReader

    if b"%%EOF" not in content[-2048:]:
        return {"refused": "the PDF is cut short (it has no end-of-file mark); attach the whole file"}
    reader = PdfReader(_stream(content), strict=True)
    if reader.is_encrypted and not reader.decrypt(""):  # an owner password alone: it opens without one
        return {"refused": "the PDF is password-protected; attach a copy without a password"}
    pages = len(reader.pages)
    if pages < 1:
        return {"refused": "the PDF has no pages"}
    if pages > MAX_PAGES:
        return {"refused": f"the PDF has {pages} pages; attach at most {MAX_PAGES} (split a long document)"}
    texts, drawn = [], 0
    for page in reader.pages:
        contents = page.get_contents()
        drawn += len(contents.get_data()) if contents is not None else 0
        if drawn > MAX_CONTENT_BYTES:
            return {"refused": TOO_BIG}
        _ = page.mediabox
        texts.append(page.extract_text() or "")
    return {"file_type": "pdf", "pages": pages, "texts": texts}


def _image(content: bytes, file_type: str) -> dict[str, Any]:
    """An image read: its size judged from its header before anything is decoded, then decoded whole."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # the size is judged below, from the header, with a clearer message
    with Image.open(_stream(content)) as image:
        if image.format != file_type.upper():
            return {"refused": f"is not a whole {file_type.upper()} image"}
        width, height = image.size
        if width * height > MAX_PIXELS:
            return {
                "refused": f"the image is {width} x {height} pixels; attach one of at most "
                f"{MAX_PIXELS // 1_000_000} million pixels (an A4 page at 600 dots per inch is 35 million)"
            }
        image.load()
    return {"file_type": file_type, "pages": 1, "texts": [""]}


def _form(content: bytes) -> dict[str, Any]:
    """A returned form read: its fields' values as text (or lists of text), the document's keywords, its pages."""
    from pypdf import PdfReader

    reader = PdfReader(_stream(content), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):  # only an owner password (it opens without one) is read
        return {"refused": "is encrypted (password-protected): ask the observer to save it again without a password"}
    found = reader.get_fields() or {}
    metadata = reader.metadata
    keywords = str(metadata.get("/Keywords", "") or "") if metadata is not None else ""
    return {
        "fields": {name: _plain(spec.get("/V")) for name, spec in found.items()},
        "keywords": keywords,
        "pages": len(reader.pages),
    }


def _plain(value: Any) -> Any:
    """A field's value as JSON holds it: None, a text, or a list of texts."""
    if value is None:
        return None
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def _stream(content: bytes) -> Any:
    """The bytes as a file object for the readers."""
    import io

    return io.BytesIO(content)


def _short(error: BaseException) -> str:
    """An error's message cut to one short line."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:120]


def main(mode: str, documents: int = 1) -> int:
    """The child: limit itself, read standard input, write its answer as JSON on standard output."""
    _limit_self(documents)
    _quiet()
    content = sys.stdin.buffer.read()
    _pypdf_limits()
    if mode == "documents":
        answer: dict[str, Any] = {"documents": [_guarded(mode, _document, item) for item in _unframed(content)]}
    else:
        answer = _guarded(mode, _form, content)
    sys.stdout.write(json.dumps(answer))
    return 0


def _guarded(mode: str, read: Callable[[bytes], dict[str, Any]], content: bytes) -> dict[str, Any]:
    """`read(content)`, or a refusal saying why it could not be read."""
    try:
        return read(content)
    except MemoryError:
        return {"refused": TOO_BIG}
    except RecursionError:
        return {"refused": "is damaged and cannot be read (its structure nests too deep)"}
    except Exception as error:  # pypdf and Pillow raise many kinds of error on a broken or hostile file
        return {"refused": _damaged(mode, error)}


def _damaged(mode: str, error: Exception) -> str:
    """Why a file that raised while being read is refused."""
    if type(error).__name__ in ("LimitReachedError", "DecompressionBombError"):
        return TOO_BIG
    if mode == "form":
        return "is not a readable PDF (it is damaged, or not a PDF at all)"
    return f"is damaged and cannot be read ({_short(error)})"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))

"""Reflections as Markdown files with front matter (docs/ARCHITECTURE.md, "Formats"), read and written.

The front matter is read by a small strict `key: value` parser (no YAML library): one
field per line, `# comments` stripped, values optionally in double or single quotes.
The rest of the file is the reflection's body.
"""

from __future__ import annotations

import json
import re

from sendfolio.domain.identifier_patterns import excerpt
from sendfolio.domain.records import InvalidRecord, Reflection
from sendfolio.io.problems import ImportProblems, Problem, SourcedRecord, read_text

FRONT_MATTER_KEYS = ("date", "hours", "case", "title", "cpd")
"""The fields a reflection's front matter may hold, in the order export writes them."""

FENCE = "---"
"""The line that opens and closes the front matter."""

_COMMENT = re.compile(r"(^|\s)#")
"""Where a `# comment` starts in an unquoted value: a # at the start or after white space."""


class _BadLine(ValueError):
    """A front matter line that is not `key: value`; the message says what is wrong."""

    def __init__(self, message: str, key: str = ""):
        """Keep the message and, when known, the key whose value is bad."""
        super().__init__(message)
        self.key = key


def parse_reflection(file: str, raw: bytes) -> SourcedRecord:
    """One reflection from a Markdown file, or `ImportProblems` naming each bad line."""
    lines = read_text(file, raw).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    closing = _closing_fence(file, lines)
    values, field_lines, problems = _front_matter(file, lines[1:closing])
    field_lines["body"] = closing + 2
    values["body"] = "\n".join(lines[closing + 1 :])
    try:
        record = Reflection.from_dict(values)
    except InvalidRecord as error:
        reported = {problem.column for problem in problems}
        problems += [
            Problem(file, field_lines.get(item.field, 1), item.field, item.problem)
            for item in error.errors
            if item.field not in reported
        ]
    if problems:
        raise ImportProblems(sorted(problems, key=lambda problem: problem.line or 0))
    return SourcedRecord(record, file, 1, field_lines)


def _closing_fence(file: str, lines: list[str]) -> int:
    """The index of the line closing the front matter, or a problem saying it is missing."""
    if lines[0].strip() != FENCE:
        raise ImportProblems(
            [
                Problem(
                    file,
                    1,
                    "front matter",
                    "the file must start with a line '---', then date, hours, title "
                    "(and optionally case, cpd) one per line as `key: value`, then a line '---'",
                )
            ]
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            return index
    raise ImportProblems([Problem(file, 1, "front matter", "has no closing '---' line after its fields")])


def _front_matter(file: str, lines: list[str]) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    """The front matter's values, the line of each, and problems with its lines."""
    values: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            key, value = _key_value(line)
        except _BadLine as bad:
            problems.append(Problem(file, number, bad.key or "front matter", str(bad)))
            continue
        if key not in FRONT_MATTER_KEYS:
            problems.append(
                Problem(file, number, key, f"is not a front matter field: use {', '.join(FRONT_MATTER_KEYS)}")
            )
        elif key in values:
            problems.append(Problem(file, number, key, f"is given twice (also on line {field_lines[key]})"))
        else:
            values[key], field_lines[key] = value, number
    return values, field_lines, problems


def _key_value(line: str) -> tuple[str, str]:
    """Split one front matter line into its key and value, or raise `_BadLine`."""
    if line[:1].isspace():
        raise _BadLine("a line must not be indented: write one `key: value` per line")
    key, colon, rest = line.partition(":")
    if not colon or not key.strip():
        raise _BadLine(f"{excerpt(line)} is not a `key: value` line")
    key = key.strip().lower()
    try:
        return key, _value(rest.strip())
    except _BadLine as bad:
        raise _BadLine(str(bad), key) from None


def _value(text: str) -> str:
    """A value: quoted text as written, otherwise the text before any `# comment`."""
    if text.startswith('"'):
        return _after_quote(*_double_quoted(text))
    if text.startswith("'"):
        return _after_quote(*_single_quoted(text))
    match = _COMMENT.search(text)
    return (text[: match.start()] if match else text).strip()


def _double_quoted(text: str) -> tuple[str, str]:
    """A JSON-style double-quoted value and the text after it."""
    try:
        value, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError:
        raise _BadLine('a value starting with " must end with a closing " (write \\" for a quote inside)') from None
    return value, text[end:]


def _single_quoted(text: str) -> tuple[str, str]:
    """A single-quoted value (two quotes '' stand for one) and the text after it."""
    index, value = 1, []
    while index < len(text):
        if text[index] == "'" and text[index + 1 : index + 2] == "'":
            value.append("'")
            index += 2
        elif text[index] == "'":
            return "".join(value), text[index + 1 :]
        else:
            value.append(text[index])
            index += 1
    raise _BadLine("a value starting with ' must end with a closing ' (write '' for a quote inside)")


def _after_quote(value: str, rest: str) -> str:
    """The quoted value, once checked that only a comment follows it."""
    if rest.strip() and not rest.strip().startswith("#"):
        raise _BadLine(f"unexpected text after the quoted value: {excerpt(rest)}")
    return value


def reflection_markdown(reflection: Reflection) -> str:
    """A reflection as a Markdown file that `parse_reflection` reads back unchanged."""
    values = reflection.to_dict()
    lines = [FENCE]
    for key in FRONT_MATTER_KEYS:
        value = values[key]
        if value not in ("", None):
            lines.append(f"{key}: {_written(value)}")
    lines += [FENCE, ""]
    body = reflection.body
    return "\n".join(lines) + "\n" + (body + "\n" if body else "")


def _written(value: object) -> str:
    """A front matter value as text, quoted when it could be misread."""
    text = str(value) if not isinstance(value, float) else (str(int(value)) if value.is_integer() else repr(value))
    if "#" in text or text[:1] in ("'", '"') or text != text.strip():
        return json.dumps(text, ensure_ascii=False)
    return text


def file_name(reflection: Reflection, taken: set[str]) -> str:
    """A file name for a reflection: its date and a slug of its title, unique among `taken`."""
    slug = re.sub(r"[^a-z0-9]+", "-", reflection.title.lower()).strip("-")[:50].strip("-") or "reflection"
    stem = f"{reflection.date.isoformat()}-{slug}"
    name, count = f"{stem}.md", 2
    while name in taken:
        name, count = f"{stem}-{count}.md", count + 1
    taken.add(name)
    return name

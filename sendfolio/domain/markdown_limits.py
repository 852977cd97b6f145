"""How big and how deep the Markdown of one field may be: tables and nesting a PDF can lay out quickly.

`markdown_problem(text)` says what is too big in words (naming the line and the limit), or
gives None. It reads the text the way GitHub-flavoured Markdown finds tables (a header row,
then a delimiter row of `---` cells, then rows up to a blank line) and nesting (quote markers
`>` and list items, by marker and indentation). Pure: no parser library, no I/O.
"""

from __future__ import annotations

import re

MAX_TABLE_COLUMNS = 50
"""The most columns a table may have."""

MAX_TABLE_ROWS = 500
"""The most rows (below the header) a table may have."""

MAX_NESTING = 12
"""The deepest quotes and lists may be nested (the PDF flattens anything deeper)."""

_CONTAINER = re.compile(r"^(?:[ \t]*>[ \t]?)*")
"""Quote markers at the start of a line."""

_LIST_ITEM = re.compile(r"^([ \t]*)((?:(?:[-+*]|\d{1,9}[.)])[ \t]+)+)")
"""A list item: its indentation and one or more list markers (`- - x` opens two lists)."""

_DELIMITER = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
"""A table's delimiter row: `| --- | :-: |`."""

_BLOCK_START = re.compile(r"^(?:#{1,6}(?:[ \t]|$)|```|~~~|>|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$)")
"""A line that starts another block and so ends a table."""


def _cells(row: str) -> int:
    """How many cells a table row has (escaped pipes do not split)."""
    row = row.strip()
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return len(re.split(r"(?<!\\)\|", row))


def _content(line: str) -> tuple[str, int]:
    """A line without its quote markers, and how many quotes it is in."""
    found = _CONTAINER.match(line)  # the pattern matches every line, if only with no quote marker
    markers = found.group() if found else ""
    return line[len(markers) :], markers.count(">")


def markdown_problem(text: str) -> str | None:
    """What makes this Markdown too big or too deep to print (line and limit), or None."""
    lines = text.split("\n")
    depths: list[int] = []
    index = 0
    while index < len(lines):
        content, quotes = _content(lines[index])
        item = _LIST_ITEM.match(content)
        if not content.strip():
            index += 1
            continue
        if item:
            indent = len(item.group(1).expandtabs(4))
            while depths and depths[-1] >= indent:
                depths.pop()
            depths.extend([indent] * len(item.group(2).split()))
            content = content[item.end() :]
        elif not content[:1].isspace():
            depths = []
        if quotes + len(depths) > MAX_NESTING:
            return (
                f"nests quotes and lists {quotes + len(depths)} deep at line {index + 1}; at most {MAX_NESTING} "
                "levels can be printed"
            )
        following = _content(lines[index + 1])[0] if index + 1 < len(lines) else ""
        if "|" in content and _DELIMITER.match(following.strip()) and _cells(content) == _cells(following):
            problem = _table_problem(lines, index)
            if problem:
                return problem
        index += 1
    return None


def _table_problem(lines: list[str], start: int) -> str | None:
    """What is too big about the table whose header is at `start`, or None."""
    columns = _cells(_content(lines[start + 1])[0])
    if columns > MAX_TABLE_COLUMNS:
        return f"has a table of {columns} columns at line {start + 1}; at most {MAX_TABLE_COLUMNS} columns"
    rows = 0
    for line in lines[start + 2 :]:
        content = _content(line)[0].strip()
        if not content or _BLOCK_START.match(content):
            break
        rows += 1
    if rows > MAX_TABLE_ROWS:
        return f"has a table of {rows:,} rows at line {start + 1}; at most {MAX_TABLE_ROWS} rows (split it up)"
    return None

"""
The text the extractors hand the reader: one paragraph a line, a blank line between.
"""

from __future__ import annotations

from collections.abc import Iterable

# No __all__: nothing here is public (the docs list what an __all__ names).


def paragraphs(lines: Iterable[str]) -> str:
    """
    Lines joined as the reader reads paragraphs: a blank line between two, none inside a table.

    The blank line matters: without it the reader takes a title over
    several lines, and a one-line letter's title would swallow its next line.

    >>> paragraphs(["标题", "| a | b |", "| 1 | 2 |", "正文"])
    '标题\\n\\n| a | b |\\n| 1 | 2 |\\n\\n正文'
    """
    out: list[str] = []
    before = ""
    for line in lines:
        if out:
            out.append("\n" if before.startswith("|") and line.startswith("|") else "\n\n")
        out.append(line)
        before = line
    return "".join(out)

"""
Letters on web pages: the letter's own block, without the portal's furniture (extra ``html``: lxml).

Measured on the pages of ``tests/fixtures/letters/make_files.py`` (the 19
letters in a portal's furniture): trafilatura 2.3 (``include_tables``,
``favor_recall``) gave 17 of them the `Reply` of their text — it dropped a
title it took for page metadata, and made a one-paragraph letter unreadable
— at about 20 ms a page, with a dozen dependencies; these rules on lxml
read all 19 to the same `Reply`, at about 2 ms a page with the reading.
The rules, in order:

1. Drop what is never text: scripts, styles, forms, and the elements HTML
   names as furniture (``nav``, ``header``, ``footer``, ``aside``).
2. Drop the elements whose ``class`` or ``id`` names furniture:
   breadcrumbs and 当前位置, share and print widgets, related links,
   footers, page-info bars.
3. Drop the 信息公开 metadata tables: a table two of whose own cells are
   labels such as 索引号, 发布机构, 发文日期, 主题分类.  Neither 2 nor 3
   drops an element that holds the letter's opening (收悉, 答复如下): old
   portals lay pages out in one table, and a class such as ``print-area``
   may wrap the letter itself.  An article's own ``<header>`` stays.
4. The letter's block is the element holding most paragraph text (each
   ``<p>``, table and bare text ``<div>`` counts its length to its parent,
   and half of it to its grandparent, as Readability does).
5. Its text: one line a block element or ``<br>``, a table's rows as
   ``| a | b |``; the page's headline (``<h1>``) first when it stands
   outside the block and the block does not repeat it.
"""

from __future__ import annotations

import re
from typing import Any, Final

from gxai_policy.text.files._extra import require
from gxai_policy.text.files._join import paragraphs
from gxai_policy.text.files._rules import DAMAGED, file_error

# No __all__: nothing here is public (the docs list what an __all__ names).

_NEVER_TEXT: Final = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "header",
    "footer",
    "aside",
)

#: Words of a class or id that name furniture (split on - and _ and blanks).
_FURNITURE_WORDS: Final = frozenset(
    {
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "position",
        "location",
        "dqwz",
        "share",
        "bshare",
        "print",
        "related",
        "xgwz",
        "xglj",
        "footer",
        "foot",
        "copyright",
        "nav",
        "navbar",
        "menu",
        "toolbar",
        "pageinfo",
        "sidebar",
    }
)

#: The labels of a 信息公开 metadata table (without their colon and blanks).
_META_LABELS: Final = frozenset(
    {
        "索引号",
        "发布机构",
        "发文机关",
        "发文日期",
        "发布日期",
        "成文日期",
        "主题分类",
        "主题词",
        "分类",
        "有效性",
        "文号",
        "发文字号",
        "标题",
        "信息来源",
        "公开方式",
    }
)
_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANKS: Final = re.compile(r"[ \t\r\n\f\v\u3000\xa0：:]+")
#: Blanks a browser folds into one space (not &nbsp;, which it keeps as a space each).
_SPACES: Final = re.compile(r"[ \t\r\n\f\v]+")
_BLOCKS: Final = frozenset(
    {
        *("p", "div", "section", "article", "main", "center", "address", "blockquote", "pre"),
        *("li", "ul", "ol", "dl", "dt", "dd", "tr", "figure", "figcaption"),
        *("h1", "h2", "h3", "h4", "h5", "h6"),
    }
)


def html_text(data: bytes) -> str:
    """
    The letter's text on a web page: its block, one paragraph a line, tables as rows.
    """
    require("lxml", extra="html", purpose="reading web pages")
    from lxml import etree
    from lxml import html as lxml_html

    # lxml refuses text with control characters (a stray \x01 in a page): a browser ignores them.
    text = _CONTROLS.sub("", _decoded(data))
    if not text.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise file_error(DAMAGED, format="HTML", reason=str(exc) or "no document") from None
    _drop_furniture(root)
    block = _letter_block(root)
    lines = _lines(block)
    headline = _headline(root, block)
    if headline and headline not in "\n".join(lines[:3]).split("\n"):
        lines.insert(0, headline)
    return paragraphs(lines)


def _decoded(data: bytes) -> str:
    """
    The page's text: a BOM's or UTF-8, else the charset its ``<meta>`` names, else GB18030.
    """
    from gxai_policy.text.files._txt import decode

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    if found is not None:
        try:
            return data.decode(found.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode(data)


def _drop(element: Any) -> None:
    parent = element.getparent()
    if parent is not None:
        # drop_tree keeps the element's tail (the text after it), which belongs to the parent.
        element.drop_tree()


def _drop_furniture(root: Any) -> None:
    for element in list(root.iter()):
        tag = element.tag
        if not isinstance(tag, str):  # comments and processing instructions
            _drop(element)
            continue
        tag = tag.lower()
        if tag == "header" and any(a.tag in ("article", "main") for a in element.iterancestors()):
            # An article's own <header> holds its headline, not the site's.
            continue
        if tag in _NEVER_TEXT:
            _drop(element)
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        furniture = names.strip() and _FURNITURE_WORDS.intersection(re.split(r"[\s_-]+", names))
        if (furniture or (tag == "table" and _is_metadata(element))) and not _holds_letter(element):
            _drop(element)


def _holds_letter(element: Any) -> bool:
    """
    Whether *element* holds a letter's opening: a class such as ``print-area`` is no furniture.
    """
    text = element.text_content()
    return "收悉" in text or "答复如下" in text


def _is_metadata(table: Any) -> bool:
    """
    Whether two of the table's own cells (not a nested table's) are 信息公开 labels.
    """
    labels = 0
    cells = table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")
    for cell in cells:
        label = _BLANKS.sub("", cell.text_content())
        if label in _META_LABELS:
            labels += 1
            if labels >= 2:
                return True
    return False


def _letter_block(root: Any) -> Any:
    scores: dict[Any, float] = {}
    for element in root.iter("p", "div", "table", "td"):
        if element.tag == "div" and any(
            isinstance(child.tag, str) and child.tag in _BLOCKS for child in element
        ):
            continue
        if element.tag in ("td", "table") and (
            element.find(".//p") is not None or element.find(".//table") is not None
        ):
            # A layout table (or its cell) holds paragraphs: they count, not it.
            continue
        size = len(_SPACES.sub("", element.text_content()))
        parent = element.getparent()
        if not size or parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + size
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + size / 2
    if not scores:
        body = root.find("body")
        return root if body is None else body
    return max(scores, key=scores.__getitem__)


def _headline(root: Any, block: Any) -> str | None:
    for h1 in root.iter("h1"):
        if block in h1.iterancestors() or h1 in block.iterancestors() or h1 is block:
            return None
        if any(a is block for a in h1.iterdescendants()):
            return None
        text = _SPACES.sub(" ", h1.text_content()).strip()
        return text or None
    return None


def _lines(block: Any) -> list[str]:  # noqa: C901 - one walk, its cases side by side
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        # A <br> breaks a line inside the paragraph; the reader sees it as one.
        parts = (
            part if part == "\n" else _SPACES.sub(" ", part).replace("\xa0", " ")
            for part in current
        )
        line = "\n".join(p.strip() for p in "".join(parts).split("\n") if p.strip())
        if line:
            out.append(line)
        current.clear()

    def walk(element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "table":
            flush()
            out.extend(_rows(element))
            return
        if tag == "br":
            current.append("\n")
        elif tag in _BLOCKS:
            flush()
        if element.text and tag != "br":
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if tag in _BLOCKS:
            flush()

    walk(block)
    flush()
    return out


def _rows(table: Any) -> list[str]:
    rows: list[str] = []
    for tr in table.iter("tr"):
        cells = [
            _SPACES.sub(" ", cell.text_content()).strip().replace("|", "｜")
            for cell in tr
            if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")
        ]
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return rows

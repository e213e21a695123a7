"""
Provenance: where a record came from, a document and, for text, a span of it.

Any record may carry a `Source` (its ``source`` field, wire key ``source``),
and a `~gxai_policy.Dataset` lists the documents it was made from
(``sources``).  `gxai_policy.parse_reply` fills a reply's source from the one
it is given, and gives each cited document (`~gxai_policy.Reference`) the
same source narrowed to the span it was read from.

>>> letter = Source.of("https://kjt.gxzf.gov.cn/reply.html", retrieved_on=pendulum.Date(2021, 5, 6))
>>> letter.at(313, 337).cite()
'https://kjt.gxzf.gov.cn/reply.html, retrieved 2021-05-06, characters 313–337'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, Final

import attrs
import pendulum
from attrs import field, frozen

from gxai_policy.errors import Violation
from gxai_policy.records._base import EMPTY_EXTRAS, Extras, Validated, invariant
from gxai_policy.records._convert import NOT_BLANK
from gxai_policy.records._convert import strip_optional as _strip_optional
from gxai_policy.rules import Trigger, define
from gxai_policy.values._labels import label
from gxai_policy.values.identifiers import DocumentNumber

__all__ = ["Source"]

_SOURCE: Final = "gxai_policy provenance (docs/versions.md)"

EMPTY = define(
    "source.empty",
    applies_to="Source",
    summary="A source names its document: a title, a 发文字号, a URL or a file.",
    summary_zh="来源须指明文件：标题、发文字号、网址或文件名至少其一。",
    source=_SOURCE,
    example={"published_on": "2021-04-27"},
    trigger=Trigger.LOAD,
    message="the source names no document (a title, a 发文字号, a URL or a file)",
    message_zh="来源未指明文件（标题、发文字号、网址或文件名）",
)
TEXT_EMPTY = define(
    "source.text_empty",
    applies_to="Source",
    summary="A source's title, URL and file name, when given, are not blank.",
    summary_zh="来源的标题、网址和文件名如有，不得为空白。",
    source=_SOURCE,
    example={"title": "　", "url": "https://kjt.gxzf.gov.cn/reply.html"},
    trigger=Trigger.LOAD,
    message="the source's {name} is blank",
    message_zh="来源的{name_zh}为空白",
)
_NAMES_ZH: Final = {"title": "标题", "url": "网址", "file": "文件名"}
SPAN_RANGE = define(
    "source.span_range",
    applies_to="Source",
    summary="A source's span has both ends, from a non-negative start to an end not before it.",
    summary_zh="来源的文本位置须起止俱全，起点不为负且不晚于止点。",
    source=_SOURCE,
    example={"url": "https://kjt.gxzf.gov.cn/reply.html", "start": 40},
    trigger=Trigger.LOAD,
    message="span {start}..{end} is not a range of offsets",
    message_zh="文本位置 {start}..{end} 不是有效的范围",
)


def _blank(value: str | None) -> bool:
    return value is not None and not value


@frozen(kw_only=True)
class Source(Validated):
    """
    The document a record was read from, and for text the span of it (来源).

    Attributes:
        title: The document's title, as written.

        doc_number: Its document number (发文字号).

        url: Where it was read on the web.

        file: The name of the file it was read from, without its directory
            (a local path means nothing to others and may name a person).

        published_on: The day the document was published (发布日期) or signed.

        retrieved_on: The day it was retrieved.

        start: For text, the 0-based offset of the first character read.

        end: For text, the offset after the last character read.

        extras: Payload keys the record does not know, kept for the round trip.

    .. versionadded:: 0.3.0

    >>> Source(title="关于提案答复的函", start=0, end=9).title
    '关于提案答复的函'
    >>> Source(published_on=pendulum.Date(2021, 4, 27))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error source.empty at /: ...
    """

    title: str | None = field(
        default=None, converter=_strip_optional, metadata=label("文件标题", NOT_BLANK)
    )
    doc_number: DocumentNumber | None = field(default=None, metadata=label("发文字号"))
    url: str | None = field(
        default=None, converter=_strip_optional, metadata=label("网址", NOT_BLANK)
    )
    file: str | None = field(
        default=None, converter=_strip_optional, metadata=label("文件名", NOT_BLANK)
    )
    published_on: pendulum.Date | None = field(default=None, metadata=label("发布日期"))
    retrieved_on: pendulum.Date | None = field(default=None, metadata=label("获取日期"))
    start: int | None = field(default=None, metadata=label("起"))
    end: int | None = field(default=None, metadata=label("止"))
    extras: Extras = field(default=EMPTY_EXTRAS, repr=False)

    @invariant
    def _named(self) -> Iterator[Violation]:
        if (
            self.title is None
            and self.doc_number is None
            and self.url is None
            and self.file is None
        ):
            yield EMPTY.violation("")

    @invariant
    def _texts(self) -> Iterator[Violation]:
        for name in ("title", "url", "file"):
            if _blank(getattr(self, name)):
                yield TEXT_EMPTY.violation("/" + name, name=name, name_zh=_NAMES_ZH[name])

    @invariant
    def _span(self) -> Iterator[Violation]:
        start, end = self.start, self.end
        params = {"start": start, "end": end}
        if start is None and end is None:
            return
        if start is None or start < 0:
            yield SPAN_RANGE.violation("/start", **params)
        if end is None or end < 0 or (start is not None and end < start):
            yield SPAN_RANGE.violation("/end", **params)

    @classmethod
    def of(
        cls,
        location: str | os.PathLike[str],
        *,
        retrieved_on: pendulum.Date | None = None,
        published_on: pendulum.Date | None = None,
        title: str | None = None,
        doc_number: DocumentNumber | None = None,
    ) -> Source:
        """
        The source of a document read from *location*: a URL, or a file's path.

        A path keeps only the file's name (see `file`).

        Raises:
            ValidationError: For a blank *location* (``source.empty``).

        >>> Source.of("/home/someone/letters/2021-reply-20210143.txt").file
        '2021-reply-20210143.txt'
        >>> Source.of("https://kjt.gxzf.gov.cn/a.html", title="关于提案答复的函").url
        'https://kjt.gxzf.gov.cn/a.html'
        >>> Source.of(" ")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error source.text_empty at /file: ...
        """
        where: dict[str, Any] = {}
        text = os.fspath(location)
        if isinstance(location, str) and "://" in text:
            where["url"] = text
        else:
            where["file"] = PurePath(text).name if text.strip() else text
        return cls(
            title=title,
            doc_number=doc_number,
            published_on=published_on,
            retrieved_on=retrieved_on,
            **where,
        )

    def at(self, start: int, end: int) -> Source:
        """
        This source narrowed to the span *start* … *end* of its text.

        >>> Source(file="letter.txt").at(5, 9).end
        9
        >>> Source(file="letter.txt").at(9, 5)
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error source.span_range at /end: span 9..5 is not a range of offsets
        """  # noqa: E501
        return attrs.evolve(self, start=start, end=end)

    @property
    def document(self) -> Source:
        """
        This source without its span: the whole document.

        >>> Source(file="letter.txt", start=5, end=9).document == Source(file="letter.txt")
        True
        """
        if self.start is None and self.end is None:
            return self
        return attrs.evolve(self, start=None, end=None)

    def cite(self) -> str:
        """
        A short human citation: title, 发文字号, URL or file, dates and span.

        >>> Source(title="关于提案答复的函", file="a.txt", start=0, end=4).cite()
        '《关于提案答复的函》, a.txt, characters 0–4'
        """
        parts = [] if self.title is None else [f"《{self.title}》"]
        parts += [str(x) for x in (self.doc_number, self.url, self.file) if x is not None]
        if self.published_on is not None:
            parts.append(f"published {self.published_on}")
        if self.retrieved_on is not None:
            parts.append(f"retrieved {self.retrieved_on}")
        if self.start is not None and self.end is not None:
            parts.append(f"characters {self.start}–{self.end}")
        return ", ".join(parts)

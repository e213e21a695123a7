"""
Reading reply letters (答复的函) into `Reply` records: `parse_reply`.

A reply letter is a 函 under GB/T 9704-2012: 发文字号, 标题, 主送机关, 正文
(an opening ``…收悉，现答复如下：``, headings ``一、`` › ``（一）`` › ``1.`` ›
``（1）``), 附件说明, 发文机关署名, 成文日期, 附注, 联系人及电话, 抄送.  Copies
in the wild drop most of these, fold full-width punctuation to ASCII (NFKC),
sit inside web pages, come in traditional characters, or stop mid-sentence.
The reader takes them all; it is one pass over the lines plus bounded
patterns, so its time is linear in the input.

The package's modules are the reading's stages: ``_lines`` (the lines that
hold something, with offsets and folded forms) and ``_patterns``; ``_read``
finds the letter and runs the stages that fill one ``_Draft`` of values with
their spans — ``_head``, ``_foot``, ``_body`` and ``_cases`` (the proposal
answered, the documents cited), sharing ``_state``; ``_build`` assembles the
`Reply` without reading anything again; ``_rules`` holds the codes.  Folding
is `gxai_policy.values._text`'s.

How it reads:

- Lines are kept with their offsets into the input, so every element found
  keeps its source span (`Reply.spans`); blank lines are not kept at all.
  Detection runs on a folded copy of each line (NFKC width folding, blanks
  and phonetic glosses such as ``會(huì)`` removed, and a small table of
  traditional characters mapped to simplified ones); values are taken from
  the input itself and stored in their normal full-width form (``(一)`` is
  stored ``（一）``, ``:`` is ``：``; digits and ``1.`` stay ASCII), so a copy
  and its NFKC-folded twin read to equal records.
- Web-page furniture is dropped: breadcrumbs and page metadata (labelled
  rows, pipe-separated form rows, bylines) before the letter — read for a
  发文字号 and a 发布机构 on the way — and everything from the first 分享到,
  打印, 免责声明, 版权所有, copyright or ICP line after it; markup after the
  letter (``![](…)``, a lone ``|``) is passed over.
- The letter is anchored on its opening (a line with 收悉 or 答复如下) and
  the recipient line before it, else on a recipient line (``王明代表:``),
  else on a title that cites a proposal.  Text with none of the three is not
  a reply letter: `ParseError` ``letter.not_a_letter``.  A letter must name
  its recipient (``letter.no_recipient``) and have a body (``letter.no_body``).
  A greeting (``您好！``) after the recipient and the honorific 尊敬的 belong
  to the salutation.
- Above the recipient: the category (``B``, ``A类``), the 发文字号 (labelled
  or not, with 签发人 on its line or not), the letterhead and the title
  (over several lines, the last line starting with 关于 beginning it when a
  page repeats its headline; at most 160 characters, so that the writer's
  one line of it reads back).  After the body, read from the end up: 抄送,
  联系人及电话, 附注, 成文日期 (a footnote mark after it too), 署名, a
  leader's signature, 附件说明 and a closing (``特此函复。``, ``感谢…支持``,
  ``以上意见，供参考。``); unknown short lines after the date are passed over.
- The sender is the signature, else the letterhead, else the organ a
  headline ``某机关关于…的答复`` names, else a page's 发布机构; several organs
  signing are joined with 、.
- The body: lines starting with ``一、``, ``（一）``/``㈠``, ``1.``,
  ``（1）``/``⑴`` open sections of levels 1–4 (a heading runs to the first
  full stop, the rest of the line is a paragraph); every other line is a
  paragraph, and ``一是…二是…`` stays inside its paragraph.  Hard-wrapped
  copies (PDF text, 28 characters a line) are joined back into paragraphs,
  across page numbers; table rows (``|`` or tab-separated) stay rows.  A
  bare ``)`` opening a line is a （N） that lost its number, and ``二、``
  with no ``一、`` restores the heading that lost its marker.  《titles》,
  their （发文字号） and bare 发文字号 in the body become `Reference` values;
  the proposal's own title does not.
- The proposal answered (``第20210143号提案``, ``第57号建议``,
  ``提案（第0312号）``, ``2009年第12号提案``, an 编号 field) and its session
  (``自治区政协十二届四次会议``, ``市七届人大三次会议``,
  ``政协百色市五届二次会议``) are read from the title and the opening; the
  parts not stated stay ``None``.  The kind is the letter's word (提案,
  建议, 议案), else the addressee's (…委员, …代表), which `check` flags.

>>> reply = parse_reply("王明代表：\\n您的第57号建议收悉。\\n一、总体情况\\n已落实。")
>>> reply.recipient
'王明代表'
>>> parse_reply("今天天气很好。")
Traceback (most recent call last):
  ...
gxai_policy.errors.ParseError: line 1, column 1: not a reply letter: ...
"""

from __future__ import annotations

import attrs

from gxai_policy.records.reply import Reply
from gxai_policy.records.source import Source
from gxai_policy.text.reader._build import _Builder
from gxai_policy.text.reader._cases import _proposal_title_in
from gxai_policy.text.reader._lines import _Joined, _Line
from gxai_policy.text.reader._read import _Reader
from gxai_policy.text.reader._rules import NOT_A_LETTER, UNENCODABLE
from gxai_policy.values._text import canonical, fold_detect, fold_wide

__all__ = ["canonical", "parse_reply", "proposal_title"]


def parse_reply(text: str, *, strict: bool = False, source: Source | None = None) -> Reply:
    """
    Read a reply letter (答复的函) as it appears in the wild into a `Reply`.

    Lenient by default: an element the letter lacks is ``None`` (or empty),
    and `gxai_policy.check` reports the GB/T 9704 ones as warnings.  Every
    element found keeps its source span in ``reply.spans`` — a 成文日期 that
    is no calendar date too: it is ``None``, and `gxai_policy.check` says
    ``reply.unreadable_signed_on`` rather than that it is missing.

    Args:
        text: The letter, as one string; web-page furniture around it is ignored.

        strict: Also raise when an element GB/T 9704 requires of a 函 is
            missing (发文字号, 标题, 发文机关署名, 成文日期), at the place it
            should stand, with that element's ``reply.missing_*`` code; and
            when the 成文日期 is no calendar date (its ``date.*`` code).

        source: The document *text* was read from (`~gxai_policy.Source`,
            say ``Source.of(path, retrieved_on=...)``): the reply's
            ``source``; each cited document (``reply.references``) gets it
            too, narrowed to the span of *text* it was read from.

    Returns:
        The reply.  Paragraphs between the opening and the first heading
        follow the opening in ``reply.opening``, one a line.

    Raises:
        ParseError: ``letter.not_a_letter`` for text that is no reply letter,
            ``letter.unencodable`` for text with a lone surrogate (which
            ``surrogateescape`` decoding leaves and no UTF-8 file can hold),
            ``letter.no_recipient`` and ``letter.no_body`` for a letter
            without its addressee or its body, and in strict mode the codes
            above.  Never any other exception, whatever the input.

    >>> letter = "李红委员：\\n您提出的第0312号建议收悉。\\n2021年4月27日"
    >>> parse_reply(letter).signed_on
    Date(2021, 4, 27)
    >>> parse_reply(letter, strict=True)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ParseError: line 1, column 1: the letter has no document number (发文字号)
    """
    if not isinstance(text, str):
        raise NOT_A_LETTER.parse_error(
            "", 0, reason=f"{type(text).__name__} is not text", reason_zh="输入不是文字"
        )
    _refuse_unencodable(text)
    if source is not None and not isinstance(source, Source):
        raise TypeError(
            f"parse_reply(text, source=...) takes a Source, not {type(source).__name__}"
        )
    reader = _Reader(text)
    reader.read()
    reply = _Builder(reader).build(strict=strict)
    return reply if source is None else _sourced(reply, source.document)


def _sourced(reply: Reply, source: Source) -> Reply:
    """
    *reply* with its source, and each reference's at the span it was read from.
    """
    spans = {span.element: span for span in reply.spans}
    references = []
    for i, reference in enumerate(reply.references):
        span = spans.get(f"/references/{i}")
        where = source if span is None else source.at(span.start, span.end)
        references.append(attrs.evolve(reference, source=where))
    return attrs.evolve(reply, source=source, references=tuple(references))


def _refuse_unencodable(text: str) -> None:
    """
    Refuse text with a lone surrogate: no `Reply` of it could be written as JSON.
    """
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = f"U+{ord(text[exc.start]):04X}"
        raise UNENCODABLE.parse_error(text, exc.start, char=char) from None


def proposal_title(reply: Reply) -> str | None:
    """
    The title of the proposal a reply answers, as its opening or title quotes it.

    The record keeps the proposal's key (`ProposalRef`); its title (案由) is
    read from the 《…》 the letter quotes, or from ``提出的关于…的提案``.

    >>> reply = parse_reply("王明代表：\\n您提出的《关于发展人工智能的建议》收悉。")
    >>> proposal_title(reply)
    '关于发展人工智能的建议'
    >>> proposal_title(parse_reply("王明代表：\\n来信收悉。")) is None
    True
    """
    for source in (reply.opening, reply.title):
        if source is None:
            continue
        first = source.split("\n", 1)[0]
        line = _Line(0, 0, first, fold_wide(first), fold_detect(first))
        found = _proposal_title_in(_Joined([(line, 0)]))
        if found is not None:
            return found.value
    return None

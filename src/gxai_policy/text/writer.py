"""
Writing reply letters: `render_reply` lays a `Reply` out as GB/T 9704 plain text.

The elements come in the standard's order — 发文字号 (with the reply category
above it), 标题, 主送机关, 正文 (opening, numbered headings, closing), 附件说明,
发文机关署名, 成文日期, 附注, 联系人及电话, 抄送 — one block each, separated
by a blank line, with full-width punctuation.  `gxai_policy.parse_reply`
reads the text back to an equal reply, with these limits of plain text:

- spans are not written (they describe where a text was read);
- references and the proposal are not elements of a 函: they are read back
  from the title and the body, so only those the text cites come back; a
  proposal number neither states is written as a form field above the
  addressee (``提案编号：13020057``), as proposal forms print it;
- a value is read back in its normal full-width form (`canonical`): text
  that NFKC or the full-width restoration changes does not come back as is;
- a line of the body is read by its form, so a paragraph that looks like a
  heading (``1.…``), a footer element (``抄送：…``, a date alone) or a
  closing (``感谢…支持``) at the end of the body reads as that element, a
  line break inside a paragraph or heading parts it, and a heading with a
  full stop before its end is read as a heading and a paragraph;
- the opening is read as the text between the recipient and the first
  heading, so paragraphs there join it, one a line;
- a closing is read back as one only in a closing's words (``特此函复。``,
  ``感谢…关心和支持``, ``欢迎…提出…意见``), else as a last paragraph;
- the sender is read back only as an authority's name (ending in 厅, 局,
  委, 政府 …), a title only if it is not such a name, a recipient of at
  least two characters, a 附注 with 此件/本件 or 公开, a contact name without
  digits or 电, and cc units without 、，；.

>>> from gxai_policy.records.reply import Reply, Section
>>> print(render_reply(Reply(recipient="王明代表", opening="您提出的建议收悉，现答复如下：",
...     sections=(Section("一", "工作情况", ("已完成。",)),))), end="")
王明代表：
<BLANKLINE>
您提出的建议收悉，现答复如下：
<BLANKLINE>
一、工作情况
<BLANKLINE>
已完成。
"""

from __future__ import annotations

from collections.abc import Iterator

from gxai_policy.records.reply import Contact, Reply, Section
from gxai_policy.values.dates import format_date_zh

__all__ = ["render_reply"]

_ZH_NUMERALS = frozenset("一二三四五六七八九十百零〇两")


def _marker(number: str) -> str:
    # The record keeps 一 for 一、; the other markers carry their own punctuation.
    if number and all(ch in _ZH_NUMERALS for ch in number):
        return number + "、"
    return number


def _sections(sections: tuple[Section, ...]) -> Iterator[str]:
    for section in sections:
        yield _marker(section.number) + (section.heading or "")
        yield from section.paragraphs
        yield from _sections(section.subsections)


def _contact(contact: Contact) -> str:
    parts = []
    if contact.name is not None:
        parts.append(f"联系人：{contact.name}")
    if contact.phone is not None:
        parts.append(f"联系电话：{contact.phone}")
    return "，".join(parts)


def _attachments(names: tuple[str, ...]) -> Iterator[str]:
    if len(names) == 1:
        yield f"附件：{names[0]}"
        return
    for i, name in enumerate(names, 1):
        yield ("附件：" if i == 1 else "") + f"{i}.{name}"


def render_reply(reply: Reply) -> str:
    """
    The reply as a GB/T 9704 函 in plain text, elements in the standard's order.

    Args:
        reply: The reply to write.

    Returns:
        The letter, blocks separated by blank lines, ending with a newline.

    >>> from gxai_policy.records.reply import Reply
    >>> import pendulum
    >>> text = render_reply(Reply(recipient="李红委员", opening="您的提案收悉。",
    ...                           sender="自治区科学技术厅", signed_on=pendulum.Date(2021, 4, 27)))
    >>> text.splitlines()[-3:]
    ['自治区科学技术厅', '', '2021年4月27日']
    """
    return "\n\n".join([*_head(reply), *_body(reply), *_foot(reply)]) + "\n"


def _head(reply: Reply) -> Iterator[str]:
    # The category is printed at the top, above the 发文字号.
    if reply.category is not None:
        yield reply.category.value
    if reply.doc_number is not None:
        yield str(reply.doc_number)
    if reply.title is not None:
        yield reply.title
    number = _unstated_number(reply)
    if number is not None:
        yield number
    yield reply.recipient + "："


def _unstated_number(reply: Reply) -> str | None:
    """
    ``提案编号：13020057``, for a number that neither the title nor the opening states.
    """
    ref = reply.proposal
    if ref is None or ref.number is None:
        return None
    stated = (reply.title or "") + (reply.opening or "").split("\n", 1)[0]
    if ref.number.text in stated:
        return None
    return f"{ref.kind.label_zh}编号：{ref.number.text}"


def _body(reply: Reply) -> Iterator[str]:
    if reply.opening is not None:
        yield from reply.opening.split("\n")
    yield from _sections(reply.sections)
    if reply.closing is not None:
        yield from reply.closing.split("\n")
    yield from _attachments(reply.attachments)


def _foot(reply: Reply) -> Iterator[str]:
    if reply.sender is not None:
        # A joint letter's organs (甲局、乙局) sign one a line, as the reader joins them.
        yield "\n".join(reply.sender.split("、"))
    if reply.signed_on is not None:
        yield format_date_zh(reply.signed_on)
    if reply.note is not None:
        yield f"（{reply.note}）"
    if reply.contact is not None:
        yield _contact(reply.contact)
    if reply.cc:
        yield "抄送：" + "，".join(reply.cc) + "。"

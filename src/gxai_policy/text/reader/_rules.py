"""
The rules the reader raises: a text that is no letter, or lacks its addressee or body.
"""

from __future__ import annotations

from typing import Final

from gxai_policy.rules import Trigger, define_family

# No __all__: nothing here is public (the docs list what an __all__ names).


_GB9704 = "GB/T 9704-2012 党政机关公文格式 (函, 信函格式)"
_rule = define_family("letter", applies_to="Reply", source=_GB9704, trigger=Trigger.READ)

NOT_A_LETTER: Final = _rule(
    "not_a_letter",
    (
        "The text is not a reply letter: it has no recipient line (主送机关), no opening"
        " (…收悉/答复如下) and no reference to a proposal or suggestion."
    ),
    "文字不是答复函：既无主送机关行，也无“……收悉”“答复如下”开头语，也未提及提案或建议。",
    "今天天气很好。",
    message="not a reply letter: {reason}",
    message_zh="不是答复函：{reason_zh}",
)

NO_RECIPIENT: Final = _rule(
    "no_recipient",
    "The letter has no recipient line (主送机关) before its opening.",
    "答复函开头语之前没有主送机关。",
    "贵委提出的提案收悉，现答复如下：\n一、工作情况\n已完成。",
    message="no recipient line (主送机关) comes before the opening",
    message_zh="开头语之前没有主送机关",
)
NO_BODY: Final = _rule(
    "no_body",
    "The letter has no body (正文) after its recipient line.",
    "答复函主送机关之后没有正文。",
    "农工民主党广西区委：\n\n（此件公开发布）",
    message="the letter has nothing after its recipient line: no body (正文)",
    message_zh="主送机关之后没有正文",
)
UNENCODABLE = _rule(
    "unencodable",
    (
        "The text holds a character no UTF-8 file can hold (a lone surrogate, as"
        " decoding with surrogateescape leaves for bytes that were no UTF-8)."
    ),
    "文字含有无法以UTF-8保存的字符（孤立代理项，如以surrogateescape解码非UTF-8字节所留）。",
    "王明代表：\n您的第57号建议收悉。\udcff",
    message="character {char} cannot be written as UTF-8: decode the file with its own encoding",
)

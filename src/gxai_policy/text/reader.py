"""
Reading reply letters (答复的函) into `Reply` records: `parse_reply`.

A reply letter is a 函 under GB/T 9704-2012: 发文字号, 标题, 主送机关, 正文
(an opening ``…收悉，现答复如下：``, headings ``一、`` › ``（一）`` › ``1.`` ›
``（1）``), 附件说明, 发文机关署名, 成文日期, 附注, 联系人及电话, 抄送.  Copies
in the wild drop most of these, fold full-width punctuation to ASCII (NFKC),
sit inside web pages, come in traditional characters, or stop mid-sentence.
The reader takes them all; it is one pass over the lines plus bounded
patterns, so its time is linear in the input.

How it reads:

- Lines are kept with their offsets into the input, so every element found
  keeps its source span (`Reply.spans`).  Detection runs on a folded copy of
  each line (NFKC width folding, blanks removed, and a small table of
  traditional characters mapped to simplified ones); values are taken from
  the input itself and stored in their normal full-width form (``(一)`` is
  stored ``（一）``, ``:`` is ``：``; digits and ``1.`` stay ASCII), so a copy
  and its NFKC-folded twin read to equal records.
- Web-page furniture is dropped: breadcrumbs and 索引号/发布机构/发布日期
  lines before the letter, and everything from the first 分享到, 打印,
  免责声明, 版权所有, copyright or ICP line after it.
- The letter is anchored on its opening (a line with 收悉 or 答复如下) and
  the recipient line before it, else on a recipient line (``王明代表:``),
  else on a title that cites a proposal.  Text with none of the three is not
  a reply letter: `ParseError` ``letter.not_a_letter``.  A letter must name
  its recipient (``letter.no_recipient``) and have a body (``letter.no_body``).
- Above the recipient: the category (``B``, ``A类``), the 发文字号 and the
  title (over several lines, the last line starting with 关于 beginning it
  when a page repeats its headline).  After the body, read from the end up:
  抄送, 联系人及电话, 附注, 成文日期, 署名, 附件说明 and a closing
  (``特此函复。``, ``感谢…支持``); unknown short lines after the date are
  passed over.
- The body: lines starting with ``一、``, ``（一）``/``㈠``, ``1.``,
  ``（1）``/``⑴`` open sections of levels 1–4 (a heading runs to the first
  full stop, the rest of the line is a paragraph); every other line is a
  paragraph, and ``一是…二是…`` stays inside its paragraph.  Hard-wrapped
  copies (PDF text, 28 characters a line) are joined back into paragraphs,
  across page numbers.  《titles》, their （发文字号） and bare 发文字号 in the
  body become `Reference` values; the proposal's own title does not.
- The proposal answered (``第20210143号提案``, ``第57号建议``,
  ``提案（第0312号）``) and its session (``自治区政协十二届四次会议``,
  ``市七届人大三次会议``, ``政协百色市五届二次会议``) are read from the title
  and the opening.

>>> reply = parse_reply("王明代表：\\n您的第57号建议收悉。\\n一、总体情况\\n已落实。")
>>> reply.recipient
'王明代表'
>>> parse_reply("今天天气很好。")
Traceback (most recent call last):
  ...
gxai_policy.errors.ParseError: line 1, column 1: not a reply letter: ...
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

import attrs

from gxai_policy.errors import ParseError, ValidationError
from gxai_policy.records.proposal import ProposalRef
from gxai_policy.records.reply import (
    MISSING_DOC_NUMBER,
    MISSING_SENDER,
    MISSING_SIGNED_ON,
    MISSING_TITLE,
    Contact,
    Reference,
    Reply,
    Section,
    Span,
)
from gxai_policy.rules import Trigger, define_family
from gxai_policy.values.codelists import Body, ProposalKind, ReplyCategory
from gxai_policy.values.dates import parse_date
from gxai_policy.values.identifiers import DocumentNumber, ProposalNumber
from gxai_policy.values.numerals import lazy_pattern
from gxai_policy.values.session import Session

__all__ = ["canonical", "parse_reply", "proposal_title"]

# --------------------------------------------------------------------------- rules

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
)
NO_BODY: Final = _rule(
    "no_body",
    "The letter has no body (正文) after its recipient line.",
    "答复函主送机关之后没有正文。",
    "农工民主党广西区委：\n\n（此件公开发布）",
)


# --------------------------------------------------------------------------- normalisation

_INVISIBLE: Final = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_GAP: Final = re.compile(rf"[\s{_INVISIBLE}]+")

# Traditional characters of the words the reader looks for (答覆, 關於, 會議,
# 第…號, 提案, 建議, 屆, 聯繫人 …): detection only, values keep what the letter wrote.
_TRADITIONAL_PAIRS: Final = (
    "覆复 復复 關关 於于 會会 議议 號号 屆届 區区 協协 員员 廳厅 來来 電电 話话 聯联 繫系 係系 "
    "發发 佈布 開开 類类 題题 現现 將将 辦办 處处 廣广 務务 黨党 團团 體体 國国 計计 劃划 與与 "
    "對对 為为 經经 濟济 點点 數数 據据 資资 實实 際际 級级 書书 長长 門门 師师 學学 機机 構构 "
    "業业 產产 術术 統统 圖图 達达 萬万 億亿 屬属 參参 設设 責责 編编 覽览 條条 權权 網网 標标 "
    "識识 碼码 備备 貴贵 謝谢 啟启 聲声 單单 縣县 鄉乡 鎮镇 記记 錄录 檔档 請请 見见 並并 後后 "
    "過过 們们 歡欢 續续 寶宝 擬拟 報报 傳传 東东 認认 證证 該该 給给 總总 結结 寫写 時时 間间 "
    "問问 應应 當当 從从 個个 項项 餘余 約约 註注 郵邮 範范 農农 壯壮 衛卫 習习 講讲 兩两 陽阳 "
    "廠厂 狀状 況况 號号 絡络 複复 覈核 託托 稱称 則则 專专 幫帮 導导 領领"
)


def _width_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # NFKC foldings that keep one character stay 1:1, so offsets survive:
    # full-width forms, vertical and small forms, Kangxi radicals and CJK
    # compatibility ideographs (both common in text taken from PDFs).
    for first, last in (
        (0x2010, 0x2015),
        (0x2E80, 0x2FDF),
        (0x3000, 0x303F),
        (0xF900, 0xFAFF),
        (0xFE10, 0xFE6F),
        (0xFF00, 0xFFEF),
    ):
        for cp in range(first, last + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    return table


class _Fold:
    """
    A mapping of characters to characters, applied as ``str.translate(table)`` would.

    ``str.translate`` costs about 0.1 µs a character on Chinese text (a
    failed dict lookup for each); a letter holds only a handful of the
    characters mapped (，：（）…), and ``str.replace`` swaps each at C speed
    once a regex has found which.
    """

    __slots__ = ("_chained", "_chars", "_pattern", "table")

    # More kinds than this, and one translation is cheaper than the replacements.
    _MAX_KINDS = 24

    def __init__(self, table: dict[int, str]) -> None:
        self.table = table
        self._chars = {chr(cp): to for cp, to in table.items()}
        self._pattern = re.compile("[" + "".join(map(re.escape, self._chars)) + "]+")
        # Characters mapped to a character that is mapped too (the Kangxi
        # radical ⾒ to 見, 見 to 见): replaced one after the other, they
        # would be mapped twice.
        self._chained = frozenset(ch for ch, to in self._chars.items() if to in self._chars)

    def kinds(self, text: str) -> set[str]:
        """
        The characters of *text* the table maps.
        """
        return set("".join(self._pattern.findall(text)))

    def __call__(self, text: str, kinds: set[str] | None = None) -> str:
        """
        *text* mapped; *kinds* may give the characters it holds (more do no harm).
        """
        found = self.kinds(text) if kinds is None else kinds & self._chars.keys()
        if len(found) > self._MAX_KINDS or not self._chained.isdisjoint(found):
            return text.translate(self.table)
        for ch in found:
            text = text.replace(ch, self._chars[ch])
        return text


_WIDTH: Final = _width_table()
_fold_width: Final = _Fold(_WIDTH)
_fold_detect: Final = _Fold(_WIDTH | {ord(pair[0]): pair[1] for pair in _TRADITIONAL_PAIRS.split()})
_INVISIBLE_CHARS: Final = re.compile(f"[{_INVISIBLE}]+")

_ASCII_PUNCT: Final = re.compile(r"[,:;!?()]")
# ASCII but its blanks (those str.isspace() takes): what `_ascii_word` accepts.
_ASCII_WORD = r"\x00-\x08\x0e-\x1b!-\x7f"
_MARK_BETWEEN_WORDS: Final = re.compile(rf"[{_ASCII_WORD}][,:;!?()](?=[{_ASCII_WORD}])")
_FULL_WIDTH: Final = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def canonical(text: str) -> str:
    """
    The normal full-width form of *text*, the form values are stored in.

    NFKC first (so a copy and its NFKC-folded twin agree), then the Chinese
    punctuation NFKC folds to ASCII back to full width, unless the mark sits
    between two ASCII characters (``1,200``, ``http://``).  Invisible
    characters are dropped, ``...`` is ``…``, ends are stripped.

    >>> canonical("(一)加强顶层设计:1,200元 ")
    '（一）加强顶层设计：1,200元'
    """
    return _canonical_of_wide(_fold_width(text))


def _canonical_of_wide(wide: str) -> str:
    """
    `canonical` of text already folded by `_fold_width`, as a `_Line` keeps it.
    """
    # Folding the 1:1 compatibility characters first leaves NFKC nothing to do
    # on most text, and `unicodedata.normalize` returns at once when that is
    # so; the result is the same, as NFKD maps a character and its NFKC form
    # alike.
    folded = unicodedata.normalize("NFKC", wide)
    # Invisible characters are unprintable: isprintable() rules them out at
    # a tenth of the cost of a search.
    if not folded.isprintable():
        folded = _INVISIBLE_CHARS.sub("", folded)
    folded = folded.replace("...", "…")
    if _MARK_BETWEEN_WORDS.search(folded) is None:
        # Most text: every mark goes back to full width, without a call per mark.
        for mark, full in _FULL_WIDTH.items():
            folded = folded.replace(mark, full)
        return folded.strip()

    def restore(match: re.Match[str]) -> str:
        i = match.start()
        before = folded[i - 1] if i > 0 else " "
        after = folded[i + 1] if i + 1 < len(folded) else " "
        if _ascii_word(before) and _ascii_word(after):
            return match.group()
        return _FULL_WIDTH[match.group()]

    return _ASCII_PUNCT.sub(restore, folded).strip()


# --------------------------------------------------------------------------- lines


_NO_GAPS: Final = (0,)


class _Line:
    """
    One line of the input: its offsets, and its folded form for detection.

    ``det`` drops every blank and invisible character and folds the rest
    1:1, so a position in ``det`` maps back to one offset of the input.
    *wide* and *folded* are *raw* folded by `_fold_width` and `_fold_detect`,
    character for character: values are read from *wide*.
    """

    __slots__ = ("_dpos", "_rpos", "det", "end", "index", "raw", "start", "wide")

    def __init__(self, index: int, start: int, raw: str, wide: str, folded: str) -> None:
        self.index = index
        self.start = start
        self.end = start + len(raw)
        self.raw = raw
        self.wide = wide
        # Every blank and invisible character but the space is unprintable,
        # and isprintable() reads a line ten times faster than _GAP.
        if (raw.isprintable() and " " not in raw) or _GAP.search(raw) is None:
            # Most lines have no blank inside: share one offset table, as
            # millions of small lists keep the garbage collector busy.
            self._dpos: Sequence[int] = _NO_GAPS
            self._rpos: Sequence[int] = _NO_GAPS
            self.det = folded
            return
        dpos: list[int] = []
        rpos: list[int] = []
        pieces: list[str] = []
        kept = read = 0
        for gap in _GAP.finditer(raw):
            if gap.start() > read:
                dpos.append(kept)
                rpos.append(read)
                pieces.append(folded[read : gap.start()])
                kept += gap.start() - read
            read = gap.end()
        if read < len(raw):
            dpos.append(kept)
            rpos.append(read)
            pieces.append(folded[read:])
        self._dpos = dpos
        self._rpos = rpos
        self.det = "".join(pieces)

    def offset(self, i: int) -> int:
        """
        The input offset of character *i* of ``det``.
        """
        if self._dpos is _NO_GAPS:
            return self.start + i
        k = bisect.bisect_right(self._dpos, i) - 1
        return self.start + self._rpos[k] + i - self._dpos[k]

    def span(self, a: int = 0, b: int | None = None) -> tuple[int, int]:
        """
        The input offsets (start, end) of ``det[a:b]``, which is not empty.
        """
        b = len(self.det) if b is None else b
        return self.offset(a), self.offset(b - 1) + 1

    def value(self, a: int = 0, b: int | None = None) -> str:
        """
        The canonical value of ``det[a:b]``, taken from the input.
        """
        start, end = self.span(a, b)
        return _canonical_of_wide(self.wide[start - self.start : end - self.start])

    def piece(self, a: int = 0, b: int | None = None) -> _Piece:
        """
        ``det[a:b]`` as a located value.
        """
        start, end = self.span(a, b)
        return _Piece(
            _canonical_of_wide(self.wide[start - self.start : end - self.start]), start, end
        )

    def __repr__(self) -> str:
        return f"<line {self.index + 1}: {self.det[:30]!r}>"


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    # The text is folded once, not a line or a value at a time: finding what
    # to fold is most of the cost.  _fold_detect's table holds _fold_width's.
    kinds = _fold_detect.kinds(text)
    wide = _fold_width(text, kinds)
    folded = _fold_detect(text, kinds)
    start = 0
    for index, (chunk, body) in enumerate(
        zip(text.splitlines(keepends=True), text.splitlines(), strict=True)
    ):
        end = start + len(body)
        lines.append(_Line(index, start, body, wide[start:end], folded[start:end]))
        start += len(chunk)
    return lines


# --------------------------------------------------------------------------- intermediate


@attrs.define
class _Piece:
    """
    A value and its span in the input.
    """

    text: str
    start: int
    end: int


@attrs.define
class _SectionDraft:
    level: int
    number: _Piece
    heading: _Piece | None = None
    paragraphs: list[_Piece] = attrs.field(factory=list)
    children: list[_SectionDraft] = attrs.field(factory=list)
    start: int = 0
    end: int = 0


@attrs.define
class _ReferenceDraft:
    title: str | None
    doc_number: DocumentNumber | None
    start: int
    end: int


@attrs.define
class _Draft:
    """
    Everything read from a letter, before it becomes a `Reply`.
    """

    doc_number: tuple[DocumentNumber, int, int] | None = None
    category: _Piece | None = None
    title: _Piece | None = None
    recipient: _Piece | None = None
    # The opening and any paragraph before the first heading, in order.
    paragraphs: list[_Piece] = attrs.field(factory=list)
    sections: list[_SectionDraft] = attrs.field(factory=list)
    closing: list[_Piece] = attrs.field(factory=list)
    attachments: list[_Piece] = attrs.field(factory=list)
    signature: list[_Piece] = attrs.field(factory=list)
    date: _Piece | None = None
    note: _Piece | None = None
    contact_name: _Piece | None = None
    contact_phone: _Piece | None = None
    contact_line: _Piece | None = None
    cc: list[_Piece] = attrs.field(factory=list)
    references: list[_ReferenceDraft] = attrs.field(factory=list)
    # Where each missing element would have stood, for strict mode: the
    # recipient line, the first of 附注/联系人/抄送, the end of the letter.
    header_end: int = 0
    body_end: int = 0
    letter_end: int = 0


# --------------------------------------------------------------------------- patterns
# Every pattern runs on a line's folded form (``_Line.det``: no blanks, ASCII
# punctuation, simplified characters) and is bounded: no quantifier over
# unbounded text is nested, and each is tried at a bounded number of places.

_ZH_NUM = "一二三四五六七八九十百零〇两"
_MARKERS: Final = (
    (1, re.compile(rf"[{_ZH_NUM}]{{1,4}}[、.]")),
    (2, re.compile(rf"\([{_ZH_NUM}]{{1,4}}\)|[\u3220-\u3229]")),
    (3, re.compile(r"[0-9]{1,2}[.、](?![0-9])")),
    (4, re.compile(r"\([0-9]{1,2}\)|[0-9]{1,2}\)(?![0-9])|[\u2474-\u2487]")),
)

_END_FURNITURE: Final = re.compile(
    r"分享到|分享:|【?(?:打印|关闭)(?:本页|此页|窗口|文章|本文)?】|打印本页|打印此页|关闭窗口"
    r"|关闭本页|免责声明|版权所有|copyright|©|\(c\)[0-9]{4}|网站标识码|上一篇|下一篇|扫一扫"
    r"|相关(?:链接|文章|稿件|阅读|新闻|信息|文件|附件)(?::|$)|主办单位:|承办单位:|技术支持"
    r"|联系我们|网站地图|返回顶部|【返回|返回首页",
    re.IGNORECASE,
)
_ANYWHERE_FURNITURE: Final = re.compile(r"icp备|icp证|公网安备", re.IGNORECASE)
# Each of those ends in one of these; a case-blind search costs 70 ns a character.
_ANYWHERE_FURNITURE_ENDS: Final = ("备", "证")
_LABELS = (
    "(?:信息)?索引号|发布机构|发文机关|生成日期|发布日期|发布时间|成文日期|公开日期|发文日期"
    "|印发日期|文号|发文字号|标题|名称|主题分类|主题词|体裁分类|组配分类|服务对象|公开方式"
    "|公开范围|公开时限|公开属性|有效性|信息来源|来源|作者|责任编辑|编辑|浏览次数|访问量"
    "|点击数|阅读次数|字号|字体|位置|时间|日期"
)
_LEAD_FURNITURE: Final = re.compile(
    rf"(?:{_LABELS})(?::|$)|当前位置|您现在的位置|您的位置|首页(?:>|»|›|/|\||$)|【?字[体号]"
    r"|【?大中小】?|[^>]{0,40}>"
)
_PAGE_NUMBER: Final = re.compile(r"[-—–]*[0-9]{1,3}[-—–]*|第[0-9]{1,3}页(?:共[0-9]{1,3}页)?")

_DOC_LINE: Final = re.compile(
    r"(?:(?P<cat>[A-D])类?(?=[\u4e00-\u9fff]))?"
    r"(?P<num>[^〔\[(【〖:,。]{1,20}[〔\[(【〖][0-9]{4}[〕\])】〗]第?[0-9]{1,9}号?)"
    r"(?:\(?(?P<after>[A-D])类?\)?)?"
)
_CATEGORY_LINE: Final = re.compile(
    r"(?:(?:办理结果|答复类别|办理类别|结果类别|类别|分类)(?:为)?:?)?"
    r"[(【\[]?(?P<c>[A-D])类?[)】\]]?类?(?:\([^()]{1,16}\))?"
)
_DATE = (
    r"(?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}[日号]"
    r"|[〇零○Oo0一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]"
    r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2})"
)
_DATE_LINE: Final = re.compile(rf"(?P<pre>.{{0,40}}?)(?P<date>{_DATE})")
# 40 characters and the longest date (二〇二一年十二月三十一日).
_DATE_LINE_MAX: Final = 40 + 13
_ORGAN: Final = re.compile(
    r"[\u4e00-\u9fff()]{1,40}?(?:厅|局|委|院|馆|署|部|所|处|办|司|行|会|站|队|社|团|校|中心"
    r"|政府|公司|集团|大学|学院|办公室|文件)(?:\((?:代章|盖章|章|印)\))?"
)
_SEAL: Final = re.compile(r"\((?:代章|盖章|章|印)\)$")
_PERSON: Final = re.compile(r".{1,40}?(?:代表|委员|同志|先生|女士|主席|主任|代表团|代表组)")
_TITLE_START: Final = re.compile(r"关于|对于|对|就")
_TITLE_WORD: Final = re.compile(r"答复|复函|函复|的函|提案|建议|意见")
_SENTENCE_END: Final = re.compile(r"[。!?]")

_OPENING: Final = re.compile(
    r"收悉|(?:答复|函复|复函|回复|复)(?:意见)?如下|现(?:予以|作)?(?:答复|函复)"
)
_INLINE_RECIPIENT: Final = re.compile(r"([^,。;:!?]{2,40}?):")
_RECIPIENT_COLON: Final = re.compile(r"[^,。;:!?]{2,60}:")
_NOT_RECIPIENT: Final = re.compile(
    r"(?:附件|抄送|主送|联系人|联系电话|电话|经办人|备注|说明|注|答复|标题|主题|签发人|事由"
    r"|关键词|来源|地址|邮编|邮箱|传真|手机)[0-9]{0,2}:$"
)

_NOTE: Final = re.compile(
    r"\((?:此件|本件|此函|本函)[^()]{1,20}\)|\([^()]{0,12}公开[^()]{0,12}\)"
    r"|(?:此件|本件)(?:公开发布|主动公开|依申请公开|不予公开|不公开|公开)。?"
)
_CONTACT: Final = re.compile(r"\(?(?:联系人|联系电话|电话|经办人|承办人|联系方式|手机|传真|邮箱)")
_CONTACT_NAME: Final = re.compile(
    r"(?:联系人(?:及(?:联系)?电话)?|经办人|承办人):?([^,;:()电0-9]{1,12})"
)
_PHONE = r"(?:\([0-9]{3,5}\))?[0-9][0-9\-—–/]{3,30}[0-9]"
_BARE_PHONE: Final = re.compile(rf"(?<![0-9])({_PHONE})")

# Patterns that few letters need are compiled when one does (`lazy_pattern`):
# their Chinese character classes cost a millisecond or two each, on every import.
_CONTACT_PHONE: Final = lazy_pattern(
    rf"(?:联系电话|电话|手机|联系方式):?({_PHONE}(?:[、,/]{_PHONE}){{0,3}})"
)

_CC: Final = re.compile(r"抄送(?:单位|机关)?:")
_CC_ITEM: Final = re.compile(r"[^,、;。]+")
_ATTACHMENT: Final = re.compile(r"附件[0-9]{0,2}:")
_ITEM_NUMBER: Final = re.compile(r"[0-9]{1,2}[.、](?![0-9])|\([0-9]{1,2}\)")
_CLOSING: Final = re.compile(
    r"(?:(?:特此|专此|谨此)(?:函复|答复|回复|复函|说明|函告)|此复|函复|以上答复)[。!.]?$"
    r"|(?:衷心|非常|再次|诚挚)?感谢[^。!?]{0,60}(?:关心|关注|支持|理解|帮助|指导)"
    r"|欢迎[^。!?]{0,40}(?:提出|批评|指导|监督|意见)|顺颂|祝[^。!?]{0,10}(?:工作顺利|身体健康)"
)
_TRAILING_CLOSING: Final = re.compile(
    r"(?<=[。!?])(?:(?:特此|专此)(?:函复|答复|回复)|此复|(?:衷心|非常|再次|诚挚)?感谢"
    r"[^。!?]{0,60}(?:关心|关注|支持|理解|帮助|指导)[^。!?]{0,20})[。!]?$"
)

_PROPOSAL_BEFORE: Final = re.compile(
    r"第(?P<num>[0-9]{1,12})号[^,。;:第号]{0,8}?(?P<kind>提案|建议)"
)
_PROPOSAL_AFTER: Final = re.compile(
    r"(?P<kind>提案|建议)》?\(?(?:第|编号:?|号:?)(?P<num>[0-9]{1,12})号?"
)
_KIND_WORD: Final = re.compile(r"提案|建议")
_SESSION_CORE: Final = re.compile(
    r"第?[0-9〇零一二两三四五六七八九十]{1,4}届[^,。;:、届次]{0,14}?"
    r"第?[0-9〇零一二两三四五六七八九十]{1,3}次(?:全体)?(?:会议)?(?:\([0-9]{4}年?\))?"
)
# A session's name does not run back past these (关于/在/对…自治区政协十二届四次会议);
# 于 and 贵 stop it only in 关于, 贵委 …, as 于都县 and 贵港市 are places.
_SESSION_STOP: Final = frozenset("在对的您你是了就将和与及为经向年月日号,。;:、()《》“”\"'")
_SESSION_STOP_WORDS: Final = frozenset(
    {"关于", "对于", "由于", "属于", "位于", "基于", "鉴于", "至于", "贵委", "贵单位", "贵会"}
)
_SESSION_TRIES: Final = 20
_BOOK_TITLE: Final = re.compile(r"《([^《》]{1,200})》")
_TITLE_DOC: Final = re.compile(r"\(([^()]{4,30})\)")
# Compiled on first use, as _CONTACT_PHONE.  The issuer is tried at every
# Chinese character of a paragraph, where most tries fail: possessive, as a
# bracket is no Chinese character and giving some back never helps, and run
# only where _BRACKETED_YEAR is.
_INLINE_DOC: Final = lazy_pattern(
    r"([\u4e00-\u9fff]{1,12}+)[〔\[【〖(]([0-9]{4})[〕\]】〗)]第?([0-9]{1,6})号"
)

_BRACKETED_YEAR: Final = re.compile(r"[〔\[【〖(][0-9]{4}[〕\]】〗)]")
_CITES: Final = re.compile(r"[《〔\[【〖(][^《〔\[【〖(]")
_ISSUER_STOP: Final = frozenset("的了和与及在据照以对将为是把被由经按见附即、")
_PROPOSAL_TITLE: Final = re.compile(r"提出的(关于[^《》。;]{1,120}?的(?:提案|建议))")


def _marker(det: str, a: int = 0) -> tuple[int, int] | None:
    """
    The heading level (1–4) and the end of the marker ``det[a:]`` starts with.
    """
    for level, pattern in _MARKERS:
        m = pattern.match(det, a)
        if m is not None:
            return level, m.end()
    return None


def _section(line: _Line, a: int, level: int, mark_end: int) -> tuple[_SectionDraft, int | None]:
    """
    A section from its heading line: the marker, then a heading up to the first
    full stop, and what follows it as the section's first paragraph (where it
    starts in ``line.det`` is returned too).
    """
    det = line.det
    section = _SectionDraft(level=level, number=line.piece(a, mark_end))
    if mark_end < len(det):
        stop = _SENTENCE_END.search(det, mark_end)
        if stop is not None and stop.end() < len(det):
            section.heading = line.piece(mark_end, stop.end())
            section.paragraphs.append(line.piece(stop.end()))
            return section, stop.end()
        section.heading = line.piece(mark_end)
    return section, None


def _is_end_furniture(det: str) -> bool:
    return (_END_FURNITURE.match(det) is not None) or (
        len(det) < 200
        and any(end in det for end in _ANYWHERE_FURNITURE_ENDS)
        and _ANYWHERE_FURNITURE.search(det) is not None
    )


def _is_furniture(det: str) -> bool:
    return _is_end_furniture(det) or _LEAD_FURNITURE.match(det) is not None


def _is_organ(det: str) -> bool:
    return len(det) <= 40 and _ORGAN.fullmatch(det) is not None


def _is_title_like(det: str) -> bool:
    return _TITLE_START.match(det) is not None or _TITLE_WORD.search(det) is not None


def _recipient_like(det: str) -> bool:
    """
    Whether a line right before the opening reads as the recipient (主送机关).
    """
    if not 2 <= len(det) <= 60 or _SENTENCE_END.search(det) or _marker(det):
        return False
    if _is_furniture(det) or _DOC_LINE.fullmatch(det) or _DATE_LINE.fullmatch(det):
        return False
    if det.endswith(":"):
        return _NOT_RECIPIENT.search(det) is None
    if _is_organ(det) or _PERSON.fullmatch(det):
        return True
    return not _is_title_like(det)


def _doc_number(text: str) -> DocumentNumber | None:
    try:
        return DocumentNumber.parse(text)
    except ValidationError:
        return None


# --------------------------------------------------------------------------- reading


class _Joined:
    """
    Several ranges of lines read as one text (a title written over two lines).
    """

    __slots__ = ("_parts", "_starts", "det")

    def __init__(self, parts: Iterable[tuple[_Line, int]]) -> None:
        self._parts = list(parts)
        self._starts: list[int] = []
        dets: list[str] = []
        total = 0
        for line, a in self._parts:
            self._starts.append(total)
            dets.append(line.det[a:])
            total += len(line.det) - a
        self._starts.append(total)
        self.det = "".join(dets)

    def value(self, i: int, j: int) -> str:
        """
        The canonical value of ``det[i:j]``, line by line without the line breaks.
        """
        out: list[str] = []
        k = bisect.bisect_right(self._starts, i) - 1
        while k < len(self._parts) and self._starts[k] < j:
            line, a = self._parts[k]
            lo = max(i, self._starts[k]) - self._starts[k] + a
            hi = min(j, self._starts[k + 1]) - self._starts[k] + a
            if lo < hi:
                out.append(line.value(lo, hi))
            k += 1
        return "".join(out)

    def span(self, i: int, j: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._starts, i) - 1
        line, a = self._parts[k]
        start = line.offset(a + i - self._starts[k])
        k = bisect.bisect_right(self._starts, j - 1) - 1
        line, a = self._parts[k]
        return start, line.offset(a + j - 1 - self._starts[k]) + 1


_WRAP_MIN: Final = 15
_FOOTER_LINES: Final = 400
_AFTER_DATE_LINES: Final = 12
_ENDS_PARAGRAPH: Final = frozenset("。!?;:")


def _continues(prev: _Line, line: _Line, *, indented: bool, page_break: bool = False) -> bool:
    """
    Whether *line* continues the paragraph *prev* ends: a hard-wrapped copy.

    GB/T 9704 sets 28 characters a line, and text taken from a PDF keeps the
    breaks: a full line followed at once by an unindented line that is no
    heading goes on with the same paragraph, if the line does not close with
    a full stop — or whatever it closes with, in a letter that indents its
    paragraphs (*indented*), where a new paragraph shows by its indent.  A
    page number between the two (*page_break*) does not part them.
    """
    return (
        (page_break or line.index == prev.index + 1)
        and len(prev.det) >= _WRAP_MIN
        and (indented or prev.det[-1] not in _ENDS_PARAGRAPH)
        and not line.raw[:1].isspace()
        and _marker(line.det) is None
    )


@attrs.define
class _Open:
    """
    The paragraph being read, which a wrapped line may continue.
    """

    target: list[_Piece]
    line: _Line
    a: int
    prefix: _Piece | None
    block: list[tuple[_Line, int]]
    # The texts of the lines read so far, joined when the paragraph closes:
    # joining at every line made a long wrapped paragraph quadratic.
    parts: list[str] = attrs.field(factory=list)

    def extend(self, line: _Line) -> None:
        before = self.target[-1]
        more = line.piece()
        if not self.parts:
            self.parts.append(before.text)
        self.parts.append(more.text)
        self.target[-1] = _Piece(before.text, before.start, more.end)
        self.prefix, self.line, self.a = before, line, 0
        self.block.append((line, 0))

    def close(self) -> None:
        """
        Give the paragraph its whole text; the reader calls this before moving on.
        """
        if self.parts:
            last = self.target[-1]
            self.target[-1] = _Piece("".join(self.parts), last.start, last.end)
            self.parts = []

    def text_before_last_line(self) -> str:
        """
        The paragraph's text up to the line being read.
        """
        return "".join(self.parts[:-1])


class _Reader:
    """
    One reading of one text: finds the letter's parts, fills a `_Draft`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _split_lines(text)
        # A letter that indents its paragraphs marks each new one with it.
        self.indented = sum(1 for line in self.lines if line.det and line.raw[:1].isspace()) >= 2
        self.draft = _Draft()
        self.title_lines: list[_Line] = []
        self.opening_line: _Line | None = None
        self.opening_from = 0
        # Each paragraph and heading of the body: the lines (and where in the
        # first one) it is written on.
        self.blocks: list[list[tuple[_Line, int]]] = []

    # ------------------------------------------------------------ the anchor

    def _previous(self, index: int) -> int | None:
        for i in range(index - 1, -1, -1):
            if self.lines[i].det:
                return i
        return None

    def _anchor(self) -> tuple[int | None, int | None, int | None]:
        """
        The recipient line, the opening line, or a title citing a proposal.
        """
        lines = self.lines
        for line in lines:
            det = line.det
            if det and _OPENING.search(det) is not None and not _is_furniture(det):
                # A wrapped opening starts on an earlier line.
                first = line
                while first.index > 0 and _continues(
                    lines[first.index - 1], first, indented=self.indented
                ):
                    first = lines[first.index - 1]
                prev = self._previous(first.index)
                if prev is not None and _recipient_like(lines[prev].det):
                    return prev, first.index, None
                return None, first.index, None
        for line in lines:
            det = line.det
            if (
                _RECIPIENT_COLON.fullmatch(det)
                and _NOT_RECIPIENT.search(det) is None
                and not _is_furniture(det)
                and _marker(det) is None
                and any(other.det for other in lines[line.index + 1 : line.index + 4])
            ):
                return line.index, None, None
        for line in lines:
            det = line.det
            if len(det) <= 120 and not _SENTENCE_END.search(det) and _cites_proposal(det):
                return None, None, line.index
        return None, None, None

    def read(self) -> _Draft:
        """
        Read the letter; raise `ParseError` if the text is not one.
        """
        d = self.draft
        top, body_start = self._start()
        self._read_header(top)
        d.header_end = self.lines[top].start if top < len(self.lines) else len(self.text)
        if d.recipient is None:
            raise NO_RECIPIENT.parse_error(self.text, d.header_end)
        cut = next(
            (
                line.index
                for line in self.lines[body_start:]
                if line.det and _is_end_furniture(line.det)
            ),
            len(self.lines),
        )
        footer_start = self._read_footer(body_start, cut)
        last = next((line for line in reversed(self.lines[body_start:cut]) if line.det), None)
        d.letter_end = d.header_end if last is None else last.end
        after = [p.start for p in (d.note, d.contact_line, *d.cc[:1]) if p is not None]
        d.body_end = min(after, default=d.letter_end)
        self._read_body(body_start, footer_start)
        self._read_proposal()
        self._read_references()
        return d

    def _start(self) -> tuple[int, int]:
        """
        Find the letter: the index of the line its head ends above, and of its body's first.
        """
        d = self.draft
        recipient, opening, titled = self._anchor()
        if opening is not None:
            self.opening_line = self.lines[opening]
        if recipient is not None:
            line = self.lines[recipient]
            end = len(line.det) - 1 if line.det.endswith(":") else len(line.det)
            d.recipient = line.piece(0, end)
            return recipient, recipient + 1
        if opening is not None:
            self._inline_recipient(self.lines[opening])
            return opening, opening
        if titled is not None:
            return titled + 1, titled + 1
        first = next((line for line in self.lines if line.det), None)
        raise NOT_A_LETTER.parse_error(
            self.text,
            0 if first is None else first.offset(0),
            reason="no recipient line, no opening (…收悉/答复如下) and no proposal cited",
            reason_zh="没有主送机关行、“……收悉/答复如下”开头语，也未提及提案或建议",
        )

    def _inline_recipient(self, line: _Line) -> None:
        """
        ``农工民主党广西区委：贵委提出的…收悉``: the recipient opens the opening line.
        """
        m = _INLINE_RECIPIENT.match(line.det)
        if (
            m is not None
            and _OPENING.search(line.det, m.end()) is not None
            and _OPENING.search(m.group(1)) is None
            and _recipient_like(m.group())
        ):
            self.draft.recipient = line.piece(0, m.end() - 1)
            self.opening_from = m.end()

    # ------------------------------------------------------------ header

    def _read_header(self, top: int) -> None:
        """
        Read 发文字号, category and title from the lines right above *top*.
        """
        rest = [line for line in self._header_run(top) if not self._header_mark(line)]
        # A page may repeat the title as its headline: the last 关于 starts it.
        starts = [k for k, line in enumerate(rest) if line.det.startswith("关于")]
        starts = starts or [k for k, line in enumerate(rest) if "关于" in line.det]
        if starts:
            start = starts[-1]
        else:
            # Lines before the title are the 发文机关标志 (letterhead) or noise.
            start = next(
                (k for k, line in enumerate(rest) if _is_title_like(line.det)),
                len(rest) if all(_is_organ(line.det) for line in rest) else 0,
            )
        self.title_lines = rest[start:]
        if self.title_lines:
            first, last = self.title_lines[0], self.title_lines[-1]
            self.draft.title = _Piece(
                "".join(line.value() for line in self.title_lines),
                first.offset(0),
                last.span()[1],
            )

    def _header_run(self, top: int) -> list[_Line]:
        """
        The lines above *top*, up to the first that cannot be in a letter's head.
        """
        run: list[_Line] = []
        i = top - 1
        while i >= 0 and len(run) < 8:
            line = self.lines[i]
            det = line.det
            i -= 1
            if not det:
                continue
            if (
                len(det) > 120
                or _SENTENCE_END.search(det)
                or _is_furniture(det)
                or _DATE_LINE.fullmatch(det)
            ):
                break
            run.append(line)
        run.reverse()
        return run

    def _header_mark(self, line: _Line) -> bool:
        """
        Read a 发文字号 or category line of the head; False for any other line.
        """
        d = self.draft
        det = line.det
        m = _DOC_LINE.fullmatch(det)
        number = None if m is None else _doc_number(line.value(m.start("num"), m.end("num")))
        if m is not None and number is not None:
            d.doc_number = (number, *line.span(m.start("num"), m.end("num")))
            for group in ("cat", "after"):
                if m[group]:
                    d.category = line.piece(m.start(group), m.end(group))
            return True
        m = _CATEGORY_LINE.fullmatch(det)
        if m is not None:
            d.category = line.piece(m.start("c"), m.end("c"))
            return True
        return False

    # ------------------------------------------------------------ footer

    def _footer_kind(self, det: str) -> str | None:  # noqa: PLR0911 - one return per element
        # Body lines are long: spare them trying the date at 40 places.
        m = _DATE_LINE.fullmatch(det) if len(det) <= _DATE_LINE_MAX else None
        if m is not None and (not m["pre"] or _is_organ(m["pre"])):
            return "date"
        if _NOTE.fullmatch(det):
            return "note"
        if _CC.match(det):
            return "cc"
        if _ATTACHMENT.match(det):
            return "attach"
        if _CONTACT.match(det) and len(det) <= 80:
            return "contact"
        if _CATEGORY_LINE.fullmatch(det):
            return "category"
        if _is_organ(det):
            return "organ"
        if len(det) <= 80 and _CLOSING.match(det):
            return "closing"
        return None

    def _footer_kinds(self, start: int, cut: int) -> dict[int, str | None]:
        """
        What element each line would be in a footer, continuation lines included.
        """
        kinds: dict[int, str | None] = {}
        state: str | None = None
        # A footer is a few lines long: look at the last few hundred only.
        start = max(start, cut - _FOOTER_LINES)
        for line in self.lines[start:cut]:
            det = line.det
            if not det:
                continue
            kind = self._footer_kind(det)
            # 附件 items after the first, and 抄送 wrapped over lines.
            if state == "attach" and kind is None and _ITEM_NUMBER.match(det):
                kind = "attach_item"
            elif state == "cc" and kind in (None, "organ"):
                kind = "cc_cont"
            kinds[line.index] = kind
            if kind in ("attach", "attach_item"):
                state = "attach"
            elif kind in ("cc", "cc_cont") and not det.endswith("。"):
                state = "cc"
            else:
                state = None
        return kinds

    def _read_footer(self, start: int, cut: int) -> int:
        """
        Read the elements after the body; return the index of the first.
        """
        kinds = self._footer_kinds(start, cut)
        # Nothing of the body follows the date: lines after it that are no
        # element the reader knows (a QR code's caption …) are passed over.
        tail = list(kinds)[-_AFTER_DATE_LINES:]
        dated = max((k for k in tail if kinds[k] == "date"), default=cut)
        footer: list[int] = []
        i = cut - 1
        while i >= start:
            det = self.lines[i].det
            kind = kinds.get(i)
            if (
                not det
                or _PAGE_NUMBER.fullmatch(det)
                or _is_furniture(det)
                or (kind is None and i > dated and len(det) <= 80)
            ):
                i -= 1
                continue
            if kind is None:
                break
            footer.append(i)
            i -= 1
        readers = {
            "date": self._date,
            "organ": self._organ,
            "note": self._note,
            "cc": self._cc,
            "cc_cont": self._cc,
            "attach": self._attachment,
            "attach_item": self._attachment,
            "contact": self._contact,
            "category": self._category,
            "closing": self._closing,
        }
        for index in reversed(footer):
            kind = kinds[index]
            if kind is not None:
                readers[kind](self.lines[index])
        return i + 1

    def _date(self, line: _Line) -> None:
        m = _DATE_LINE.fullmatch(line.det)
        if m is None:  # pragma: no cover - the kind says it matches
            return
        if m["pre"]:
            self.draft.signature.append(line.piece(0, m.end("pre")))
        self.draft.date = line.piece(m.start("date"), m.end("date"))

    def _organ(self, line: _Line) -> None:
        # （盖章）, （代章） stand for the seal, not the name.
        seal = _SEAL.search(line.det)
        self.draft.signature.append(line.piece(0, len(line.det) if seal is None else seal.start()))

    def _note(self, line: _Line) -> None:
        self.draft.note = line.piece()

    def _cc(self, line: _Line) -> None:
        det = line.det
        head = _CC.match(det)
        a = 0 if head is None else head.end()
        for m in _CC_ITEM.finditer(det, a):
            self.draft.cc.append(line.piece(m.start(), m.end()))

    def _attachment(self, line: _Line) -> None:
        det = line.det
        head = _ATTACHMENT.match(det)
        a = 0 if head is None else head.end()
        number = _ITEM_NUMBER.match(det, a)
        if number is not None:
            a = number.end()
        if a < len(det):
            self.draft.attachments.append(line.piece(a))

    def _category(self, line: _Line) -> None:
        m = _CATEGORY_LINE.fullmatch(line.det)
        if m is not None:
            self.draft.category = line.piece(m.start("c"), m.end("c"))

    def _closing(self, line: _Line) -> None:
        self.draft.closing.append(line.piece())

    def _contact(self, line: _Line) -> None:
        d = self.draft
        det = line.det
        m = _CONTACT_NAME.search(det)
        if m is not None and d.contact_name is None:
            d.contact_name = line.piece(m.start(1), m.end(1))
        m = _CONTACT_PHONE().search(det) or _BARE_PHONE.search(det)
        if m is not None and d.contact_phone is None:
            d.contact_phone = line.piece(m.start(1), m.end(1))
        if d.contact_line is None:
            d.contact_line = line.piece()

    # ------------------------------------------------------------ body

    def _read_body(self, start: int, end: int) -> None:
        d = self.draft
        stack: list[_SectionDraft] = []
        last: _Open | None = None
        page_break = False
        for line in self.lines[start:end]:
            det = line.det
            if not det:
                continue
            if _PAGE_NUMBER.fullmatch(det):
                page_break = True
                continue
            a = self.opening_from if line is self.opening_line else 0
            if a >= len(det):
                continue
            joined = self._join(last, line, page_break=page_break)
            page_break = False
            if joined:
                continue
            self.blocks.append([(line, a)])
            found = _marker(det, a)
            if found is None:
                target = stack[-1].paragraphs if stack else d.paragraphs
                target.append(line.piece(a))
                last = _Open(target, line, a, None, self.blocks[-1])
                continue
            section, rest = _section(line, a, *found)
            last = None
            if rest is not None:
                last = _Open(section.paragraphs, line, rest, None, self.blocks[-1])
            while stack and stack[-1].level >= section.level:
                stack.pop()
            (stack[-1].children if stack else d.sections).append(section)
            stack.append(section)
        if last is not None:
            self._finish(last)

    def _finish(self, last: _Open) -> None:
        """
        Close the body's last paragraph, a closing sentence at its end split off.
        """
        if not self.draft.closing:
            self._split_closing(last)
        last.close()

    def _join(self, last: _Open | None, line: _Line, *, page_break: bool) -> bool:
        """
        Add *line* to the open paragraph if it continues it; else close that paragraph.
        """
        if last is None:
            return False
        if _continues(last.line, line, indented=self.indented, page_break=page_break):
            last.extend(line)
            return True
        last.close()
        return False

    def _split_closing(self, last: _Open) -> None:
        """
        ``…应用场景。感谢您对我厅工作的支持。``: a closing ending the last paragraph.
        """
        line, a = last.line, last.a
        det = line.det
        m = _TRAILING_CLOSING.search(det, max(a, len(det) - 120))
        if m is None or m.start() <= a:
            return
        kept = line.piece(a, m.start())
        if last.prefix is not None:
            kept = _Piece(last.text_before_last_line() + kept.text, last.prefix.start, kept.end)
        last.target[-1] = kept
        last.parts = []
        self.draft.closing.append(line.piece(m.start()))

    # ------------------------------------------------------------ proposal, references

    def _sources(self) -> list[_Joined]:
        sources = []
        if self.title_lines:
            sources.append(_Joined((line, 0) for line in self.title_lines))
        if self.blocks:
            sources.append(_Joined(self.blocks[0]))
        return sources

    def _read_proposal(self) -> None:
        """
        The proposal or suggestion answered, from the title or the first paragraph.
        """
        self.proposal_number: tuple[str, int, int] | None = None
        self.proposal_kind: str | None = None
        self.session: tuple[str, int, int] | None = None
        self.proposal_title: _Piece | None = None
        for source in self._sources():
            det = source.det
            m = _PROPOSAL_BEFORE.search(det) or _PROPOSAL_AFTER.search(det)
            if m is not None and self.proposal_number is None:
                self.proposal_number = (m["num"], *source.span(m.start("num"), m.end("num")))
                self.proposal_kind = m["kind"]
            if self.session is None:
                self.session = _session_in(source)
            if self.proposal_kind is None:
                k = _KIND_WORD.search(det)
                self.proposal_kind = None if k is None else k.group()
            if self.proposal_title is None:
                self.proposal_title = _proposal_title_in(source)

    def _read_references(self) -> None:
        d = self.draft
        skip = self.proposal_title
        seen: set[object] = set()
        for block in self.blocks:
            if not any(_CITES.search(line.det, a) for line, a in block):
                continue
            for ref in _references(_Joined(block)):
                if skip is not None and ref.start <= skip.start and skip.end <= ref.end:
                    continue
                key = ref.title if ref.title is not None else ref.doc_number
                if key in seen:
                    continue
                seen.add(key)
                d.references.append(ref)


def _proposal_title_in(source: _Joined) -> _Piece | None:
    """
    The proposal's title as quoted: the 《…提案》 or 《…》收悉, else 提出的关于…的提案.
    """
    det = source.det
    for m in _BOOK_TITLE.finditer(det):
        if m.group(1).endswith(("提案", "建议")) or det.startswith("收悉", m.end()):
            return _Piece(source.value(m.start(1), m.end(1)), *source.span(m.start(1), m.end(1)))
    plain = _PROPOSAL_TITLE.search(det)
    if plain is not None:
        i, j = plain.start(1), plain.end(1)
        return _Piece(source.value(i, j), *source.span(i, j))
    return None


def _cites_proposal(det: str) -> bool:
    return (
        _PROPOSAL_BEFORE.search(det) is not None
        or _PROPOSAL_AFTER.search(det) is not None
        or (_SESSION_CORE.search(det) is not None and _KIND_WORD.search(det) is not None)
    )


def _session_in(source: _Joined) -> tuple[str, int, int] | None:
    """
    The first session named in *source*: its text (folded) and span.
    """
    det = source.det
    # A title or an opening names its session early: a few tries suffice.
    for m in itertools.islice(_SESSION_CORE.finditer(det), _SESSION_TRIES):
        first = m.start()
        while (
            first > 0
            and m.start() - first < 24
            and det[first - 1] not in _SESSION_STOP
            and det[first - 2 : first] not in _SESSION_STOP_WORDS
        ):
            first -= 1
        for k in range(first, m.start() + 1):
            if _session_text_ok(det[k : m.end()]):
                return (det[k : m.end()], *source.span(k, m.end()))
    return None


def _session_text_ok(text: str) -> bool:
    try:
        Session.parse(text)
    except ValidationError:
        return False
    return True


def _references(source: _Joined) -> Iterator[_ReferenceDraft]:
    """
    The documents a paragraph cites: 《titles》, with their （发文字号）, and bare 发文字号.
    """
    det = source.det
    taken: list[int] = []
    taken_ends: list[int] = []
    for m in _BOOK_TITLE.finditer(det):
        end = m.end()
        number = None
        n = _TITLE_DOC.match(det, end)
        if n is not None:
            number = _doc_number(source.value(n.start(1), n.end(1)))
            if number is not None:
                end = n.end()
                taken.append(n.start(1))
                taken_ends.append(n.end(1))
        yield _ReferenceDraft(
            source.value(m.start(1), m.end(1)), number, *source.span(m.start(), end)
        )
    if _BRACKETED_YEAR.search(det) is None:
        return
    for m in _INLINE_DOC().finditer(det):
        # Those in （） right after a 《title》 were read with it.
        k = bisect.bisect_right(taken, m.start()) - 1
        if k >= 0 and m.start() < taken_ends[k]:
            continue
        issuer = m.group(1)
        cut = max((i for i, ch in enumerate(issuer) if ch in _ISSUER_STOP), default=-1)
        if cut + 1 >= len(issuer):
            continue
        start = m.start(1) + cut + 1
        number = _doc_number(source.value(start, m.end()))
        if number is not None:
            yield _ReferenceDraft(None, number, *source.span(start, m.end()))


# --------------------------------------------------------------------------- the record


class _Builder:
    """
    Turns a `_Draft` into a `Reply`, recording each element's span.
    """

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.spans: list[Span] = []

    def span(self, pointer: str, start: int, end: int) -> None:
        self.spans.append(Span(pointer, start, end))

    def text(self, pointer: str, piece: _Piece | None) -> str | None:
        if piece is None or not piece.text:
            return None
        self.span(pointer, piece.start, piece.end)
        return piece.text

    def joined(self, pointer: str, pieces: list[_Piece], sep: str) -> str | None:
        kept = [p for p in pieces if p.text]
        if not kept:
            return None
        self.span(pointer, kept[0].start, kept[-1].end)
        return sep.join(p.text for p in kept)

    def texts(self, pointer: str, pieces: Iterable[_Piece]) -> tuple[str, ...]:
        kept = [p for p in pieces if p.text]
        for i, piece in enumerate(kept):
            self.span(f"{pointer}/{i}", piece.start, piece.end)
        return tuple(p.text for p in kept)

    def build(self, *, strict: bool) -> Reply:
        reader = self.reader
        d = reader.draft
        recipient = self.text("/recipient", d.recipient)
        if recipient is None:
            raise NO_RECIPIENT.parse_error(reader.text, d.header_end)
        opening = self.opening(d)
        sections = tuple(
            self.section(f"/sections/{i}", s) for i, s in enumerate(d.sections) if s.number.text
        )
        if opening is None and not sections:
            raise NO_BODY.parse_error(reader.text, d.header_end)
        doc_number = None
        if d.doc_number is not None:
            doc_number, start, end = d.doc_number
            self.span("/doc_number", start, end)
        fields = {
            "doc_number": doc_number,
            "title": self.text("/title", d.title),
            "sender": self.joined("/sender", d.signature, "、"),
            "recipient": recipient,
            "proposal": self.proposal(),
            "opening": opening,
            "sections": sections,
            "closing": self.joined("/closing", d.closing, "\n"),
            "signed_on": self.signed_on(strict=strict),
            "category": self.category(),
            "note": self.text("/note", d.note),
            "contact": self.contact(),
            "cc": self.texts("/cc", d.cc),
            "attachments": self.texts("/attachments", d.attachments),
            "references": self.references(),
        }
        if strict:
            self.check_strict(fields)
        try:
            return Reply(**fields, spans=tuple(self.spans))  # type: ignore[arg-type]
        except ValidationError as exc:  # pragma: no cover - every part was checked above
            first = exc.violations[0]
            raise ParseError(str(exc), code=first.code) from exc

    def opening(self, d: _Draft) -> str | None:
        # The record has no place for paragraphs before the first heading: they
        # follow the opening sentence, one a line.
        pieces = [p for p in d.paragraphs if p.text]
        if not pieces:
            return None
        self.span("/opening", pieces[0].start, pieces[-1].end)
        return "\n".join(p.text for p in pieces)

    def section(self, pointer: str, draft: _SectionDraft) -> Section:
        self.span(pointer + "/number", draft.number.start, draft.number.end)
        heading = self.text(pointer + "/heading", draft.heading)
        paragraphs = self.texts(pointer + "/paragraphs", draft.paragraphs)
        subsections = tuple(
            self.section(f"{pointer}/subsections/{i}", child)
            for i, child in enumerate(c for c in draft.children if c.number.text)
        )
        self.span(pointer, draft.number.start, _section_end(draft))
        return Section(draft.number.text, heading, paragraphs, subsections)

    def proposal(self) -> ProposalRef | None:
        reader = self.reader
        if reader.proposal_number is None or reader.session is None:
            return None
        number_text, number_start, number_end = reader.proposal_number
        session_text, session_start, session_end = reader.session
        kind = ProposalKind.SUGGESTION if reader.proposal_kind == "建议" else ProposalKind.PROPOSAL
        try:
            number = ProposalNumber(number_text)
            session = Session.parse(session_text, default_body=_KIND_BODY[kind])
            # A session that names its body (政协, 人大) decides what was answered.
            if ("政协" in session_text or "委员会" in session_text) and session.body is Body.CPPCC:
                kind = ProposalKind.PROPOSAL
            elif "人大" in session_text or "人民代表大会" in session_text:
                kind = ProposalKind.SUGGESTION
            ref = ProposalRef(kind=kind, session=session, number=number)
        except ValidationError:
            return None
        self.span("/proposal/session", session_start, session_end)
        self.span("/proposal/number", number_start, number_end)
        return ref

    def signed_on(self, *, strict: bool) -> object:
        d = self.reader.draft
        if d.date is None:
            return None
        # Its span is kept even when it is no date: `check` then says the
        # date is unreadable (reply.unreadable_signed_on), not missing.
        self.span("/signed_on", d.date.start, d.date.end)
        try:
            return parse_date(d.date.text)
        except ValidationError as exc:
            if strict:
                text = self.reader.text
                raise ParseError.at_offset(
                    text, d.date.start, exc.violations[0].message, code=exc.violations[0].code
                ) from exc
            return None

    def category(self) -> ReplyCategory | None:
        piece = self.reader.draft.category
        if piece is None:
            return None
        self.span("/category", piece.start, piece.end)
        return ReplyCategory.from_label(piece.text.upper())

    def contact(self) -> Contact | None:
        d = self.reader.draft
        if d.contact_name is None and d.contact_phone is None:
            return None
        name = self.text("/contact/name", d.contact_name)
        phone = self.text("/contact/phone", d.contact_phone)
        if name is None and phone is None:
            return None
        if d.contact_line is not None:
            self.span("/contact", d.contact_line.start, d.contact_line.end)
        return Contact(name, phone)

    def references(self) -> tuple[Reference, ...]:
        found: list[Reference] = []
        for ref in self.reader.draft.references:
            if not ref.title and ref.doc_number is None:
                continue
            self.span(f"/references/{len(found)}", ref.start, ref.end)
            found.append(Reference(ref.title or None, ref.doc_number))
        return tuple(found)

    def check_strict(self, fields: dict[str, object]) -> None:
        """
        Raise at the place of the first GB/T 9704 element a 函 needs and this one lacks.
        """
        d = self.reader.draft
        title_at = d.title.start if d.title is not None else d.header_end
        # The signature stands before the date, both before 附注, 联系人 and 抄送.
        sender_at = d.date.start if d.date is not None else d.body_end
        date_at = d.signature[-1].end if d.signature else d.body_end
        for name, rule, offset in (
            ("doc_number", MISSING_DOC_NUMBER, title_at),
            ("title", MISSING_TITLE, d.header_end),
            ("sender", MISSING_SENDER, sender_at),
            ("signed_on", MISSING_SIGNED_ON, date_at),
        ):
            if fields[name] is None:
                raise rule.parse_error(self.reader.text, offset)


_KIND_BODY: Final = {ProposalKind.PROPOSAL: Body.CPPCC, ProposalKind.SUGGESTION: Body.NPC}


def _section_end(draft: _SectionDraft) -> int:
    end = draft.number.end
    if draft.heading is not None:
        end = max(end, draft.heading.end)
    if draft.paragraphs:
        end = max(end, draft.paragraphs[-1].end)
    if draft.children:
        end = max(end, _section_end(draft.children[-1]))
    return end


def parse_reply(text: str, *, strict: bool = False) -> Reply:
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

    Returns:
        The reply.  Paragraphs between the opening and the first heading
        follow the opening in ``reply.opening``, one a line.

    Raises:
        ParseError: ``letter.not_a_letter`` for text that is no reply letter,
            ``letter.no_recipient`` and ``letter.no_body`` for a letter
            without its addressee or its body, and in strict mode the codes
            above.  Never any other exception, whatever the input.

    >>> letter = "李红委员：\\n您提出的第0312号建议收悉。\\n2021年4月27日"
    >>> parse_reply(letter).signed_on
    Date(2021, 4, 27)
    >>> parse_reply(letter, strict=True)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ParseError: line 1, column 1: The letter has no document number (发文字号).
    """
    if not isinstance(text, str):
        raise NOT_A_LETTER.parse_error(
            "", 0, reason=f"{type(text).__name__} is not text", reason_zh="输入不是文字"
        )
    reader = _Reader(text)
    reader.read()
    return _Builder(reader).build(strict=strict)


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
        line = _Line(0, 0, first, _fold_width(first), _fold_detect(first))
        found = _proposal_title_in(_Joined([(line, 0)]))
        if found is not None:
            return found.text
    return None

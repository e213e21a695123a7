"""
Folding text for reading: width, invisible characters and traditional forms, in one place.

Three foldings, each 1:1 per character (so offsets survive) but `canonical`:

- `fold_wide`: the NFKC foldings that keep one character (full-width forms,
  vertical and small forms, Kangxi radicals, CJK compatibility ideographs);
- `fold_detect`: the same plus a table of traditional characters mapped to
  simplified ones, for finding words (values keep what the text wrote);
- `canonical`: the normal full-width form values are stored in.

>>> canonical("(一)加强顶层设计:1,200元 ")
'（一）加强顶层设计：1,200元'
>>> fold_detect("答覆") == "答复"
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from gxai_policy.values._blanks import INVISIBLE

# No __all__: nothing here is public (the docs list what an __all__ names).


# Phonetic glosses mirror sites insert after each character: 會(huì)議(yì).
# Pinyin with a tone mark or a tone digit, in brackets, right after a Han character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_GLOSS = (
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]"
    rf"(?:[a-zü]{{0,6}}[{_TONED}][a-zü{_TONED}]{{0,6}}|[a-zü]{{1,6}}[1-5])[)）]"
)
GLOSS: Final = re.compile(_GLOSS)
# A bracket before a small Latin letter: rare, and a tenth of GLOSS's cost to find.
_GLOSS_HINT: Final = re.compile(r"\([a-zà-üā-ǜǹḿ]")
#: Blanks, invisible characters and phonetic glosses: what detection drops.
GAP_OR_GLOSS: Final = re.compile(rf"[\s{INVISIBLE}]+|{_GLOSS}")

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
    # compatibility ideographs (both common in text taken from PDFs), and
    # the superscripts and letterlike symbols a value's NFKC folds (a ² read
    # as 2 must be detected as 2 too, or the written value reads back as
    # something else).  Nothing beyond the BMP: one astral character in the
    # folding pattern's class makes finding what to fold 150 times slower.
    for first, last in (
        (0x00A0, 0x00FF),
        (0x2070, 0x209F),
        (0x2100, 0x214F),
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


class Fold:
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
        chars = "[" + "".join(map(re.escape, self._chars)) + "]"
        # ``[…][…]*``, not ``[…]+``: a pattern that starts with a class is
        # searched for by the class alone, 1.5 times faster on a letter.
        self._pattern = re.compile(chars + chars + "*")
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


WIDTH: Final = _width_table()
fold_wide: Final = Fold(WIDTH)
fold_detect: Final = Fold(WIDTH | {ord(pair[0]): pair[1] for pair in _TRADITIONAL_PAIRS.split()})
_INVISIBLE_CHARS: Final = re.compile(f"[{INVISIBLE}]+")

_ASCII_PUNCT: Final = re.compile(r"[,:;!?()]")
# ASCII but its blanks (those str.isspace() takes): what `_ascii_word` accepts.
_ASCII_WORD = r"\x00-\x08\x0e-\x1b!-\x7f"
_MARK_BETWEEN_WORDS: Final = re.compile(rf"[{_ASCII_WORD}][,:;!?()](?=[{_ASCII_WORD}])")
FULL_WIDTH: Final = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def canonical(text: str) -> str:
    """
    The normal full-width form of *text*, the form values are stored in.

    NFKC first (so a copy and its NFKC-folded twin agree), phonetic glosses
    (``會(huì)``) dropped, then the Chinese punctuation NFKC folds to ASCII
    back to full width, unless the mark sits between two ASCII characters
    (``1,200``, ``http://``).  Invisible characters are dropped, ``...`` is
    ``…``, ends are stripped.

    >>> canonical("(一)加强顶层设计:1,200元 ")
    '（一）加强顶层设计：1,200元'
    >>> canonical("會(huì)議(yì)")
    '會議'
    """
    return canonical_of_wide(fold_wide(text))


def canonical_of_wide(wide: str, *, glossed: bool = True) -> str:
    """
    `canonical` of text already folded by `fold_wide`, as a `_Line` keeps it.
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
    if "..." in folded:
        folded = folded.replace("...", "…")
    # A reader that found no gloss in the whole text says so: no search a value.
    if glossed and "(" in folded and _GLOSS_HINT.search(folded) is not None:
        folded = GLOSS.sub("", folded)
    if _ASCII_PUNCT.search(folded) is None:
        # Most values of a letter: no ASCII mark to turn back (one search, not seven replaces).
        return folded.strip()
    if _MARK_BETWEEN_WORDS.search(folded) is None:
        # Most text: every mark goes back to full width, without a call per mark.
        for mark, full in FULL_WIDTH.items():
            folded = folded.replace(mark, full)
        return folded.strip()

    def restore(match: re.Match[str]) -> str:
        i = match.start()
        before = folded[i - 1] if i > 0 else " "
        after = folded[i + 1] if i + 1 < len(folded) else " "
        if _ascii_word(before) and _ascii_word(after):
            return match.group()
        return FULL_WIDTH[match.group()]

    return _ASCII_PUNCT.sub(restore, folded).strip()

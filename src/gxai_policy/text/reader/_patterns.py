"""
The patterns the reader looks for, and the tests built on them.

Every pattern runs on a line's folded form (``_Line.det``: no blanks, ASCII
punctuation, simplified characters) and is bounded: no quantifier over
unbounded text is nested, and each is tried at a bounded number of places.
"""

from __future__ import annotations

import re
from typing import Final

from gxai_policy.errors import ValidationError
from gxai_policy.values.identifiers import DocumentNumber
from gxai_policy.values.numerals import lazy_pattern

_ZH_NUM = "一二三四五六七八九十百零〇两"
# A level-2 marker that lost its opening bracket and number: ``)加强顶层设计``.
_BARE_CLOSE: Final = re.compile(r"\)(?=[^)0-9])")
_MARKERS: Final = (
    (1, re.compile(rf"[{_ZH_NUM}]{{1,4}}[、.]")),
    (2, re.compile(rf"\([{_ZH_NUM}]{{1,4}}\)|[\u3220-\u3229]")),
    (3, re.compile(r"[0-9]{1,2}[.、](?![0-9])")),
    (4, re.compile(r"\([0-9]{1,2}\)|[0-9]{1,2}\)(?![0-9])|[\u2474-\u2487]")),
)
# What a marker starts with: most lines fail this one test, not four patterns.
_MARKER_STARTS: Final = frozenset(
    _ZH_NUM + "(0123456789" + "".join(map(chr, [*range(0x3220, 0x322A), *range(0x2474, 0x2488)]))
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
_BREADCRUMB: Final = re.compile(r"当前位置|您现在的位置|您的位置|首页(?:>|»|›|/|\||$)|[^>]{0,40}>")
# Page metadata between a headline and the letter: labelled rows (``[ 发文字号 ]``,
# ``来源：…``), pipe-separated form rows, bylines.
_META_LABEL: Final = re.compile(
    rf"[\[【(]?(?P<label>{_LABELS}|提案编号|建议编号|编号|案由|提案人|领衔人|附议人|承办单位"
    r"|办理单位|主办单位|会办单位|分类|类别)[\]】)]?(?::|$)"
)
_META_FIELD: Final = re.compile(rf"(?P<label>{_LABELS}):(?P<value>[^|]{{1,60}})")
# The labels whose value is the issuing organ or the 发文字号.
_ISSUER_LABELS: Final = frozenset({"发布机构", "发文机关", "来源", "信息来源"})
_NUMBER_LABELS: Final = frozenset({"文号", "发文字号", "字号"})
# A headline's own metadata, on its line: ``关于…的答复 发布时间：2023-06-12``.
_TITLE_META: Final = re.compile(
    r"(?:发布时间|发布日期|日期|时间|来源|信息来源|浏览次数|点击数|阅读次数|字号|作者):"
    r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}"
)
# ``南宁市科学技术局关于…的答复``: the organ a GB/T 9704 headline names first.
_HEADLINE_ORGAN: Final = re.compile(r"(?P<organ>[\u4e00-\u9fff()]{2,40}?)关于")
_LETTERHEAD_SUFFIX: Final = re.compile(r"(?:文件|公函|函)$")
_DOC_LABEL: Final = re.compile(r"[\[【(]?(?:发文字号|文号|字号)[\]】)]?:?")
_SIGNER: Final = re.compile(r"签发人:?[\u4e00-\u9fff]{1,8}$")
_GREETING: Final = re.compile(r"(?:您好|你好|您们好|你们好)[!,.]?")
_HONORIFIC: Final = re.compile(r"尊敬的")
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
# A footnote or citation mark may follow the date: 二〇二三年六月五日[2].
# (Superscript digits are detected as digits: one digit after the date is a mark.)
_FOOTNOTE = r"(?:\[[0-9]{1,3}\]|\([0-9]{1,3}\)|\^[0-9]{1,3}|[\u2460-\u2473]|[0-9])"
_DATE_LINE: Final = re.compile(rf"(?P<pre>.{{0,40}}?)(?P<date>{_DATE}){_FOOTNOTE}?")
# 40 characters, the longest date (二〇二一年十二月三十一日) and a mark ([123]).
_DATE_LINE_MAX: Final = 40 + 13 + 5
# What a date line ends with: a date (日, 号, a digit) or a mark.  A line ending
# otherwise is spared trying the date at 40 places.
_DATE_LINE_ENDS: Final = frozenset("日号0123456789])") | {chr(cp) for cp in range(0x2460, 0x2474)}
# Markup a page or a converter leaves after the letter: ![](…), a lone |, ---, <br>.
# Every piece of markup starts with one of these: a cheap test before the pattern.
_MARKUP_STARTS: Final = frozenset("![|-*_=<")
_MARKUP: Final = re.compile(
    r"(?:!?\[[^\[\]]{0,80}\]\([^()]{0,300}\)|\|+|[-*_=]{3,}|<[^<>]{1,80}>)+"
)
# 领导署名：李国强, 签发领导：…: the leader's signature above the organ's.
_LEADER: Final = re.compile(r"(?:领导署名|签发领导|领导签发|签发人|签发)[:]?(?P<name>.{1,16})")
_ORGAN_SUFFIXES: Final = (
    "厅|局|委|院|馆|署|部|所|处|办|司|行|会|站|队|社|团|校|中心"
    "|政府|公司|集团|大学|学院|办公室|文件"
)
_ORGAN: Final = re.compile(
    rf"[\u4e00-\u9fff()]{{1,40}}?(?:{_ORGAN_SUFFIXES})(?:\((?:代章|盖章|章|印)\))?"
)
# An organ's name ends with a suffix's last character or a seal's bracket:
# most lines fail on their last character, before the pattern tries 40 places.
_ORGAN_ENDS: Final = frozenset(suffix[-1] for suffix in _ORGAN_SUFFIXES.split("|")) | {")"}
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
_CONTACT: Final = re.compile(
    r"\(?(?:联系人|联系电话|电话|经办人|承办人|联系方式|手机|传真|邮箱|联系单位|联系部门|联系处室)"
)
# The name stops where the next label (联系电话, 电话, 手机) starts on the same line.
_CONTACT_NAME: Final = re.compile(
    r"(?:联系人(?:及(?:联系)?电话)?|经办人|承办人|联系(?:单位|部门|处室)(?:及(?:联系)?电话)?)"
    r":?((?:(?!联系|电话|手机|办公)[^,;:()电0-9]){1,20})"
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
    r"|以上(?:意见|答复|情况|回复)[^。!?]{0,16}(?:参考|指导|批评指正|指正)"
    r"|(?:请|如|烦请|敬请|恳请)[^。!?]{0,40}(?:反馈表|征询意见表|意见征询表|满意度测评表)"
    r"|(?:衷心|非常|再次|诚挚)?感谢[^。!?]{0,60}(?:关心|关注|支持|理解|帮助|指导)"
    r"|欢迎[^。!?]{0,40}(?:提出|批评|指导|监督|意见)|顺颂|祝[^。!?]{0,10}(?:工作顺利|身体健康)"
)
_TRAILING_CLOSING: Final = re.compile(
    r"(?<=[。!?])(?:(?:特此|专此)(?:函复|答复|回复)|此复|(?:衷心|非常|再次|诚挚)?感谢"
    r"[^。!?]{0,60}(?:关心|关注|支持|理解|帮助|指导)[^。!?]{0,20})[。!]?$"
)

_PROPOSAL_BEFORE: Final = re.compile(
    r"第(?P<num>[0-9]{1,12})号[^,。;:第号]{0,8}?(?P<kind>提案|建议|议案)"
)
_PROPOSAL_AFTER: Final = re.compile(
    r"(?P<kind>提案|建议|议案)》?\(?(?:第|编号:?|号:?)(?P<num>[0-9]{1,12})号?"
)
_KIND_WORD: Final = re.compile(r"提案|建议|议案")
# ``提案编号：13020057`` (a form field), ``编号:13020057``.
_NUMBER_FIELD: Final = re.compile(
    r"(?:^|\|)(?P<kind>提案|建议|议案)?编号[:|]?(?P<num>[0-9]{4,12})(?![0-9])"
)
_YEAR_BEFORE: Final = re.compile(r"(?P<year>(?:19|20)[0-9]{2})年度?$")
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
_PROPOSAL_TITLE: Final = re.compile(r"提出的(关于[^《》。;]{1,120}?的(?:提案|建议|议案))")
_QUOTED_TITLE: Final = re.compile(r"“([^“”]{2,200})”")
_INTRODUCES_TITLE: Final = re.compile(r"(?:提出|提交|所提|领衔)的?$")


def _marker(det: str, a: int = 0) -> tuple[int, int] | None:
    """
    The heading level (1–4) and the end of the marker ``det[a:]`` starts with.
    """
    if det[a : a + 1] not in _MARKER_STARTS:
        return None
    for level, pattern in _MARKERS:
        m = pattern.match(det, a)
        if m is not None:
            return level, m.end()
    return None


def _has_bracketed_year(det: str) -> bool:
    """
    Whether ``_BRACKETED_YEAR`` is in *det*: most paragraphs hold none of its brackets,
    which `in` rules out at C speed (the pattern tests each character against five).
    """
    return (
        "(" in det or "〔" in det or "[" in det or "【" in det or "〖" in det
    ) and _BRACKETED_YEAR.search(det) is not None


def _is_markup(det: str) -> bool:
    return det[:1] in _MARKUP_STARTS and _MARKUP.fullmatch(det) is not None


def _is_end_furniture(det: str) -> bool:
    return (_END_FURNITURE.match(det) is not None) or (
        len(det) < 200
        # The two _ANYWHERE_FURNITURE_ENDS, each found by `in` at C speed (a
        # class of two characters is searched for 9 times slower).
        and ("备" in det or "证" in det)
        and _ANYWHERE_FURNITURE.search(det) is not None
    )


def _is_furniture(det: str) -> bool:
    return _is_end_furniture(det) or _LEAD_FURNITURE.match(det) is not None


def _is_organ(det: str) -> bool:
    return len(det) <= 40 and det[-1:] in _ORGAN_ENDS and _ORGAN.fullmatch(det) is not None


def _date_line(det: str) -> re.Match[str] | None:
    """
    ``_DATE_LINE`` matched to the whole of *det*; its length and last character tested first.
    """
    if len(det) > _DATE_LINE_MAX or det[-1:] not in _DATE_LINE_ENDS:
        return None
    return _DATE_LINE.fullmatch(det)


def _is_title_like(det: str) -> bool:
    return _TITLE_START.match(det) is not None or _TITLE_WORD.search(det) is not None


def _recipient_like(det: str) -> bool:
    """
    Whether a line right before the opening reads as the recipient (主送机关).
    """
    if not 2 <= len(det) <= 60 or _SENTENCE_END.search(det) or _marker(det):
        return False
    if _is_furniture(det) or _DOC_LINE.fullmatch(det) or _date_line(det):
        return False
    if _META_LABEL.fullmatch(det) or _BARE_CLOSE.match(det):
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

"""
Payloads for the benchmarks: valid wire-form Enterprises and Replies, reproducibly.

Every payload is in gxai_policy's canonical wire form (every key present,
``sectors`` sorted, section markers normalised), so that loading it and
dumping it again gives the same JSON in all three libraries; ``run.py``
checks that before it times anything.  The generators are deterministic:
record *i* is the same on every run.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

#: The 31 characters of a USCC (GB 32100-2015), in the order of their values.
USCC_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES: Final = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS: Final = tuple(pow(3, i, 31) for i in range(17))

#: GB/T 2260 province-level codes: the first two digits of a region code.
PROVINCES: Final = frozenset(
    ("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
     "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
     "65", "71", "81", "82")
)  # fmt: skip
#: Positions 3–8 of a USCC issued by a central authority.
CENTRAL_REGION: Final = "100000"

_CITIES: Final = (
    ("450100", "南宁"),
    ("450200", "柳州"),
    ("450300", "桂林"),
    ("450400", "梧州"),
    ("450500", "北海"),
    ("450600", "防城港"),
    ("450700", "钦州"),
    ("450800", "贵港"),
    ("450900", "玉林"),
    ("451000", "百色"),
    ("451100", "贺州"),
    ("451200", "河池"),
    ("451300", "来宾"),
    ("451400", "崇左"),
)
_TRADE_NAMES: Final = ("智联", "视界", "云图", "桂芯", "八桂", "数创", "慧眼", "星火", "锐思",
                       "讯达", "博远", "南方", "天元", "华蓝", "铭泰")  # fmt: skip
_INDUSTRIES: Final = ("智能科技", "信息技术", "人工智能", "机器人", "数据科技", "智能装备",
                      "软件", "智能制造")  # fmt: skip
_SECTORS: Final = (
    "intelligent_early_warning",
    "intelligent_manufacturing",
    "smart_agriculture",
    "smart_culture_tourism",
    "smart_education",
    "smart_elderly_care",
    "smart_finance",
    "smart_healthcare",
    "smart_livelihood",
    "smart_park",
    "smart_security",
    "smart_transport",
)
_NUMERALS: Final = "一二三四五六七八九十"
_RECIPIENTS: Final = (
    "农工民主党广西区委",
    "民盟广西区委",
    "九三学社广西区委",
    "韦明委员",
    "黄丽华委员",
    "自治区政协科技界别",
)
_HEADINGS: Final = (
    ("已开展工作情况", ("加强顶层设计", "支持开展科技攻关", "创新平台建设情况", "人才队伍建设情况",
                        "人工智能企业培育情况", "改革任务落实情况")),
    ("下一步工作计划", ("强化创新平台建设", "持续开展技术攻关", "强化人才队伍建设",
                        "组织开展应用场景征集工作", "加大企业研发投入", "完善政策协同机制")),
)  # fmt: skip
_PARAGRAPH_CHARS: Final = 300


def uscc_check_character(first17: str) -> str:
    """
    The GB 32100-2015 check character of 17 USCC characters (mod 31, weights 3^(i-1)).

    >>> uscc_check_character("91450100MA5KB1XW1")
    'C'
    """
    total = sum(_USCC_VALUES[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[-total % 31]


def _uscc(i: int, region: str) -> str:
    code, n = [], (i * 2_654_435_761 + 104_729) % 31**7
    for _ in range(7):
        n, r = divmod(n, 31)
        code.append(USCC_ALPHABET[r])
    first17 = "91" + region + "MA" + "".join(code)
    return first17 + uscc_check_character(first17)


def enterprise(i: int) -> dict[str, Any]:
    """
    Enterprise number *i* in wire form: a Guangxi company, half of them certified.
    """
    city, city_name = _CITIES[i % len(_CITIES)]
    # A district (450102 …) registers some; the city stays the prefecture.
    region = city if i % 3 else city[:4] + f"{1 + i % 5:02d}"
    certified = i % 2 == 0
    year = 2016 + i % 9
    issued_on = dt.date(year, 1 + i % 12, 1 + i % 28)
    trade = _TRADE_NAMES[i % len(_TRADE_NAMES)] + _TRADE_NAMES[(i // 15) % len(_TRADE_NAMES)]
    return {
        "name": f"广西{city_name}{trade}{_INDUSTRIES[i % len(_INDUSTRIES)]}有限公司",
        "uscc": _uscc(i, region),
        "city": None if i % 5 == 4 else city,
        "is_ai": i % 4 != 3,
        "sectors": sorted({_SECTORS[(i * k) % len(_SECTORS)] for k in range(i % 4)}),
        "certificate": {
            "number": f"GR{year}45{1 + i % 999_999:06d}",
            "issued_on": issued_on.isoformat(),
        }
        if certified
        else None,
        # Provenance (schema version 2): none here, as most records have none.
        "source": None,
    }


def enterprises(n: int) -> list[dict[str, Any]]:
    """
    The first *n* enterprises.
    """
    return [enterprise(i) for i in range(n)]


def _source_text() -> str:
    # The founding letter's prose, without its line breaks: real characters,
    # punctuation and figures for the synthetic paragraphs.
    path = Path(__file__).parent.parent / "src/gxai_policy/data/2021-reply-20210143.txt"
    text = "".join(path.read_text(encoding="utf-8").split())
    return text * (1 + 2 * _PARAGRAPH_CHARS // len(text))


def _paragraphs() -> Iterator[str]:
    text = _source_text()
    span = len(text) - _PARAGRAPH_CHARS
    for i in itertools.count():
        start = (i * 211) % span
        yield text[start : start + _PARAGRAPH_CHARS].strip("，。、：；")


def _section(k: int, paragraphs: Iterator[str]) -> dict[str, Any]:
    title, headings = _HEADINGS[k]
    return {
        "number": _NUMERALS[k],
        "heading": title,
        "paragraphs": [],
        "subsections": [
            {
                "number": f"（{_NUMERALS[j]}）",
                "heading": headings[j] + "。",
                "paragraphs": [next(paragraphs)],
                "subsections": [],
            }
            for j in range(6)
        ],
    }


def reply(i: int, paragraphs: Iterator[str]) -> dict[str, Any]:
    """
    Reply number *i* in wire form: 2 sections × 6 subsections of ~300 characters.
    """
    meeting = 1 + i % 5
    year = 2017 + meeting  # the 12th Guangxi CPPCC met 2018–2022, one meeting a year
    number = f"{year}{1 + i % 999:04d}"
    return {
        "doc_number": None if i % 4 == 3 else f"桂科政字〔{year}〕{1 + i % 200}号",
        "title": f"关于自治区政协十二届{_NUMERALS[meeting - 1]}次会议第{number}号提案答复的函",
        "sender": None if i % 3 == 2 else "广西壮族自治区科学技术厅",
        "recipient": _RECIPIENTS[i % len(_RECIPIENTS)],
        "proposal": {
            "kind": "proposal",
            "session": {
                "body": "cppcc",
                "term": 12,
                "meeting": meeting,
                "level": "自治区",
                "region": None,
                "year": year,
            },
            "number": number,
            "year": None,
        },
        "opening": "贵委提出的《关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能"
        "实验区的提案》收悉，现答复如下：",
        "sections": [_section(0, paragraphs), _section(1, paragraphs)],
        "closing": "感谢您对科技工作的关心和支持。",
        "signed_on": dt.date(year, 3 + i % 6, 1 + i % 28).isoformat(),
        "category": "ABC"[i % 3] if i % 5 else None,
        "note": "此件公开发布",
        "contact": {"name": "韦工", "phone": f"0771-58{i % 10_000:04d}"},
        "cc": ["自治区政协提案委员会"],
        "attachments": [],
        "references": [
            {
                "title": "“十四五”广西新一代人工智能科技重大专项实施方案",
                "doc_number": None,
                "source": None,
            },
            {
                "title": "促进人工智能和实体经济深度融合的若干政策措施",
                "doc_number": f"桂政办发〔{year}〕{10 + i % 90}号",
                "source": None,
            },
        ],
        "spans": [],
        "source": None,
    }


def replies(n: int) -> list[dict[str, Any]]:
    """
    The first *n* replies.
    """
    paragraphs = _paragraphs()
    return [reply(i, paragraphs) for i in range(n)]


# --------------------------------------------------------------------------- shared checks
# The domain checks the pydantic and msgspec models run, written once in plain
# Python (each model module calls them from its own validator hook), so that
# both do the same work as gxai_policy's records.

_WIDTH: Final = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FIRST_CERTIFICATE_YEAR: Final = 2008
_LAST_YEAR: Final = 2100
_FIRST_DOCUMENT_YEAR: Final = 1949
_ISSUER_FORBIDDEN: Final = frozenset("〔[(【﹝〖〕])】﹞〗（）［］")
#: Levels as documents write them before 政协 or 人大.
LEVELS: Final = (
    "全国",
    "省",
    "自治区",
    "市",
    "州",
    "自治州",
    "盟",
    "县",
    "自治县",
    "旗",
    "自治旗",
    "区",
)
_GUANGXI_FIRST_YEAR: Final = {
    ("cppcc", 11): 2013,
    ("cppcc", 12): 2018,
    ("cppcc", 13): 2023,
    ("npc", 12): 2013,
    ("npc", 13): 2018,
    ("npc", 14): 2023,
}
_GUANGXI_NAMES: Final = frozenset({"广西壮族自治区", "广西自治区"})
KIND_BODY: Final = {"proposal": "cppcc", "suggestion": "npc"}

#: The wire patterns (anchored: msgspec searches, pydantic matches).
USCC_PATTERN: Final = "^[0-9A-HJ-NPQRTUWXY]{18}$"
REGION_PATTERN: Final = "^[0-9]{6}$"
CERTIFICATE_PATTERN: Final = "^GR[0-9]{12}$"
PROPOSAL_NUMBER_PATTERN: Final = "^[0-9]{1,12}$"
DOCUMENT_NUMBER_PATTERN: Final = "^[^〔〕]{1,20}〔[0-9]{4}〕[1-9][0-9]{0,5}号$"


def region_problem(code: str) -> str | None:
    """
    What is wrong with a six-digit region code, if anything.
    """
    return None if code[:2] in PROVINCES else f"{code}: no province {code[:2]}"


def uscc_problem(code: str) -> str | None:
    """
    What is wrong with 18 USCC characters, if anything: the region and the check character.
    """
    region = code[2:8]
    if region != CENTRAL_REGION and not (region.isdigit() and region[:2] in PROVINCES):
        return f"{code}: positions 3-8 are not a region code"
    expected = uscc_check_character(code[:17])
    return None if code[17] == expected else f"{code}: check character should be {expected}"


def certificate_number_problem(number: str) -> str | None:
    """
    What is wrong with ``GR`` + 12 digits as a 高企 certificate number, if anything.
    """
    if number[8:] == "000000":
        return f"{number}: serial 000000"
    if number[6:8] not in PROVINCES:
        return f"{number}: no province {number[6:8]}"
    if not _FIRST_CERTIFICATE_YEAR <= int(number[2:6]) <= _LAST_YEAR:
        return f"{number}: year outside 2008-2100"
    return None


def proposal_number_problem(number: str) -> str | None:
    """
    What is wrong with 1 to 12 digits as a proposal number: all zeros.
    """
    return None if number.strip("0") else f"{number}: all zeros"


def proposal_number_year(number: str) -> int | None:
    """
    The year of an 8-digit year-prefixed number (``20210143``), else None.
    """
    if len(number) == 8 and 1990 <= int(number[:4]) <= _LAST_YEAR:
        return int(number[:4])
    return None


def document_number_problem(text: str) -> str | None:
    """
    What is wrong with a pattern-valid 发文字号, if anything: its issuer and year.
    """
    issuer, _, rest = text.partition("〔")
    if any(ch in _ISSUER_FORBIDDEN or ch.isspace() or not ch.isprintable() for ch in issuer):
        return f"{text}: issuer code with a bracket or blank"
    if not _FIRST_DOCUMENT_YEAR <= int(rest[:4]) <= _LAST_YEAR:
        return f"{text}: year outside 1949-2100"
    return None


def known_year(
    body: str, level: str | None, term: int, meeting: int, region: str | None
) -> int | None:
    """
    The year a Guangxi CPPCC or NPC plenary meeting was held, where it is known.
    """
    if level != "自治区" or (region is not None and region not in _GUANGXI_NAMES):
        return None
    first = _GUANGXI_FIRST_YEAR.get((body, term))
    return None if first is None or not 1 <= meeting <= 5 else first + meeting - 1


def marker(value: str) -> str:
    """
    A heading marker normalised: ``一、`` → ``一``, ``(一)`` → ``（一）``, ``1、`` → ``1.``.
    """
    text = value.translate(_WIDTH).strip()
    if text.endswith(("、", ".")) and len(text) > 1:
        base = text[:-1]
        text = base + "." if base.isascii() and base.isdigit() else base
    if text.startswith("(") and text.endswith(")"):
        text = f"（{text[1:-1]}）"
    return text


def strip_title(value: str) -> str:
    """
    A title without surrounding whitespace or the 《》 that quote it as a whole.
    """
    text = value.strip()
    if text.startswith("《") and text.endswith("》"):
        depth = 0
        for i, ch in enumerate(text):
            depth += (ch == "《") - (ch == "》")
            if depth == 0:
                if i == len(text) - 1:
                    text = text[1:-1].strip()
                break
    return text


def recipient(value: str) -> str:
    """
    The addressee without the colon that follows it in the letter.
    """
    return value.strip().rstrip("：:").rstrip()


def note(value: str) -> str:
    """
    The annotation (附注) without its parentheses.
    """
    text = value.strip()
    if text[:1] in "（(" and text[-1:] in "）)" and len(text) >= 2:
        text = text[1:-1].strip()
    return text


def section_depth_problem(sections: Any, max_depth: int = 4) -> str | None:
    """
    A section nested deeper than *max_depth* levels, if any (objects with ``subsections``).
    """
    stack = [(s, 1) for s in sections]
    while stack:
        section, level = stack.pop()
        if level > max_depth:
            return f"section {section.number} at level {level}"
        stack.extend((sub, level + 1) for sub in section.subsections)
    return None


# --------------------------------------------------------------------------- invalid payloads
# One broken rule each: every library should refuse every one (run.py checks).


def bad_enterprises() -> list[tuple[str, dict[str, Any]]]:
    """
    Enterprises in wire form that each break one rule, with what they break.
    """
    good = enterprise(2)
    cert = good["certificate"]
    uscc = good["uscc"]
    other_region = "91990000" + uscc[8:17]
    wrong = "0" if uscc[17] != "0" else "1"
    return [
        ("USCC check character", good | {"uscc": uscc[:17] + wrong}),
        ("USCC region 990000", good | {"uscc": other_region + uscc_check_character(other_region)}),
        ("USCC in lower case", good | {"uscc": uscc.lower()}),
        ("USCC with the letter O", good | {"uscc": uscc[:8] + "O" + uscc[9:]}),
        ("city as an integer", good | {"city": int(good["city"])}),
        ("city in province 99", good | {"city": "990100"}),
        ("'false' for a boolean", good | {"is_ai": "false"}),
        ("1 for a boolean", good | {"is_ai": 1}),
        ("blank name", good | {"name": "  "}),
        ("null name", good | {"name": None}),
        ("missing USCC", {k: v for k, v in good.items() if k != "uscc"}),
        ("unknown key", good | {"remark": "备注"}),
        ("unknown sector", good | {"sectors": ["smart_moon"]}),
        ("sectors as a string", good | {"sectors": "smart_park"}),
        (
            "datetime for a date",
            good | {"certificate": cert | {"issued_on": "2018-03-03T10:00:00"}},
        ),
        ("impossible date", good | {"certificate": cert | {"issued_on": "2018-02-30"}}),
        (
            "certificate year ≠ issue year",
            good | {"certificate": cert | {"issued_on": "2019-03-03"}},
        ),
        ("certificate serial 000000", good | {"certificate": cert | {"number": "GR201845000000"}}),
        ("certificate year 2007", good | {"certificate": cert | {"number": "GR200745000003"}}),
        (
            "certificate from province 44",
            good
            | {"certificate": cert | {"number": cert["number"][:6] + "44" + cert["number"][8:]}},
        ),
    ]


def bad_replies() -> list[tuple[str, dict[str, Any]]]:
    """
    Replies in wire form that each break one rule, with what they break.
    """
    good = reply(3, _paragraphs())
    proposal = good["proposal"]
    session = proposal["session"]
    section = good["sections"][0]
    deep: dict[str, Any] = {"number": "（1）", "paragraphs": ["加强顶层设计。"]}
    for number in ("1.", "（一）", "一", "一"):
        deep = {"number": number, "subsections": [deep]}
    return [
        ("blank recipient", good | {"recipient": " ："}),
        ("no body", good | {"opening": None, "sections": []}),
        ("blank paragraph", good | {"sections": [section | {"paragraphs": ["　"]}]}),
        ("sections 5 deep", good | {"sections": [deep]}),
        ("blank title", good | {"title": " "}),
        ("empty reference", good | {"references": [{}]}),
        ("empty contact", good | {"contact": {}}),
        (
            "span ending before it starts",
            good | {"spans": [{"element": "/title", "start": 5, "end": 2}]},
        ),
        ("document number year 1900", good | {"doc_number": "桂科政字〔1900〕52号"}),
        ("document number serial 052", good | {"doc_number": "桂科政字〔2021〕052号"}),
        ("unknown category", good | {"category": "E"}),
        ("term 0", good | {"proposal": proposal | {"session": session | {"term": 0}}}),
        (
            "session year ≠ known year",
            good | {"proposal": proposal | {"session": session | {"year": 2030}}},
        ),
        ("suggestion at a CPPCC session", good | {"proposal": proposal | {"kind": "suggestion"}}),
        ("number year ≠ session year", good | {"proposal": proposal | {"number": "20300143"}}),
        ("all-zero proposal number", good | {"proposal": proposal | {"number": "0000"}}),
        ("paragraphs as a string", good | {"sections": [section | {"paragraphs": "正文"}]}),
        ("signed_on as a number", good | {"signed_on": 20210427}),
    ]

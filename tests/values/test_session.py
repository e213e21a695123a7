"""
Tests for sessions (届次/会次) and the known years of Guangxi's sessions.
"""

from __future__ import annotations

import contextlib
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import ValidationError
from gxai_policy.rules import RULES
from gxai_policy.strategies._dates import invalid_session_texts, sessions
from gxai_policy.values.codelists import Body
from gxai_policy.values.session import GUANGXI, Session, known_year

CPPCC, NPC = Body.CPPCC, Body.NPC


def codes_of(call, *args, **kwargs):
    """
    Call and return the codes of the ValidationError it raises (fails if it does not).
    """
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return info.value.codes


class TestParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("十二届四次", Session(CPPCC, 12, 4)),
            ("12届4次", Session(CPPCC, 12, 4)),
            ("１２届４次", Session(CPPCC, 12, 4)),
            ("第十三届人大第四次会议", Session(NPC, 13, 4)),
            ("自治区政协十二届四次会议", Session(CPPCC, 12, 4, "自治区", year=2021)),
            ("市七届人大三次会议", Session(NPC, 7, 3, "市")),
            ("省十四届人大二次会议", Session(NPC, 14, 2, "省")),
            ("政协百色市五届二次会议", Session(CPPCC, 5, 2, "市", "百色市")),
            (
                "广西壮族自治区第十三届人民代表大会第五次会议",
                Session(NPC, 13, 5, "自治区", GUANGXI, 2022),
            ),
            ("十二届全国人大五次会议", Session(NPC, 12, 5, "全国")),
            ("全国政协十三届一次会议", Session(CPPCC, 13, 1, "全国")),
            (
                "中国人民政治协商会议广西壮族自治区第十二届委员会第四次会议",
                Session(CPPCC, 12, 4, "自治区", GUANGXI, 2021),
            ),
            ("广西政协十二届四次会议", Session(CPPCC, 12, 4, "自治区", GUANGXI, 2021)),
            ("自治区 政协 十二届 四次 会议", Session(CPPCC, 12, 4, "自治区", year=2021)),
            ("2021年政协十二届四次会议", Session(CPPCC, 12, 4, year=2021)),
            ("政协百色市五届二次会议（2021年）", Session(CPPCC, 5, 2, "市", "百色市", 2021)),
            ("政协百色市五届二次会议(2021)", Session(CPPCC, 5, 2, "市", "百色市", 2021)),
            (
                "政协三江侗族自治县十届二次全体会议",
                Session(CPPCC, 10, 2, "自治县", "三江侗族自治县"),
            ),
        ],
    )
    def test_forms(self, text, expected):
        """
        Every documented form reads to its session.
        """
        assert expected == Session.parse(text)

    def test_body_defaults_to_the_cppcc(self):
        """
        Without a body written, the session is the CPPCC's.
        """
        assert CPPCC is Session.parse("十二届四次").body

    def test_default_body_can_be_chosen(self):
        """
        default_body chooses the body when the text names none, and only then.
        """
        assert (NPC, CPPCC) == (
            Session.parse("十三届五次", default_body=NPC).body,
            Session.parse("政协十三届五次会议", default_body=NPC).body,
        )

    def test_fills_the_known_year(self):
        """
        An autonomous-region session without a year gets its known year.
        """
        assert 2021 == Session.parse("自治区政协十二届四次会议").year

    def test_no_year_elsewhere(self):
        """
        Below the autonomous region, no year is made up.
        """
        assert Session.parse("政协百色市五届二次会议").year is None

    @pytest.mark.parametrize(
        "text",
        [
            "十二届",
            "四次会议",
            "",
            "政协人大十二届四次会议",
            "十二届四次四次会议",
            "十三届全国人大常委会第五次会议",
            "百色政协十二届四次会议",
            "政协十二届会议",
            "2021年政协十二届四次会议（2021年）",
            "自治区政协百色市五届二次会议",
            "政协十二届四次会议讨论",
        ],
    )
    def test_invalid(self, text):
        """
        Text that is not a session, or whose parts disagree, is refused as invalid.
        """
        assert ("session.invalid",) == codes_of(Session.parse, text)

    @pytest.mark.parametrize(
        "text", ["十二届九次", "二十一届一次", "〇届一次", "十二届〇次", "99届1次"]
    )
    def test_out_of_range(self, text):
        """
        A term outside 1–20 or a meeting outside 1–7 is refused as out of range.
        """
        assert ("session.out_of_range",) == codes_of(Session.parse, text)

    def test_year_mismatch(self):
        """
        A year that contradicts the known year is refused.
        """
        with pytest.raises(ValidationError) as info:
            Session.parse("自治区政协十二届四次会议（2020年）")

        assert [("session.year_mismatch", "/year")] == [
            (v.code, v.path) for v in info.value.violations
        ]

    def test_year_out_of_range(self):
        """
        A year outside 1900–2100 is refused as out of range.
        """
        assert ("date.out_of_range",) == codes_of(Session.parse, "政协十二届四次会议（1800年）")

    @given(sessions())
    def test_round_trip(self, session):
        """
        parse(str(x)) == x, year included.
        """
        assert session == Session.parse(str(session))

    @given(sessions())
    def test_known_year_is_filled(self, session):
        """
        A session's year is the known one wherever one is known.
        """
        known = known_year(
            session.body, session.level, session.term, session.meeting, region=session.region
        )

        assert known in (None, session.year)

    @given(invalid_session_texts())
    def test_each_rule_rejects_with_its_own_code(self, case):
        """
        Each bad text is refused with the code of the rule it breaks.
        """
        text, code = case

        assert code in codes_of(Session.parse, text)

    @given(st.text())
    def test_any_text_raises_only_validation_error(self, text):
        """
        Arbitrary text gives a session or a ValidationError, nothing else.
        """
        with contextlib.suppress(ValidationError):
            Session.parse(text)

    @given(
        st.lists(
            st.sampled_from(
                [
                    "政协",
                    "人大",
                    "届",
                    "次",
                    "会议",
                    "第",
                    "十",
                    "二",
                    "1",
                    "自治区",
                    "百色市",
                    "（",
                    "2021年",
                    "）",
                ]
            ),
            max_size=12,
        ).map("".join)
    )
    def test_session_shaped_text_raises_only_validation_error(self, text):
        """
        Text made of session words, mostly not a session, never escapes as another exception.
        """
        with contextlib.suppress(ValidationError):
            Session.parse(text)


class TestSession:
    @pytest.mark.parametrize(
        ("session", "text"),
        [
            (Session(CPPCC, 12, 4, "自治区"), "自治区政协十二届四次会议"),
            (Session(CPPCC, 5, 2, region="百色市"), "政协百色市五届二次会议"),
            (Session(CPPCC, 5, 2, region="百色市", year=2023), "政协百色市五届二次会议（2023年）"),
            (Session(CPPCC, 12, 4), "政协十二届四次会议"),
            (Session(NPC, 12, 5, "全国"), "十二届全国人大五次会议"),
            (Session(NPC, 13, 5, "自治区"), "自治区十三届人大五次会议"),
            (Session(NPC, 7, 3, "市"), "市七届人大三次会议"),
            (Session(NPC, 13, 4), "十三届人大四次会议"),
            (Session(NPC, 13, 5, region=GUANGXI), "广西壮族自治区十三届人大五次会议"),
        ],
    )
    def test_str(self, session, text):
        """
        str() writes the canonical form.
        """
        assert text == str(session)

    def test_level_is_filled_from_the_region(self):
        """
        A region names its level: 百色市 is a 市.
        """
        assert "市" == Session(CPPCC, 5, 2, region="百色市").level

    def test_year_is_filled_when_known(self):
        """
        Construction fills the known year, so that it equals what its text reads back to.
        """
        session = Session(CPPCC, 12, 4, "自治区")

        assert (2021, session) == (session.year, Session.parse(str(session)))

    def test_evolve_revalidates(self):
        """
        attrs.evolve checks the new values.
        """
        session = Session(CPPCC, 12, 4, "自治区")

        assert ("session.year_mismatch",) == codes_of(attrs.evolve, session, year=2019)

    def test_collects_every_violation(self):
        """
        Every broken rule is reported at once, each at its field.
        """
        with pytest.raises(ValidationError) as info:
            Session(CPPCC, 0, 9, "乡", year=1800)

        assert [
            ("session.out_of_range", "/term"),
            ("session.out_of_range", "/meeting"),
            ("session.invalid", "/level"),
            ("date.out_of_range", "/year"),
        ] == [(v.code, v.path) for v in info.value.violations]

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"body": "cppcc"}, "/body"),
            ({"term": "12"}, "/term"),
            ({"meeting": 4.0}, "/meeting"),
            ({"level": "乡"}, "/level"),
            ({"region": "百色"}, "/region"),
            ({"region": "Baise City"}, "/region"),
            ({"region": "五届区"}, "/region"),
            ({"region": "百色市", "level": "省"}, "/level"),
            ({"year": "2021"}, "/year"),
        ],
    )
    def test_invalid_fields(self, kwargs, path):
        """
        A field of the wrong kind is refused as invalid, at its path, never as a TypeError.
        """
        fields = {"body": CPPCC, "term": 12, "meeting": 4} | kwargs

        with pytest.raises(ValidationError) as info:
            Session(**fields)

        assert [("session.invalid", path)] == [(v.code, v.path) for v in info.value.violations]

    def test_pickles(self):
        """
        A session survives pickling.
        """
        session = Session(CPPCC, 5, 2, region="百色市", year=2023)

        assert session == pickle.loads(pickle.dumps(session))


class TestKnownYear:
    @pytest.mark.parametrize(
        ("body", "term", "meeting", "year"),
        [
            (CPPCC, 11, 1, 2013),
            (CPPCC, 11, 5, 2017),
            (CPPCC, 12, 1, 2018),
            (CPPCC, 12, 4, 2021),
            (CPPCC, 12, 5, 2022),
            (CPPCC, 13, 1, 2023),
            (CPPCC, 13, 2, 2024),
            (NPC, 12, 1, 2013),
            (NPC, 13, 1, 2018),
            (NPC, 13, 5, 2022),
            (NPC, 14, 1, 2023),
        ],
    )
    def test_guangxi(self, body, term, meeting, year):
        """
        Guangxi's sessions fall one a year from the first year of their term.
        """
        assert year == known_year(body, "自治区", term, meeting)

    @pytest.mark.parametrize(
        ("body", "level", "term", "meeting", "region"),
        [
            (CPPCC, "市", 12, 4, None),
            (CPPCC, "全国", 13, 1, None),
            (CPPCC, None, 12, 4, None),
            (CPPCC, "自治区", 12, 4, "西藏自治区"),
            (CPPCC, "自治区", 12, 6, None),
            (CPPCC, "自治区", 10, 1, None),
            (NPC, "自治区", 11, 1, None),
        ],
    )
    def test_unknown(self, body, level, term, meeting, region):
        """
        Elsewhere, or outside the terms it knows, no year is known.
        """
        assert known_year(body, level, term, meeting, region=region) is None

    def test_guangxi_by_name(self):
        """
        Naming Guangxi is the same as the autonomous-region level.
        """
        assert 2021 == known_year(CPPCC, "自治区", 12, 4, region=GUANGXI)


class TestRules:
    def test_the_rules_are_defined(self):
        """
        The module defines the three session rules.
        """
        assert {"session.invalid", "session.out_of_range", "session.year_mismatch"} == {
            c for c in RULES if c.startswith("session.")
        }

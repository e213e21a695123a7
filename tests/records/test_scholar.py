"""
Tests for gxai_policy.records.scholar: 八桂学者 and 八桂青年学者 posts.
"""

from __future__ import annotations

import pickle

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import Severity, ValidationError
from gxai_policy.records._base import CheckContext, Extras
from gxai_policy.records.scholar import Scholar, five_year_term_ends
from gxai_policy.rules import RULES
from gxai_policy.serialize import from_dict, from_json, to_dict, to_json
from gxai_policy.strategies._programmes import scholars
from gxai_policy.values.codelists import Programme
from gxai_policy.values.money import Money

CATALOGUE_AS_OF = pendulum.Date(2025, 1, 1)
SCHOLAR_CODES = sorted(code for code in RULES if code.startswith("scholar."))
BLANKS = st.sampled_from(("", " ", "\u3000", "\t\n"))
#: The AI-related 八桂学者 posts the founding letter lists.
LETTER_POSTS = (
    "机器人与智能装备",
    "智能化技术研发",
    "信息与通信工程",
    "信息与通信应用技术研发",
    "位置感知与位置服务",
    "卫星导航定位",
    "智能系统的安全理论与技术",
)
BAD_PHONES = st.sampled_from(("", "请致电办公室", "123", "0771-58865１２x", "+86 abc", "12" * 11))
BAD_EMAILS = st.sampled_from(("", "example.edu", "name@", "@example.edu", "a b@example.edu", "a@b"))


def bagui_scholars() -> st.SearchStrategy[Scholar]:
    return scholars().map(lambda s: attrs.evolve(s, programme=Programme.BAGUI_SCHOLAR))


def found(error: ValidationError) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in error.violations]


def finding_codes(scholar: Scholar, as_of: pendulum.Date | None = None) -> list[str]:
    return [v.code for v in scholar._findings(CheckContext(as_of=as_of))]


def letter_post(post: str, **changes: object) -> Scholar:
    """
    One of the letter's posts, in its term on the day of the letter's task table.
    """
    fields: dict[str, object] = {
        "programme": Programme.BAGUI_SCHOLAR,
        "post": post,
        "host": "桂林电子科技大学",
        "term_start": pendulum.Date(2019, 1, 1),
        "term_end": pendulum.Date(2023, 12, 31),
        "funding_per_year": Money.parse("60万元"),
    }
    return Scholar(**(fields | changes))


class TestScholarStrategy:
    @given(scholars())
    def test_strategy_output_constructs(self, scholar):
        """
        Every generated post is valid: constructing it again from its fields succeeds.
        """
        assert scholar == attrs.evolve(scholar)

    @given(scholars())
    def test_bagui_scholar_terms_are_five_years(self, scholar):
        """
        A generated 八桂学者 post never draws the term-length warning.
        """
        assert "scholar.term_length" not in finding_codes(scholar)


class TestScholarRules:
    @given(scholars(), BLANKS)
    def test_post_empty(self, scholar, blank):
        """
        A blank post is refused with scholar.post_empty at /post.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(scholar, post=blank)
        assert [("scholar.post_empty", "/post")] == found(info.value)

    @given(scholars(), BLANKS)
    def test_host_empty(self, scholar, blank):
        """
        A blank host unit is refused with scholar.host_empty at /host.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(scholar, host=blank)
        assert [("scholar.host_empty", "/host")] == found(info.value)

    @given(scholars(), BLANKS)
    def test_holder_empty(self, scholar, blank):
        """
        A blank holder is refused with scholar.holder_empty at /holder (None means vacant).
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(scholar, holder=blank)
        assert [("scholar.holder_empty", "/holder")] == found(info.value)

    @given(scholars(), BLANKS)
    def test_host_platform_empty(self, scholar, blank):
        """
        A blank host platform is refused with scholar.host_platform_empty at /host_platform.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(scholar, host_platform=blank)
        assert [("scholar.host_platform_empty", "/host_platform")] == found(info.value)

    @given(scholars(), st.integers(0, 3000))
    def test_term_order(self, scholar, days):
        """
        A term that ends on or before its start is refused with scholar.term_order at /term_end.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(scholar, term_end=scholar.term_start.subtract(days=days))
        assert [("scholar.term_order", "/term_end")] == found(info.value)

    @given(scholars(), BAD_PHONES)
    def test_phone_invalid(self, scholar, phone):
        """
        A phone that is no phone number is refused at /phone, without echoing it.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(scholar, phone=phone)
        (violation,) = info.value.violations
        assert (
            ("scholar.phone_invalid", "/phone"),
            False,
        ) == ((violation.code, violation.path), bool(phone) and phone in str(info.value))

    @given(scholars(), BAD_EMAILS)
    def test_email_invalid(self, scholar, email):
        """
        An e-mail address without name@domain form is refused at /email, without echoing it.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(scholar, email=email)
        (violation,) = info.value.violations
        assert (
            ("scholar.email_invalid", "/email"),
            False,
        ) == ((violation.code, violation.path), bool(email) and email in str(info.value))

    @given(scholars())
    def test_every_violation_at_once(self, scholar):
        """
        Two broken fields give two violations, in field order, in one error.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(scholar, post="", term_end=scholar.term_start)
        assert [("scholar.post_empty", "/post"), ("scholar.term_order", "/term_end")] == found(
            info.value
        )


class TestScholarFindings:
    @given(bagui_scholars(), st.sampled_from((1, 2, 3, 4, 6)))
    def test_term_length(self, scholar, years):
        """
        A 八桂学者 term of other than five years gets a scholar.term_length warning.
        """
        odd = attrs.evolve(scholar, term_end=scholar.term_start.add(years=years))
        findings = [v for v in odd._findings(CheckContext()) if v.code == "scholar.term_length"]
        assert [("/term_end", Severity.WARNING)] == [(v.path, v.severity) for v in findings]

    @given(scholars(), st.sampled_from((1, 2, 3)))
    def test_young_scholar_term_is_not_judged(self, scholar, years):
        """
        An 八桂青年学者 term is not held to five years.
        """
        young = attrs.evolve(
            scholar,
            programme=Programme.BAGUI_YOUNG_SCHOLAR,
            term_end=scholar.term_start.add(years=years),
        )
        assert "scholar.term_length" not in finding_codes(young)

    @given(bagui_scholars(), st.booleans())
    def test_both_ways_of_writing_five_years(self, scholar, anniversary):
        """
        A term ending on the eve of the fifth anniversary, or on it, is five years.
        """
        end = five_year_term_ends(scholar.term_start)[int(anniversary)]
        five = attrs.evolve(scholar, term_end=end)
        assert ("scholar.term_length" not in finding_codes(five), 5) == (True, five.term_years())

    @given(scholars(), st.integers(1, 2000))
    def test_term_ended(self, scholar, days):
        """
        A term that ended before as_of is reported as scholar.term_ended, as info.
        """
        as_of = scholar.term_end.add(days=days)
        findings = [
            v
            for v in scholar._findings(CheckContext(as_of=as_of))
            if v.code == "scholar.term_ended"
        ]
        assert [("/term_end", Severity.INFO)] == [(v.path, v.severity) for v in findings]

    @given(scholars())
    def test_term_not_ended_on_its_last_day_or_without_as_of(self, scholar):
        """
        On its last day, or with no as_of, a term is not reported as ended.
        """
        assert "scholar.term_ended" not in finding_codes(scholar, scholar.term_end)
        assert "scholar.term_ended" not in finding_codes(scholar)


class TestScholarValue:
    @given(scholars())
    def test_equal_scholars_hash_equal(self, scholar):
        """
        A post and its rebuilt copy are equal and hash equal.
        """
        copy = attrs.evolve(scholar)
        assert (scholar, hash(scholar)) == (copy, hash(copy))

    @given(scholars())
    def test_pickles(self, scholar):
        """
        A post survives pickling.
        """
        assert scholar == pickle.loads(pickle.dumps(scholar))

    @given(scholars())
    def test_dict_round_trip(self, scholar):
        """
        from_dict(Scholar, to_dict(scholar)) gives the post back.
        """
        assert scholar == from_dict(Scholar, to_dict(scholar))

    @given(scholars())
    def test_json_round_trip(self, scholar):
        """
        from_json(Scholar, to_json(scholar)) gives the post back.
        """
        assert scholar == from_json(Scholar, to_json(scholar))

    @given(scholars())
    def test_unknown_keys_kept_in_extras(self, scholar):
        """
        With unknown="report" an unknown key lands in extras and is written back.
        """
        data = to_dict(scholar) | {"团队": "智能装备创新团队"}
        loaded = from_dict(Scholar, data, unknown="report")
        assert (Extras({"团队": "智能装备创新团队"}), data) == (loaded.extras, to_dict(loaded))

    @given(scholars(), st.data())
    def test_personal_data_not_in_repr(self, scholar, data):
        """
        Neither the phone nor the e-mail address shows in repr.
        """
        phone = data.draw(st.sampled_from(("0771-3230000", "13800138000")))
        email = data.draw(st.sampled_from(("wang1@example.edu", "li22@example.org")))
        shown = repr(attrs.evolve(scholar, phone=phone, email=email))
        assert (False, False) == (phone in shown, email in shown)

    def test_funding_is_money_on_the_wire(self):
        """
        Yearly funding travels as a decimal string of yuan.
        """
        assert "600000" == to_dict(letter_post("卫星导航定位"))["funding_per_year"]


class TestScholarCatalogue:
    def test_every_rule_applies_to_scholar(self):
        """
        The module defines its rules for the public class Scholar.
        """
        assert {"Scholar"} == {RULES[code].applies_to for code in SCHOLAR_CODES}
        assert len(SCHOLAR_CODES) >= 9


class TestFoundingLetter:
    @pytest.mark.parametrize("post", LETTER_POSTS)
    def test_letter_posts_construct(self, post):
        """
        Each AI-related 八桂学者 post the letter lists constructs, with a five-year term.
        """
        scholar = letter_post(post)
        assert (post, [], True) == (
            scholar.post,
            finding_codes(scholar, pendulum.Date(2021, 4, 27)),
            scholar.is_active(pendulum.Date(2021, 4, 27)),
        )

    def test_seven_distinct_posts(self):
        """
        The letter names seven distinct posts.
        """
        assert 7 == len({letter_post(post) for post in LETTER_POSTS})

    def test_young_scholar_post(self):
        """
        The letter's plan also supports 八桂青年学者 posts, which construct alike.
        """
        young = letter_post(
            "智能化技术研发",
            programme=Programme.BAGUI_YOUNG_SCHOLAR,
            term_end=pendulum.Date(2021, 12, 31),
            funding_per_year=None,
        )
        assert (Programme.BAGUI_YOUNG_SCHOLAR, 3) == (young.programme, young.term_years())

    def test_host_platform_names_a_letter_platform(self):
        """
        A post hosted on the letter's key laboratory keeps the platform's name.
        """
        scholar = letter_post(
            "信息与通信工程", host_platform=" 广西多媒体通信与网络技术重点实验室 "
        )
        assert "广西多媒体通信与网络技术重点实验室" == scholar.host_platform

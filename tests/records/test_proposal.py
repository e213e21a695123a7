"""
Tests for gxai_policy.records.proposal: proposals, suggestions and their keys.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import Severity, ValidationError
from gxai_policy.records import proposal as proposal_module
from gxai_policy.records._base import CheckContext
from gxai_policy.records.proposal import (
    MAX_EXTENSION_MONTHS,
    TITLE_ADVISORY_LENGTH,
    Extension,
    Handler,
    Proposal,
    ProposalRef,
    Proposer,
    strip_title,
)
from gxai_policy.rules import RULES, Rule, Trigger
from gxai_policy.serialize import from_dict, from_json, to_dict, to_json
from gxai_policy.strategies._proposals import (
    extensions,
    handlers,
    handlers_tuples,
    proposal_refs,
    proposals,
    proposers,
)
from gxai_policy.values.codelists import (
    Feedback,
    HandlingRole,
    ProposalKind,
    ProposalStatus,
)
from gxai_policy.values.identifiers import ProposalNumber
from gxai_policy.values.session import Session

FOUNDING_SESSION = Session.parse("自治区政协十二届四次会议")
FOUNDING_TITLE = "关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案"
FOUNDING_REF = "自治区政协十二届四次会议第20210143号提案"
MOST = Handler("自治区科学技术厅", HandlingRole.LEAD)
# The rules this module defines; other modules (deadlines, the text reader) add
# proposal.* rules of their own, tested where they are defined.
PROPOSAL_CODES = sorted(v.code for v in vars(proposal_module).values() if isinstance(v, Rule))
BLANKS = st.sampled_from(("", " ", "\u3000", "\t\n"))
UNIT_PAIRS = st.permutations(("自治区科学技术厅", "自治区工业和信息化厅", "自治区大数据发展局"))
DAYS = st.integers(1, 120)

ASSIGNED = (ProposalStatus.ASSIGNED, ProposalStatus.REPLIED, ProposalStatus.CLOSED)
ANSWERED = (ProposalStatus.REPLIED, ProposalStatus.CLOSED)
UNANSWERED = [s for s in ProposalStatus if s not in ANSWERED]
ASSIGNED_PROPOSALS = st.one_of(*(proposals(status=s) for s in ASSIGNED))
ANSWERED_PROPOSALS = st.one_of(*(proposals(status=s) for s in ANSWERED))
UNANSWERED_PROPOSALS = st.one_of(*(proposals(status=s) for s in UNANSWERED))
OPEN_PROPOSALS = st.one_of(
    *(proposals(status=s) for s in ProposalStatus if s is not ProposalStatus.RETURNED)
)


def founding_proposal(**changes: Any) -> Proposal:
    """
    Proposal No. 20210143 of the 4th session of the 12th Guangxi CPPCC, as the letter tells it.
    """
    fields: dict[str, Any] = {
        "kind": ProposalKind.PROPOSAL,
        "session": FOUNDING_SESSION,
        "number": ProposalNumber("20210143"),
        "title": FOUNDING_TITLE,
        "proposers": (Proposer("农工民主党广西区委", is_body=True),),
        "submitted_on": pendulum.Date(2021, 1, 20),
        "handlers": (MOST,),
        "status": ProposalStatus.ASSIGNED,
        "assigned_on": pendulum.Date(2021, 3, 1),
    }
    fields.update(changes)
    return Proposal(**fields)


def found(build: Callable[[], object]) -> list[tuple[str, str]]:
    """
    The (code, path) pairs of the ValidationError that *build* raises.
    """
    with pytest.raises(ValidationError) as info:
        build()
    return [(v.code, v.path) for v in info.value.violations]


def finding_codes(proposal: Proposal) -> list[str]:
    return [v.code for v in proposal._findings(CheckContext())]


class TestProposer:
    @given(proposers())
    def test_strategy_output_constructs(self, proposer):
        """
        Every proposer the strategy draws constructs again from its fields.
        """
        assert proposer == Proposer(proposer.name, is_body=proposer.is_body)

    def test_name_is_stripped(self):
        """
        Whitespace around a proposer's name is dropped.
        """
        assert "黄志强" == Proposer("\u3000黄志强 ").name

    @given(proposers(), BLANKS)
    def test_blank_name_is_refused(self, proposer, blank):
        """
        A blank name is refused with proposal.proposer_name_empty at /name.
        """
        assert [("proposal.proposer_name_empty", "/name")] == found(
            lambda: attrs.evolve(proposer, name=blank)
        )


class TestHandler:
    @given(handlers())
    def test_strategy_output_constructs(self, handler):
        """
        Every handler the strategy draws constructs again from its fields.
        """
        assert handler == Handler(handler.unit, handler.role)

    @given(handlers(), BLANKS)
    def test_blank_unit_is_refused(self, handler, blank):
        """
        A blank unit is refused with proposal.handler_unit_empty at /unit.
        """
        assert [("proposal.handler_unit_empty", "/unit")] == found(
            lambda: attrs.evolve(handler, unit=blank)
        )


class TestExtension:
    @given(extensions())
    def test_strategy_output_constructs(self, extension):
        """
        Every extension the strategy draws runs past the day it was granted.
        """
        assert extension == attrs.evolve(extension)
        assert extension.until > extension.granted_on

    @given(extensions(), st.integers(0, 60))
    def test_until_not_after_granted_is_refused(self, extension, days):
        """
        An extension running until its grant day or earlier is refused at /until.
        """
        until = extension.granted_on.subtract(days=days)
        assert [("proposal.extension_order", "/until")] == found(
            lambda: attrs.evolve(extension, until=until)
        )


@st.composite
def partial_refs(draw: st.DrawFn) -> ProposalRef:
    """
    References as letters give them: the session, the number or both may be left out.

    A reference without its session may keep the session's year.
    """
    ref = draw(proposal_refs())
    session = ref.session if draw(st.booleans()) else None
    number = ref.number if draw(st.booleans()) else None
    year = None
    if session is None and draw(st.booleans()):
        year = ref.session.year
        if number is not None and number.year is not None:
            year = number.year
    return ProposalRef(kind=ref.kind, session=session, number=number, year=year)


class TestProposalRef:
    @given(proposal_refs())
    def test_str_parses_back(self, ref):
        """
        A reference reads back from its str().
        """
        assert ref == ProposalRef.parse(str(ref))

    @given(partial_refs())
    def test_partial_str_parses_back(self, ref):
        """
        A reference that leaves out its session, its number or both reads back from its str().
        """
        assert ref == ProposalRef.parse(str(ref))

    @given(partial_refs())
    def test_partial_round_trips_through_the_wire(self, ref):
        """
        A partial reference loads back from its dict.
        """
        assert ref == from_dict(ProposalRef, to_dict(ref))

    @given(partial_refs())
    def test_missing_parts_are_the_none_ones(self, ref):
        """
        missing_parts names exactly the parts that are None, and is_complete says none is.
        """
        missing = tuple(name for name in ("session", "number") if getattr(ref, name) is None)

        assert (missing, not missing) == (ref.missing_parts(), ref.is_complete)

    @given(proposal_refs())
    def test_round_trips_through_the_wire(self, ref):
        """
        A reference loads back from its dict.
        """
        assert ref == from_dict(ProposalRef, to_dict(ref))

    def test_founding_reference(self):
        """
        The founding letter's reference reads as a CPPCC proposal of 2021.
        """
        ref = ProposalRef.parse(FOUNDING_REF)

        assert (ProposalKind.PROPOSAL, 2021, "20210143") == (
            ref.kind,
            ref.session.year,
            str(ref.number),
        )
        assert f"<ProposalRef {FOUNDING_REF}>" == repr(ref)

    def test_parse_tolerates_width_and_spaces(self):
        """
        Full-width digits and stray spaces read as the canonical reference.
        """
        assert FOUNDING_REF == str(
            ProposalRef.parse(" 自治区政协 十二届四次会议第２０２１０１４３号 提案 ")
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("第20210143号", [("proposal.ref_invalid", "")]),
            ("自治区政协十二届四次会议第0312号提案2021", [("proposal.ref_invalid", "")]),
            ("自治区政协十二届四次会议20210143", [("proposal.ref_invalid", "")]),
            (
                "自治区政协十二届九次会议第0312号提案",
                [("session.out_of_range", "/session/meeting")],
            ),
            ("自治区政协十二届四次会议第0000号提案", [("proposal_number.invalid", "/number")]),
            (
                "自治区政协十二届四次会议第20200143号提案",
                [("proposal.number_year_mismatch", "/number")],
            ),
            ("自治区政协十二届四次会议第0312号建议", [("proposal.kind_mismatch", "/kind")]),
        ],
    )
    def test_parse_refuses_with_a_code(self, text, expected):
        """
        Text that is no valid reference is refused with the code of what is wrong.
        """
        assert expected == found(lambda: ProposalRef.parse(text))

    @given(proposal_refs())
    def test_kind_must_fit_the_session(self, ref):
        """
        A reference whose kind belongs to the other body is refused at /kind.
        """
        other = next(k for k in ProposalKind if k is not ref.kind)
        assert [("proposal.kind_mismatch", "/kind")] == found(lambda: attrs.evolve(ref, kind=other))


class TestProposal:
    @given(proposals())
    def test_strategy_output_constructs(self, proposal):
        """
        Every proposal the strategy draws constructs again from its fields.
        """
        assert proposal == attrs.evolve(proposal)

    @given(
        st.sampled_from(ProposalStatus).flatmap(
            lambda s: st.tuples(st.just(s), proposals(status=s))
        )
    )
    def test_strategy_honours_status(self, drawn):
        """
        proposals(status=...) draws only proposals with that status.
        """
        status, proposal = drawn
        assert status is proposal.status

    @given(proposals())
    def test_ref_is_the_key(self, proposal):
        """
        A proposal's ref carries its kind, session and number.
        """
        assert (proposal.kind, proposal.session, proposal.number) == (
            proposal.ref.kind,
            proposal.ref.session,
            proposal.ref.number,
        )

    @given(proposals())
    def test_equal_proposals_hash_equal(self, proposal):
        """
        A proposal loaded back from its dict is equal and hashes equal.
        """
        copy = from_dict(Proposal, to_dict(proposal))
        assert (proposal, hash(proposal)) == (copy, hash(copy))

    @given(proposals())
    def test_pickles(self, proposal):
        """
        A proposal survives pickling.
        """
        assert proposal == pickle.loads(pickle.dumps(proposal))

    @given(proposals())
    def test_round_trips_through_dicts(self, proposal):
        """
        from_dict(to_dict(x)) gives x back.
        """
        assert proposal == from_dict(Proposal, to_dict(proposal))

    @given(proposals())
    def test_round_trips_through_json(self, proposal):
        """
        from_json(to_json(x)) gives x back.
        """
        assert proposal == from_json(Proposal, to_json(proposal))

    # --- each rule with its own code and path

    @given(proposals(), st.one_of(BLANKS, st.just("《 》")))
    def test_blank_title_is_refused(self, proposal, blank):
        """
        A blank title, or empty title marks, is refused at /title.
        """
        assert [("proposal.title_empty", "/title")] == found(
            lambda: attrs.evolve(proposal, title=blank)
        )

    @given(proposals())
    def test_no_proposer_is_refused(self, proposal):
        """
        A proposal without proposers is refused at /proposers.
        """
        assert [("proposal.no_proposer", "/proposers")] == found(
            lambda: attrs.evolve(proposal, proposers=())
        )

    @given(proposals(), proposers(body=False))
    def test_duplicate_proposer_is_refused(self, proposal, member):
        """
        A member signing twice is refused at the second signature.
        """
        assert [("proposal.proposer_duplicate", "/proposers/1")] == found(
            lambda: attrs.evolve(proposal, proposers=(member, member))
        )

    @given(proposals(), proposers(body=True), proposers(body=False))
    def test_body_with_others_is_refused(self, proposal, body, member):
        """
        A body listed with a member is refused at the body's place.
        """
        assert [("proposal.body_with_others", "/proposers/1")] == found(
            lambda: attrs.evolve(proposal, proposers=(member, body))
        )

    @given(
        OPEN_PROPOSALS,
        UNIT_PAIRS,
        st.sampled_from(
            [
                (HandlingRole.CO,),
                (HandlingRole.MERGED, HandlingRole.SEPARATE),
                (HandlingRole.LEAD, HandlingRole.LEAD),
                (HandlingRole.SEPARATE, HandlingRole.CO, HandlingRole.SEPARATE),
            ]
        ),
    )
    def test_lead_count_other_than_one_is_refused(self, proposal, units, roles):
        """
        No lead, or two, among handlers that do not all reply separately is refused at /handlers.
        """
        handlers = tuple(Handler(u, r) for u, r in zip(units, roles, strict=False))
        assert [("proposal.lead_count", "/handlers")] == found(
            lambda: attrs.evolve(proposal, handlers=handlers)
        )

    @given(st.integers(1, 3))
    def test_separate_handlers_need_no_lead(self, count):
        """
        Handlers that all reply separately (分办) need no lead.
        """
        units = ("自治区科学技术厅", "自治区工业和信息化厅", "自治区大数据发展局")[:count]
        handlers = tuple(Handler(u, HandlingRole.SEPARATE) for u in units)
        assert handlers == founding_proposal(handlers=handlers).handlers

    @given(OPEN_PROPOSALS, UNIT_PAIRS, st.sampled_from([HandlingRole.CO, HandlingRole.SEPARATE]))
    def test_sole_handler_with_others_is_refused(self, proposal, units, role):
        """
        A sole handler (独办) beside another unit is refused at its role.
        """
        handlers = (Handler(units[0], HandlingRole.SOLE), Handler(units[1], role))
        assert [("proposal.sole_not_alone", "/handlers/0/role")] == found(
            lambda: attrs.evolve(proposal, handlers=handlers)
        )

    @given(OPEN_PROPOSALS, UNIT_PAIRS)
    def test_duplicate_handler_is_refused(self, proposal, units):
        """
        A unit listed twice is refused at the second listing.
        """
        handlers = (Handler(units[0], HandlingRole.LEAD), Handler(units[0], HandlingRole.CO))
        assert [("proposal.handler_duplicate", "/handlers/1/unit")] == found(
            lambda: attrs.evolve(proposal, handlers=handlers)
        )

    @given(
        proposals(),
        st.integers(1990, 2099).map(lambda y: y if y < 2021 else y + 1),
        st.integers(1, 9999),
    )
    def test_number_of_another_year_is_refused(self, proposal, year, serial):
        """
        A year-prefixed number of another year than the session's is refused at /number.
        """
        number = ProposalNumber(f"{year}{serial:04d}")
        assert [("proposal.number_year_mismatch", "/number")] == found(
            lambda: attrs.evolve(
                proposal, kind=ProposalKind.PROPOSAL, session=FOUNDING_SESSION, number=number
            )
        )

    @given(proposals())
    def test_kind_of_the_other_body_is_refused(self, proposal):
        """
        A suggestion at a CPPCC session, or a proposal at an NPC one, is refused at /kind.
        """
        other = next(k for k in ProposalKind if k is not proposal.kind)
        assert [("proposal.kind_mismatch", "/kind")] == found(
            lambda: attrs.evolve(proposal, kind=other)
        )

    @given(ASSIGNED_PROPOSALS)
    def test_assigned_without_date_is_refused(self, proposal):
        """
        An assigned, replied or closed proposal without assigned_on is refused there.
        """
        assert [("proposal.assigned_on_missing", "/assigned_on")] == found(
            lambda: attrs.evolve(proposal, assigned_on=None, extension=None)
        )

    @given(ASSIGNED_PROPOSALS)
    def test_assigned_without_handlers_is_refused(self, proposal):
        """
        An assigned, replied or closed proposal without handlers is refused at /handlers.
        """
        assert [("proposal.handlers_missing", "/handlers")] == found(
            lambda: attrs.evolve(proposal, handlers=())
        )

    @given(ANSWERED_PROPOSALS)
    def test_replied_without_date_is_refused(self, proposal):
        """
        A replied or closed proposal without replied_on is refused there.
        """
        assert [("proposal.replied_on_missing", "/replied_on")] == found(
            lambda: attrs.evolve(proposal, replied_on=None)
        )

    @given(ANSWERED_PROPOSALS, DAYS)
    def test_reply_before_assignment_is_refused(self, proposal, days):
        """
        A reply dated before the assignment is refused at /replied_on.
        """
        replied_on = proposal.assigned_on.subtract(days=days)
        assert [("proposal.date_order", "/replied_on")] == found(
            lambda: attrs.evolve(proposal, replied_on=replied_on)
        )

    @given(ASSIGNED_PROPOSALS, DAYS)
    def test_assignment_before_submission_is_refused(self, proposal, days):
        """
        An assignment dated before the submission is refused at /assigned_on.
        """
        submitted_on = proposal.assigned_on.add(days=days)
        replied_on = None if proposal.replied_on is None else submitted_on.add(days=days)
        assert [("proposal.date_order", "/assigned_on")] == found(
            lambda: attrs.evolve(proposal, submitted_on=submitted_on, replied_on=replied_on)
        )

    @given(proposals(status=ProposalStatus.SUBMITTED), extensions())
    def test_extension_without_assignment_is_refused(self, proposal, extension):
        """
        An extension on a proposal never assigned is refused at /extension.
        """
        assert [("proposal.extension_unassigned", "/extension")] == found(
            lambda: attrs.evolve(proposal, extension=extension)
        )

    @given(ASSIGNED_PROPOSALS, DAYS)
    def test_extension_before_assignment_is_refused(self, proposal, days):
        """
        An extension granted before the assignment is refused at its granted_on.
        """
        extension = Extension(
            proposal.assigned_on.subtract(days=days), proposal.assigned_on.add(months=1)
        )
        assert [("proposal.extension_early", "/extension/granted_on")] == found(
            lambda: attrs.evolve(proposal, extension=extension)
        )

    @given(ASSIGNED_PROPOSALS, DAYS)
    def test_extension_beyond_six_months_is_refused(self, proposal, days):
        """
        An extension running past six months after the assignment is refused at its until.
        """
        limit = proposal.assigned_on.add(months=MAX_EXTENSION_MONTHS)
        extension = Extension(proposal.assigned_on, limit.add(days=days))
        assert [("proposal.extension_until", "/extension/until")] == found(
            lambda: attrs.evolve(proposal, extension=extension)
        )

    def test_extension_may_run_exactly_six_months(self):
        """
        An extension until six months after 交办 to the day is allowed.
        """
        extension = Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 9, 1))
        assert extension == founding_proposal(extension=extension).extension

    def test_extension_ending_at_assignment_breaks_two_rules(self):
        """
        An extension granted before 交办 and ending on it breaks both extension rules.
        """
        extension = Extension(pendulum.Date(2021, 2, 20), pendulum.Date(2021, 3, 1))
        assert [
            ("proposal.extension_early", "/extension/granted_on"),
            ("proposal.extension_until", "/extension/until"),
        ] == found(lambda: founding_proposal(extension=extension))

    @given(proposals(), st.booleans())
    def test_half_a_merge_is_refused(self, proposal, keep_number):
        """
        merged_into without merged_on, or the reverse, is refused at the missing one.
        """
        changes = (
            {"merged_into": ProposalNumber("0001"), "merged_on": None}
            if keep_number
            else {"merged_into": None, "merged_on": pendulum.Date(2021, 3, 1)}
        )
        missing = "/merged_on" if keep_number else "/merged_into"
        assert [("proposal.merge_incomplete", missing)] == found(
            lambda: attrs.evolve(proposal, **changes)
        )

    @given(UNANSWERED_PROPOSALS, st.sampled_from(Feedback))
    def test_feedback_before_reply_is_refused(self, proposal, feedback):
        """
        Feedback on a proposal not yet replied is refused at /feedback.
        """
        assert [("proposal.feedback_early", "/feedback")] == found(
            lambda: attrs.evolve(proposal, feedback=feedback)
        )

    @given(proposals(status=ProposalStatus.RETURNED), handlers_tuples())
    def test_returned_with_handlers_is_refused(self, proposal, handlers):
        """
        A returned proposal (不予立案) with handlers is refused at /handlers.
        """
        assert [("proposal.returned_with_handlers", "/handlers")] == found(
            lambda: attrs.evolve(proposal, handlers=handlers)
        )

    @given(proposals())
    def test_two_bad_fields_give_two_violations(self, proposal):
        """
        A blank title and no proposers are both reported, at once.
        """
        assert [
            ("proposal.title_empty", "/title"),
            ("proposal.no_proposer", "/proposers"),
        ] == found(lambda: attrs.evolve(proposal, title="", proposers=()))

    # --- advisory findings

    @given(proposals(), st.integers(TITLE_ADVISORY_LENGTH + 1, 120))
    def test_long_title_is_a_warning(self, proposal, length):
        """
        A title over 50 characters is reported as proposal.title_long, a warning.
        """
        long = attrs.evolve(proposal, title="关于" + "智" * (length - 2))
        (finding,) = [v for v in long._findings(CheckContext()) if v.code == "proposal.title_long"]
        assert ("/title", Severity.WARNING) == (finding.path, finding.severity)

    @given(ANSWERED_PROPOSALS)
    def test_dissatisfied_feedback_is_a_warning(self, proposal):
        """
        不满意 feedback is reported as proposal.feedback_dissatisfied.
        """
        unhappy = attrs.evolve(proposal, feedback=Feedback.DISSATISFIED)
        assert "proposal.feedback_dissatisfied" in finding_codes(unhappy)

    @given(proposals())
    def test_unknown_submission_date_is_info(self, proposal):
        """
        A proposal without submitted_on is reported as proposal.submitted_on_missing.
        """
        undated = attrs.evolve(proposal, submitted_on=None)
        assert "proposal.submitted_on_missing" in finding_codes(undated)

    def test_tidy_proposal_has_no_findings(self):
        """
        The founding letter's proposal, dated and with a short title, has no findings.
        """
        assert [] == finding_codes(founding_proposal())

    # --- the founding letter

    def test_founding_proposal_constructs(self):
        """
        No. 20210143 by 农工民主党广西区委, led by 自治区科学技术厅, constructs with its facts.
        """
        proposal = founding_proposal(title=f"《{FOUNDING_TITLE}》")

        assert (FOUNDING_TITLE, 2021, "农工民主党广西区委", "主办") == (
            proposal.title,
            proposal.session.year,
            proposal.proposers[0].name,
            proposal.handlers[0].role.label_zh,
        )

    def test_founding_ref_equals_itself(self):
        """
        The founding proposal's ref equals itself, and the ref the letter's title names.
        """
        proposal = founding_proposal()

        assert proposal.ref == proposal.ref
        assert ProposalRef.parse(FOUNDING_REF) == proposal.ref
        assert FOUNDING_REF == str(proposal.ref)

    def test_founding_proposal_in_a_set(self):
        """
        Two equal founding proposals are one member of a set.
        """
        assert 1 == len({founding_proposal(), founding_proposal()})

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("《关于加快发展人工智能的提案》", "关于加快发展人工智能的提案"),
            (" 关于加快发展人工智能的提案\u3000", "关于加快发展人工智能的提案"),
            ("《促进发展》和《若干政策》", "《促进发展》和《若干政策》"),
            ("《关于落实〈若干政策〉的提案》", "关于落实〈若干政策〉的提案"),
        ],
    )
    def test_title_marks_are_stripped_only_around_the_whole(self, text, expected):
        """
        Title marks quoting the whole title are stripped; inner ones stay.
        """
        assert expected == strip_title(text)


class TestProposalRules:
    @pytest.mark.parametrize("code", PROPOSAL_CODES)
    def test_severity_follows_the_trigger(self, code):
        """
        Rules raised on load or parse are errors; rules found by check are advisory.
        """
        rule = RULES[code]
        assert (rule.trigger is Trigger.CHECK) == (rule.severity is not Severity.ERROR)

    def test_rules_apply_to_public_names(self):
        """
        Every proposal rule applies to Proposal, or to ProposalRef for parsing.
        """
        assert {"Proposal", "ProposalRef"} == {RULES[c].applies_to for c in PROPOSAL_CODES}

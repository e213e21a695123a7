"""
Reading what a letter answers and cites: the proposal's parts, its title, references.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import Final

from gxai_policy.errors import ValidationError
from gxai_policy.records.proposal import ProposalRef
from gxai_policy.records.reply import Reference
from gxai_policy.text.reader._draft import Spanned, _Piece
from gxai_policy.text.reader._lines import _Joined
from gxai_policy.text.reader._patterns import (
    _BOOK_TITLE,
    _CITES,
    _INLINE_DOC,
    _INTRODUCES_TITLE,
    _ISSUER_STOP,
    _KIND_WORD,
    _NUMBER_FIELD,
    _PROPOSAL_AFTER,
    _PROPOSAL_BEFORE,
    _PROPOSAL_TITLE,
    _QUOTED_TITLE,
    _SENTENCE_END,
    _SESSION_CORE,
    _SESSION_STOP,
    _SESSION_STOP_WORDS,
    _SESSION_TRIES,
    _TITLE_DOC,
    _YEAR_BEFORE,
    _doc_number,
    _has_bracketed_year,
)
from gxai_policy.text.reader._state import _State
from gxai_policy.values.codelists import Body, ProposalKind
from gxai_policy.values.identifiers import DocumentNumber, ProposalNumber
from gxai_policy.values.session import Session

# No __all__: nothing here is public (the docs list what an __all__ names).

_KINDS: Final = {
    "提案": ProposalKind.PROPOSAL,
    "建议": ProposalKind.SUGGESTION,
    # An NPC deputies' motion (议案) is answered as a suggestion is.
    "议案": ProposalKind.SUGGESTION,
}


# A proposal number field sits in the head or the metadata above the letter.
_FIELD_LINES: Final = 60


_KIND_BODY: Final = {ProposalKind.PROPOSAL: Body.CPPCC, ProposalKind.SUGGESTION: Body.NPC}


_BODY_KIND: Final = {body: kind for kind, body in _KIND_BODY.items()}


def _body_named(session: str) -> Body | None:
    """
    The body a session's text names (政协, 人大), if it names one.
    """
    if "政协" in session or "委员会" in session:
        return Body.CPPCC
    if "人大" in session or "人民代表大会" in session:
        return Body.NPC
    return None


def _proposal_number(text: str) -> ProposalNumber | None:
    try:
        return ProposalNumber(text)
    except ValidationError:
        return None


def _year_before(source: _Joined, i: int) -> Spanned[int] | None:
    """
    ``2009年第12号提案``: the year written right before the number.
    """
    m = _YEAR_BEFORE.search(source.det, max(0, i - 8), i)
    if m is None:
        return None
    return Spanned(int(m["year"]), *source.span(*m.span("year")))


def _kind_of_addressee(recipient: str) -> ProposalKind | None:
    """
    A member (委员) files proposals, a deputy (代表) suggestions; else None.
    """
    name = recipient.rstrip("：:")
    if name.endswith("委员"):
        return ProposalKind.PROPOSAL
    if name.endswith(("代表", "代表团", "代表组")):
        return ProposalKind.SUGGESTION
    return None


def _proposal_title_in(source: _Joined) -> _Piece | None:
    """
    The proposal's title as quoted: 《…》 or “…”, else 提出的关于…的提案.

    A quoted title is the proposal's when it ends in 提案/建议/议案, when the
    sentence goes on to 收悉 (whatever words come between: ``》一案收悉``,
    ``》（第57号）收悉``), or when 提出的/所提 introduces it.
    """
    det = source.det
    for pattern in (_BOOK_TITLE, _QUOTED_TITLE):
        for m in pattern.finditer(det):
            if _is_proposal_title(det, m):
                return Spanned(source.value(*m.span(1)), *source.span(*m.span(1)))
    plain = _PROPOSAL_TITLE.search(det)
    if plain is not None:
        i, j = plain.start(1), plain.end(1)
        return Spanned(source.value(i, j), *source.span(i, j))
    return None


def _is_proposal_title(det: str, m: re.Match[str]) -> bool:
    if m.group(1).endswith(("提案", "建议", "议案")):
        return True
    after = _SENTENCE_END.search(det, m.end(), m.end() + 40)
    stop = after.start() if after is not None else min(len(det), m.end() + 40)
    if "收悉" in det[m.end() : stop]:
        return True
    return _INTRODUCES_TITLE.search(det, max(0, m.start() - 6), m.start()) is not None


def _cites_proposal(det: str) -> bool:
    return (
        _PROPOSAL_BEFORE.search(det) is not None
        or _PROPOSAL_AFTER.search(det) is not None
        or (_SESSION_CORE.search(det) is not None and _KIND_WORD.search(det) is not None)
    )


def _session_in(source: _Joined) -> tuple[Spanned[str], Session] | None:
    """
    The first session named in *source*: its text (folded) and span, and the
    session it reads as when it names no body (a CPPCC's).
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
            session = _session_of(det[k : m.end()])
            if session is not None:
                return Spanned(det[k : m.end()], *source.span(k, m.end())), session
    return None


def _session_of(text: str) -> Session | None:
    try:
        return Session.parse(text)
    except ValidationError:
        return None


def _reference(
    title: str | None, number: DocumentNumber | None, start: int, end: int
) -> Spanned[Reference] | None:
    try:
        return Spanned(Reference(title or None, number), start, end)
    except ValidationError:
        return None


def _references(
    source: _Joined,
) -> Iterator[tuple[str | None, DocumentNumber | None, int, int]]:
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
        yield (source.value(m.start(1), m.end(1)), number, *source.span(m.start(), end))
    if not _has_bracketed_year(det):
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
            yield (None, number, *source.span(start, m.end()))


class _CaseReading(_State):
    """
    Reading what a letter answers and cites: the proposal's parts, its title, references.
    """

    def _sources(self) -> list[_Joined]:
        sources = []
        if self.title_lines:
            sources.append(_Joined((line, 0) for line in self.title_lines))
        if self.blocks:
            sources.append(_Joined(self.blocks[0]))
        return sources

    def _read_proposal(self) -> None:
        """
        The proposal or suggestion answered: what the title, the opening and the head state.

        Each part is read where the letter first states it; the kind, failing
        the words 提案/建议/议案, comes from the addressee (…委员, …代表).
        """
        found = self.draft.proposal
        session_text: tuple[Spanned[str], Session] | None = None
        for source in self._sources():
            det = source.det
            m = _PROPOSAL_BEFORE.search(det) or _PROPOSAL_AFTER.search(det)
            if m is not None and found.number is None:
                number = _proposal_number(m["num"])
                if number is not None:
                    found.number = Spanned(number, *source.span(m.start("num"), m.end("num")))
                    found.kind = Spanned(_KINDS[m["kind"]], *source.span(*m.span("kind")))
                    found.year = found.year or _year_before(source, m.start())
            if session_text is None:
                session_text = _session_in(source)
            if found.kind is None:
                k = _KIND_WORD.search(det)
                if k is not None:
                    found.kind = Spanned(_KINDS[k.group()], *source.span(*k.span()))
            if found.title is None:
                found.title = _proposal_title_in(source)
        if found.number is None:
            self._numbered_field()
        self._settle_proposal(session_text)

    def _numbered_field(self) -> None:
        """
        ``提案编号：13020057``, a form field of the head or of a page's metadata.
        """
        found = self.draft.proposal
        top = self.opening_line.index if self.opening_line is not None else len(self.lines)
        for line in self.lines[: min(top, _FIELD_LINES)]:
            m = _NUMBER_FIELD.search(line.det)
            if m is None:
                continue
            number = _proposal_number(m["num"])
            if number is not None:
                found.number = Spanned(number, *line.span(*m.span("num")))
                if found.kind is None and m["kind"]:
                    found.kind = Spanned(_KINDS[m["kind"]], *line.span(*m.span("kind")))
                return

    def _settle_proposal(self, session_text: tuple[Spanned[str], Session] | None) -> None:
        """
        Make the parts agree: a session's body decides the kind; an addressee stands in for it.
        """
        found = self.draft.proposal
        if found.kind is None:
            self._kind_unnamed(None if session_text is None else session_text[0])
        if found.kind is None:
            return
        if session_text is not None:
            self._session(session_text, found.kind)
        number = None if found.number is None else found.number.value
        if found.session is None and number is not None and number.term and number.meeting:
            # 13020057: the 编号 packs term 13 and meeting 2 when no session is named.
            session = Session(_KIND_BODY[found.kind.value], number.term, number.meeting)
            found.session = Spanned(session, found.number.start, found.number.end)  # type: ignore[union-attr]
        if found.session is not None:
            found.year = None
            self._check_key()

    def _kind_unnamed(self, session_text: Spanned[str] | None) -> None:
        """
        The kind when no word names it: from the session's body, else from the addressee.
        """
        found = self.draft.proposal
        recipient = self.draft.recipient
        named = None if session_text is None else _body_named(session_text.value)
        if session_text is not None and named is not None:
            # 自治区政协十二届四次会议 names a CPPCC session: a proposal, though unnamed.
            found.kind = Spanned(_BODY_KIND[named], session_text.start, session_text.end)
            return
        inferred = None if recipient is None else _kind_of_addressee(recipient.value)
        if recipient is not None and inferred is not None:
            found.kind = Spanned(inferred, recipient.start, recipient.end)
            found.kind_inferred = True

    def _session(
        self, session_text: tuple[Spanned[str], Session], kind: Spanned[ProposalKind]
    ) -> None:
        """
        Read the session named; a body it names overrides the kind the words gave.
        """
        found = self.draft.proposal
        text, session = session_text
        named = _body_named(text.value)
        value = kind.value if named is None else _BODY_KIND[named]
        if named is None and value is ProposalKind.SUGGESTION:
            # Read as a CPPCC's when found: an NPC's, as the letter answers a suggestion.
            try:
                session = Session.parse(text.value, default_body=Body.NPC)
            except ValidationError:  # pragma: no cover - it read as a CPPCC's
                return
        found.session = Spanned(session, text.start, text.end)
        if value is not kind.value:
            found.kind = Spanned(value, kind.start, kind.end)
            found.kind_inferred = False

    def _check_key(self) -> None:
        """
        Drop a number that contradicts the session (a year-prefixed number of another year).
        """
        found = self.draft.proposal
        if found.kind is None or found.session is None or found.number is None:
            return
        try:
            ProposalRef(
                kind=found.kind.value, session=found.session.value, number=found.number.value
            )
        except ValidationError:
            found.number = None

    def _read_references(self) -> None:
        d = self.draft
        own = d.proposal.title
        seen: set[object] = set()
        for block in self.blocks:
            det = "".join([line.det[a:] for line, a in block])
            # Without a 《 or a bracketed year there is nothing to find: most
            # paragraphs are passed over on two searches.
            if "《" not in det and not _has_bracketed_year(det):
                continue
            if not any(_CITES.search(line.det, a) for line, a in block):
                continue
            for title, number, start, end in _references(_Joined(block)):
                # The proposal's own title, wherever it is quoted, is no document cited.
                if own is not None and title == own.value:
                    continue
                key = title if title is not None else number
                if key in seen:
                    continue
                seen.add(key)
                ref = _reference(title, number, start, end)
                if ref is not None:
                    d.references.append(ref)

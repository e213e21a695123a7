"""
The bundle: the seven records together, their keys unique, their references checked.

A `Dataset` is what an analyst publishes and a back end exchanges: one JSON
document with a ``schema_version``.  Construction refuses two records with one
key; `gxai_policy.check` reports references that lead nowhere (a reply whose
proposal is not in the bundle …) as errors, with JSON Pointers into the bundle.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, Final

from attrs import field, frozen

from gxai_policy.errors import Severity, Violation, join_pointer
from gxai_policy.records._base import (
    EMPTY_EXTRAS,
    CheckContext,
    Extras,
    Validated,
    apart,
    invariant,
)
from gxai_policy.records._convert import since
from gxai_policy.records.enterprise import Enterprise
from gxai_policy.records.platform import Platform
from gxai_policy.records.proposal import Proposal, ProposalRef
from gxai_policy.records.reply import Reply
from gxai_policy.records.scholar import Scholar
from gxai_policy.records.source import Source
from gxai_policy.records.subsidy import Subsidy
from gxai_policy.records.task import Task
from gxai_policy.rules import Rule, Trigger, define
from gxai_policy.values.codelists import RecipientKind

__all__ = ["SCHEMA_VERSION", "Dataset"]

#: The version of the bundle's wire format this library writes and reads.
SCHEMA_VERSION: Final = 2

_SOURCE = "gxai_policy bundle (DESIGN.md §4, §6)"
_PROPOSAL: Final[dict[str, Any]] = {
    "kind": "proposal",
    "session": {"body": "cppcc", "term": 12, "meeting": 4, "level": "自治区", "year": 2021},
    "number": "20210143",
    "title": "关于积极申报建设广西新一代人工智能实验区的提案",
    "proposers": [{"name": "农工民主党广西区委", "is_body": True}],
    "status": "submitted",
}
_ENTERPRISE: Final[dict[str, Any]] = {
    "name": "示例科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
}
_PLATFORM: Final[dict[str, Any]] = {
    "name": "某重点实验室",
    "kind": "key_laboratory",
    "level": "autonomous_region",
    "host": "某大学",
    "status": "under_construction",
}
_SCHOLAR: Final[dict[str, Any]] = {
    "programme": "bagui_scholar",
    "post": "机器人与智能装备",
    "host": "某大学",
    "term_start": "2019-01-01",
    "term_end": "2023-12-31",
}
_TASK: Final[dict[str, Any]] = {
    "id": "1",
    "plan": "《促进人工智能和实体经济深度融合的若干政策措施》2021年工作任务分解表",
    "title": "建立人工智能产业领域协同创新机制",
    "leads": ["自治区科学技术厅"],
    "status": "in_progress",
}


def _duplicate(
    record: str, collection: str, what: str, what_zh: str, example: dict[str, Any]
) -> Rule:
    # The code names the record in the singular: `replies` is not `reply` + s.
    return define(
        f"dataset.duplicate_{record}",
        applies_to="Dataset",
        summary=f"No two {collection} in a bundle share one key ({what}).",
        summary_zh=f"同一数据集中不能有两条{what_zh}相同的记录。",
        source=_SOURCE,
        example=example,
        trigger=Trigger.LOAD,
        message=f"{{key}} is already the key of {{first}} ({what})",
        message_zh=f"{{key_zh}}已是{{first}}的{what_zh}",
    )


DUPLICATE_PROPOSAL = _duplicate(
    "proposal",
    "proposals",
    "kind, session and number",
    "提案（建议）类别、届次和编号",
    {"proposals": [_PROPOSAL, _PROPOSAL]},
)
DUPLICATE_REPLY = _duplicate(
    "reply",
    "replies",
    "proposal and 发文字号",
    "所答复的提案和发文字号",
    {
        "replies": [
            {"recipient": "农工民主党广西区委", "opening": "收悉，现答复如下："},
            {"recipient": "农工民主党广西区委", "opening": "收悉，现答复如下："},
        ]
    },
)
DUPLICATE_TASK = _duplicate(
    "task", "tasks", "plan and id", "所属分解表和任务编号", {"tasks": [_TASK, _TASK]}
)
DUPLICATE_PLATFORM = _duplicate(
    "platform",
    "platforms",
    "name and kind",
    "平台名称和类别",
    {"platforms": [_PLATFORM, _PLATFORM]},
)
DUPLICATE_SCHOLAR = _duplicate(
    "scholar",
    "scholars",
    "programme, post and term start",
    "人才计划、岗位和聘期起始日",
    {"scholars": [_SCHOLAR, _SCHOLAR]},
)
DUPLICATE_ENTERPRISE = _duplicate(
    "enterprise",
    "enterprises",
    "USCC",
    "统一社会信用代码",
    {"enterprises": [_ENTERPRISE, _ENTERPRISE]},
)
SCHEMA_VERSION_NEWER = define(
    "dataset.schema_version_newer",
    applies_to="Dataset",
    summary="A bundle's schema_version is one this library knows; a newer one needs an upgrade.",
    summary_zh="数据集的 schema_version 须为本库支持的版本；更新的版本请升级 gxai_policy。",
    source=_SOURCE,
    example={"schema_version": SCHEMA_VERSION + 1},
    trigger=Trigger.LOAD,
    message=(
        "schema_version {version} is newer than {known}, the newest this gxai_policy knows:"
        " upgrade gxai_policy (pip install -U gxai-policy)"
    ),
    message_zh="schema_version {version} 比本库支持的 {known} 更新：请升级 gxai_policy",
)
SCHEMA_VERSION_OLDER = define(
    "dataset.schema_version_older",
    applies_to="Dataset",
    summary=(
        "A bundle built in Python is in the current schema_version;"
        " older payloads are upgraded by the loaders or gxai_policy.upgrade."
    ),
    summary_zh=(
        "在 Python 中构建的数据集须为当前 schema_version；"
        "旧版数据请用加载函数或 gxai_policy.upgrade 升级。"
    ),
    source=_SOURCE,
    example={"schema_version": 1},
    trigger=Trigger.CALL,
    message=(
        "schema_version {version} is older than {known}: load the payload with"
        " gxai_policy.from_dict, or gxai_policy.upgrade it, to bring it up to date"
    ),
    message_zh=(
        "schema_version {version} 早于当前的 {known}："
        "请用 gxai_policy.from_dict 加载或 gxai_policy.upgrade 升级"
    ),
)
SCHEMA_VERSION_INVALID = define(
    "dataset.schema_version_invalid",
    applies_to="Dataset",
    summary="A bundle's schema_version is a positive whole number.",
    summary_zh="数据集的 schema_version 应为正整数。",
    source=_SOURCE,
    example={"schema_version": 0},
    trigger=Trigger.LOAD,
    message="schema_version {version} is not a version (1, 2, …)",
    message_zh="schema_version {version} 不是有效版本号",
)


def _dangling(code: str, summary: str, summary_zh: str, example: dict[str, Any]) -> Rule:
    return define(
        f"dataset.{code}",
        applies_to="Dataset",
        summary=summary,
        summary_zh=summary_zh,
        source=_SOURCE,
        example=example,
        trigger=Trigger.CHECK,
        severity=Severity.ERROR,
        message=summary.rstrip(".") + ": {key}",
        message_zh=summary_zh.rstrip("。") + "：{key}",
    )


REPLY_PROPOSAL_MISSING = _dangling(
    "reply_proposal_missing",
    "A reply's proposal is in the bundle.",
    "答复所针对的提案（建议）应在数据集中。",
    {
        "replies": [
            {
                "recipient": "农工民主党广西区委",
                "opening": "收悉，现答复如下：",
                "proposal": {k: _PROPOSAL[k] for k in ("kind", "session", "number")},
            }
        ]
    },
)
SUBSIDY_RECIPIENT_MISSING = _dangling(
    "subsidy_recipient_missing",
    "A subsidy's recipient (an enterprise, scholar post or platform) is in the bundle.",
    "补助的受助对象（企业、学者岗位或平台）应在数据集中。",
    {
        "subsidies": [
            {
                "kind": "certification_award",
                "recipient": {"kind": "enterprise", "key": _ENTERPRISE["uscc"]},
                "amount": "100000",
                "year": 2021,
            }
        ]
    },
)
SCHOLAR_PLATFORM_MISSING = _dangling(
    "scholar_platform_missing",
    "A scholar's host platform is in the bundle.",
    "学者岗位的依托平台应在数据集中。",
    {"scholars": [_SCHOLAR | {"host_platform": _PLATFORM["name"]}]},
)


def _duplicates(
    rule: Rule, collection: str, records: Iterable[Any], key: Callable[[Any], Hashable], field: str
) -> Iterator[Violation]:
    """
    A violation for every record whose key an earlier record of *collection* has.
    """
    first: dict[Hashable, int] = {}
    for i, record in enumerate(records):
        k = key(record)
        if k in first:
            yield rule.violation(
                join_pointer("", collection, i, *([field] if field else [])),
                key=" ".join(map(str, k)) if isinstance(k, tuple) else "the same letter",
                key_zh=" ".join(map(str, k)) if isinstance(k, tuple) else "同一封函",
                first=join_pointer("", collection, first[k]),
            )
        else:
            first[k] = i


@frozen(kw_only=True)
class Dataset(Validated):
    """
    A bundle of the seven records, their keys unique and their references checked.

    Attributes:
        schema_version: The version of the bundle's wire format: always the
            current one, `SCHEMA_VERSION`.  Loaders upgrade an older payload
            (`gxai_policy.upgrade`); a newer one is refused (upgrade the library).

        proposals: Proposals and suggestions, unique by `Proposal.ref`.

        replies: Reply letters, unique by proposal and 发文字号.

        tasks: Work tasks, unique by plan and id.

        platforms: Innovation platforms, unique by name and kind.

        scholars: Talent posts, unique by programme, post and term start.

        enterprises: Enterprises, unique by USCC.

        subsidies: Subsidies; their recipients should be in the bundle.

        sources: The documents the bundle was made from (`~gxai_policy.Source`).

            .. versionadded:: 0.3.0

        extras: Keys of the payload the bundle does not know (``unknown="report"``).

    >>> from gxai_policy import USCC, Enterprise
    >>> e = Enterprise(name="示例科技有限公司", uscc=USCC("91450100MA5KB1XW1C"))
    >>> len(Dataset(enterprises=(e,)).enterprises)
    1
    >>> Dataset(enterprises=(e, e))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error dataset.duplicate_enterprise at /enterprises/1/...

    .. versionadded:: 0.1.0
    """

    schema_version: int = SCHEMA_VERSION
    proposals: tuple[Proposal, ...] = ()
    replies: tuple[Reply, ...] = ()
    tasks: tuple[Task, ...] = ()
    platforms: tuple[Platform, ...] = ()
    scholars: tuple[Scholar, ...] = ()
    enterprises: tuple[Enterprise, ...] = ()
    subsidies: tuple[Subsidy, ...] = ()
    sources: tuple[Source, ...] = field(default=(), metadata=since(2))
    extras: Extras = field(default=EMPTY_EXTRAS, repr=False)

    @invariant
    def _version(self) -> Iterator[Violation]:
        if self.schema_version < 1:
            yield SCHEMA_VERSION_INVALID.violation("/schema_version", version=self.schema_version)
        elif self.schema_version > SCHEMA_VERSION:
            yield SCHEMA_VERSION_NEWER.violation(
                "/schema_version", version=self.schema_version, known=SCHEMA_VERSION
            )
        elif self.schema_version < SCHEMA_VERSION:
            yield SCHEMA_VERSION_OLDER.violation(
                "/schema_version", version=self.schema_version, known=SCHEMA_VERSION
            )

    @invariant
    def _unique(self) -> Iterator[Violation]:
        # Each collection apart: one that did not load leaves the others judged.
        for rule, name, key, field_ in _UNIQUE:
            yield from apart(_duplicates, rule, name, getattr(self, name), key, field_)

    def proposal(self, ref: ProposalRef) -> Proposal | None:
        """
        The proposal with key *ref*, or None.
        """
        return next((p for p in self.proposals if p.ref == ref), None)

    def enterprise(self, uscc: object) -> Enterprise | None:
        """
        The enterprise with this USCC (a `USCC` or its text), or None.
        """
        return next((e for e in self.enterprises if str(e.uscc) == str(uscc)), None)

    def _findings(self, ctx: CheckContext) -> Iterator[Violation]:
        yield from self._dangling()
        for name in ("proposals", "replies", "tasks", "platforms", "scholars", "enterprises",
                     "subsidies"):  # fmt: skip
            for i, record in enumerate(getattr(self, name)):
                for v in record._findings(ctx):  # noqa: SLF001 - the bundle checks its own
                    yield v.under(name, i)

    def _dangling(self) -> Iterator[Violation]:
        refs = {p.ref for p in self.proposals}
        for i, reply in enumerate(self.replies):
            # A partial reference (第57号建议) identifies no proposal of the bundle.
            if (
                reply.proposal is not None
                and reply.proposal.is_complete
                and reply.proposal not in refs
            ):
                yield REPLY_PROPOSAL_MISSING.violation(
                    join_pointer("", "replies", i, "proposal"), key=str(reply.proposal)
                )
        platforms = {p.name for p in self.platforms}
        for i, scholar in enumerate(self.scholars):
            if scholar.host_platform is not None and scholar.host_platform not in platforms:
                yield SCHOLAR_PLATFORM_MISSING.violation(
                    join_pointer("", "scholars", i, "host_platform"), key=scholar.host_platform
                )
        known = {
            RecipientKind.ENTERPRISE: {str(e.uscc) for e in self.enterprises},
            RecipientKind.SCHOLAR: {s.post for s in self.scholars},
            RecipientKind.PLATFORM: platforms,
        }
        for i, subsidy in enumerate(self.subsidies):
            keys = known.get(subsidy.recipient.kind)
            if keys is not None and subsidy.recipient.key not in keys:
                yield SUBSIDY_RECIPIENT_MISSING.violation(
                    join_pointer("", "subsidies", i, "recipient"),
                    key=f"{subsidy.recipient.kind.value} {subsidy.recipient.key}",
                )


def _proposal_key(p: Proposal) -> tuple[str, ...]:
    return (p.kind.value, str(p.session), str(p.number))


def reply_key(r: Reply) -> Hashable:
    """
    The key a bundle keeps replies unique by: proposal and 发文字号, else the letter itself.
    """
    # Without a 发文字号 only an identical letter is a duplicate.
    return r if r.doc_number is None else (str(r.proposal or ""), str(r.doc_number))


#: Each collection's uniqueness rule, key and the field a duplicate is reported at.
_UNIQUE: Final[tuple[tuple[Rule, str, Callable[[Any], Hashable], str], ...]] = (
    (DUPLICATE_PROPOSAL, "proposals", _proposal_key, ""),
    (DUPLICATE_REPLY, "replies", reply_key, ""),
    (DUPLICATE_TASK, "tasks", lambda t: (t.plan, t.id), "id"),
    (DUPLICATE_PLATFORM, "platforms", lambda p: (p.name, p.kind), "name"),
    (DUPLICATE_SCHOLAR, "scholars", lambda s: (s.programme, s.post, s.term_start), "post"),
    (DUPLICATE_ENTERPRISE, "enterprises", lambda e: (str(e.uscc),), "uscc"),
)

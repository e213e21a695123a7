"""
Diagrams drawn from the library at build time: lifecycles, records, the pipeline.

This module writes them and lays them out, with no Sphinx in it (the tests
import it); ``gxai_diagrams`` puts them into pages.  A page asks for one
with the ``gxai-diagram`` directive::

    ```{gxai-diagram} lifecycle Proposal
    ```

    ```{gxai-diagram} records
    ```

    ```{gxai-diagram} pipeline
    ```

Each is written in Graphviz's language from the library itself (the
transition tables, the records' field types, the functions the pipeline
names), laid out by Graphviz's ``dot`` and put into the page as inline SVG.
Inline, the drawing inherits the page's colours: every line and letter is
``currentColor`` and boxes are filled with furo's own background variables,
so the same SVG reads in the light and the dark theme; it needs no network
and no JavaScript.

Why ``dot`` and not a pure-Python renderer: the lifecycle graphs have back
edges (已答复 → 交办, 滞后 ⇄ 推进中) and the record graph crossing edges;
laying them out readably is what ``dot`` does, and no pure-Python package
on PyPI does it as well.  ``dot`` is the Debian package ``graphviz``: CI
installs it (``.ci/run``), ``nox -s docs`` installs it when it can (root
with ``apt-get``) and otherwise stops with the command to run.  A missing
``dot`` is an error of the build, never a page without its pictures.
"""

from __future__ import annotations

import functools
import html
import importlib
import re
import shutil
import subprocess
import typing
from collections.abc import Iterator
from typing import Any

import attrs

PACKAGE = "gxai_policy"

# Sentinel colours, swapped for the page's own after layout (see `themed`).
INK = "#000001"  # lines and letters: currentColor
MUTED = "#000002"  # secondary lines and letters: furo's muted foreground
FILL = "#fffffe"  # box backgrounds: furo's secondary background

# The smallest a diagram is shown, against its natural size (see `themed`).
MIN_SCALE = 0.7

_FONT = "Helvetica"
_GRAPH = (
    f'  graph [fontname="{_FONT}", fontsize=12, bgcolor="transparent", pad=0.1, '
    f'nodesep=0.35, ranksep=0.45, fontcolor="{INK}"];\n'
    f'  node [fontname="{_FONT}", fontsize=12, shape=box, style="rounded,filled", '
    f'color="{INK}", fontcolor="{INK}", fillcolor="{FILL}", margin="0.12,0.06"];\n'
    f'  edge [fontname="{_FONT}", fontsize=10, color="{INK}", fontcolor="{MUTED}", '
    f"arrowsize=0.7];\n"
)

INSTALL_HINT = (
    "Graphviz's `dot` is needed to draw the docs' diagrams: "
    "`apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz` (macOS), "
    "`choco install graphviz` (Windows); `nox -s docs` installs it itself when run as root "
    "where apt-get exists."
)


class DiagramError(Exception):
    """
    A diagram could not be drawn: ``dot`` is missing or failed.
    """


def _gp() -> Any:
    return importlib.import_module(PACKAGE)


def quote(text: str) -> str:
    """
    *text* as a Graphviz string, quotes and backslashes escaped.
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- lifecycles -----------------------------------------------------------------------------


def lifecycle_dot(record: type[Any]) -> str:
    """
    The state diagram of *record*'s status, from ``gxai_policy.records.lifecycle.TRANSITIONS``.

    A node per status, labelled with its value and its Chinese label; an edge
    per allowed step; a dot marks where a record starts (the first member of
    the codelist), and a double border the final statuses.
    """
    transitions = importlib.import_module(f"{PACKAGE}.records.lifecycle").TRANSITIONS
    table = transitions.get(record)
    if table is None:
        raise ValueError(f"{record.__name__} has no lifecycle table")
    status = type(next(iter(table)))
    members = list(status)
    lines = [f"digraph {record.__name__} {{\n", _GRAPH, "  rankdir=TB;\n"]
    lines.append(
        f'  start [shape=point, width=0.12, label="", color="{INK}", fillcolor="{INK}"];\n'
    )
    for member in members:
        final = not table.get(member)
        periphery = ", peripheries=2" if final else ""
        label = f"{member.value}\\n{member.label_zh}"
        lines.append(f'  {quote(member.value)} [label="{label}"{periphery}];\n')
    lines.append(f"  start -> {quote(members[0].value)};\n")
    for source in members:
        lines.extend(
            f"  {quote(source.value)} -> {quote(target.value)};\n"
            for target in members
            if target in table.get(source, ())
        )
    lines.append("}\n")
    return "".join(lines)


# --- records and their references -----------------------------------------------------------


def _classes(expected: Any) -> Iterator[type[Any]]:
    """
    Every class a field holds, as construction reads its annotation (`gxai_policy._types`).

    ``tuple[Proposer, ...] | None`` gives `Proposer`.
    """
    kinds = importlib.import_module(f"{PACKAGE}._types")
    if isinstance(expected, kinds.Exact):
        yield expected.cls
    elif isinstance(expected, kinds.Maybe):
        yield from _classes(expected.inner)
    elif isinstance(expected, kinds.Many):
        yield from _classes(expected.item)
    elif isinstance(expected, kinds.Either):
        for option in expected.options:
            yield from _classes(option)


#: Fields that say nothing of how records relate: kept unknown keys, and where a record
#: came from (a `Source` on every record, the bundle's list of them).
_NOT_RELATIONS = frozenset({"extras", "source", "sources"})


def _fields(cls: type[Any]) -> dict[str, Any]:
    """
    Each field of an attrs class *cls* (unknown keys and provenance aside), with what it holds.
    """
    kinds = importlib.import_module(f"{PACKAGE}._types")
    hints = typing.get_type_hints(cls)
    return {
        a.name: kinds.expect(hints[a.name])
        for a in attrs.fields(cls)
        if a.init and a.name not in _NOT_RELATIONS
    }


@attrs.frozen
class Reference:
    """
    One arrow of the record diagram: *source*'s field *field* leads to *target*.
    """

    source: str
    field: str
    target: str
    contains: bool  # a bundle holding the records, not a reference by key


def _record_names() -> list[str]:
    """
    The records: the bundle (`Dataset`) and the classes its fields hold, in its order.
    """
    bundle = _gp().Dataset
    held = [c.__name__ for e in _fields(bundle).values() for c in _classes(e) if attrs.has(c)]
    return [*held, bundle.__name__]


def _targets(cls: type[Any], records: dict[str, type[Any]], field: str) -> Iterator[str]:
    """
    The records a field of type *cls* refers to, read off the type.

    - a class named ``<Record>Ref`` refers to that record (`ProposalRef`);
    - a part whose ``kind`` is a codelist naming records refers to each
      record it names (`Recipient`: enterprise, scholar, platform);
    - a text field named ``<something>_<record>`` names a record by its key
      (``host_platform``).
    """
    by_lower = {name.lower(): name for name in records}
    if cls.__name__.endswith("Ref") and cls.__name__[:-3] in records:
        yield cls.__name__[:-3]
        return
    if attrs.has(cls):
        kind = next(_classes(_fields(cls)["kind"]), None) if "kind" in _fields(cls) else None
        members = list(kind) if isinstance(kind, type) and hasattr(kind, "__members__") else []
        yield from (by_lower[m.value] for m in members if m.value in by_lower)
        return
    if cls is str:
        last = field.rsplit("_", 1)[-1]
        if "_" in field and last in by_lower:
            yield by_lower[last]


def references() -> list[Reference]:
    """
    Every reference between the records, read from their field types.
    """
    names = _record_names()
    records = {name: getattr(_gp(), name) for name in names}
    found: list[Reference] = []
    for name, cls in records.items():
        for field, annotation in _fields(cls).items():
            for target_cls in _classes(annotation):
                held = target_cls.__name__
                if target_cls in records.values():
                    found.append(Reference(name, field, held, contains=True))
                    continue
                found.extend(
                    Reference(name, field, target, contains=False)
                    for target in _targets(target_cls, records, field)
                    if target != name
                )
    return found


def parts(record: type[Any]) -> list[str]:
    """
    The parts a record is made of (nested `Validated` classes), not the records it refers to.

    Value types (`Money`, `USCC`, `Session` …) are left out: they are values, not parts.
    """
    validated = importlib.import_module(f"{PACKAGE}.records._base").Validated
    names = set(_record_names())
    seen: list[str] = []
    for annotation in _fields(record).values():
        for cls in _classes(annotation):
            keep = (
                issubclass(cls, validated)
                and cls.__name__ not in names
                and not (cls.__name__.endswith("Ref") and cls.__name__[:-3] in names)
                and cls.__name__ not in seen
            )
            if keep:
                seen.append(cls.__name__)
    return seen


def records_dot() -> str:
    """
    The records, the bundle that holds them, and the references between them.
    """
    found = references()
    bundles = sorted({r.source for r in found if r.contains})
    held = {r.target for r in found if r.contains}
    lines = ["digraph records {\n", _GRAPH, "  rankdir=TB; compound=true;\n"]
    for bundle in bundles:
        lines.append(f"  subgraph cluster_{bundle} {{\n")
        lines.append(
            f'    label={quote(f"{bundle}: the bundle")}; style="rounded,dashed"; '
            f'color="{MUTED}"; fontcolor="{MUTED}";\n'
        )
        for name in _record_names():
            if name not in held:
                continue
            made_of = parts(getattr(_gp(), name))
            # Two parts a line keeps a box narrow (the diagram must fit a phone).
            listed = "<BR/>".join(
                html.escape(", ".join(made_of[i : i + 2])) for i in range(0, len(made_of), 2)
            )
            small = f'<BR/><FONT POINT-SIZE="9" COLOR="{MUTED}">{listed}</FONT>' if made_of else ""
            lines.append(f"    {quote(name)} [label=<<B>{name}</B>{small}>];\n")
        lines.append("  }\n")
    for ref in found:
        if ref.contains:
            continue
        lines.append(f"  {quote(ref.source)} -> {quote(ref.target)} [label={quote(ref.field)}];\n")
    lines.extend(
        f"  {quote(a)} -> {quote(b)} [style=invis];\n" for a, b in _stacking(found, sorted(held))
    )
    lines.append("}\n")
    return "".join(lines)


def _stacking(found: list[Reference], names: list[str]) -> list[tuple[str, str]]:
    """
    Invisible edges that hang the smaller groups of records below the largest.

    Side by side, the groups make a drawing too wide for a phone; stacked,
    it stays about as wide as the largest group.
    """
    refs = [(r.source, r.target) for r in found if not r.contains]
    group = {name: {name} for name in names}
    for a, b in refs:
        if a in group and b in group and group[a] is not group[b]:
            merged = group[a] | group[b]
            for name in merged:
                group[name] = merged
    groups = sorted({id(g): g for g in group.values()}.values(), key=lambda g: (-len(g), min(g)))
    largest, others = groups[0], groups[1:]

    @functools.cache
    def depth(name: str) -> int:
        return max((depth(a) + 1 for a, b in refs if b == name and a != name), default=0)

    bottom = max(sorted(largest), key=depth)
    return [
        (bottom, root)
        for other in others
        for root in sorted(n for n in other if not any(b == n for _, b in refs)) or sorted(other)
    ]


# --- the pipeline ---------------------------------------------------------------------------

# (input, how it is read): each name must be a public function of the package.
PIPELINE_INPUTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reply letter\\n(text, HTML,\\nWord, PDF)", ("parse_reply", "read_letter")),
    ("JSON,\\nJSON Lines", ("from_json", "iter_jsonl")),
    ("CSV, XLSX\\n(spreadsheet)", ("iter_table",)),
)


def pipeline_dot() -> str:
    """
    Text, JSON and spreadsheets into records, records into findings.

    Top to bottom, so that it stays readable on a phone.  Every function
    named is looked up in the package: a renamed one fails the build instead
    of leaving a stale picture.
    """
    gp = _gp()
    for _, functions in PIPELINE_INPUTS:
        for function in (*functions, "check"):
            if function not in gp.__all__:
                raise ValueError(f"the pipeline diagram names gp.{function}, which is gone")
    lines = ["digraph pipeline {\n", _GRAPH, "  rankdir=TB; ranksep=0.4;\n"]
    lines.append(f'  node [shape=note, style=filled, fillcolor="{FILL}"];\n')
    lines.append("  { rank=same;\n")
    lines.extend(
        f'    in{i} [label="{source}"];\n' for i, (source, _) in enumerate(PIPELINE_INPUTS)
    )
    lines.append("  }\n")
    lines.append('  node [shape=box, style="rounded,filled"];\n')
    lines.append(
        '  load [label=<load and validate<BR/><FONT POINT-SIZE="9">every rule of '
        "every field, all at once</FONT>>];\n"
    )
    lines.append(
        '  records [label=<<B>records</B><BR/><FONT POINT-SIZE="9">valid, frozen</FONT>>];\n'
    )
    lines.append(
        f'  refused [label="ValidationError\\nParseError", color="{MUTED}", fontcolor="{MUTED}"];\n'
    )
    lines.append(
        '  findings [label=<<B>findings</B><BR/><FONT POINT-SIZE="9">Violation: code, path,'
        "<BR/>severity, English and Chinese</FONT>>];\n"
    )
    for i, (_, functions) in enumerate(PIPELINE_INPUTS):
        label = "\\n".join(f"gp.{f}" for f in functions)
        lines.append(f'  in{i} -> load [label="{label}"];\n')
    lines.append('  load -> records [label="valid"];\n')
    lines.append(f'  load -> refused [label="invalid", style=dashed, color="{MUTED}"];\n')
    lines.append('  records -> findings [label="gp.check"];\n')
    lines.append(f'  refused -> findings [label=".violations", style=dashed, color="{MUTED}"];\n')
    lines.append("}\n")
    return "".join(lines)


# --- dot to themed SVG ----------------------------------------------------------------------

_DROP = (
    re.compile(r"<\?xml[^>]*>\s*"),
    re.compile(r"<!DOCTYPE[^>]*>\s*", re.DOTALL),
    re.compile(r"<!--.*?-->\s*", re.DOTALL),
    re.compile(r"<title>.*?</title>\s*", re.DOTALL),
    # The white page graphviz lays under everything: the page's own shows instead.
    re.compile(r'<polygon fill="(?:white|transparent)" stroke="transparent"[^>]*/>\s*'),
    # Ids would repeat with two diagrams on a page; nothing refers to them.
    re.compile(r' id="[^"]*"'),
)

_COLOURS = {
    f'"{INK}"': '"currentColor"',
    '"black"': '"currentColor"',
    f'fill="{MUTED}"': 'style="fill: var(--color-foreground-muted)"',
    f'stroke="{MUTED}"': 'style="stroke: var(--color-foreground-muted)"',
    f'fill="{FILL}"': 'style="fill: var(--color-background-secondary)"',
}


def themed(svg: str, title: str) -> str:
    """
    Graphviz's SVG made to sit in a furo page: no prolog, the page's colours, scalable.
    """
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    for old, new in _COLOURS.items():
        svg = svg.replace(old, new)
    # An element may now carry two style attributes (a muted fill and stroke): merge them.
    svg = re.sub(r'style="([^"]*)" style="([^"]*)"', r'style="\1; \2"', svg)
    svg = svg.replace('fill="white"', 'fill="none"')
    # On a narrow screen the drawing shrinks to the column, but not below 70% of its size
    # (its smallest letters stay about 8 px): past that, the figure scrolls sideways.
    width = re.search(r'<svg width="([\d.]+)pt"', svg)
    smallest = f' style="min-width: {float(width.group(1)) * MIN_SCALE:.0f}pt"' if width else ""
    opening = (
        f'<svg role="img" aria-label="{html.escape(title)}" class="gxai-diagram-svg" '
        f'preserveAspectRatio="xMidYMin meet"{smallest}'
    )
    return svg.replace("<svg", opening, 1).strip()


@functools.cache
def dot_binary() -> str:
    found = shutil.which("dot")
    if found is None:
        raise DiagramError(INSTALL_HINT)
    return found


def render(source: str, title: str) -> str:
    """
    *source* (Graphviz's language) laid out by ``dot`` as themed, inline SVG.
    """
    done = subprocess.run(  # noqa: S603 - our own graph, given to the dot binary found on PATH
        [dot_binary(), "-Tsvg"],
        input=source.encode(),
        capture_output=True,
        check=False,
        timeout=60,
    )
    if done.returncode != 0:
        raise DiagramError(f"dot failed on {title!r}: {done.stderr.decode(errors='replace')}")
    return themed(done.stdout.decode(), title)


def diagram(kind: str, argument: str | None) -> tuple[str, str]:
    """
    The Graphviz source and the accessible title of the diagram a directive asks for.

    Raises:
        ValueError: For an unknown kind, or a record without a lifecycle.
    """
    if kind == "lifecycle":
        record = getattr(_gp(), argument or "", None)
        if not isinstance(record, type):
            raise ValueError(f"no record called {argument!r}")
        return lifecycle_dot(record), f"The lifecycle of a {record.__name__}'s status"
    if kind == "records":
        return records_dot(), "The records, the bundle that holds them, and their references"
    if kind == "pipeline":
        return pipeline_dot(), "From text, JSON and spreadsheets to records and findings"
    raise ValueError(f"unknown diagram {kind!r}: lifecycle RECORD, records or pipeline")

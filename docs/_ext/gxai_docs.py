"""
Generate the docs pages that are read off the library itself.

Hooked on ``builder-inited``, before Sphinx reads a page, this writes
Markdown into ``docs/_generated/`` (git-ignored), which the hand-written
pages pull in with MyST's ``{include}``:

- ``rules.md``: every rule of `gxai_policy.RULES`, its example run here and
  now, so a rule whose example stops triggering it fails the build;
- ``codelists.md``: every codelist with its values and labels;
- ``invariants/<Record>.md`` and ``lifecycle/<Record>.md``: per record, the
  rules that apply to it and its status transitions;
- ``schemas/*.schema.json`` and ``schemas.md``: the JSON Schemas, as files to
  download;
- ``cli.md``: the command line, from ``gxai_policy.cli.build_parser()``;
- ``cli-examples.md``: the command line run on a small file, its output as printed;
- ``install.md``: the minimum Python and the extras, from the package's metadata;
- ``api.md``: the API reference, every public object grouped by concept.

Any problem found while generating is a Sphinx warning, so ``-W`` stops
the build on it.
"""

from __future__ import annotations

import ast
import contextlib
import enum
import importlib
import importlib.metadata
import inspect
import io
import json
import os
import pkgutil
import pprint
import tempfile
import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import argparse_markdown
import attrs
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.napoleon.docstring import GoogleDocstring
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import stringify_annotation

logger = logging.getLogger(__name__)

PACKAGE = "gxai_policy"
GENERATED = "_generated"

# The records, in the order the docs present them (DESIGN.md §4).
RECORDS = ("Proposal", "Reply", "Task", "Platform", "Scholar", "Enterprise", "Subsidy", "Dataset")


def _gp() -> Any:
    return importlib.import_module(PACKAGE)


def _write(path: Path, text: str) -> None:
    """
    Write *text* unless the file holds it already (Sphinx rereads changed files only).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def cell(text: object) -> str:
    """
    Text fit for one cell of a Markdown table.
    """
    return " ".join(str(text).split()).replace("|", "\\|")


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def summary(obj: Any) -> str:
    """
    The first paragraph of *obj*'s docstring, on one line.
    """
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


# --- where public objects live --------------------------------------------------------------


def package_modules() -> list[Any]:
    """
    Every module of the package (``__main__`` excepted: importing it runs the CLI).
    """
    gp = _gp()
    found = [gp]
    for info in pkgutil.walk_packages(gp.__path__, prefix=f"{PACKAGE}."):
        if info.name.endswith("__main__"):
            continue
        found.append(importlib.import_module(info.name))
    return found


def assigned_names(module: Any) -> list[str]:
    """
    The names a module binds at its top level (assignments, classes, functions), in order.
    """
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError):
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, ast.ClassDef | ast.FunctionDef):
            names.append(node.name)
    return names


@attrs.frozen
class Public:
    """
    One public object: where it is defined, and the dotted name the docs give it.
    """

    obj: Any
    module: str
    name: str
    target: str

    @property
    def exported(self) -> bool:
        return self.target == f"{PACKAGE}.{self.name}"

    @property
    def kind(self) -> str:
        if inspect.isclass(self.obj):
            return "exception" if issubclass(self.obj, BaseException) else "class"
        if callable(self.obj):
            return "function"
        return "data"


def _package_exports(modules: list[Any]) -> dict[tuple[int, str], str]:
    """
    The dotted name each package (``__init__``) exports an object under, by (id, name).

    The package itself comes last, so that its names win over a subpackage's.
    """
    names: dict[tuple[int, str], str] = {}
    for module in reversed(modules):
        if not hasattr(module, "__path__"):
            continue
        for name in getattr(module, "__all__", ()):
            if not name.startswith("__") and hasattr(module, name):
                names[(id(getattr(module, name)), name)] = f"{module.__name__}.{name}"
    return names


def public_objects() -> list[Public]:
    """
    Every public object of the package, each once, in source order by module.

    An object is public when the package's ``__all__`` exports it, when a
    subpackage's ``__all__`` re-exports it (``gxai_policy.strategies``), or
    when the ``__all__`` of the module that defines it lists it.  The docs
    name it by the shortest of these.
    """
    gp = _gp()
    modules = package_modules()
    names = _package_exports(modules)
    out: list[Public] = []
    seen: set[tuple[int, str]] = set()
    for module in modules:
        if module is gp:
            continue
        listed = set(getattr(module, "__all__", ()))
        for name in assigned_names(module):
            if not hasattr(module, name):
                continue
            obj = getattr(module, name)
            key = (id(obj), name)
            target = names.get(key)
            if target is None and name in listed:
                target = f"{module.__name__}.{name}"
            if target is None or key in seen:
                continue
            seen.add(key)
            out.append(Public(obj, module.__name__, name, target))
    return out


def xref(name: str, publics: Mapping[str, Public]) -> str:
    """
    A MyST cross-reference to the public object called *name*, or a literal.
    """
    public = publics.get(name)
    if public is None:
        return f"`{name}`"
    role = {"class": "class", "exception": "exc", "function": "func", "data": "data"}[public.kind]
    return f"{{py:{role}}}`~{public.target}`"


def by_short_name(publics: Iterable[Public]) -> dict[str, Public]:
    out: dict[str, Public] = {}
    for p in publics:
        # A top-level export wins over a module-level name.
        if p.name not in out or p.exported:
            out[p.name] = p
    return out


# --- rules ----------------------------------------------------------------------------------


@attrs.frozen
class Feed:
    """
    How the examples of one trigger are fed to the library, in words and in code.

    ``code`` takes the target's name (``gp.<applies_to>``), the target and the
    example, and gives the code a reader runs after ``example = …``; the
    example is run by the library's own runner (``gxai_policy._examples.fire``).
    """

    given: str
    shows: str
    code: Callable[[str, Any, Any], str]


def _table_code(target: str, _obj: Any, example: Any) -> str:
    """
    How a table's example is read: CSV text or bytes, or ``{"csv": …, "limits": {…}}``.
    """
    if isinstance(example, dict):
        encode = "" if isinstance(example["csv"], bytes) else ".encode()"
        return (
            f'data = example["csv"]{encode}\n'
            f"rows = list(gp.iter_table({target}, io.BytesIO(data), "
            'limits=gp.Limits(**example["limits"]), unknown="forbid"))'
        )
    data = "example" if isinstance(example, bytes) else "example.encode()"
    return f'rows = list(gp.iter_table({target}, io.BytesIO({data}), unknown="forbid"))'


_ERROR = "in the {py:exc}`~gxai_policy.ValidationError` raised"

# One entry per member of gxai_policy.rules.Trigger, as that enum documents it; a
# trigger missing here is reported and fails the build.
FEEDS: dict[str, Feed] = {
    "parse": Feed(
        "text, to the class's `parse` (or to the function itself)",
        _ERROR + " (or the {py:exc}`~gxai_policy.ParseError`)",
        lambda t, obj, _ex: f"{t}.parse(example)" if isinstance(obj, type) else f"{t}(example)",
    ),
    "load": Feed(
        "plain data, to {py:func}`gxai_policy.from_dict`",
        _ERROR,
        lambda t, _obj, _ex: f"gp.from_dict({t}, example)",
    ),
    "load_json": Feed(
        "JSON text, to {py:func}`gxai_policy.from_json`",
        _ERROR,
        lambda t, _obj, _ex: f"gp.from_json({t}, example)",
    ),
    "load_lax": Feed(
        'plain data, loaded with `mode="lax"`',
        "as a warning in the `findings` list",
        lambda t, _obj, _ex: f'found = []\ngp.from_dict({t}, example, mode="lax", findings=found)',
    ),
    "load_report": Feed(
        'plain data, loaded with `unknown="report"`',
        "as info in the `findings` list",
        lambda t, _obj, _ex: (
            f'found = []\ngp.from_dict({t}, example, unknown="report", findings=found)'
        ),
    ),
    "check": Feed(
        "plain data, loaded, then given to {py:func}`gxai_policy.check`",
        "among the findings returned",
        lambda t, _obj, _ex: f"gp.check(gp.from_dict({t}, example))",
    ),
    "check_as_of": Feed(
        'a record (`example["record"]`), loaded and checked as of a day (`example["as_of"]`)',
        "among the findings returned",
        lambda t, _obj, _ex: (
            f'record = gp.from_dict({t}, example["record"])\n'
            'gp.check(record, as_of=gp.parse_date(example["as_of"]))'
        ),
    ),
    "check_publishing": Feed(
        "plain data, loaded, then given to {py:func}`gxai_policy.check` with `publishing=True`",
        "among the findings returned",
        lambda t, _obj, _ex: f"gp.check(gp.from_dict({t}, example), publishing=True)",
    ),
    "call": Feed(
        "keyword arguments (Python objects), to the function or class",
        _ERROR,
        lambda t, _obj, _ex: f"{t}(**example)",
    ),
    "load_table": Feed(
        'a CSV file\'s content (or `example["csv"]`, read under `example["limits"]`),'
        " to {py:func}`gxai_policy.iter_table`",
        _ERROR + ", or in a row's `error` or `findings`",
        _table_code,
    ),
    "read": Feed(
        "a letter, to {py:func}`gxai_policy.parse_reply`",
        "in the {py:exc}`~gxai_policy.ParseError` raised, or among the findings of "
        "{py:func}`gxai_policy.check`",
        lambda _t, _obj, _ex: "gp.check(gp.parse_reply(example))",
    ),
    "read_file": Feed(
        "a file's content (bytes), to {py:func}`gxai_policy.read_letter`",
        "in the {py:exc}`~gxai_policy.ParseError` raised",
        lambda _t, _obj, _ex: "gp.read_letter(example)",
    ),
}


def _outcome(rule: Any) -> list[str]:
    """
    The lines showing what the library reported for *rule*'s example, run now.
    """
    try:
        found = importlib.import_module(f"{PACKAGE}._examples").fire(rule)
    except Exception as exc:  # noqa: BLE001 - any escape is reported, and fails the build
        logger.warning("rule %s: its example raised %s: %s", rule.code, type(exc).__name__, exc)
        return []
    lines = []
    for v in found:
        if getattr(v, "code", None) != rule.code:
            continue
        if hasattr(v, "severity"):
            lines += [str(v), f"{v.severity} {v.code} at {v.path or '/'}: {v.message_zh}"]
        else:
            lines += [f"ParseError {v.code}: {v}"]
    if not lines:
        logger.warning("rule %s: its example does not trigger it", rule.code)
    return lines


def _run_shown(rule: Any, code: str) -> None:
    """
    Run *code*, a rule's example as the page shows it, in a fresh namespace.

    The library's own errors are the point of most examples; anything else
    (a missing import, a name the package does not export) is a warning.
    """
    gp = _gp()
    try:
        exec(compile(code, f"<rule {rule.code}>", "exec"), {})  # noqa: S102 - the page's own example
    except (gp.ValidationError, gp.ParseError):
        pass
    except Exception as exc:  # noqa: BLE001 - any other escape is reported, and fails the build
        logger.warning(
            "rule %s: its example, as shown, raised %s: %s", rule.code, type(exc).__name__, exc
        )


def render_rules(publics: Mapping[str, Public]) -> str:
    gp = _gp()
    trigger_enum = importlib.import_module(f"{PACKAGE}.rules").Trigger
    for trigger in trigger_enum:
        if trigger.value not in FEEDS:
            logger.warning("docs/_ext/gxai_docs.py: no FEEDS entry for trigger %r", trigger.value)
    rules = list(gp.RULES.values())
    counts = ", ".join(f"{sum(r.severity is s for r in rules)} {s.value}" for s in gp.Severity)
    out = [
        "## How an example is fed to the library\n",
        (
            "The `trigger` of a rule ({py:class}`gxai_policy.rules.Trigger`) says how its "
            "example reaches the library:\n"
        ),
        table(
            ["trigger", "the example is given as", "the rule shows up"],
            (
                (f"`{t.value}`", FEEDS[t.value].given, FEEDS[t.value].shows)
                for t in trigger_enum
                if t.value in FEEDS
            ),
        ),
        (
            "Every Python block below runs as shown, pasted into a fresh interpreter (the build "
            "runs each so); a `text` block holds objects whose repr is not Python source.\n"
        ),
        "## The catalogue\n",
        f"The catalogue holds {len(rules)} rules ({counts}).\n",
    ]
    areas: dict[str, list[Any]] = {}
    for rule in rules:
        areas.setdefault(rule.code.split(".", 1)[0], []).append(rule)
    out.append(
        table(
            ["area", "codes"],
            (
                (f"{{ref}}`{area} <rules-{area}>`", ", ".join(f"`{r.code}`" for r in members))
                for area, members in areas.items()
            ),
        )
    )
    for area, members in areas.items():
        out.append(f"(rules-{area})=\n### `{area}`\n")
        for rule in members:
            feed = FEEDS.get(rule.trigger.value)
            out += [
                f"(rule-{rule.code})=",
                f"#### `{rule.code}`\n",
                (
                    f"**{rule.severity.value}** · applies to {xref(rule.applies_to, publics)}"
                    f" · trigger `{rule.trigger.value}`\n"
                ),
                f"{rule.summary}\n",
                f"{rule.summary_zh}\n",
                f"Source: {cell(rule.source)}\n",
            ]
            if feed is None:
                continue
            example = "example = " + pprint.pformat(rule.example, width=84, sort_dicts=False)
            call = feed.code(
                f"gp.{rule.applies_to}", getattr(gp, rule.applies_to, None), rule.example
            )
            # Examples of plain calls hold objects whose repr is not Python source.
            language = "text" if rule.trigger.value == "call" else "python"
            imports = "import io\n" if "io." in call else ""
            imports += "import gxai_policy as gp\n"
            code = f"{imports}\n{example}\n{call}"
            if language == "python":
                _run_shown(rule, code)
            out += [f"```{language}", code, "```\n"]
            outcome = _outcome(rule)
            if outcome:
                out += ["```text", *outcome, "```\n"]
    return "\n".join(out)


# --- codelists ------------------------------------------------------------------------------


def codelists() -> list[type[Any]]:
    """
    `gxai_policy.CODELISTS`, in their order: the page comes from it alone.
    """
    return list(_gp().CODELISTS)


def _aliases(cls: Any, member: Any) -> str:
    own = {member.value, member.label_zh, member.label_en, member.label_en.lower()}
    extra = sorted(text for text, m in cls.aliases().items() if m is member and text not in own)
    return "、".join(extra)


def render_codelists(publics: Mapping[str, Public]) -> str:
    out = []
    for cls in codelists():
        out += [
            f"(codelist-{cls.__name__})=",
            f"## {cls.__name__}\n",
            f"{xref(cls.__name__, publics)}: {summary(cls)}\n",
            table(
                ["value", "中文", "English", "also read"],
                ((f"`{m.value}`", m.label_zh, m.label_en, _aliases(cls, m)) for m in cls),
            ),
        ]
    return "\n".join(out)


# --- records: invariants and lifecycles -----------------------------------------------------


def records() -> list[type[Any]]:
    """
    The records the package exports, in the docs' order.
    """
    gp = _gp()
    return [getattr(gp, name) for name in RECORDS if hasattr(gp, name)]


def render_invariants(record: type[Any], publics: Mapping[str, Public]) -> str:
    """
    The rules whose ``applies_to`` is *record* or a type defined beside it.
    """
    gp = _gp()
    names = {record.__name__} | {
        p.name for p in publics.values() if p.module == record.__module__ and p.kind == "class"
    }
    rules = [r for r in gp.RULES.values() if r.applies_to in names]
    errors = [r for r in rules if r.severity is gp.Severity.ERROR]
    advisory = [r for r in rules if r.severity is not gp.Severity.ERROR]
    out = []
    if errors:
        out += [
            "Invariants: construction and loading refuse a record that breaks any of these,",
            "raising one {py:exc}`~gxai_policy.ValidationError` that lists every one broken.\n",
            table(
                ["code", "rule", "规则"],
                ((f"{{ref}}`{r.code} <rule-{r.code}>`", r.summary, r.summary_zh) for r in errors),
            ),
        ]
    if advisory:
        out += [
            "Advisory findings: {py:func}`gxai_policy.check` reports these; they never stop",
            "a record from being built.\n",
            table(
                ["code", "severity", "finding", "发现"],
                (
                    (
                        f"{{ref}}`{r.code} <rule-{r.code}>`",
                        r.severity.value,
                        r.summary,
                        r.summary_zh,
                    )
                    for r in advisory
                ),
            ),
        ]
    return "\n".join(out)


def render_lifecycle(record: type[Any]) -> str:
    """
    The lifecycle table of *record*, from ``TRANSITIONS``; empty for a record without one.
    """
    gp = _gp()
    transitions = importlib.import_module(f"{PACKAGE}.records.lifecycle").TRANSITIONS
    table_of = transitions.get(record)
    if table_of is None:
        return ""
    status = type(next(iter(table_of)))
    exported = next(
        (name for name in gp.__all__ if getattr(gp, name) is table_of),
        None,
    )
    where = f"{{py:data}}`gxai_policy.{exported}`" if exported else "`TRANSITIONS`"

    def show(member: Any) -> str:
        return f"`{member.value}` {member.label_zh}"

    return "\n".join(
        [
            f"```{{gxai-diagram}} lifecycle {record.__name__}\n```\n",
            (
                "In the diagram a dot marks where a record starts, an arrow each step "
                "allowed, and a double border a final status. "
                f"Its `status` ({{py:class}}`~gxai_policy.{status.__name__}`) moves as the "
                f"table {where} allows; {{py:func}}`gxai_policy.advance` takes one step and "
                "refuses any other with "
                "{ref}`lifecycle.illegal_transition <rule-lifecycle.illegal_transition>`.\n"
            ),
            table(
                ["from", "may move to"],
                (
                    (
                        show(state),
                        ", ".join(show(t) for t in status if t in table_of[state])
                        or "(final: no further status)",
                    )
                    for state in status
                ),
            ),
        ]
    )


# --- installing: the minimum Python and the extras, from the package's metadata ----------------

DISTRIBUTION = "gxai-policy"

# What each extra is for; an extra the package declares and this does not describe fails the
# build. Extras described here and not (yet) declared are left out of the page.
EXTRAS: dict[str, str] = {
    "strategies": "Hypothesis strategies for your own tests ({doc}`testing`)",
    "tables": "reading and writing `.xlsx` workbooks ({doc}`spreadsheets`); CSV needs nothing",
    "dask": "validating many JSON Lines files on Dask, `gxai_policy.dask` ({doc}`dask`)",
    "pydantic": "the records as pydantic models, for FastAPI and other pydantic users",
    "html": "reading reply letters from HTML pages",
    "docx": "reading reply letters from Word (`.docx`) files",
    "pdf": "reading reply letters from PDF files",
    "files": "every letter-file format at once (`html`, `docx` and `pdf`)",
}


def render_install() -> str:
    """
    The minimum Python and a table of the extras, read from the installed package's metadata.
    """
    found = importlib.metadata.metadata(DISTRIBUTION)
    python = found["Requires-Python"].removeprefix(">=")
    requires = found.get_all("Requires-Dist") or []
    extras = found.get_all("Provides-Extra") or []
    rows = []
    for extra in extras:
        about = EXTRAS.get(extra)
        if about is None:
            logger.warning("docs/_ext/gxai_docs.py: no EXTRAS entry for the extra %r", extra)
            continue
        brings = [
            r.split(";", 1)[0].strip()
            for r in requires
            if r.replace('"', "'").endswith(f"extra == '{extra}'")
        ]
        # Two columns, not three: the table must fit a phone.
        rows.append((f"`[{extra}]`", f"{about}; brings {', '.join(f'`{b}`' for b in brings)}"))
    order = list(EXTRAS)
    rows.sort(key=lambda row: order.index(row[0][2:-2]))
    return "\n".join(
        [
            f"`gxai_policy` needs **Python {python}** or later.\n",
            (
                "An extra installs what one part of the library needs besides its own "
                "dependencies:\n"
            ),
            table(["extra", "for"], rows),
        ]
    )


# --- command line examples ----------------------------------------------------------------

# A JSON Lines file of enterprises for the `validate` examples: a good line, a line with a bad
# credit code and a boolean written as text, a line with a blank name.
CLI_INPUT = (
    '{"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C"}\n'
    '{"name": "广西智联", "uscc": "91450100MA5KB1XW1D", "is_ai": "false"}\n'
    '{"name": " ", "uscc": "91450100MA5KB1XW1C"}\n'
)

# (what the example shows, the arguments, how many lines of output to show at most).
CLI_EXAMPLES: tuple[tuple[str, tuple[str, ...], int], ...] = (
    (
        "Check the file, one finding a line, as compilers write them:",
        ("validate", "--type", "enterprise", "--format", "text", "enterprises.jsonl"),
        50,
    ),
    (
        "The same, with the messages in Chinese:",
        (
            "validate",
            "--type",
            "enterprise",
            "--format",
            "text",
            "--lang",
            "zh",
            "enterprises.jsonl",
        ),
        50,
    ),
    (
        "Read the bundled founding letter and summarise it (the first lines):",
        ("demo",),
        12,
    ),
)


def run_cli(arguments: Iterable[str], directory: Path) -> tuple[int, str]:
    """
    Run ``gxai-policy`` with *arguments* in *directory*: its exit status and standard output.
    """
    cli = importlib.import_module(f"{PACKAGE}.cli")
    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(directory)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(list(arguments))
    finally:
        os.chdir(here)
    if err.getvalue():
        logger.warning("gxai-policy %s wrote to stderr: %s", " ".join(arguments), err.getvalue())
    return status, out.getvalue()


def render_cli_examples() -> str:
    """
    The command line run on a small file now, its ``--format text`` output as it prints it.
    """
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        (directory / "enterprises.jsonl").write_text(CLI_INPUT, encoding="utf-8")
        out = ["`enterprises.jsonl`:\n", "```text", CLI_INPUT.rstrip("\n"), "```\n"]
        for what, arguments, most in CLI_EXAMPLES:
            status, printed = run_cli(arguments, directory)
            lines = printed.rstrip("\n").splitlines()
            shown = lines[:most] + (["…"] if len(lines) > most else [])
            out += [
                f"{what}\n",
                "```console",
                f"$ gxai-policy {' '.join(arguments)}",
                *shown,
                "```\n",
                f"Exit status {status}.\n",
            ]
    return "\n".join(out)


# --- JSON Schemas ---------------------------------------------------------------------------


def render_schemas(directory: Path) -> str:
    gp = _gp()
    rows = []
    for record in records():
        name = f"{record.__name__.lower()}.schema.json"
        schema = gp.json_schema(record)
        _write(directory / name, json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
        rows.append(
            (
                f"{{py:class}}`~{PACKAGE}.{record.__name__}`",
                f"{{download}}`{name} <{GENERATED}/schemas/{name}>`",
                len(schema.get("$defs", {})),
            )
        )
    return table(["record", "schema", "nested definitions"], rows)


def render_versioned_schemas(directory: Path) -> str:
    """
    Every released schema version's schemas, written to *directory*/v<N>/<Record>.json.

    The build copies them to ``schemas/`` of the site, where their ``$id`` says they are.
    """
    gp = _gp()
    rows = []
    for version in range(1, gp.SCHEMA_VERSION + 1):
        links = []
        for record in records():
            name = f"{record.__name__}.json"
            schema = gp.json_schema(record, version=version)
            _write(
                directory / f"v{version}" / name,
                json.dumps(schema, ensure_ascii=False, indent=2) + "\n",
            )
            links.append(f"{{download}}`{name} <{GENERATED}/versions/v{version}/{name}>`")
        rows.append((str(version), ", ".join(links)))
    return table(["version", "schemas"], rows)


def publish_schemas(app: Sphinx, exception: Exception | None) -> None:
    """
    Copy each version's schemas to ``schemas/v<N>/`` of an HTML build, where their ``$id`` points.
    """
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / GENERATED / "versions"
    target = Path(app.outdir) / "schemas"
    for path in sorted(source.rglob("*.json")):
        _write(target / path.relative_to(source), path.read_text(encoding="utf-8"))


# --- API reference --------------------------------------------------------------------------

# (title, module prefixes, introduction); each public object goes under the concept
# with the longest prefix of its defining module.
CONCEPTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "Records",
        ("gxai_policy.records",),
        (
            "The seven records and the bundle: frozen, validated on construction, changed "
            "with {py:func}`attrs.evolve` (which validates again)."
        ),
    ),
    (
        "Checking",
        ("gxai_policy.checks",),
        "Advisory findings about a record, a reply or a bundle.",
    ),
    (
        "Reply letters as text",
        ("gxai_policy.text",),
        (
            "Reading published reply letters into {py:class}`~gxai_policy.Reply` records, "
            "writing them back, and the figures they state."
        ),
    ),
    (
        "Policy",
        (
            "gxai_policy.policy",
            "gxai_policy.records.lifecycle",
            "gxai_policy.values.subsidy_policy",
        ),
        "Computations under a dated policy: subsidy terms and schedules, lifecycles, summaries.",
    ),
    (
        "Values",
        ("gxai_policy.values",),
        (
            "The leaf value objects records are made of: money and quantities, dates and "
            "periods, identifiers, sessions."
        ),
    ),
    (
        "Codelists",
        ("gxai_policy.values.codelists", "gxai_policy.values._codelist"),
        (
            "Closed sets of codes with stable English values and Chinese and English labels; "
            "the [codelists page](codelists.md) tabulates them."
        ),
    ),
    (
        "Serialization",
        ("gxai_policy.wire",),
        "Dicts, JSON, JSONL and JSON Schema, strict and lax; see [Formats](formats.md).",
    ),
    (
        "Errors and rules",
        ("gxai_policy.errors", "gxai_policy.rules"),
        (
            "What the library raises and reports, and the catalogue of every code; see "
            "[Rules](rules.md)."
        ),
    ),
    (
        "Bundled data",
        ("gxai_policy.data",),
        "The founding letter, shipped with the package.",
    ),
    (
        "Hypothesis strategies",
        ("gxai_policy.strategies",),
        "Strategies for your own tests; see [Testing with gxai_policy](testing.md).",
    ),
    (
        "Command line",
        ("gxai_policy.cli",),
        "The `gxai-policy` command; see [CLI](cli.md).",
    ),
    (
        "Dask",
        ("gxai_policy.dask",),
        "JSONL files as a `dask.bag.Bag` (the `[dask]` extra); see [Dask](dask.md).",
    ),
    (
        "pydantic and FastAPI",
        ("gxai_policy.pydantic",),
        (
            "Records and values as pydantic fields and FastAPI bodies (the `[pydantic]` extra); "
            "see [Using gxai_policy in a web app](web-app.md)."
        ),
    ),
)


def _concept(module: str) -> str:
    best, length = CONCEPTS[0][0], -1
    for title, prefixes, _ in CONCEPTS:
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > length:
                best, length = title, len(prefix)
    return best


def _data(public: Public) -> list[str]:
    """
    A ``py:data`` directive for a module-level value, documented by its ``#:`` comment.

    autodoc would look for the comment where the value is re-exported (and
    find none); this reads it where the value is defined.
    """
    analyzer = ModuleAnalyzer.for_module(public.module)
    comment = analyzer.find_attr_docs().get(("", public.name), [])
    module, _, name = public.target.rpartition(".")
    lines = [f".. py:data:: {name}", f"   :module: {module}"]
    try:
        hint = typing.get_type_hints(importlib.import_module(public.module)).get(public.name)
    except (NameError, TypeError):
        hint = None
    if hint is not None and typing.get_origin(hint) is not typing.Final:
        lines.append(f"   :type: {stringify_annotation(hint, 'fully-qualified-except-typing')}")
    shown = repr(public.obj)
    if len(shown) <= 60 and "<" not in shown:
        lines.append(f"   :value: {shown}")
    if public.target != f"{public.module}.{public.name}":
        lines.append(f"   :canonical: {public.module}.{public.name}")
    lines.append("")
    lines += ["   " + line if line else "" for line in comment]
    return lines


def _directive(public: Public) -> list[str]:
    if public.kind in ("class", "exception"):
        options = [":members:"]
        if public.obj.__bases__ != (object,):
            options.append(":show-inheritance:")
        if issubclass(public.obj, enum.Enum):
            options.append(":undoc-members:")
        return [f".. autoclass:: {public.target}", *("   " + o for o in options)]
    if public.kind == "function":
        return [f".. autofunction:: {public.target}"]
    return _data(public)


def _is_package(name: str) -> bool:
    try:
        return hasattr(importlib.import_module(name), "__path__")
    except ImportError:
        return False


def render_api(publics: Iterable[Public]) -> str:
    prefixes = {title: p for title, p, _ in CONCEPTS}
    grouped: dict[str, dict[str, list[Public]]] = {title: {} for title, _, _ in CONCEPTS}
    for public in publics:
        # Documented where users import it from: the defining module, unless a
        # subpackage re-exports it (gxai_policy.strategies.enterprises).
        home = public.target.rpartition(".")[0]
        section = public.module if home == PACKAGE else home
        grouped[_concept(section)].setdefault(section, []).append(public)
    out = ["```{eval-rst}", f".. py:module:: {PACKAGE}", "```\n"]
    for title, _, intro in CONCEPTS:
        modules = grouped[title]
        if not modules:
            continue
        out += [f"## {title}\n", f"{intro}\n"]
        packages = [p for p in prefixes[title] if p not in modules and _is_package(p)]
        if packages:
            out += ["```{eval-rst}", *(f".. py:module:: {p}" for p in packages), "```\n"]
        # Private modules (records._base, values._codelist) after the public ones.
        ordered = sorted(modules.items(), key=lambda item: "._" in item[0])
        for module, members in ordered:
            doc = summary(importlib.import_module(module))
            out += [f"### `{module}`\n", f"{doc}\n" if doc else "", "```{eval-rst}"]
            out += [f".. py:module:: {module}", ""]
            for public in members:
                out += [*_directive(public), ""]
            out += ["```\n"]
    return "\n".join(out)


# --- docstrings and references -------------------------------------------------------------


_ORIGINAL_DOCSTRINGS: dict[str, list[str]] = {}


def _stash_attribute_docstring(
    _app: Sphinx, what: str, name: str, _obj: Any, _options: Any, lines: list[str]
) -> None:
    if what in ("attribute", "data", "property"):
        _ORIGINAL_DOCSTRINGS[name] = list(lines)


def _reparse_attribute_docstring(  # noqa: PLR0913, PLR0917 - the event's signature
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """
    Read an attribute's or a property's docstring as prose, not as ``type: description``.

    Napoleon reads the first line of such a docstring as ``type: description``;
    ours start with a sentence that may hold a colon (``The last day the
    certificate is valid: the day before …``) and state the type in the
    annotation.  This replaces napoleon's reading with the one it gives a
    function's docstring (Google sections still work).
    """
    original = _ORIGINAL_DOCSTRINGS.pop(name, None)
    if what not in ("attribute", "data", "property") or original is None:
        return
    lines[:] = GoogleDocstring(original, app.config, app, "function", name, obj, options).lines()


def _local_match(env: Any, node: Any) -> tuple[str, Any] | None:
    domain = env.get_domain("py")
    role = node.get("reftype")
    matches = domain.find_obj(
        env,
        node.get("py:module"),
        node.get("py:class"),
        node["reftarget"],
        None if role == "obj" else role,
        searchmode=1,
    )
    canonical = [m for m in matches if not m[1].aliased] or matches
    return canonical[0] if len(canonical) == 1 else None


def _inventory_match(env: Any, target: str) -> Any:
    inventory = getattr(env, "intersphinx_inventory", {})
    suffix = "." + target
    found = {
        item.uri: item
        for objtype, items in inventory.items()
        if objtype.startswith("py:")
        for name, item in items.items()
        if name.endswith(suffix)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def resolve_short_names(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """
    Resolve a Python reference by the unique object whose name ends with it.

    Docstrings name objects as their own module sees them (`USCC.parse`,
    `Dataset`), while the docs document them where the package exports
    them (``gxai_policy.USCC``).  A name that matches exactly one documented
    object, or else exactly one object of an intersphinx inventory, links
    to it; an ambiguous or unknown name stays unresolved, and ``-n`` reports it.
    """
    if node.get("refdomain") != "py":
        return None
    match = _local_match(env, node)
    if match is not None:
        name, entry = match
        return make_refnode(
            app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name
        )
    item = _inventory_match(env, node["reftarget"])
    if item is None:
        return None
    reference = nodes.reference("", "", internal=False, refuri=item.uri, reftitle=item.project_name)
    reference.append(contnode)
    return reference


# --- the hook -------------------------------------------------------------------------------


def generate(app: Sphinx) -> None:
    """
    Write every generated page into ``<srcdir>/_generated``.
    """
    root = Path(app.srcdir) / GENERATED
    publics_list = public_objects()
    publics = by_short_name(publics_list)
    _write(root / "rules.md", render_rules(publics))
    _write(root / "codelists.md", render_codelists(publics))
    for record in records():
        _write(root / "invariants" / f"{record.__name__}.md", render_invariants(record, publics))
        _write(root / "lifecycle" / f"{record.__name__}.md", render_lifecycle(record))
    _write(root / "schemas.md", render_schemas(root / "schemas"))
    _write(root / "versions.md", render_versioned_schemas(root / "versions"))
    cli = importlib.import_module(f"{PACKAGE}.cli")
    _write(root / "cli.md", argparse_markdown.render(cli.build_parser()))
    _write(root / "cli-examples.md", render_cli_examples())
    _write(root / "install.md", render_install())
    _write(root / "api.md", render_api(publics_list))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    app.connect("build-finished", publish_schemas)
    # Around napoleon (priority 500), which rewrites the docstring.
    app.connect("autodoc-process-docstring", _stash_attribute_docstring, priority=400)
    app.connect("autodoc-process-docstring", _reparse_attribute_docstring, priority=600)
    # After intersphinx (priority 500) had its exact-name try.
    app.connect("missing-reference", resolve_short_names, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

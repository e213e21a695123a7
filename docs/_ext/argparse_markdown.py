"""
Render an `argparse.ArgumentParser`, its options and its subcommands, as MyST Markdown.

The CLI page is generated from ``gxai_policy.cli.build_parser()`` with this,
so the page cannot drift from the parser.  Only the standard library is used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

_WIDTH = 88
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape(text: str) -> str:
    """
    Escape the characters that Markdown would read as markup.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = parser.formatter_class(prog=parser.prog, width=_WIDTH)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)  # noqa: SLF001
    return formatter.format_help().strip()


def _help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    if not action.help or action.help == argparse.SUPPRESS:
        return ""
    formatter = parser.formatter_class(prog=parser.prog, width=_WIDTH)
    return " ".join(formatter._expand_help(action).split())  # noqa: SLF001


def _invocation(action: argparse.Action) -> str:
    if not action.option_strings:  # argparse shows a positional by its dest as it is
        return action.metavar if isinstance(action.metavar, str) else action.dest
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    metavar = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
    return ", ".join(f"{option} {metavar}" for option in action.option_strings)


def _details(action: argparse.Action, help_text: str) -> Iterator[str]:
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
        yield "one of " + ", ".join(f"`{choice}`" for choice in action.choices)
    if action.option_strings and action.required:
        yield "required"
    shown_default = (
        action.option_strings
        and action.nargs != 0
        and action.default not in (None, argparse.SUPPRESS)
        and "default" not in help_text
    )
    if shown_default:
        yield f"default `{action.default}`"


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:  # type: ignore[type-arg]
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return action
    return None


def _argument_lines(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:  # noqa: SLF001
            continue
        help_text = escape(_help(parser, action))
        details = "; ".join(_details(action, help_text))
        text = " ".join(part for part in (help_text, f"({details})" if details else "") if part)
        yield f"- `{_invocation(action)}`" + (f": {text}" if text else "")


def render(
    parser: argparse.ArgumentParser, *, level: int = 2, description: str | None = None
) -> str:
    """
    The Markdown of *parser* and, one heading level down, of each subcommand.

    Each command gets a heading with its full invocation, its description
    (or, for a subcommand without one, its one-line help), its usage as
    printed by ``--help``, and a list of its arguments.  Subcommands come in
    the order they were added.
    """
    lines = [f"{'#' * level} `{parser.prog}`", ""]
    description = parser.description or description
    if description:
        lines += [escape(" ".join(description.split())), ""]
    lines += ["```text", _usage(parser), "```", ""]
    arguments = list(_argument_lines(parser))
    if arguments:
        lines += [*arguments, ""]
    if parser.epilog:
        lines += [escape(" ".join(parser.epilog.split())), ""]
    commands = _subcommands(parser)
    if commands is not None:
        helps = {a.dest: a.help for a in commands._choices_actions}  # noqa: SLF001
        seen: set[int] = set()
        for name, sub in commands.choices.items():
            if id(sub) in seen:  # an alias of a command already shown
                continue
            seen.add(id(sub))
            lines.append(render(sub, level=level + 1, description=helps.get(name)))
    return "\n".join(lines)

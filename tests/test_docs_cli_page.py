"""
The CLI page, generated from the parser (docs/_ext/argparse_markdown.py), misses nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from gxai_policy.cli import build_parser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))

import argparse_markdown


def commands(
    parser: argparse.ArgumentParser, name: str
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """
    The parser and each of its subcommands, recursively, with the name the page gives each.
    """
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from commands(sub, f"{name} {sub_name}")


class TestCliPage:
    def test_every_command_has_its_heading(self):
        """Each subcommand of `gxai-policy` has a heading of its own on the page."""
        page = argparse_markdown.render(build_parser())
        names = [name for name, _ in commands(build_parser(), "gxai-policy")]

        assert [] == [name for name in names if f"`{name}`\n" not in page]
        assert len(names) > 5

    def test_every_option_and_argument_is_listed(self):
        """Every flag and positional of every command appears in the command's section."""
        page = argparse_markdown.render(build_parser())
        missing = []
        for name, parser in commands(build_parser(), "gxai-policy"):
            # The command's own section: from its heading to the next one.
            section = page.split(f"`{name}`\n", 1)[1].split("\n#", 1)[0]
            listed = {
                word.split(" ", 1)[0]
                for invocation in re.findall(r"^- `([^`]*)`", section, re.MULTILINE)
                for word in invocation.split(", ")
            }
            missing += [
                (name, shown)
                for action in parser._actions
                if not isinstance(action, argparse._SubParsersAction)
                for shown in action.option_strings or [action.metavar or action.dest]
                if shown not in listed
            ]

        assert [] == missing

"""
The ``gxai-policy`` command line.

Exit codes: 0 clean, 1 findings, 2 unusable input or usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import gxai_policy as gp

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """
    The argument parser (the docs' CLI page is generated from it).
    """
    parser = argparse.ArgumentParser(
        prog="gxai-policy",
        description="The typed domain model of Guangxi's new-generation AI policy.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {gp.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("demo", help="read the bundled founding letter and summarise it")
    return parser


def _demo(_args: argparse.Namespace) -> int:
    print(f"gxai_policy {gp.__version__}: {len(gp.RULES)} rules")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line; return the exit code.
    """
    args = build_parser().parse_args(argv)
    commands = {"demo": _demo}
    return commands[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

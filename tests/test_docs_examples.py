"""
The docs' examples, run as a reader runs them: pasted in order into a fresh interpreter.

Each page of ``docs/`` is read for its ``{doctest}`` and ``{testcode}``
blocks, which run one after another in one fresh namespace per page, with
nothing imported beforehand: a page that relies on an import it does not
show fails here.  The docs build runs the same blocks with the doctest
builder, with no global setup either (``docs/conf.py``).
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(DOCS.glob("*.md"))

# The flags docs/conf.py gives the doctest builder.
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1

_FENCE = re.compile(r"^(`{3,})\{?([\w-]*)\}?[ \t]*(.*)$")


def blocks(text: str) -> list[tuple[str, int, str]]:
    """
    Each fenced block of a MyST page: its language or directive, its first line, its body.

    Directive options (``:hide:``) are dropped from the body.
    """
    found: list[tuple[str, int, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence, name = opening.group(1), opening.group(2)
        body: list[str] = []
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != fence:
            body.append(lines[j])
            j += 1
        while body and re.match(r"^:[\w-]+:", body[0]):
            body.pop(0)
        found.append((name, i + 1, "\n".join(body) + "\n"))
        i = j + 1
    return found


def run_page(page: Path) -> list[str]:
    """
    Run every example of *page* in order in one fresh namespace; the failures, described.
    """
    namespace: dict[str, object] = {"__name__": f"docs.{page.stem}"}
    parser = doctest.DocTestParser()
    failures: list[str] = []
    for name, line, body in blocks(page.read_text(encoding="utf-8")):
        where = f"{page.name}:{line}"
        if name == "doctest":
            test = parser.get_doctest(body, namespace, where, str(page), line)
            runner = doctest.DocTestRunner(optionflags=FLAGS)
            out: list[str] = []
            runner.run(test, out=out.append, clear_globs=False)
            # DocTest works on a copy of the namespace: keep what the block bound.
            namespace.update(test.globs)
            failures += out
        elif name == "testcode":
            try:
                exec(compile(body, where, "exec"), namespace)  # noqa: S102 - the docs' own example
            except Exception as exc:  # noqa: BLE001 - every failure is reported with its page
                failures.append(f"{where}: {type(exc).__name__}: {exc}")
        elif name == "python":
            # Shown, not run (it needs a cluster or a server): it must at least be Python.
            try:
                compile(body, where, "exec")
            except SyntaxError as exc:
                failures.append(f"{where}: {exc}")
    return failures


class TestBlocks:
    def test_reads_directives_languages_and_drops_options(self):
        """A page's fences are read with their directive or language, line and body."""
        page = "text\n```{doctest}\n:options: +SKIP\n>>> 1\n1\n```\n\n```python\nx = 1\n```\n"

        assert [("doctest", 2, ">>> 1\n1\n"), ("python", 8, "x = 1\n")] == blocks(page)


class TestPages:
    @pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
    def test_examples_pass_pasted_into_a_fresh_interpreter(self, page):
        """Every example of a page passes in one fresh namespace, with only the imports it shows."""
        assert [] == run_page(page)

    def test_a_page_relying_on_a_hidden_import_fails(self, tmp_path):
        """A page that uses `gp` without importing it is reported, with its line."""
        page = tmp_path / "hidden.md"
        page.write_text("```{doctest}\n>>> gp.USCC\n<class ...>\n```\n", encoding="utf-8")

        failures = run_page(page)

        assert 1 == len(failures)
        assert "NameError: name 'gp' is not defined" in failures[0]

    def test_examples_share_one_namespace_in_page_order(self, tmp_path):
        """A later block sees what an earlier block of the same page imported and bound."""
        page = tmp_path / "order.md"
        page.write_text(
            "```{doctest}\n>>> import math\n```\n\n```{testcode}\nx = 2\n```\n\n"
            "```{doctest}\n>>> y = math.sqrt(x * 8)\n```\n\n```{doctest}\n>>> y\n4.0\n```\n",
            encoding="utf-8",
        )

        assert [] == run_page(page)

    def test_the_docs_build_has_no_hidden_setup(self):
        """Neither the Sphinx configuration nor a page sets up the examples out of sight."""
        hidden = ("doctest_global_setup", "testsetup", "doctest_global_cleanup")
        sources = [DOCS / "conf.py", *PAGES]

        assert [] == [
            (source.name, word)
            for source in sources
            for word in hidden
            if word in source.read_text(encoding="utf-8")
        ]

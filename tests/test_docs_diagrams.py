"""
The docs' diagrams (docs/_ext/gxai_graphs.py) say what the library holds.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

import gxai_policy as gp
from gxai_policy.records.lifecycle import TRANSITIONS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))

import gxai_graphs as diagrams

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is missing")


def edges(source: str) -> set[tuple[str, str]]:
    """
    The edges of a Graphviz source, as (from, to) pairs of node names.
    """
    return set(re.findall(r'^\s*"?([\w]+)"? -> "?([\w]+)"?', source, re.MULTILINE))


class TestLifecycle:
    @pytest.mark.parametrize("record", [gp.Proposal, gp.Task, gp.Platform])
    def test_edges_are_the_transition_table(self, record):
        """A lifecycle diagram has one arrow per allowed step, and the start arrow."""
        table = TRANSITIONS[record]
        first = next(iter(type(next(iter(table)))))
        expected = {(a.value, b.value) for a, targets in table.items() for b in targets}
        expected.add(("start", first.value))

        assert expected == edges(diagrams.lifecycle_dot(record))

    def test_final_statuses_have_a_double_border(self):
        """Exactly the statuses with no way out are drawn with two borders."""
        source = diagrams.lifecycle_dot(gp.Task)
        doubled = set(re.findall(r'"(\w+)" \[[^]]*peripheries=2', source))

        assert {"completed", "cancelled"} == doubled

    def test_a_record_without_a_lifecycle_is_refused(self):
        """Asking for the lifecycle of a record that has none is a ValueError."""
        with pytest.raises(ValueError, match="Enterprise has no lifecycle"):
            diagrams.lifecycle_dot(gp.Enterprise)


class TestRecords:
    def test_references_are_read_from_field_types(self):
        """Refs, recipients' kinds and `host_platform` lead to the records they name."""
        found = {(r.source, r.field, r.target) for r in diagrams.references() if not r.contains}

        assert {
            ("Reply", "proposal", "Proposal"),
            ("Subsidy", "recipient", "Enterprise"),
            ("Subsidy", "recipient", "Scholar"),
            ("Subsidy", "recipient", "Platform"),
            ("Scholar", "host_platform", "Platform"),
        } == found

    def test_the_bundle_holds_the_seven_records(self):
        """The bundle's fields give the records, in its order."""
        held = [r.target for r in diagrams.references() if r.contains]

        assert ["Proposal", "Reply", "Task", "Platform", "Scholar", "Enterprise", "Subsidy"] == held

    def test_smaller_groups_hang_below_the_largest(self):
        """Groups of records apart from the largest are stacked under its deepest record."""
        found = diagrams.references()
        names = sorted({r.target for r in found if r.contains})

        assert [("Platform", "Reply"), ("Platform", "Task")] == diagrams._stacking(found, names)
        assert '"Platform" -> "Task" [style=invis]' in diagrams.records_dot()

    def test_parts_leave_out_values_and_references(self):
        """A record's parts are its nested validated classes, not its values or refs."""
        assert ["Proposer", "Handler", "Extension"] == diagrams.parts(gp.Proposal)
        assert [] == diagrams.parts(gp.Scholar)


class TestPipeline:
    def test_names_functions_the_package_exports(self):
        """Every function the pipeline shows is a public function of the package."""
        source = diagrams.pipeline_dot()
        named = set(re.findall(r"gp\.(\w+)", source))

        expected = {"parse_reply", "read_letter", "from_json", "iter_jsonl", "iter_table", "check"}
        assert expected == named
        assert all(callable(getattr(gp, name)) for name in named)

    def test_a_function_gone_from_the_package_fails(self, monkeypatch):
        """A pipeline naming a function the package lost is refused, not drawn stale."""
        monkeypatch.setattr(diagrams, "PIPELINE_INPUTS", (("text", ("parse_letter",)),))

        with pytest.raises(ValueError, match=r"gp\.parse_letter"):
            diagrams.pipeline_dot()


class TestDiagram:
    def test_an_unknown_kind_is_refused(self):
        """The directive's kind is lifecycle, records or pipeline."""
        with pytest.raises(ValueError, match="unknown diagram 'flow'"):
            diagrams.diagram("flow", None)

    def test_a_lifecycle_of_no_record_is_refused(self):
        """A lifecycle names a record the package exports."""
        with pytest.raises(ValueError, match="no record called 'Nothing'"):
            diagrams.diagram("lifecycle", "Nothing")


class TestThemed:
    SVG = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- made -->\n'
        '<svg width="100pt" height="50pt" viewBox="0 0 100 50">\n'
        '<g id="graph0"><title>g</title>\n'
        '<polygon fill="white" stroke="transparent" points="0,0"/>\n'
        '<path fill="none" stroke="black" d="M0,0"/>\n'
        f'<text fill="{diagrams.INK}">a</text>\n'
        f'<path fill="{diagrams.FILL}" stroke="{diagrams.MUTED}" d="M1,1"/>\n'
        "</g></svg>\n"
    )

    def test_follows_the_page_colours(self):
        """Lines and letters take the page's colour, boxes furo's background variables."""
        svg = diagrams.themed(self.SVG, "a title")

        assert not re.search(r"black|white|#0000|#ffff", svg)
        assert svg.count('"currentColor"') == 2
        assert (
            'style="fill: var(--color-background-secondary); stroke: var(--color-foreground-muted)"'
        ) in svg

    def test_is_an_accessible_inline_svg(self):
        """No prolog, titles or ids; an image role and label; a smallest width of 70%."""
        svg = diagrams.themed(self.SVG, "a title")

        assert svg.startswith('<svg role="img" aria-label="a title"')
        assert 'style="min-width: 70pt"' in svg
        assert not re.search(r"<\?xml|<!DOCTYPE|<!--|<title>| id=", svg)

    @needs_dot
    def test_dot_lays_out_every_diagram(self):
        """Each diagram the docs use renders as SVG holding its labels."""
        for kind, argument, label in [
            ("lifecycle", "Proposal", "已答复"),
            ("records", None, "host_platform"),
            ("pipeline", None, "gp.check"),
        ]:
            svg = diagrams.render(*diagrams.diagram(kind, argument))

            assert svg.startswith("<svg")
            assert label in svg

    def test_a_missing_dot_is_an_error_saying_how_to_install_it(self, monkeypatch):
        """Without Graphviz the build stops with the command to install it."""
        monkeypatch.setattr(diagrams.shutil, "which", lambda _name: None)
        diagrams.dot_binary.cache_clear()
        try:
            with pytest.raises(diagrams.DiagramError, match="apt-get install graphviz"):
                diagrams.render("digraph {}", "empty")
        finally:
            diagrams.dot_binary.cache_clear()

"""
The ``gxai-diagram`` directive: a diagram of the library (``gxai_graphs.py``) as inline SVG.

```{gxai-diagram} lifecycle Proposal
```

draws the lifecycle of a proposal's status; ``records`` draws the records
and their references, ``pipeline`` the way from text, JSON and spreadsheets
to findings.  See ``gxai_graphs.py`` for why Graphviz, and how the SVG follows
furo's light and dark themes.
"""

from __future__ import annotations

import importlib
from typing import Any

import gxai_graphs as diagrams
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


class DiagramDirective(SphinxDirective):
    """
    ``gxai-diagram KIND [RECORD]``: a diagram of the library, drawn when the page is read.
    """

    required_arguments = 1
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind, argument = self.arguments[0], (self.arguments[1:] or [None])[0]
        try:
            source, title = diagrams.diagram(kind, argument)
        except ValueError as exc:
            logger.warning("gxai-diagram: %s", exc, location=self.get_location())
            return []
        try:
            svg = diagrams.render(source, title)
        except diagrams.DiagramError as exc:
            # Not a warning: a missing `dot` stops the build, whatever -W says.
            raise ExtensionError(str(exc)) from None
        # The drawing depends on the library: reread the page when the package changes.
        self.env.note_dependency(importlib.import_module(diagrams.PACKAGE).__file__)
        figure = f'<figure class="gxai-diagram">{svg}</figure>'
        return [nodes.raw("", figure, format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("gxai-diagram", DiagramDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

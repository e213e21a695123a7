"""
The public strategies: registered for st.from_type, importable in any order.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import find, given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy._hypothesis_plugin import TYPE_STRATEGIES


@pytest.mark.parametrize("name", sorted(TYPE_STRATEGIES))
def test_from_type_draws_valid_objects(name):
    """
    st.from_type(cls) draws objects of cls for every registered class.
    """
    cls = getattr(gp, name)

    @given(st.from_type(cls))
    def drawn(value):
        assert isinstance(value, cls)

    drawn()


@pytest.mark.parametrize(
    "code",
    [
        "import gxai_policy.strategies",
        "import hypothesis; import gxai_policy.strategies",
        "import gxai_policy; import hypothesis",
    ],
)
def test_import_order_does_not_matter(code):
    """
    The strategies import before or after Hypothesis, and from_type works either way.
    """
    check = (
        "from hypothesis import find, strategies as st; import gxai_policy as gp; "
        "print(type(find(st.from_type(gp.Enterprise), lambda e: True)).__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", f"{code}; {check}"], capture_output=True, text=True, check=True
    )
    assert "Enterprise" == done.stdout.strip()


def test_register_is_idempotent():
    """
    register() may be called again where entry points are off.
    """
    from gxai_policy.strategies import register

    register()
    register()
    assert isinstance(find(st.from_type(gp.Money), lambda _: True), gp.Money)

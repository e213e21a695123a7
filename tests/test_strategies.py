"""
The public strategies: registered for st.from_type, importable in any order.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import gxai_policy as gp
from gxai_policy._hypothesis_plugin import TYPE_STRATEGIES
from gxai_policy.strategies import datasets, datasets_with_errors
from gxai_policy.strategies._datasets import DATASET_ERRORS


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


def _errors(bundle: gp.Dataset) -> list[str]:
    return [v.code for v in gp.check(bundle) if v.severity is gp.Severity.ERROR]


class TestDatasets:
    @settings(max_examples=400)
    @given(datasets())
    def test_no_errors(self, bundle):
        """
        A drawn bundle holds no error gp.check would report, over many draws.
        """
        assert [] == _errors(bundle)

    @given(datasets(max_size=6))
    def test_policy_subsidies_only_to_certified_enterprises(self, bundle):
        """
        Certification awards and R&D input subsidies go only to certified enterprises of the bundle.
        """
        certified = {str(e.uscc) for e in bundle.enterprises if e.certificate is not None}
        assert [] == [
            s
            for s in bundle.subsidies
            if s.kind in (gp.SubsidyKind.CERTIFICATION_AWARD, gp.SubsidyKind.RD_INPUT)
            and s.recipient.key not in certified
        ]

    def test_draws_policy_subsidies(self):
        """
        Sound bundles still hold awards and R&D input subsidies, not only other funding.
        """
        for kind in (gp.SubsidyKind.CERTIFICATION_AWARD, gp.SubsidyKind.RD_INPUT):
            found = find(datasets(), lambda d, kind=kind: any(s.kind is kind for s in d.subsidies))
            assert kind in {s.kind for s in found.subsidies}


class TestDatasetsWithErrors:
    @given(datasets_with_errors())
    def test_holds_its_error(self, pair):
        """
        Each drawn bundle holds the error it is drawn with, as gp.check reports it.
        """
        bundle, code = pair
        assert code in _errors(bundle)

    @pytest.mark.parametrize("code", DATASET_ERRORS)
    def test_every_error(self, code):
        """
        Every error the strategy can plant is planted when asked for alone.
        """

        @settings(max_examples=20)
        @given(datasets_with_errors(codes=[code]))
        def drawn(pair):
            assert (code, True) == (pair[1], code in _errors(pair[0]))

        drawn()

    @pytest.mark.parametrize("codes", [["money.negative"], []])
    def test_refuses_unknown_codes(self, codes):
        """
        A code the strategy cannot plant, or none at all, is an InvalidArgument.
        """
        with pytest.raises(InvalidArgument, match="cannot plant"):
            datasets_with_errors(codes=codes)

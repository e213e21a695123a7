"""
Test configuration: Hypothesis profiles.

``ci`` (the default, what ``nox`` and CI run) draws 250 examples a property,
which keeps the whole suite, under coverage on two cores, within CI's 20-minute
budget (measured: 100 examples take 5 minutes); ``thorough`` draws 500
(``HYPOTHESIS_PROFILE=thorough nox -s tests``); ``light`` draws 50, for the
suite's runs on the other Pythons the classifiers name (``nox -s tests-3.12``,
``tests-3.13``: the first Python runs ``ci``); ``dev`` is quick; ``long`` is for
``nox -s fuzz``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "light",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "long",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """
    Skip the ``slow`` tests unless the run selects them (``-m slow``, as ``nox -s slow`` does).
    """
    if "slow" in (config.getoption("markexpr") or "").replace("not slow", ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow (nox -s slow)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)

"""
Development sessions: ``nox`` runs tests, lint, typing, the docs build and the worked example; ``nox -s bench``, ``fuzz``.
"""

from __future__ import annotations

import os
import shutil

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs", "examples"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYPROJECT = nox.project.load_toml("pyproject.toml")

# Every Python the classifiers name (3.11, 3.12, 3.13): `nox -s tests` runs on each, the
# first (the minimum) under coverage with the full Hypothesis profile.
PYTHONS = nox.project.python_versions(PYPROJECT)


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """
    Run the test suite (doctests included): under branch coverage on the minimum Python.

    The other Pythons run the same tests without coverage and with the ``light``
    Hypothesis profile (fewer examples a property, tests/conftest.py), which keeps CI
    within its time; ``HYPOTHESIS_PROFILE`` overrides it.
    """
    _install(session, "tests")
    # Timing comparisons flake on shared machines: the fuzz session runs them.
    common = ["--numprocesses=auto", "-m", "not timing", "tests", "src/gxai_policy"]
    if session.python == PYTHONS[0]:
        session.run(
            "pytest",
            "--cov",
            "--cov-report=term-missing:skip-covered",
            "--cov-fail-under=95",
            *common,
            *session.posargs,
        )
        return
    profile = os.environ.get("HYPOTHESIS_PROFILE", "light")
    session.run("pytest", *common, *session.posargs, env={"HYPOTHESIS_PROFILE": profile})


@nox.session
def lint(session: nox.Session) -> None:
    """
    Ruff, the linter and the formatter's check.
    """
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    paths = ["src", "tests", "benchmarks", "examples", "noxfile.py", "docs"]
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)


@nox.session
def typing(session: nox.Session) -> None:
    """
    mypy --strict on the package and the typing tests.
    """
    _install(session, "typing")
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """
    Build the docs with every warning an error, and run their doctests.

    The diagrams need Graphviz's ``dot`` (docs/_ext/gxai_diagrams.py), which pip cannot
    install: as root where apt-get exists (CI, a container) this installs it; elsewhere it
    stops with the command to run.
    """
    _need_dot(session)
    _install(session, "docs")
    session.run(
        "sphinx-build", "-n", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )
    session.run(
        "sphinx-build", "-n", "-W", "--keep-going", "-b", "doctest", "docs", "docs/_build/doctest"
    )


def _need_dot(session: nox.Session) -> None:
    if shutil.which("dot"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        session.log("Graphviz's dot is missing: installing the Debian package graphviz")
        session.run("apt-get", "update", "-qq", external=True)
        session.run("apt-get", "install", "-y", "-qq", "graphviz", external=True)
        return
    session.error(
        "The docs' diagrams need Graphviz's `dot`: `apt-get install graphviz` (Debian, Ubuntu), "
        "`brew install graphviz` (macOS), `choco install graphviz` (Windows); see docs/install.md"
    )


@nox.session
def examples(session: nox.Session) -> None:
    """
    The worked example (examples/portal, a FastAPI app): its tests and mypy --strict on it.
    """
    session.install("-e", ".[pydantic]")
    session.install(*nox.project.dependency_groups(PYPROJECT, "examples"))
    session.chdir("examples/portal")
    # Its own pyproject.toml configures both (pythonpath, warnings as errors, strict).
    session.run("pytest", *session.posargs)
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """
    Benchmarks against pydantic v2 and msgspec, in one run.
    """
    _install(session, "bench")
    session.run("python", "benchmarks/run.py", *session.posargs)
    # The command line at scale: records a second and peak RSS, beside pydantic.
    quick = ["--quick"] if "--quick" in session.posargs else []
    session.run("python", "benchmarks/bench_cli.py", *quick)


@nox.session
def slow(session: nox.Session) -> None:
    """
    The slow tests: the command line over a million-line file, its peak memory bounded.
    """
    _install(session, "tests")
    session.run("pytest", "-m", "slow", "tests", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """
    The robustness suite under the long Hypothesis profile.
    """
    _install(session, "tests")
    session.run(
        "pytest",
        "tests/robustness",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "long")},
    )

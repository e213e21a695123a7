"""
Development sessions: ``nox`` runs tests, lint, typing, the docs build and the worked example; ``nox -s bench``, ``fuzz``.
"""

from __future__ import annotations

import os

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs", "examples"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session
def tests(session: nox.Session) -> None:
    """
    Run the test suite (doctests included) under branch coverage.
    """
    _install(session, "tests")
    session.run(
        "pytest",
        "--numprocesses=auto",
        "--cov",
        "--cov-report=term-missing:skip-covered",
        "--cov-fail-under=95",
        # Timing comparisons flake on shared machines: the fuzz session runs them.
        "-m",
        "not timing",
        "tests",
        "src/gxai_policy",
        *session.posargs,
    )


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
    """
    _install(session, "docs")
    session.run(
        "sphinx-build", "-n", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )
    session.run(
        "sphinx-build", "-n", "-W", "--keep-going", "-b", "doctest", "docs", "docs/_build/doctest"
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

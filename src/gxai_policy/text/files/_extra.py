"""
Importing a format's optional reader, or saying which extra brings it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from gxai_policy.errors import MissingExtraError

# No __all__: nothing here is public (the docs list what an __all__ names).


def require(module: str, *, extra: str, purpose: str) -> ModuleType:
    """
    Import *module*, or raise `MissingExtraError` naming the *extra* that installs it.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(extra=extra, module=module, purpose=purpose) from None

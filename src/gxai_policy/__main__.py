"""
``python -m gxai_policy``: the command line.
"""

from __future__ import annotations

import sys

from gxai_policy.cli import main

sys.exit(main())

"""
Blanks and invisible characters: what text copied from web pages carries and no value holds.

One set for the whole library: the identifiers drop what the letter reader
drops (`gxai_policy.values._text` builds its foldings on these, and is
imported only with the reader: its tables cost more to build than the rest
of the values together).
"""

from __future__ import annotations

import re
from typing import Final

# No __all__: nothing here is public.

#: Zero-width characters, direction marks, the word joiner, the byte-order mark, the soft hyphen.
INVISIBLE: Final = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
#: A run of blanks (whatever `str.isspace` takes) and invisible characters.
GAP: Final = re.compile(rf"[\s{INVISIBLE}]+")

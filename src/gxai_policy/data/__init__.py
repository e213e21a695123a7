"""
Bundled data: the founding letter and the world it describes, as records.

>>> text = founding_letter()
>>> text.splitlines()[0]
'关于自治区政协十二届四次会议'
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["FOUNDING_LETTER_FILE", "founding_letter"]

#: The file name of the founding letter inside this package.
FOUNDING_LETTER_FILE = "2021-reply-20210143.txt"


def founding_letter() -> str:
    """
    The text of the founding letter: the Guangxi Department of Science and
    Technology's 2021 reply to proposal No. 20210143 (a public official document).
    """
    return files(__name__).joinpath(FOUNDING_LETTER_FILE).read_text(encoding="utf-8")

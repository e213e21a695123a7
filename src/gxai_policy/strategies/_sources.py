"""
Hypothesis strategies for provenance: the documents records were read from.
"""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from gxai_policy.records.source import Source
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._identifiers import document_numbers

__all__ = ["maybe_sources", "sources"]

_TITLES = st.sampled_from(
    (
        "关于自治区政协十二届四次会议第20210143号提案答复的函",
        "促进人工智能和实体经济深度融合的若干政策措施",
        "2021年度八桂学者名单",
        "广西高新技术企业名录",
    )
)
_URLS = st.builds(
    "https://{}/{}/{}.html".format,
    st.sampled_from(("kjt.gxzf.gov.cn", "www.gxzf.gov.cn", "zxb.gxzx.gov.cn")),
    st.sampled_from(("zwgk", "xxgk", "tzgg")),
    st.integers(1, 10**6),
)
_FILES = st.builds(
    "{}-{}.txt".format, st.sampled_from(("reply", "letter", "名录")), st.integers(1, 999)
)
_DAYS = st.none() | dates(min_year=2016, max_year=2030)


@st.composite
def _sources(draw: st.DrawFn) -> Source:
    title = draw(st.none() | _TITLES)
    doc_number = draw(st.none() | document_numbers())
    url = draw(st.none() | _URLS)
    # One of the four names the document, by construction (source.empty).
    named = title is not None or doc_number is not None or url is not None
    file = draw(st.none() | _FILES) if named else draw(_FILES)
    published_on: pendulum.Date | None = draw(_DAYS)
    span = draw(st.none() | st.tuples(st.integers(0, 10**5), st.integers(0, 10**4)))
    return Source(
        title=title,
        doc_number=doc_number,
        url=url,
        file=file,
        published_on=published_on,
        retrieved_on=draw(_DAYS),
        start=None if span is None else span[0],
        end=None if span is None else span[0] + span[1],
    )


def sources() -> st.SearchStrategy[Source]:
    """
    Sources that name their document (a title, 发文字号, URL or file), some with a span.

    >>> from hypothesis import find
    >>> find(sources(), lambda s: s.start is not None).end >= 0
    True
    """
    return _sources()


def maybe_sources() -> st.SearchStrategy[Source | None]:
    """
    A record's ``source``: None (the simplest), or one `gxai_policy.strategies.sources` draws.
    """
    return st.none() | _sources()

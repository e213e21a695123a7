"""
How the reply-letter reader scales: µs per KB of input, from 10 KB to 2 MB.

Reading should be linear, so each row should stay about flat across the
sizes.  Realistic inputs (the founding letter's body repeated, the same
inside web-page furniture) sit beside adversarial ones: long runs of 一、,
unmatched 《, 10^5 digits and more.  No assertion is made on the times: run it
and read the table (``python benchmarks/bench_reader.py``, ``--quick`` for
the three smaller sizes).  The machine's noise comes in bursts, so the best
of three runs is shown.
"""

from __future__ import annotations

import collections
import contextlib
import sys
import time
from collections.abc import Callable

from gxai_policy.data import founding_letter
from gxai_policy.errors import ParseError
from gxai_policy.text.figures import arithmetic_findings
from gxai_policy.text.reader import parse_reply

KB = 1024
SIZES_KB = (10, 100, 500, 2048)
LETTER = founding_letter()
HEAD, _, BODY = LETTER.partition("一、已开展工作情况")
FURNITURE_TOP = (
    "首页 > 政务公开 > 建议提案办理\n索引号：000014349/2021-00123\n发布日期：2021-08-03\n"
)
FURNITURE_END = "\n【打印本页】【关闭窗口】\n分享到：\n版权所有 © 2021 广西壮族自治区科学技术厅\n"
START = "王明代表：\n您提出的建议收悉，现答复如下：\n"


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def _fill(unit: str, size: int, head: str = START, tail: str = "") -> str:
    """
    *head*, *unit* repeated, *tail*: about *size* bytes of UTF-8.
    """
    count = max(1, (size - _bytes(head) - _bytes(tail)) // _bytes(unit))
    return head + unit * count + tail


def _letter(size: int) -> str:
    """
    The founding letter with its body repeated: one long letter.
    """
    return _fill("一、已开展工作情况" + BODY, size, head=HEAD)


INPUTS: dict[str, Callable[[int], str]] = {
    "founding letter, body repeated": _letter,
    "same, inside web furniture": lambda n: FURNITURE_TOP + _letter(n) + FURNITURE_END,
    "runs of 一、 on one line": lambda n: _fill("一、", n),
    "lines of 一、": lambda n: _fill("一、\n", n),
    "unmatched 《": lambda n: _fill("《", n),
    "open 《关于 titles": lambda n: _fill("《关于", n),
    "10^5-digit numbers": lambda n: _fill("1" * 100_000 + "\n", n),
    "sessions 十二届四次 repeated": lambda n: _fill("十二届四次", n, head="关于", tail="第1号提案"),
    "blank lines": lambda n: _fill("\n", n, head="", tail=START + "一、情况"),
    "every other character a blank": lambda n: _fill("字 ", n),
    # More kinds of folded characters than replacing them one kind at a time pays for.
    "all full-width ASCII": lambda n: _fill("".join(map(chr, range(0xFF01, 0xFF5F))), n),
    "figures: totals and parts": lambda n: _fill("平台21家，包括6家和15家。", n),
}


def _read(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_reply(text)


def _check(text: str) -> Callable[[], object]:
    try:
        reply = parse_reply(text)
    except ParseError:
        return lambda: None
    return lambda: collections.deque(arithmetic_findings(reply), maxlen=0)


def _best(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> None:
    sizes = SIZES_KB[:3] if "--quick" in argv else SIZES_KB
    header = "".join(f"{s:>9d} KB" for s in sizes) + "   (µs per KB, best of 3)"
    for title, timed in (
        ("parse_reply", lambda text: _best(lambda: _read(text))),
        ("arithmetic_findings (on the parsed reply)", lambda text: _best(_check(text))),
    ):
        print(f"\n{title}\n{'input':34s}{header}")
        for name, make in INPUTS.items():
            row = []
            for size in sizes:
                text = make(size * KB)
                row.append(timed(text) * 1e6 / (_bytes(text) / KB))
            print(f"{name:34s}" + "".join(f"{us:12.0f}" for us in row))


if __name__ == "__main__":
    main(sys.argv[1:])

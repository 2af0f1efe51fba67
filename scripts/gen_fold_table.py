#!/usr/bin/env python3
"""Generate crates/dyad-core/src/text/fold_table.rs, the tables behind `dyad_core::text::fold`.

Search folding is "decompose (NFD), drop combining marks, lowercase". The unicode-normalization
crate does that exactly but adds about 60 KB gzip to the app's wasm, mostly composition tables
that folding never uses. Folding needs far less: which characters are marks, and for each
precomposed character the base letter left once its marks are gone. This script writes those two
tables from Python's `unicodedata`:

* DECOMPOSED: every BMP character c that is its own lowercase (the runtime lowercases first, so
  uppercase keys would be dead weight) and whose NFD differs from c, mapped to its NFD with marks
  removed. That is always exactly one BMP character; the script checks it. Two groups are left
  out on purpose: Hangul syllables (NFD splits them into jamo, which no searcher types) and CJK
  compatibility ideographs (legacy duplicates of unified ideographs).
* MARKS: the ranges of General_Category M (Mn, Mc, Me) in the BMP: the same set the
  unicode-normalization crate's `is_combining_mark` uses, so decomposed input ("Goi\\u0308ta")
  and Arabic/Hebrew points are dropped as before.

The crate stays a dev-dependency: an oracle test in text.rs checks every BMP character against it.

Usage, from the repository root (Python 3.11 or later, standard library only):

    python3 scripts/gen_fold_table.py          # rewrite the table
    python3 scripts/gen_fold_table.py --check  # exit 1 if the committed table is stale
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates/dyad-core/src/text/fold_table.rs"

HANGUL = range(0xAC00, 0xD7A4)
SURROGATES = range(0xD800, 0xE000)
CJK_COMPAT = range(0xF900, 0xFB00)


def is_mark(c: str) -> bool:
    return unicodedata.category(c).startswith("M")


def folded(c: str) -> str:
    """NFD, marks dropped, lowercased: what the crate-based fold produced for one character."""
    kept = "".join(d for d in unicodedata.normalize("NFD", c) if not is_mark(d))
    return kept.lower()


def decomposed() -> list[tuple[int, int]]:
    table = []
    for cp in range(0x10000):
        if cp in HANGUL or cp in SURROGATES or cp in CJK_COMPAT:
            continue
        c = chr(cp)
        if is_mark(c) or c.lower() != c or unicodedata.normalize("NFD", c) == c:
            continue
        base = folded(c)
        if len(base) != 1 or ord(base) > 0xFFFF or base == c:
            sys.exit(f"U+{cp:04X} folds to {base!r}: the table holds one BMP char per entry")
        if folded(base) != base:
            sys.exit(f"U+{cp:04X} folds to U+{ord(base):04X}, which folds further")
        table.append((cp, ord(base)))
    return table


def mark_ranges() -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if cp in SURROGATES or not is_mark(chr(cp)):
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return ranges


def rows(pairs: list[tuple[int, int]], per_line: int) -> str:
    items = [f"(0x{a:04X}, 0x{b:04X})," for a, b in pairs]
    lines = [" ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "\n".join("    " + line for line in lines)


def render() -> str:
    table = decomposed()
    marks = mark_ranges()
    version = unicodedata.unidata_version
    return f"""\
//! Tables for [`super::fold`], generated from Unicode {version} by `scripts/gen_fold_table.py`.
//!
//! Do not edit by hand. Regenerate from the repository root with
//! `python3 scripts/gen_fold_table.py` (`--check` tells whether this file is stale).

/// Lowercase BMP characters whose canonical decomposition differs from themselves, each with
/// the one character left once the decomposition's combining marks are dropped, sorted by the
/// first column for binary search. Hangul syllables and CJK compatibility ideographs are left
/// out (see the script).
#[rustfmt::skip]
pub(super) static DECOMPOSED: [(u16, u16); {len(table)}] = [
{rows(table, 5)}
];

/// Inclusive ranges of the BMP characters of General_Category M (combining marks), sorted.
#[rustfmt::skip]
pub(super) static MARKS: [(u16, u16); {len(marks)}] = [
{rows(marks, 5)}
];
"""


def main() -> None:
    text = render()
    if sys.argv[1:] == ["--check"]:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is stale: run python3 scripts/gen_fold_table.py")
        return
    if sys.argv[1:]:
        sys.exit(__doc__)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

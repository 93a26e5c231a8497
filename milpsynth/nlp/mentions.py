"""Where a text mentions each variable: surface forms (plural/singular, abbreviations) matched by regex."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

ABBREVIATIONS = {"television": ["tv", "tvs"], "personal computer": ["pc", "pcs"]}


_KEEP = re.compile(r"[\u00bc-\u00be\u2150-\u215f\u2189]|(?<=\d)[\u00a0\u202f\u2009\u2007](?=\d)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1024)
def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or ch


def fold(text: str) -> str:
    """ASCII-fold accents ('éclairs' -> 'eclairs') keeping length where possible (NFC first).

    What the numbers need stays as it is: vulgar fractions ('½' would fold to '12') and the spaces
    that group digits ('4\u202f500' would fold to '4 500', two numbers)."""
    return text if text.isascii() else _fold(text)


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    keep = {m.start() for m in _KEEP.finditer(text)}
    return _NON_ASCII.sub(lambda m: m.group() if m.start() in keep else _fold_char(m.group()), text)


def singular(word: str) -> str:
    w = word
    lw = w.lower()
    if len(lw) <= 3 or lw.endswith(("ss", "us", "is")):
        return w
    if lw.endswith("ies"):
        return w[:-3] + "y"
    if lw.endswith(("ches", "shes", "xes", "sses", "zes", "oes", "buses")):
        return w[:-2]
    if lw.endswith("s"):
        return w[:-1]
    return w


def plural(word: str) -> str:
    lw = word.lower()
    if lw.endswith("y") and len(lw) > 2 and lw[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lw.endswith(("ch", "sh", "x", "ss", "z")):
        return word + "es"
    if lw.endswith("s"):
        return word
    return word + "s"


def surface_forms(label: str) -> list[str]:
    """'toy trucks' -> ['toy trucks', 'toy truck']; the noun phrase with its last word in both numbers.

    Both singular readings of '-ies' are kept ('pies' -> 'pie', 'batteries' -> 'battery')."""
    return list(_surface_forms(label))


@lru_cache(maxsize=8192)
def _surface_forms(label: str) -> tuple[str, ...]:
    words = label.split()
    if not words:
        return ()
    head = words[-1]
    heads = {singular(head)}
    if head.lower().endswith("ies"):
        heads.add(head[:-1])
    forms = {label}
    for h in heads:
        forms.update({" ".join(words[:-1] + [h]), " ".join(words[:-1] + [plural(h)])})
    for full, abbrs in ABBREVIATIONS.items():
        if singular(label.lower()) == full:
            forms.update(abbrs)
    return tuple(sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class Mention:
    var: str
    start: int
    end: int
    text: str


_LETTER_OK_BEFORE = re.compile(r"(?:[,:(]|\b(?:and|or|attractions?|options?|items?|projects?|candidates?|"
                               r"sites?|locations?|products?|property|properties|plants?|factories|factory))\s*$",
                               re.I)


def _single_letter_ok(text: str, start: int, end: int) -> bool:
    """'A' and 'I' are words too: accept them only where a list or a label surrounds them."""
    letter = text[start:end]
    if letter not in ("A", "I"):
        return True
    after = text[end:end + 2]
    if after[:1] in (",", ".", ";", ":", "(", ")") or after.startswith(" ("):
        return True
    return bool(_LETTER_OK_BEFORE.search(text[max(0, start - 20):start]))


@lru_cache(maxsize=4096)
def _pattern(forms: tuple[str, ...]) -> re.Pattern:
    multi = [re.escape(f) for f in forms if len(f) > 1]
    single = [re.escape(f) for f in forms if len(f) == 1]
    parts = []
    if multi:
        parts.append(r"(?i:\b(?:" + "|".join(multi) + r")\b)")
    if single:
        parts.append(r"\b(?:" + "|".join(single) + r")\b")
    return re.compile("|".join(parts))


@lru_cache(maxsize=4096)
def _folded_forms(forms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({fold(f) for f in forms if f}, key=len, reverse=True))


def find_mentions(text: str, forms_by_var: dict[str, Iterable[str]]) -> list[Mention]:
    """Non-overlapping mentions, longest first, in text order.

    Linear in the text: forms are folded and compiled once per set of forms, and a candidate is
    checked against the characters already taken, not against every mention chosen before it."""
    folded = fold(text)
    cands: list[Mention] = []
    for var, forms in forms_by_var.items():
        forms_t = _folded_forms(tuple(forms))
        if not forms_t:
            continue
        for m in _pattern(forms_t).finditer(folded):
            if len(m.group(0)) == 1 and not _single_letter_ok(folded, m.start(), m.end()):
                continue
            cands.append(Mention(var, m.start(), m.end(), m.group(0)))
    cands.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken = bytearray(len(folded) + 1)
    chosen: list[Mention] = []
    for m in cands:
        if not any(taken[m.start:m.end]):
            chosen.append(m)
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=lambda m: m.start)

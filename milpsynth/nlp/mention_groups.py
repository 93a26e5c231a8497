"""Mentions of one decision grouped: "truck", "trucks" and "each truck"; "dining tables" and "tables"
when no other decision ends in "table"; "regular cell-phones" and "the regular one"."""
from __future__ import annotations

import re

from .mentions import fold, singular

# head nouns that stand for 'the kind of thing just named' ('the regular one', 'the single-load model')
GENERIC_HEADS = {"one", "ones", "model", "models", "type", "types", "kind", "kinds", "version", "versions",
                 "variety", "varieties", "option", "options", "system", "systems", "machine", "machines"}
LEADING_WORDS = {"a", "an", "the", "each", "every", "per", "of", ""}
_LABELS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}


def _keys(mention: str, numbered: bool = False) -> set[tuple[str, ...]]:
    """Normalised word tuples of a mention: lower case, no articles, no generic head ('regular one' ->
    ('regular',)), last word singular (both readings of '-ies': 'hoodies' -> hoodie / hoody)."""
    # a glued label reads as its words: 'ShipC' = 'ship C'
    words = [w.strip("'’\".,;:()") for w in re.sub(r"(?<=[a-z])(?=[A-Z])", " ", fold(mention)).split()]
    words = [w[:-1].lower() if re.fullmatch(r"[A-Z0-9]{2,}s", w) else w.lower() for w in words]   # 'CPUs' -> cpu
    while words and words[0] in LEADING_WORDS:          # articles lead; 'mixture A' keeps its label
        words = words[1:]
    words = [w for w in words if w]
    if len(words) > 1 and words[-1] in GENERIC_HEADS and not (numbered and words[-1] == "one"):
        words = words[:-1]       # 'regular one', not 'all-in-one', nor 'area one' beside 'area two'
    words = [x for w in words for x in re.split(r"[-_]", w) if x]     # 'Online_Advertising' = 'online advertising'
    if not words:
        return set()
    head = words[-1]
    heads = {singular(head)} | ({head[:-1]} if head.endswith("ies") else set())
    return {tuple(words[:-1] + [h]) for h in heads}


def _relation(k: tuple[str, ...], x: tuple[str, ...]) -> int:
    """How closely two keys name one decision: 0 the same, 1 one starts the other ('2-piece' / '2-piece
    suit'), drops middle words ('electric jacks' / 'electric pallet jacks') or spells one word longer
    ('electric-based' / 'electrical-based'), 2 one ends the other
    ('tables' / 'dining tables'), 3 unrelated."""
    if k == x:
        return 0
    if (k[0] == "non") != (x[0] == "non"):       # 'non-AC seats' is the other kind of 'AC seats'
        return 3
    short, long = sorted((k, x), key=len)
    if len(short) == len(long):
        differ = [(a, b) for a, b in zip(k, x) if a != b]    # 'electric-based' / 'electrical-based'
        return 1 if len(differ) == 1 and min(map(len, differ[0])) >= 6 and _extends(*differ[0]) else 3
    if long[:len(short)] == short:
        return 1
    if short[0] == long[0] and short[-1] == long[-1] and _subsequence(short, long):
        return 1
    return 2 if long[-len(short):] == short else 3


def _extends(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _subsequence(short, long) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _index_words(keys) -> set[str]:
    """What a key can relate through (`_relation` < 3 and `_ends` need one of these shared): its
    first and its last word, and for one word its first six letters (a word spelt longer)."""
    out = set()
    for k in keys:
        out.add("^" + k[0])
        out.add("$" + k[-1])
        if len(k) == 1:
            out.add("~" + k[0][:6])
    return out


def group_mentions(mentions: list[str]) -> list[list[str]]:
    """Mentions of the same decision, in order of first appearance.

    A mention joins the group it relates to most closely (`_relation`) when exactly one group is that
    close; a longer mention never joins a shorter one through its ending alone ('regular cell-phones'
    after 'cell-phone' starts a group). Then a group naming only what others end in is dropped: into
    the one group it ends, or as the category when it ends two or more ('cell-phones' beside 'regular'
    and 'foldable cell-phones', 'tables' beside two kinds of table).

    Only groups that share a first or last word with a mention are compared with it (no other can be
    related), so the work grows with the mentions and their near namesakes, not their square."""
    groups: list[list[str]] = []
    keys: list[set[tuple[str, ...]]] = []
    index: dict[str, set[int]] = {}
    numbered = any(m.split()[-1].lower() in _LABELS for m in mentions if m.split())
    for m in mentions:
        ks = _keys(m, numbered)
        if not ks:
            continue
        words = _index_words(ks)
        candidates = sorted(set().union(*(index.get(w, ()) for w in words)))
        closeness = {i: min(_relation(k, x) for k in ks for x in keys[i]) for i in candidates}
        for i in candidates:
            if closeness[i] == 2 and max(map(len, ks)) > max(map(len, keys[i])):
                closeness[i] = 3
        best = min(closeness.values(), default=3)
        near = [i for i in candidates if closeness[i] == best]
        if best < 3 and len(near) == 1:
            target = near[0]
            groups[target].append(m)
            keys[target] |= ks
        else:
            target = len(groups)
            groups.append([m])
            keys.append(set(ks))
        for w in words:
            index.setdefault(w, set()).add(target)
    first = {i: i for i in range(len(groups))}          # where each group first appeared
    for i in range(len(groups)):
        if not keys[i]:
            continue
        k0 = next(iter(keys[i]))                         # any key: all must be ended or started
        related = index.get("^" + k0[0], set()) | index.get("$" + k0[-1], set())
        ends = [j for j in sorted(related) if j != i and groups[j] and _ends(keys[i], keys[j], True)]
        if len(ends) == 1:
            ends = [j for j in ends if _ends(keys[i], keys[j], False)]  # one other: only by its very words
        if len(ends) == 1:
            j = ends[0]
            groups[j] = groups[i] + groups[j] if first[i] < first[j] else groups[j] + groups[i]
            first[j] = min(first[i], first[j])
            keys[j] |= keys[i]
            for w in _index_words(keys[i]):
                index.setdefault(w, set()).add(j)
        if ends:
            groups[i], keys[i] = [], set()
    return [g for _, g in sorted((first[i], g) for i, g in enumerate(groups) if g)]


def _ends(short_keys: set[tuple[str, ...]], long_keys: set[tuple[str, ...]], head: bool) -> bool:
    """Every key of the first group ends or starts a longer key of the second ('refrigerator' /
    'refrigerator XYZ'), or (with `head`) is its head noun ('vending machines' / 'single-load machine')."""
    return bool(short_keys) and all(
        any(len(x) > len(k) and x[0] != "non" and (x[-len(k):] == k or x[:len(k)] == k or (head and x[-1] == k[-1]))
            for x in long_keys)
        for k in short_keys)

"""Decisions named by labels: 'two projects, X and Y', 'products $A$, $B$ and $C$', 'x1, x2, x3 and x4'.

Plain LP prose often names its decisions with a letter or an indexed symbol, and then writes the
label with or without a category noun ('project X', 'type X', '$X$', 'X'). Each label is one
decision; every '<noun> <label>' and the bare label are mentions of it, so 'investment X' and
'option X' never become two decisions. Found only where at least two labels of one family occur
(two capital letters, or one letter with two indices).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# a capital letter standing alone (inside $...$ too); 'I' is a word, 'A' an article (see _label_ok)
_CAPITAL = re.compile(r"(?<![\w'’-])\$?([A-Z])\$?(?![\w'’-])")
# an indexed symbol: x1, x_1, x_{1}, $x_1$, X1 (one letter, one or two digits)
_INDEXED = re.compile(r"(?<![\w'’-])\$?([A-Za-z])_?\{?(\d{1,2})\}?\$?(?![\w'’-])")
_NOUN_BEFORE = re.compile(r"\b([A-Za-z][a-z]{2,})\s+\$?$")
_LIST_BEFORE = re.compile(r"(?:[,:(]|\b(?:and|or|between|both|namely|labell?ed|called|named))\s*\$?$", re.I)
_LIST_AFTER = re.compile(r"^\$?\s*(?:[,;:.)?]|\b(?:and|or)\b|\s+(?:is|are|has|have|must|should|can|cannot|"
                         r"requires?|needs?|costs?|yields?|gives?|takes?|uses?|produces?|generates?)\b|$)")
# common letters that name no decision when they stand alone as words
_NOT_LABELS = {"I"}
# nouns before a label that name no category of decision ('Provide your answer in Table A')
_NOT_CATEGORY = {"table", "figure", "appendix", "section", "equation", "step", "vitamin", "plan", "grade",
                 "class", "the", "and", "for", "between", "both"}


@dataclass
class Label:
    name: str                                   # 'x', 'x1': the variable's name
    text: str                                   # 'X', 'x1': as first written
    forms: set[str] = field(default_factory=set)   # the ways the text writes it, nouns included
    first: int = 0


def _label_ok(text: str, start: int, end: int, letter: str) -> bool:
    """A capital letter is a label where a noun, a list or '$' stands beside it, not 'A' opening a
    sentence ('A company ...') nor 'I'."""
    if letter in _NOT_LABELS:
        return False
    before, after = text[max(0, start - 30):start], text[end:end + 12]
    if text[start] == "$" or text[end - 1] == "$":
        return True
    if letter == "A" and re.match(r"\s+[a-z]", after) and not _NOUN_BEFORE.search(before):
        return False            # the article
    noun = _NOUN_BEFORE.search(before)
    if noun and noun.group(1).lower() not in _NOT_CATEGORY:
        return True
    return bool(_LIST_BEFORE.search(before) or _LIST_AFTER.match(after))


def find_labels(text: str) -> list[Label]:
    """The labelled decisions of `text` in order of first mention, or [] when there is no family of two.

    Indexed symbols win over letters when both occur ('x1 ... x4' and 'X' in '$X$-ray' are not mixed)."""
    indexed, spans = _indexed(text)
    if len(indexed) >= 2:
        _named_after(text, indexed, spans)
        _numbered_names(text, indexed)
        return indexed
    found: dict[str, Label] = {}
    spans = {}
    for m in _CAPITAL.finditer(text):
        letter = m.group(1)
        if not _label_ok(text, m.start(), m.end(), letter):
            continue
        spans.setdefault(letter.lower(), []).append(m.end())
        lab = found.setdefault(letter, Label(letter.lower(), letter, set(), m.start()))
        lab.forms.add(letter)
        noun = _NOUN_BEFORE.search(text[max(0, m.start() - 30):m.start()])
        if noun and noun.group(1).lower() not in _NOT_CATEGORY:
            lab.forms.add(f"{noun.group(1)} {letter}")
    labels = sorted(found.values(), key=lambda lab: lab.first)
    if len(labels) < 2 or not _is_family(labels):
        return []
    _named_after(text, labels, spans)
    for lab in labels:
        if lab.text in "XYZW":          # LaTeX writes them in lower case: '$x - 0.5y \\geq 3000$'
            lab.forms.add(lab.text.lower())
    return labels


_AFTER = re.compile(r"\$?\s+([a-z][a-z-]{2,}(?:\s+[a-z][a-z-]{2,})?)")
_FUNCTION = {"and", "the", "for", "with", "that", "which", "are", "is", "has", "have", "must", "should", "can",
             "cannot", "will", "would", "could", "may", "units", "unit", "per", "each", "respectively", "combined",
             "being", "was", "were", "plus", "minus", "times", "from", "into", "over", "under", "than", "also"}


def _named_after(text: str, labels: list[Label], spans: dict[str, list[int]]) -> None:
    """'x1 chocolate cakes and x2 vanilla cakes': a label written before a noun phrase that the text
    uses on its own elsewhere ('at most 50 chocolate cakes') stands for that phrase: add it as a form."""
    from .mentions import surface_forms
    after: dict[str, set[str]] = {}           # phrase -> the labels written right before it
    for lab in labels:
        for end in spans.get(lab.name, []):
            m = _AFTER.match(text, end)
            if not m:
                continue
            words = m.group(1).split()
            while words and words[-1] in _FUNCTION:
                words.pop()
            if len(words) != 2 or words[0] in _FUNCTION:
                continue              # a noun phrase of two words ('chocolate cakes'), not a verb ('costs')
            after.setdefault(" ".join(words), set()).add(lab.name)
    by_name = {lab.name: lab for lab in labels}
    label_ends = {len(text[:end].rstrip("$")) for ends in spans.values() for end in ends}
    for phrase, names in after.items():
        if len(names) != 1:
            continue                  # 'X tree costs $10 ... Y tree costs $20': the category and a verb
        uses = [u for u in re.finditer(r"\b" + re.escape(phrase) + r"\b", text)
                if len(text[:u.start()].rstrip().rstrip("$")) not in label_ends]
        if uses:                      # used on its own elsewhere ('at most 50 chocolate cakes')
            by_name[next(iter(names))].forms.update(surface_forms(phrase))


_NUMBERED = re.compile(r"\b([A-Za-z][a-z]{2,})\s+(\d{1,2})\b")
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def _numbered_names(text: str, labels: list[Label]) -> None:
    """'x1, ..., x4' beside 'Project 1, ..., Project 4': where one noun is written with every index
    of the family (and no other), '<noun> k' (and '<noun> <k in words>') is a form of label k."""
    index = {int(re.search(r"\d+", lab.name).group(0)): lab for lab in labels}
    seen: dict[str, set[int]] = {}
    for m in _NUMBERED.finditer(text):
        noun = m.group(1).lower()
        if noun not in _NOT_CATEGORY and noun not in _FUNCTION:
            seen.setdefault(noun.rstrip("s"), set()).add(int(m.group(2)))
    for noun, found in seen.items():
        if found != set(index):
            continue
        for k, lab in index.items():
            lab.forms.update({f"{noun} {k}", f"{noun}s {k}"})
            if k <= len(_NUMBER_WORDS):
                lab.forms.add(f"{noun} {_NUMBER_WORDS[k - 1]}")


def _is_family(labels: list[Label]) -> bool:
    """Letters that label items come from one run of the alphabet ('X, Y, Z', 'A, B, C'), not a stray
    'E' beside 'X'."""
    letters = sorted(ord(lab.text) for lab in labels)
    return letters[-1] - letters[0] <= 2 * len(letters)


def _indexed(text: str) -> tuple[list[Label], dict[str, list[int]]]:
    by_letter: dict[str, dict[str, Label]] = {}
    spans: dict[str, list[int]] = {}
    for m in _INDEXED.finditer(text):
        letter, index = m.group(1), m.group(2)
        spans.setdefault(f"{letter.lower()}{int(index)}", []).append(m.end())
        family = by_letter.setdefault(letter.lower(), {})
        lab = family.setdefault(index, Label(f"{letter.lower()}{int(index)}", m.group(0).strip("$"), set(), m.start()))
        lab.forms.update({f"{letter}{index}", f"{letter}_{index}"})
        noun = _NOUN_BEFORE.search(text[max(0, m.start() - 30):m.start()])
        if noun and noun.group(1).lower() not in _NOT_CATEGORY:
            lab.forms.add(f"{noun.group(1)} {letter}{index}")
            lab.forms.add(f"{noun.group(1)} {letter}_{index}")
    if not by_letter:
        return [], spans
    counts = Counter({k: len(v) for k, v in by_letter.items()})
    letter, n = counts.most_common(1)[0]
    if n < 2:
        return [], spans
    return sorted(by_letter[letter].values(), key=lambda lab: lab.first), spans

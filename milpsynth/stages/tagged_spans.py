"""The tagger's VAR spans made into mentions: whole words ('all-in-' -> 'all-in-one'), adjacent spans
one name, model numbers kept ('Analyzer 3000'), function words and the units rates are given per
dropped, a head noun shared over coordinated modifiers ('foldable and regular cell-phones')."""
from __future__ import annotations

import re

from ..nlp.mention_groups import LEADING_WORDS
from ..nlp.mentions import singular

# tagged by mistake ('by delivery truck and by van' -> 'by'): never a decision
FUNCTION_WORDS = LEADING_WORDS | {"by", "and", "or", "in", "on", "at", "to", "for", "with", "from", "using", "either",
                                  "both"}


def whole_words(text: str, start: int, end: int) -> tuple[str, int, int]:
    """A span grown to whole hyphenated words ('all-in-' -> 'all-in-one'), as (text, start, end)."""
    while start > 0 and (text[start - 1].isalnum()
                         or text[start - 1] == "-" and start > 1 and text[start - 2].isalnum()):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-" and end + 1 < len(text)
                               and text[end + 1].isalnum()):
        end += 1
    while end > start and text[end - 1] == "-":
        end -= 1
    return text[start:end], start, end


def adjacent_joined(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Spans with only spaces between them are one name ('all-in-one' + 'manufacturing line')."""
    out: list[tuple[str, int, int]] = []
    for m, s, e in spans:
        if out and out[-1][2] <= s and not text[out[-1][2]:s].strip():
            s = out.pop()[1]
            m = text[s:e]
        out.append((m, s, e))
    return out


def is_rate_unit(text: str, mention: str) -> bool:
    """A one-word mention that numbers are given per, twice or more ('costs 500 dollars for each shift
    ... 300 dollars for each shift'): the unit of the rates, not a decision."""
    word = mention.strip()
    if len(word.split()) != 1 or not word:
        return False
    forms = "|".join(re.escape(f) for f in {word, singular(word), singular(word) + "s"})
    per = re.compile(r"\d[^.,;]{0,40}?\b(?:per|for each|for every|each|every)\s+(?:" + forms + r")\b", re.I)
    return len(per.findall(text)) >= 2


def with_model_numbers(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'Analyzer 3000' tagged as 'Analyzer': a capitalised name whose number follows it each time the
    name is used (twice or more) is one name; its number is not a quantity."""
    out = []
    for m, s, e in spans:
        num = re.match(r"\s\d+\b(?![.,]\d)", text[e:])
        if num and m[:1].isupper():
            name = m + num.group(0)
            uses = len(re.findall(r"\b" + re.escape(m) + r"\b", text))
            if uses >= 2 and len(re.findall(r"\b" + re.escape(name) + r"\b", text)) == uses:
                m, e = name, e + num.end()
        out.append((m, s, e))
    return out


_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s*$|\s*,\s*$", re.I)


def distribute_heads(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """Mentions with a head noun shared over coordinated modifiers: in 'foldable and regular
    cell-phones' (tagged 'foldable', 'regular cell-phones') the first is 'foldable cell-phones' when
    the text says 'foldable cell-phone' somewhere; 'small or large production lines' likewise.
    `spans`: (mention, start, end) in text order."""
    out = [m for m, _, _ in spans]
    for i in range(len(spans) - 1):
        (m1, _, e1), (m2, s2, e2) = spans[i], spans[i + 1]
        first, second = m1.split(), m2.split()
        if len(first) != 1 or len(second) < 2 or not _COORDINATION.fullmatch(text[e1:s2]):
            continue
        rest = second[1:]
        said = r"\b" + re.escape(first[0]) + r"\s+" + r"\s+".join(map(re.escape, rest[:-1] + [singular(rest[-1])]))
        if re.search(said, text[e2:], re.I):
            out[i] = " ".join(first + rest)
    return out


def one_forms(name: str, others: list[str]) -> list[str]:
    """'premium one(s)' for 'premium mobile phones' beside 'economical mobile phones': the words that
    tell it from another decision with the same head noun, and 'one'."""
    words = name.split()
    for other in others:
        theirs = other.split()
        k = 0
        while k < min(len(words), len(theirs)) - 1 \
                and singular(words[-1 - k].lower()) == singular(theirs[-1 - k].lower()):
            k += 1
        if k and singular(words[-1].lower()) == singular(theirs[-1].lower()):
            prefix = " ".join(words[:-k])
            return [prefix + " one", prefix + " ones"]
    return []

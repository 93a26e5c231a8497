"""What a paragraph says in terms the rules need: variable mentions and the numbers outside them."""
from __future__ import annotations

from dataclasses import dataclass

import re

from ..nlp.mentions import Mention, find_mentions, fold, singular
from ..nlp.numbers import Num, find_numbers


@dataclass
class Analysis:
    text: str                 # ASCII-folded paragraph text
    mentions: list[Mention]
    numbers: list[Num]        # numbers not inside a mention (e.g. not the '1' of 'Property 1')

    @property
    def vars_in_order(self) -> list[str]:
        return list(dict.fromkeys(m.var for m in self.mentions))

    @property
    def values(self) -> list[Num]:
        """Plain quantities: not shares (40%, a third), not factors (twice, 3 times)."""
        return [n for n in self.numbers if n.kind in ("number", "money", "word")]

    @property
    def shares(self) -> list[Num]:
        return [n for n in self.numbers if n.is_share]

    @property
    def factors(self) -> list[Num]:
        return [n for n in self.numbers if n.kind == "factor"]


def analyse(text: str, variables) -> Analysis:
    folded = fold(text)
    forms = {}
    if variables is not None:
        for v in variables.values():
            if not v.is_indicator:
                forms[v.name] = v.mentions or [v.label or v.name]
    # 'Architects ABC has a budget': a company named after the decision, not the decision
    mentions = [m for m in find_mentions(folded, forms) if not re.match(r"\s+[A-Z]{2,}\b", folded[m.end:])]
    nums = [n for n in find_numbers(folded)       # not in a mention, not an adjective ('a 1-minute ad')
            if not any(m.start <= n.start < m.end for m in mentions) and not re.match(r"-[A-Za-z]", folded[n.end:])]
    return Analysis(folded, mentions, nums)


_CLAUSE_SPLIT = re.compile(r"[.;:]\s+|,\s*|\s+(?:and|while|whereas|but|which|along with)\s+")


_FACT_SPLIT = re.compile(_CLAUSE_SPLIT.pattern + r"|\s+(?:or|as well as)\s+")


def clauses(a: Analysis, facts: bool = False) -> list[tuple[int, int]]:
    """Clause spans, never cutting inside a number ('$1,100') or a mention ('A, B'); in facts also at
    'or' and 'as well as' ('a trust yielding 2% or a savings account yielding 3%')."""
    protected = [(n.start, n.end) for n in a.numbers] + [(m.start, m.end) for m in a.mentions]
    ends, starts = {m.end for m in a.mentions}, {m.start for m in a.mentions}
    cuts = [0]
    for m in (_FACT_SPLIT if facts else _CLAUSE_SPLIT).finditer(a.text):
        if facts and m.start() in ends and m.end() in starts:
            continue            # 'Each kg of syrup and candy requires 2 hours': one list of decisions
        if not any(s <= m.start() < e for s, e in protected):
            cuts += [m.start(), m.end()]
    cuts.append(len(a.text))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]


RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def respectively(a: Analysis, start: int = 0, end: int | None = None) -> dict[str, float]:
    """'$1500, $2500 and $5500 for the Standard, Plus, and Premium grades respectively': as many
    numbers as decisions before 'respectively', paired in order; {} when the counts differ."""
    return {v: n.value for v, n in respectively_numbers(a, start, end).items()}


def respectively_numbers(a: Analysis, start: int = 0, end: int | None = None) -> dict[str, Num]:
    """`respectively`, each decision with its `Num`."""
    end = len(a.text) if end is None else end
    r = RESPECTIVELY.search(a.text, start, end)
    if r is None:
        return {}
    nums = [n for n in a.values if start <= n.start < r.start()]
    def named(lo, hi):
        return list(dict.fromkeys(m.var for m in a.mentions if lo <= m.start < hi))
    if len(nums) < 2:           # 'X, Y and Z yield scores; these are respectively 4, 2 and 3 per session'
        nums = [n for n in a.values if r.end() <= n.start < end]
        names = named(start, r.start())
        return dict(zip(names, nums)) if len(nums) >= 2 and len(names) == len(nums) else {}
    after, before = named(nums[-1].end, r.start()), named(start, nums[0].start)   # '... for A, B and C'
    names = after if len(after) == len(nums) else before
    if len(names) != len(nums):      # '$5, $4 and $6 respectively for positions X, Y and Z'
        names = named(r.end(), end)
    if len(names) != len(nums):
        return {}
    return dict(zip(names, nums))


_CONTENT_STOP = {"there", "their", "they", "this", "that", "these", "those", "with", "from", "into", "each",
                 "must", "should", "will", "would", "could", "can", "cannot", "have", "make", "made", "than",
                 "most", "least", "more", "less", "many", "much", "only", "also", "every", "what", "which"}


def _content_words(text: str) -> set[str]:
    return {singular(w.lower()) for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in _CONTENT_STOP}


def refers_to_whole(a: Analysis, problem) -> bool:
    """A sum over all variables needs a cue: 'total', 'all', a word the objective paragraph also uses
    for the decisions ('acres', 'pastries'), or the noun the decisions' names end in ('textbooks' for
    'paperback textbooks' and 'hardcover textbooks'); a paragraph about something unknown ('sofas')
    has none."""
    from . import cues
    if cues.TOTAL.search(a.text):
        return True
    objective = next((q.text for q in problem.paragraphs if q.type == 0), "")
    words = _content_words(a.text)
    return bool(words & (_content_words(fold(objective)) | head_nouns(problem.variables)))


def head_nouns(variables) -> set[str]:
    """Last words of the decisions' multi-word names and mentions ('cell-phones' -> 'phone')."""
    return set(categories(variables, 1))


def categories(variables, least: int = 2) -> dict[str, list[str]]:
    """{head noun: the decisions whose multi-word names or mentions end in it}, for heads that `least`
    or more decisions share ('phone': foldable and regular cell-phones)."""
    out: dict[str, list[str]] = {}
    for v in variables.quantities if variables is not None else ():
        for form in list(v.mentions or []) + [v.label or ""]:
            words = re.findall(r"[A-Za-z]{4,}", form)
            if len(form.replace("-", " ").split()) > 1 and words:
                names = out.setdefault(singular(words[-1].lower()), [])
                if v.name not in names:
                    names.append(v.name)
    return {h: names for h, names in out.items() if len(names) >= least and h not in _CONTENT_STOP}


def category_pattern(heads) -> re.Pattern | None:
    """'each cell-phone', 'for every phone': one unit of whatever has one of these head nouns."""
    if not heads:
        return None
    return re.compile(r"\b(?:a|an|each|every|one|per)\s+(?:[\w]+[\s-])?(?:" + "|".join(map(re.escape, heads))
                      + r")s?\b", re.I)


def pair_coefficients(a: Analysis) -> tuple[dict[str, float], list[Num]]:
    """{var: coefficient} from 'VAR (N)' and clauses holding one variable and one number; the rest."""
    nums, rest = coefficient_numbers(a)
    return {v: n.value for v, n in nums.items()}, rest


def coefficient_numbers(a: Analysis) -> tuple[dict[str, Num], list[Num]]:
    """`pair_coefficients`, each decision with the `Num` its coefficient was read from."""
    coefs = respectively_numbers(a)
    if coefs:
        return coefs, [n for n in a.values if n.start > RESPECTIVELY.search(a.text).end()]
    used: set[int] = set()
    for m in a.mentions:   # 'A ($1000)', 'B (4)'
        paren = re.match(r"\s*\(\s*", a.text[m.end:])
        if paren:
            for n in a.values:
                if n.start == m.end + paren.end() or (0 <= n.start - m.end - paren.end() <= 1):
                    coefs.setdefault(m.var, n)
                    used.add(n.start)
                    break
    for s, e in clauses(a):
        vars_here = list(dict.fromkeys(m.var for m in a.mentions if s <= m.start < e))
        nums_here = [n for n in a.values if s <= n.start < e and n.start not in used]
        if len(vars_here) == 1 and len(nums_here) == 1 and vars_here[0] not in coefs:
            coefs[vars_here[0]] = nums_here[0]
            used.add(nums_here[0].start)
    rest = [n for n in a.values if n.start not in used]
    return coefs, rest

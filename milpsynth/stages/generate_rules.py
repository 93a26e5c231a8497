"""The offline slot filler: pairs numbers with variable mentions, reads directions and factors.

One method per template family (the objective's in `objective_rules`); each returns the slots of
`milpsynth.templates` for the paragraph's type, or raises a typed error saying what it could not find;
a reading that is not literal is said in the paragraph's notes and the problem's warnings.
"""
from __future__ import annotations

import math
import re

from ..document import Paragraph, Problem
from ..errors import GenerationError, NonLinearError, VariableError
from ..expr import fmt_num
from ..labels import LOGIC_TYPES
from ..nlp import attributes, cues, lexicon
from ..nlp.analysis import Analysis, analyse, pair_coefficients, refers_to_whole
from ..nlp.numbers import Num
from .literal_rules import literal_slots
from .objective_rules import objective_slots

# a statement cut from the one before it, with no subject of its own: 'can make only up to 70 in a day'
_SUBJECTLESS = re.compile(r"\s*(?:only\s+)?(?:can|cannot|can't|must|should|may|will|has to|have to|needs? to)\b", re.I)
_CAPACITY = re.compile(r"\b(?:can|could)\s+(?:only\s+)?(?:take|carry|hold|host|seat|accommodate|fit|serve)\b", re.I)
_PRODUCT = re.compile(r"\b(?:the product of|multiplied by|squared)\b", re.I)   # not 'units of product'


_BOUND_TYPES = frozenset({1, 2, 3, 5, 6, 7})


def _stated_exactly(a: Analysis, bound) -> bool:
    """True where the bound's number follows an equality cue with nothing but a currency sign
    between ('exactly 20 workers', 'must equal $500', 'a total of exactly 40'), and the statement
    has no comparative of its own ('at least 10, exactly 2 of them' keeps its 'at least')."""
    found = lexicon.directions(a.text)
    if bound is None or any(c.role != "equal" and c.strength == 2 for c in found):
        return False
    return any(n.value == bound and any(c.role == "equal" and not a.text[c.end:n.start].strip(" $")
                                        for c in found) for n in a.values)


def _bound(rest: list[Num], a: Analysis, p: Paragraph) -> float:
    """The right-hand side: the number after the direction cue, else the largest remaining number."""
    if not rest:
        raise GenerationError("found no number for the right-hand side", paragraph=p.index)
    if len(rest) == 1:
        return rest[0].value
    cue = cues.UPPER.search(a.text) or cues.LOWER.search(a.text)
    if cue:
        after = [n for n in rest if n.start >= cue.end()]
        if after:
            return after[0].value
    return max(rest, key=lambda n: n.value).value


# 'Since small cans are cheaper, ...' / 'Most drivers prefer medium bags, so ...'
_REASON = re.compile(r"^(?:(?:since|because|as|due to|given that)\b[^,]{3,160},\s*|"
                     r"[^,]{3,160},\s*(?:so|thus|therefore|hence)\b,?\s*)", re.I)


def _main_clause(a: Analysis, need: int) -> Analysis:
    """Without a leading reason ('Since small cans are cheaper, at most 30% ... large cans'), when the
    rest still names `need` decisions: the reason's nouns are not the statement's operands."""
    m = _REASON.match(a.text)
    if not m:
        return a
    rest = Analysis(a.text, [x for x in a.mentions if x.start >= m.end()], [n for n in a.numbers if n.start >= m.end()])
    return rest if len(rest.vars_in_order) >= need else a


def _subject_before(problem: Problem, a: Analysis, p) -> list[str] | None:
    """A statement of free text cut from the one before it with no subject of its own ('can make only
    up to 70 in a day'): the one decision that statement names, or None."""
    if not problem.facts or p.index == 0 or not _SUBJECTLESS.match(a.text):
        return None
    named = analyse(problem.paragraphs[p.index - 1].text, problem.variables).vars_in_order
    return named if len(named) == 1 else None


class RuleSlotFiller:
    name = "rules"

    def fill(self, problem: Problem, p: Paragraph) -> dict:
        a = analyse(p.text, problem.variables)
        slots = self._fill(problem, a, p)
        if p.type in _BOUND_TYPES and _stated_exactly(a, slots.get("bound")):
            slots["equal"] = True
            p.notes.append("its number is stated exactly ('exactly', 'equal to'): an equality")
        return slots

    def _fill(self, problem: Problem, a: Analysis, p: Paragraph) -> dict:
        t = p.type
        if _PRODUCT.search(a.text) and t != 0:
            raise NonLinearError("states a product of two decisions, which is not linear", paragraph=p.index)
        if t == 0:
            return objective_slots(problem, a, p)
        if t in LOGIC_TYPES:
            return self._logic(problem, a, p)
        literal = literal_slots(problem, a, p)
        if literal is not None:
            return literal
        if not a.mentions and a.values and t in (1, 2, 5, 6):
            slots = self._naming_none(problem, a, p)
            if slots is not None:
                return slots
        if not a.mentions and t not in (2, 6, 4, 8, 3, 7):   # 3/7 may refer to stated attributes
            raise VariableError("names no known variable (known: "
                                + ", ".join(v.label or v.name for v in problem.variables.quantities) + ")",
                                paragraph=p.index)
        return getattr(self, f"_type{ {1: 1, 5: 1, 2: 2, 6: 2, 3: 3, 7: 3, 4: 4, 8: 4, 9: 9}[t] }")(problem, a, p)

    # -- bounds ------------------------------------------------------------------------------
    def _naming_none(self, problem, a, p) -> dict | None:
        """A bound of free text that names no decision, read from its context (each reading said in
        the notes and warnings), or None: the decision of the statement it was cut from ('... at least
        40 rice bowls' + 'can make only up to 70 in a day'); a rate the facts state ('at most 15 units
        of heat'); the sum of the decisions when it counts what they count ('20 trips') or is a capacity
        ('A Ferris wheel can take at most 250 people')."""
        t = p.type
        named = _subject_before(problem, a, p)
        if named:
            if t in (2, 6):
                self._retype(problem, p, t - 1, "bounds the one decision the statement before names")
            p.notes.append(f"names no decision; its subject is the previous statement's ({named[0]})")
            return {"var": named[0], "bound": _bound(a.values, a, p)}
        def everything():
            return {"vars": [v.name for v in problem.variables.quantities], "bound": _bound(a.values, a, p)}
        if problem.facts and t in (1, 2) and a.values[0].kind != "money" and _CAPACITY.search(a.text) \
                and attributes.refer(problem, a, False) is None:
            if t == 1:
                self._retype(problem, p, 2, "names no decision, but a capacity ('can take at most 250 people') "
                                            "bounds all of them: their sum")
            return everything()
        if t not in (1, 5):
            return None
        weighted = self._as_weighted(problem, a, p)
        if weighted is not None:
            return weighted
        if problem.facts and attributes.counts_the_decisions(problem, a):
            self._retype(problem, p, t + 1, "names no decision, but counts what the decisions count: their sum")
            return everything()
        return None

    @staticmethod
    def _retype(problem, p, t: int, why: str) -> None:
        p.prediction = p.prediction.as_type(t, f"type {p.type} {why}")
        problem.warnings.append(f"paragraph {p.index + 1}: {p.prediction.note}; read as type {t}")

    def _type1(self, problem, a, p):
        if not a.values:
            raise GenerationError("found no number to bound the variable with", paragraph=p.index)
        if len(a.vars_in_order) > 1 and len(a.values) > 1:
            raise GenerationError(f"bounds one variable, but the paragraph gives numbers for "
                                  f"{', '.join(a.vars_in_order)} (a weighted sum?)", paragraph=p.index)
        var = a.mentions[0].var
        if len(a.vars_in_order) > 1:   # the variable nearest the number
            n = a.values[0]
            var = min(a.mentions, key=lambda m: abs(m.start - n.start)).var
        return {"var": var, "bound": _bound(a.values, a, p)}

    def _type2(self, problem, a, p):
        if not a.values:
            raise GenerationError("found no number for the bound of the sum", paragraph=p.index)
        names = a.vars_in_order
        # 'at most two of these types': a count of options, never more than there are options to count
        counting = bool(cues.COUNT_OF_TYPES.search(a.text)) and len(names) != 1 \
            and self._count(a) <= len(names or problem.variables.quantities)
        if not counting and (not names or len(names) >= 2):
            # '1000 units of emulsifiers used to make strong and weak anesthetics': names the users only
            weighted = self._as_weighted(problem, a, p, specific_only=bool(names))
            if weighted is not None:
                return weighted
        if len(names) < 2:
            if not names and not refers_to_whole(a, problem) \
                    and not (problem.facts and attributes.counts_the_decisions(problem, a)):
                raise VariableError("names no known variable and no total of them (known: "
                                    + ", ".join(v.label or v.name for v in problem.variables.quantities) + ")",
                                    paragraph=p.index)
            names = [v.name for v in problem.variables.quantities]
        bound = _bound(a.values, a, p)
        if counting:
            bound = self._count_bound(a, p)
            names = [problem.variables.indicator(n) for n in names]
        return {"vars": names, "bound": bound}

    def _as_weighted(self, problem, a, p, specific_only: bool = False) -> dict | None:
        """A bound on a sum that names no decision but what the facts give each decision a rate of
        ('at most $200 to spend', 'deliver at least 800 packages' where a drone carries 4): the
        weighted sum of the same side (type 3/7), said in the paragraph's notes and the warnings."""
        if not problem.facts:     # paragraph input: statements' numbers are bounds, not rates
            return None
        counts = attributes.counts_the_decisions(problem, a)
        money = a.values[0].kind == "money"
        at = attributes.refer(problem, a, money)
        named_decisions = a.vars_in_order if specific_only else []
        if at is not None and named_decisions and not set(named_decisions) <= set(at.coefs):
            at = None              # the facts rate other decisions than the statement sums
        if at is not None and len(at.coefs) >= 2:
            # what the bound counts is named right after its number ('800 packages', '15 units of heat')
            after = [re.split(r"[,.;:]|\b(?:because|since|due|and|so|if|while)\b", a.text[n.end:])[0][:40]
                     for n in a.values]
            named = [attributes.attribute_words(w) | attributes.counted(a.text, n.end)
                     for w, n in zip(after, a.values)]
            # a unit alone ('600 minutes') names a kind, not which: then the whole statement says which
            named = [w if w - attributes.KEYS else attributes.attribute_words(a.text) for w in named]
            specific = any(at.score(w, None) >= 2 for w in named) and not re.search(r"\bnumber of\b", a.text, re.I)
            # 'at least 100 transportation methods' when the question asks how many of each counts the
            # decisions, unless the facts rate each decision in what it counts ('makes 10 pizzas per cycle')
            if counts:     # what the number counts is rated, not the unit the rates are per ('$30 per trip')
                specific = any(at.score({w}, None) >= 2 for n in a.values for w in attributes.counted(a.text, n.end)
                               if not attributes.per_unit(problem, w))
            if (money and at.money and not specific_only and not counts) or specific:
                return self._weighted(problem, p, a, at, "names no decision, but the facts give each one a rate "
                                                         "of what it bounds: a weighted sum")
        if counts:
            return None
        if not money and p.type == 5 and attributes.counted(a.text, a.values[0].end):
            at = attributes.only_count(problem)     # 'move at least 500 customers' where each 'moves 20 people'
            if at is not None:
                return self._weighted(problem, p, a, at, "names no decision nor what a fact counts, but the "
                                                         "facts give each decision one count: a weighted sum of it")
        return None

    def _weighted(self, problem, p, a, at, why: str) -> dict:
        self._retype(problem, p, 3 if p.type in (1, 2) else 7, why)
        p.notes.append("coefficients taken from the facts this statement refers to")
        return {"coefs": dict(at.coefs), "bound": _bound(a.values, a, p)}

    @staticmethod
    def _count(a) -> float:
        """The number a count of options states: 'at most five of the seven types' -> 5."""
        cue = cues.UPPER.search(a.text) or cues.LOWER.search(a.text)
        after = [n for n in a.values if cue and n.start >= cue.end()] or a.values
        return after[0].value if after else math.inf

    def _count_bound(self, a, p) -> float:
        """'at most five of the seven types' -> 5; 'more than two types' negated -> 2."""
        k = self._count(a)
        if k != int(k):
            raise GenerationError(f"a count of options must be whole, got {k}", paragraph=p.index)
        return k

    def _type3(self, problem, a, p):
        coefs, rest = pair_coefficients(a)
        if not coefs and rest:
            coefs = attributes.referred_coefs(problem, a, rest[0].kind == "money")
            if coefs:
                p.notes.append("coefficients taken from the facts this statement refers to")
        if not coefs:
            raise GenerationError("found no coefficient for any variable", paragraph=p.index)
        if not rest:
            raise GenerationError("every number was taken as a coefficient; found no right-hand side",
                                  paragraph=p.index)
        return {"coefs": coefs, "bound": _bound(rest, a, p)}

    def _type4(self, problem, a, p):
        a = _main_clause(a, need=1)
        if not a.shares:
            raise GenerationError("found no proportion (a percentage or a fraction)", paragraph=p.index)
        total = [v.name for v in problem.variables.quantities]
        subset = a.vars_in_order
        if not subset:
            raise VariableError("names no variable whose share is bounded", paragraph=p.index)
        if len(subset) == 2 and set(subset) == set(total) and len(re.findall(r"\b(?:number|amount)\b", a.text)) >= 2:
            # 'the number of snowboards sold is at most half the number of skis sold': a comparison
            self._retype(problem, p, 9, "names a fraction of another decision, not of the total: a comparison")
            return self._type9(problem, a, p)
        return {"subset": subset, "total": total, "share": a.shares[0].value}

    def _type9(self, problem, a, p):
        a = _main_clause(a, need=2)
        names = a.vars_in_order
        if len(names) != 2:
            raise GenerationError(f"a comparison needs exactly two quantities, found {names or 'none'}",
                                  paragraph=p.index)
        if a.values and not a.factors and not cues.COMPARE.search(a.text):
            raise GenerationError("compares two quantities, but the paragraph gives plain numbers and no "
                                  "comparison ('as many as', 'times', 'exceed the number of')", paragraph=p.index)
        factor = a.factors[0].value if a.factors else a.shares[0].value if a.shares else 1.0   # 'half the number
        sense = cues.direction(a.text) or "<="
        if cues.EQUAL.search(a.text):
            sense = "=="
        elif re.search(r"\b(?:must|should) be (?:twice|\w+ times)\b", a.text, re.I) and not cues.UPPER.search(a.text):
            sense = ">="        # 'must be twice the number of': read as at least, as NL4Opt's annotators do
        return {"left": names[0], "right": names[1], "factor": factor, "sense": sense}

    # -- logic -------------------------------------------------------------------------------
    def _logic(self, problem, a, p):
        names = a.vars_in_order
        variables = problem.variables
        counts = [n.value for n in a.values if n.value != 1 and re.search(
            r"\b(?:at most|at least|exactly|up to|more than|no more than|fewer than|less than)\s*$",
            a.text[max(0, n.start - 14):n.start], re.I)]
        if counts:
            raise GenerationError(f"states a count of {fmt_num(counts[0])}, and logic types 11-13 count one; "
                                  "a k-of-n statement is a bound on a sum of indicators (type 2 or 6)",
                                  paragraph=p.index)
        if len(names) < 2:
            raise GenerationError(f"a logic statement needs two or more options, found {names or 'none'}",
                                  paragraph=p.index)
        inds = [variables.indicator(n) for n in names]
        if p.type == 10:
            first, second = inds[0], inds[1]
            fine = p.prediction.fine if p.prediction else 10
            if fine in (11, 12):   # 'if not A then not B', 'B if A', 'A is a prerequisite for B'
                first, second = second, first
            return {"if": first, "then": second}
        return {"vars": inds}

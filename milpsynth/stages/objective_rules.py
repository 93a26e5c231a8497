"""The objective's slots from free text or a paragraph: sense and coefficients, by the first
reading that finds some (listed coefficients; the decisions' own count; the attribute the text after
'maximize' names; the one money or count rate the facts give), each said in the paragraph's notes."""
from __future__ import annotations

import re

from ..document import Paragraph, Problem
from ..errors import GenerationError
from ..nlp import attributes, cues, data_table
from ..nlp.analysis import Analysis, coefficient_numbers, head_nouns, pair_coefficients
from ..nlp.mentions import singular
from .variables_labels import labelled

_MONEY_WORDS = re.compile(r"\$|\b(?:profit|revenue|cost|return|income|earn|spend|price|money|budget)", re.I)



def stated_sense(text: str) -> str | None:
    """'maximize' or 'minimize' as an objective statement says it: a verb first ('minimise', 'reduce'),
    else the more frequent of the superlatives ('the most profit', 'the lowest cost'); None if neither."""
    explicit = re.search(r"\b(maximi[sz]|minimi[sz]|reduce|decrease|increase)", text, re.I)
    if explicit:
        return "maximize" if explicit.group(1).lower().startswith(("max", "inc")) else "minimize"
    mx = [m.start() for m in cues.MAXIMISE.finditer(text)]
    mn = [m.start() for m in cues.MINIMISE.finditer(text)]
    if mx or mn:
        return "maximize" if mx and (not mn or len(mx) >= len(mn)) else "minimize"
    return None


def objective_slots(problem: Problem, a: Analysis, p: Paragraph) -> dict:
    coefs = _objective_coefs(problem, a, p)
    if not coefs:
        raise GenerationError("found no coefficient for any variable in the objective", paragraph=p.index)
    missing = [v.name for v in problem.variables.quantities if v.name not in coefs]
    if missing:
        p.notes.append(f"no objective coefficient found for {', '.join(missing)} (taken as 0)")
    sense = stated_sense(a.text)
    if sense is None:
        raise GenerationError("cannot tell whether to maximise or minimise", paragraph=p.index)
    _sign_losses(a, p, coefs, sense)
    return {"sense": sense, "coefs": coefs}


_NAMES_LOSS = re.compile(r"\b(?:maximi[sz]|minimi[sz]|reduce|decrease|increase)\w*\s+(?:\w+\s+){0,3}?"
                         r"(?:loss(?:es)?|deficit)\b", re.I)


def _sign_losses(a: Analysis, p: Paragraph, coefs: dict[str, float], sense: str) -> None:
    """A loss is a negative gain. Coefficients the objective states as losses ('each table loses $12')
    count negative when it maximises (a profit); when it minimises a loss ('minimise the total
    loss'), the losses count positive and the gains beside them negative. Facts give a loss as a
    negative profit already (`attributes.triples`), so an objective minimising a loss negates those."""
    nums, _ = coefficient_numbers(a)
    lost = {v for v, n in nums.items() if n.loss and coefs.get(v) == n.value}
    minimise_loss = sense == "minimize" and _NAMES_LOSS.search(a.text)
    if lost and sense == "maximize":
        for v in lost:
            coefs[v] = -coefs[v]
    elif lost and minimise_loss:
        for v in coefs:
            if v not in lost:
                coefs[v] = -coefs[v]
    elif minimise_loss and not nums and any(c < 0 for c in coefs.values()):
        for v in coefs:
            coefs[v] = -coefs[v]
        p.notes.append("minimising a loss: the losses the facts give (negative profits) count positive")
        return
    if lost:
        p.notes.append("coefficients stated as losses (" + ", ".join(sorted(lost)) + ") read as negative gains")


def _objective_coefs(problem: Problem, a: Analysis, p: Paragraph) -> dict[str, float]:
    """The objective's coefficients, by the first reading that finds some, said in its notes."""
    coefs, _ = pair_coefficients(a)
    if coefs:
        return _completed(problem, a, p, coefs)
    everything = {v.name: 1.0 for v in problem.variables.quantities}
    if _counts_decisions(problem, a):
        p.notes.append("objective read as the total number of all decisions (it counts what they count)")
        return everything
    if problem.split and labelled(problem):
        found = data_table.of(problem).for_objective(a.text)
        if found is not None:
            p.notes.append(f"objective coefficients from {found[1]}")
            return found[0]
    # what follows 'maximize' names the attribute ('maximize profit'), more surely than the rest
    verb = re.search(r"\b(?:maximi[sz]|minimi[sz]|reduce|decrease|increase)", a.text, re.I)
    at = attributes.refer(problem, a, None, verb.start()) if verb else None
    coefs = dict(at.coefs) if at is not None else attributes.referred_coefs(problem, a, None)
    if not coefs and verb and not re.search(r"\b(?:number|amount)\b", a.text[verb.start():], re.I):
        coefs = attributes.referred_coefs(problem, a, True)     # 'minimize the payroll': the only money rate
    if coefs:
        p.notes.append("objective coefficients taken from the facts the objective refers to")
        return coefs
    at = _only_count_rate(problem, a, verb)
    if at is not None:
        p.notes.append("objective counts what neither the decisions nor any fact name; read as the one "
                       "count the facts give every decision: " + ", ".join(sorted(at.words)))
        return dict(at.coefs)
    if re.search(r"\bnumber of\b|\bhow many\b", a.text, re.I):
        p.notes.append("objective read as the total number of all decisions")
        return everything
    if verb is None and re.search(r"\bfind the (?:minimum|fewest|least)\b", a.text, re.I) \
            and not _MONEY_WORDS.search(a.text):
        p.notes.append("objective names no rate the facts give; read as the total number of all decisions")
        return everything      # 'find the minimum transportation implementations that can be used'
    return {}


def _completed(problem: Problem, a: Analysis, p: Paragraph, coefs: dict[str, float]) -> dict[str, float]:
    """Coefficients the objective lists for some decisions, completed for the others from the data
    row it names ('each unit for X costs $4' stated before '... and for Y costs $5, minimise the cost')."""
    missing = [v.name for v in problem.variables.quantities if v.name not in coefs]
    if not missing or not problem.split or not labelled(problem):
        return coefs
    found = data_table.of(problem).for_objective(a.text)
    if found is None or any(found[0].get(v, x) != x for v, x in coefs.items()):
        return coefs
    extra = {v: found[0][v] for v in missing if v in found[0]}
    if extra:
        p.notes.append(f"objective coefficients of {', '.join(extra)} from {found[1]}")
    return {**coefs, **extra}


def _counts_decisions(problem: Problem, a: Analysis) -> bool:
    """'minimize the total number of branches' (remote and urban branches), '... of shifts' where the
    facts give rates per shift of each decision, 'the total time' when the decisions are hours: the
    objective counts the decisions themselves."""
    verb = r"\b(?:maximi[sz]|minimi[sz]|reduce|decrease|increase)\w*\s+(?:the\s+)?(?:total\s+)?"
    unit = re.search(r"\bhow many (hours|minutes|days|weeks)\b", problem.text, re.I)
    if unit and re.search(verb + r"(?:time|" + unit.group(1) + r")\b", a.text, re.I):
        return True           # 'how many hours should each plant run to minimize the total time'
    if re.search(verb + r"(?:amount of )?time\b", a.text, re.I) \
            and any(attributes.per_unit(problem, u) for u in ("hour", "minute", "day")):
        return True           # 'minimize the time spent' where the facts give rates 'for each hour in area one'
    m = re.search(verb + r"number\s+of\s+([a-z][\w-]*)", a.text, re.I)
    if m is None:
        return False
    word = singular(m.group(1).lower())
    return word in head_nouns(problem.variables) or attributes.per_unit(problem, word)


def _only_count_rate(problem: Problem, a: Analysis, verb: re.Match | None) -> attributes.Attribute | None:
    """'maximize the number of smoothies delivered', naming no decision and no fact's words, where
    bags 'hold 12 orders': the one non-money rate the facts give every decision, or None. (What is
    minimised, 'the number of deliveries', is the decisions' count.)"""
    if verb is None or not verb.group(0).lower().startswith(("max", "inc")) or not problem.facts \
            or any(m.start >= verb.start() for m in a.mentions) \
            or not re.search(r"\bnumber\s+of\b", a.text[verb.start():], re.I):
        return None
    return attributes.only_count(problem)

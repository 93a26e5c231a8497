"""The 'algebra' stage a language model serves: the whole problem written as formulas, one per line.

    maximize 30 x_chairs + 50 x_tables
    2 x_chairs + 4 x_tables <= 100
    x_chairs <= 20

What a small model does well on plain LP prose is write the algebra; what it does badly is keep
to one statement's template when it sees only that statement. This stage asks for the algebra and
hands it to the offline formula reader: each line is read as data (`milpsynth.formulas`), a statement
of its own (a chain two), typed by its shape and fitted to its template by the offline stages; its
symbols are the decisions. Each statement keeps the user's sentence it came from (the one that
states the formula's numbers), so explanations and conflicts name the user's words. An answer that
cannot be read (no objective, no constraint, a line that is no linear formula) is refused with the
reason, asked again, and at last left to the offline split.
"""
from __future__ import annotations

import re

from ..document import Paragraph, Problem
from ..errors import GenerationError, MilpsynthError
from ..formulas.find import nonnegative, parse_alone, plain, symbols
from ..formulas.parse import FormulaError, number_value
from ..nlp.numbers import find_numbers
from .answers import unknown_numbers
from .session import Accepted, Ask, Session

MAX_LINES = 60
_SENSE_LINE = re.compile(r"^\s*(?:objective\s*:?\s*)?(maximi[sz]e|minimi[sz]e|max|min)\b", re.I)
_RELATION = re.compile(r"<=|>=|=|<|>")
_SPLIT = re.compile(r"(<=|>=|==|=<|=>|=|<|>)")
# lines that state no formula: a heading, or what kind the decisions are ('x_a, x_b integer')
_NO_STATEMENT = re.compile(r"^\s*(?:subject\s+to|s\.\s*t\.|such\s+that|where|constraints?|variables?|bounds?)\W*$|"
                           r"\b(?:integers?|integral|binary|continuous|non-?negative|whole\s+numbers?)\b", re.I)
_DECLARES_SIGN = re.compile(r"[\w\s,]*>=\s*0(?:\.0+)?")      # 'x_a, x_b >= 0': decisions are not negative already
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\(?\d+[.):]|c\d+\s*:|s\.?t\.?\s*:?|subject to\s*:?)\s*", re.I)


def _lines(raw: str) -> list[str]:
    out = []
    for line in raw.replace("```", "\n").splitlines():
        line = _BULLET.sub("", line.split("#")[0]).strip().rstrip(";,.")
        if line:
            out.append(line)
    return out


def _constraints(line: str, text: str) -> list[str]:
    """The constraints of one line: 'a <= b', or a chain 'a <= x <= b' as one per sign (bounds that
    only say a decision is not negative left out). Every name is a decision here: the answer is algebra."""
    parts = _SPLIT.split(text)
    sides, rels = [p.strip() for p in parts[0::2]], parts[1::2]
    out = []
    for k, rel in enumerate(rels):
        formula = f"{sides[k]} {rel} {sides[k + 1]}"
        try:
            parse_alone(formula)
        except FormulaError as exc:
            raise GenerationError(f"the line {line!r} is not a linear formula over the decisions: {exc.reason}") \
                from None
        if not nonnegative(formula) and symbols(formula):
            out.append(formula)
    return out


def read_answer(raw: str) -> tuple[str, list[str]]:
    """(objective, constraints) of an algebra answer, each as formula text; a GenerationError says
    what is wrong. Headings and declarations ('subject to', 'x_a, x_b integer', 'x_a >= 0') are
    passed over; every other line must read as one or more linear constraints, never dropped."""
    objective, constraints = None, []
    lines = _lines(raw)
    if len(lines) > MAX_LINES:
        raise GenerationError(f"{len(lines)} lines are too many (at most {MAX_LINES})")
    for line in lines:
        text = plain(line)
        sense = _SENSE_LINE.match(text)
        if sense:
            if objective is not None:
                raise GenerationError("write one objective only")
            body = text[sense.end():].lstrip(" :")
            formula = f"{'maximize' if sense.group(1).lower().startswith('max') else 'minimize'} {body}"
            try:
                parse_alone(formula)
            except FormulaError as exc:
                raise GenerationError(f"the objective {line!r} is not a linear formula: {exc.reason}") from None
            objective = formula
            continue
        if _DECLARES_SIGN.fullmatch(text) or not _RELATION.search(text) and _NO_STATEMENT.search(text):
            continue
        if not _RELATION.search(text):
            raise GenerationError(f"the line {line!r} is not a linear formula (write each condition with <=, >= "
                                  "or =; 'if A then B' over 0/1 decisions is x_A <= x_B)")
        constraints += _constraints(line, text)
    if objective is None:
        raise GenerationError("no line states the objective: write it first, as 'maximize ...' or 'minimize ...'")
    if not constraints:
        raise GenerationError("no line states a constraint (one linear formula per line, with <=, >= or =)")
    return objective, constraints


def _source(formula: str, sentences: list[str]) -> str:
    """The sentence that states the formula's numbers (the most of them; of those, the one with the
    fewest other numbers; the first such), or the formula itself where no sentence states any."""
    try:
        wanted = {round(abs(number_value(n)), 9) for n in parse_alone(formula).numbers}
    except FormulaError:
        return formula
    wanted -= {0.0, 1.0}
    best, score = formula, (0, 0)
    for s in sentences:
        values = {round(abs(n.value), 9) for n in find_numbers(s)}
        hit = len(wanted & (values | {round(v * 100, 9) for v in values}))      # '20%' written 20 too
        extra = len(values - wanted)
        if hit and (hit, -extra) > score:      # the most of its numbers; of those, the fewest others
            best, score = s, (hit, -extra)
    return best


def _asked_sense(sentences: list[str]) -> str | None:
    """The sense the text's objective statements ask for, where they agree on one."""
    from ..stages.objective_rules import stated_sense
    from ..stages.split_statements import is_objective
    found = {stated_sense(s) for s in sentences if is_objective(s)} - {None}
    return found.pop() if len(found) == 1 else None


class LLMAlgebra:
    """Free text -> the model's algebra, one statement per formula (see the module docstring)."""

    name = "llm-algebra"

    def __init__(self, session: Session, fallback):
        self.session, self.fallback = session, fallback
        self.feedback: str | None = None          # the solver's verdict on the last answer, for a repair round
        self.answered = False                     # whether the last call used the model's algebra

    def __call__(self, problem: Problem) -> Problem:
        self.answered = False
        if any(p.prediction or p.slots for p in problem.paragraphs):
            return problem
        from ..stages.split_statements import sentences
        from .stages import context
        ctx = context(self.session, problem)

        said = [s for block in problem.paragraphs for s in sentences(block.text)]
        asked = _asked_sense(said)

        def accept(raw: str) -> Accepted:
            objective, constraints = read_answer(raw)
            notes = []
            if asked and not objective.startswith(asked):
                objective = asked + objective[len("maximize"):]
                notes.append(f"the text asks to {asked}: the objective's sense is the text's")
            flagged = [n for f in [objective, *constraints] for n in unknown_numbers(
                parse_alone(f), problem.text)]
            notes += [f"numbers not in the text: {', '.join(dict.fromkeys(flagged))}"] if flagged else []
            return Accepted((objective, constraints), (objective, tuple(constraints)), notes=notes)

        ask = Ask("algebra", None, ctx.prompt("algebra.j2"), accept, max_tokens=500)
        try:
            previous = self.session.chosen.get(("algebra", None)) if self.feedback else None
            accepted = self.session.ask(ask, self.feedback, previous)
        except GenerationError as exc:
            problem.warnings.append(f"the language model's algebra was not used ({exc.reason}); split by the rules")
            return self.fallback(problem)
        objective, constraints = accepted.result
        formulas = [objective, *constraints]
        texts = [_source(f, said) for f in formulas]
        problem.paragraphs = [Paragraph(i, t, formula=f) for i, (t, f) in enumerate(zip(texts, formulas))]
        problem.split = list(texts)
        problem.facts = [s for s in said if s not in texts]
        problem.warnings += [f"the language model's algebra: {n}" for n in accepted.notes]
        self.answered = True
        return problem


def repair_algebra(original: Problem, problem: Problem, pipeline, algebra: LLMAlgebra, session: Session,
                   rounds: int) -> Problem:
    """An infeasible or unbounded model from the model's algebra: the algebra asked again with the
    solver's verdict (the conflicting formulas named), up to `rounds` times, each answer formulated
    afresh from `original`; the first that has an optimum is taken, else the first model stands."""
    import copy

    from .run import verdict
    status, implicated, _ = verdict(problem)
    first = status
    for r in range(1, rounds + 1):
        if status not in ("infeasible", "unbounded") or not algebra.answered:
            break
        lines = [problem.paragraphs[i].formula for i in implicated if problem.paragraphs[i].formula]
        algebra.feedback = (f"the model has no feasible solution; these lines conflict: {'; '.join(lines)}. Check "
                            "each direction (<= or >=) and number against the problem" if status == "infeasible" else
                            "the objective improves without end: check maximize or minimize, the signs, and that "
                            "every limit the problem states is a line")
        session.round = r
        session.transcript.append({"stage": "repair", "paragraph": None, "round": r, "verdict": status,
                                   "feedback": algebra.feedback})
        try:
            again = pipeline(copy.deepcopy(original))
        except MilpsynthError:
            continue
        status, implicated, _ = verdict(again)
        session.transcript.append({"stage": "repair", "paragraph": None, "round": r, "verdict": f"after: {status}"})
        if status not in ("infeasible", "unbounded") and algebra.answered:
            again.warnings.append(f"the solver found the model {first}; repaired in round {r} by asking the "
                                  "language model again with its verdict")
            problem = again
            break
    algebra.feedback, session.round = None, 0
    return problem

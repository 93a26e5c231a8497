"""The stages a language model serves: the free-text split, the decisions, and the slot filler
(the objective and one constraint per classified paragraph). Each asks through a `Session`; what
it is not asked to do it leaves to the offline component it wraps.
"""
from __future__ import annotations

import re

from ..document import Paragraph, Problem
from ..errors import GenerationError, VariableError
from ..expr import Constraint
from ..labels import LOGIC_TYPES, TYPE_NAMES
from ..templates import TEMPLATES
from ..variables import Variable, VariableTable
from . import grammar, hints as hint_library
from ..formulas.fit import fit
from .answers import unknown_numbers
from ..formulas.parse import parse_formula
from .prompts import messages
from .session import Accepted, Ask, Session

MAX_DECISIONS = 30
_TOTAL = re.compile(r"(?:^|_)total(?:_|$)", re.I)
MAX_FORMULA_TOKENS = 110      # a formula of 12 terms; the grammar ends every answer before
MAX_TYPES_ASKED = 3           # types asked for one paragraph in one round (the classifier's alternatives too)
SHAPE_ORDER = (1, 5, 2, 6, 9, 4, 8, 3, 7, 10, 11, 12, 13)     # the most specific shape first
_LINE = re.compile(r"^\s*(?:[-*\d.)]+\s*)?`?([A-Za-z_][A-Za-z0-9_]*)`?\s*[:,(-]?\s*(integer|continuous|binary)\b", re.I)


def _scaled(terms: dict) -> tuple[float, tuple]:
    """(k, terms / k sorted by name), k the largest magnitude: equal for terms equal up to a positive factor."""
    k = max((abs(a) for a in terms.values()), default=0.0) or 1.0
    return k, tuple(sorted((n, round(a / k, 9)) for n, a in terms.items()))


def canonical(con: Constraint) -> tuple:
    """A constraint's key for the vote: equal for forms equal up to a positive factor."""
    terms, sense, rhs = dict(con.lhs.terms), con.sense, con.rhs
    if sense == ">=":
        terms, sense, rhs = {n: -a for n, a in terms.items()}, "<=", -rhs
    k, scaled = _scaled(terms)
    return (sense, scaled, round(rhs / k, 9))


class Context:
    """What every prompt of one problem shares: its text, its decisions, the hints chosen for it."""

    def __init__(self, session: Session, problem: Problem):
        self.session, self.problem = session, problem
        self.hints = hint_library.choose(problem.text) if session.hints else hint_library.Hints()

    def decisions(self) -> list[dict]:
        table = self.problem.variables
        if table is None:
            return []
        out = []
        for v in table.values():
            if v.is_indicator:
                desc = f"1 if {v.indicator_of} > 0, else 0 (for conditions only)"
            else:
                desc = f"{v.label or v.name.replace('_', ' ')} ({v.kind})"
            out.append({"name": v.name, "description": desc})
        return out

    def prompt(self, template: str, **extra):
        base = {"text": self.problem.text, "decisions": self.decisions(), "hints": self.hints.lines}
        base.update(extra)

        def build(feedback, previous):
            return messages(template, feedback=feedback, previous=previous, **base)
        return build


def context(session: Session, problem: Problem) -> Context:
    ctx = getattr(problem, "_llm_context", None)
    if ctx is None or ctx.problem is not problem:
        ctx = Context(session, problem)
        problem._llm_context = ctx
    return ctx


class LLMSplit:
    """Free text (one paragraph) -> one statement per line, the objective first (the rest as it is)."""

    name = "llm"

    def __init__(self, session: Session, fallback):
        self.session, self.fallback = session, fallback

    def __call__(self, problem: Problem) -> Problem:
        if len(problem.paragraphs) != 1 or any(p.prediction or p.slots for p in problem.paragraphs):
            return problem
        from ..nlp import cues
        from ..nlp.mentions import fold

        def accept(raw: str) -> Accepted:
            lines = [re.sub(r"^\s*(?:[-*]|\d+[.)])\s*", "", x).strip() for x in raw.splitlines()]
            lines = [x for x in lines if len(x) > 3]
            if len(lines) < 2:
                raise GenerationError("give the objective and each constraint on its own line")
            if len(lines) > 40:
                raise GenerationError(f"{len(lines)} statements are too many for one problem")
            if not any(cues.OBJECTIVE.search(fold(x)) for x in lines):
                raise GenerationError("no line states the objective (what is maximized or minimized)")
            return Accepted(lines, tuple(lines))

        ctx = context(self.session, problem)
        ask = Ask("split", None, ctx.prompt("split.j2"), accept, max_tokens=400)
        try:
            lines = self.session.ask(ask).result
        except GenerationError as exc:
            problem.warnings.append(f"the language model's split was not used ({exc.reason}); split by the rules")
            return self.fallback(problem)
        facts = self.fallback(Problem(problem.text, [Paragraph(0, problem.paragraphs[0].text)])).facts
        problem.paragraphs = [Paragraph(i, t) for i, t in enumerate(lines)]
        problem.split, problem.facts = list(lines), list(facts)
        return problem


class LLMVariables:
    """The decisions named by the model (the paper's first stage); the caller's overrides, or an
    answer that cannot be read after the retries, go to the offline stage."""

    name = "llm"

    def __init__(self, session: Session, fallback):
        self.session, self.fallback = session, fallback

    def __call__(self, problem: Problem) -> Problem:
        if problem.variable_overrides is not None or any(p.formula for p in problem.paragraphs):
            return self.fallback(problem)        # (statements written as formulas name their decisions)
        ctx = context(self.session, problem)
        ask = Ask("variables", None, ctx.prompt("variables.j2"), lambda raw: self._accept(raw),
                  grammar=grammar.variables_grammar(), max_tokens=120)
        try:
            found = self.session.ask(ask).result
        except GenerationError as exc:
            problem.warnings.append(f"the language model's decisions were not used ({exc.reason}); "
                                    "read by the rules")
            return self.fallback(problem)
        pure = all(kind == "binary" for _, kind in found)
        from ..nlp.mentions import surface_forms
        made = []
        for name, kind in found:
            label = name[3:] if pure and name.startswith("bi_") else name.replace("_", " ")
            made.append(Variable(name, kind, label, sorted(set(surface_forms(label)), key=len, reverse=True)))
        problem.variables = VariableTable.build(made, pure_binary=pure)
        return problem

    @staticmethod
    def _accept(raw: str) -> Accepted:
        found, seen = [], set()
        for line in raw.splitlines():
            m = _LINE.match(line)
            if not m:
                continue
            name, kind = m.group(1), m.group(2).lower()
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            found.append((name, kind))
        if not found:
            raise VariableError("no line reads 'name kind' (kind: integer, continuous or binary)")
        if len(found) > MAX_DECISIONS:
            raise VariableError(f"{len(found)} decisions are too many (at most {MAX_DECISIONS})")
        if any(k == "binary" for _, k in found) and not all(k == "binary" for _, k in found):
            found = [(n, k) for n, k in found if k != "binary" or not n.startswith("bi_")]   # indicators come by themselves
        decisions = [(n, k) for n, k in found if not _TOTAL.search(n)]
        found = decisions or found        # a total of other decisions is no decision (the prompt says so too)
        return Accepted(found, tuple(found))


class LLMSlotFiller:
    """The model writes each paragraph's formula; it is read as data and fitted to the paragraph's
    template. Stages left out of `stages` ('objective', 'constraints') use the offline filler."""

    name = "llm"

    def __init__(self, session: Session, fallback, stages=("objective", "constraints")):
        self.session, self.fallback, self.stages = session, fallback, tuple(stages)
        self._asked: dict[tuple, int] = {}

    def serves(self, p: Paragraph) -> bool:
        return ("objective" if p.type == 0 else "constraints") in self.stages

    def prepare(self, problem: Problem) -> None:
        prepare = getattr(self.fallback, "prepare", None)
        if prepare is not None:
            prepare(problem)
        asks = [self.ask_for(problem, p) for p in problem.paragraphs
                if not p.skipped and p.slots is None and p.prediction is not None and self.serves(p)]
        self.session.prefetch(asks)

    def fill(self, problem: Problem, p: Paragraph) -> dict:
        if not self.serves(p):
            return self.fallback.fill(problem, p)
        key = (self.session.round, p.index)
        self._asked[key] = self._asked.get(key, 0) + 1
        if self._asked[key] > MAX_TYPES_ASKED:
            raise GenerationError(f"the language model was asked for {MAX_TYPES_ASKED} types of this paragraph "
                                  "and none fitted", paragraph=p.index)
        try:
            return self.session.ask(self.ask_for(problem, p)).result
        except GenerationError:
            slots = self._retype(problem, p) if p.type != 0 else None
            if slots is None:
                raise
            return slots

    def _retype(self, problem: Problem, p: Paragraph) -> dict | None:
        """The model kept answering in another type's shape: where that type is plausible for the
        paragraph (the classifier gives it p >= FALLBACK_FLOOR, or the paragraph's words state it),
        the paragraph is read as that type, and the result says so."""
        from ..nlp.mentions import fold
        from ..stages.generate import FALLBACK_FLOOR, words_state
        raws = [e["raw"] for e in self.session.transcript
                if e.get("paragraph") == p.index + 1 and e["stage"] == "constraint" and e.get("round") == self.session.round]
        if not raws:
            return None
        raw = max(set(raws), key=raws.count)
        table, pred = problem.variables, p.prediction
        try:
            formula = parse_formula(raw.strip().splitlines()[0], list(table))
        except GenerationError:
            return None
        for t in SHAPE_ORDER:
            if t == pred.type:
                continue
            plausible = (pred.probs or {}).get(t, 0.0) >= FALLBACK_FLOOR or words_state(t, fold(p.text))
            if not plausible:
                continue
            try:
                slots = fit(formula, t, table)
                element = TEMPLATES[t].build(slots, table, p.index)
            except GenerationError:
                continue
            if not all(mentioned(table, n, p.text) for n in element.variables):
                return None        # a decision the paragraph does not speak of: not a reading of it
            p.prediction = pred.as_type(t, f"the language model's answer {raw.strip()!r} has the shape of type {t}, "
                                           f"not of type {pred.type}")
            problem.warnings.append(f"paragraph {p.index + 1}: read as type {t}: the language model's answer has "
                                    f"that shape ({raw.strip()[:60]}), not type {pred.type}'s")
            return slots
        return None

    def refill(self, problem: Problem, p: Paragraph, feedback: str) -> dict:
        previous = self.session.chosen.get(("constraint" if p.type else "objective", p.index))
        return self.session.ask(self.ask_for(problem, p), feedback, previous).result

    def ask_for(self, problem: Problem, p: Paragraph) -> Ask:
        ctx = context(self.session, problem)
        t = p.type
        table = problem.variables
        if t == 0:
            names = list(table)
            template, stage = "objective.j2", "objective"
            gbnf = grammar.objective_grammar(names)
        else:
            template, stage = f"type{t}.j2", "constraint"
            if t in LOGIC_TYPES:
                gbnf = grammar.logic_grammar(t, [n for n in table if table.is_logical(n)] or list(table))
            else:
                counts = t in (2, 6)     # 'at most two of the fruits': a sum of indicators
                names = list(table) if table.pure_binary or counts else \
                    [v.name for v in table.values() if not v.is_indicator] or list(table)
                gbnf = grammar.constraint_grammar(names)
        prob = p.prediction.prob if p.prediction else 0.0

        def accept(raw: str) -> Accepted:
            formula = parse_formula(raw.strip().splitlines()[0] if raw.strip() else raw, list(table),
                                    objective=t == 0)
            slots = fit(formula, t, table)
            element = TEMPLATES[t].build(slots, table, p.index)
            flagged = unknown_numbers(formula, problem.text)
            notes = [f"numbers not in the text: {', '.join(flagged)}"] if flagged else []
            key = (element.sense, _scaled(element.expr.coefs)[1]) if t == 0 else canonical(element)
            return Accepted(slots, key, (prob, -len(flagged)), slots, notes)

        return Ask(stage, p.index, ctx.prompt(template, paragraph=p.text, type=t, meaning=TYPE_NAMES.get(t, "")),
                   accept, grammar=gbnf, max_tokens=MAX_FORMULA_TOKENS)


def mentioned(table: VariableTable, name: str, text: str) -> bool:
    """The paragraph speaks of decision `name` (of its quantity, for an indicator): a word of the text
    begins as one of the words of its name or label (less its last three letters, four at least)."""
    v = table[name]
    base = table[v.indicator_of] if v.is_indicator and v.indicator_of in table else v
    words = set(re.findall(r"[a-z]{3,}", f"{base.name} {base.label}".replace("_", " ").lower())) - {"bi_"}
    low = text.lower()
    return any(re.search(r"\b" + re.escape(w[:max(4, len(w) - 3)]), low) for w in words)   # shelves ~ shelf


def note_flags(problem: Problem, session: Session) -> None:
    """Numbers flagged in chosen answers go into the paragraph's notes."""
    for e in session.transcript:
        if e.get("chosen") and e["paragraph"]:
            p = problem.paragraphs[e["paragraph"] - 1]
            p.notes += [n for n in e.get("notes", ()) if n.startswith("numbers not in the text") and n not in p.notes]



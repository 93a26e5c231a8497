"""The 'split' stage for free text: sentences -> objective and constraint statements, the rest facts.

A description given as one paragraph (NL4Opt documents are) is cut into sentences; a sentence
holding two constraints ("at most $1000 and the number of X must be less than ...") or a
condition and the question ("If the budget is $500, how many ... to maximise ...?") is cut again.
Each piece becomes a statement (a paragraph of the problem) when it states the objective or a
constraint; the others are facts ("A magazine ad costs $1000 and attracts 10000 viewers.") kept
in `problem.facts`, where the generator finds coefficients a statement refers to.
The split is shown in `problem.split`.
"""
from __future__ import annotations

import re

from ..document import Paragraph, Problem
from ..nlp import cues, lexicon
from ..nlp.mentions import fold
from ..nlp.numbers import find_numbers
from .split_formulas import annotate_kept, end_formula_lines, formula_pieces, writes_formulas

_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z(\"'$0-9])")
# an amount stated exactly ('makes exactly 20 pieces', 'must equal $500'): an equality, unless a rate
_EXACT_AMOUNT = (r"(?:" + lexicon.alternation([r for r in lexicon.ROWS if r[1] == "equal" and r[0][0].isalpha()])
                 + r")\s+\$?\d")
_CONSTRAINT_CUE = re.compile(cues.UPPER.pattern + "|" + cues.LOWER.pattern + "|" + cues.COMPARE.pattern
                             + r"|\b(?:must|should|cannot|can't|need|needs|required|has to|have to)\b"
                             + r"|" + _EXACT_AMOUNT, re.I)
# 'while'/'whereas' (and ', with') join clauses only; 'and'/'but' join nouns too, so the word after them must begin a clause
_JOIN = re.compile(r",?\s+(?:while|whereas)\s+|,\s+with\s+|,?\s+(?:and|while|but|as well as)\s+(?=(?:the|a|an|at|no|each|there|they|it|its|their|this|since|because|"
                   r"up|only|at least|at most|must|should|cannot|has|have|can|could|needs?|uses?|wants?|"
                   r"[a-z]+ (?:must|should|cannot|can)\b|[a-z]+ [a-z]+ (?:must|should|cannot|can)\b))", re.I)
_RANGE = re.compile(r"\d\s+and\s+(?:no (?:more|less|fewer) than|at (?:most|least)|up to)\s+\$?\d", re.I)
_QUESTION_LAST = re.compile(r"^(?P<cond>.+),\s*(?P<rest>(?:what|how)\b[^,]*\?)\s*$", re.I)
_CONDITION_FIRST = re.compile(r"^(?:if|given that|since|assuming|considering)\b(?P<cond>[^,]+),\s*(?P<rest>.+)$", re.I)


_NONNEGATIVE = re.compile(r"\((?:[^()]*?)(?:greater than or equal to (?:0|zero)|non-?negative|cannot be negative)"
                          r"[^()]*\)|\b(?:are|is|be) (?:both )?(?:greater than or equal to (?:0|zero)|non-?negative)\b",
                          re.I)


_BULLET = re.compile(r"(?:(?<=[:.])|(?<=\n))[ \t]*[-•*][ \t]+(?=[A-Z(])")
# a full stop with no space after it, before a capitalised word: 'units.Additionally, ...'
_GLUED = re.compile(r"(?<=[a-zA-Z0-9)$])\.(?=[A-Z][a-z]{2,})")


# negations spelt as contractions or in two words, written out one way: 'shouldn't' -> 'should not',
# 'can't' / 'can not' -> 'cannot', 'won't' -> 'will not' (the cue phrases are written that way)
_CONTRACTED = re.compile(r"\b(?:(can)['’]t|(can)\s+not|(wo)n['’]t|(sha)n['’]t|([a-z]+)n['’]t)\b", re.I)


def _spelt_out(m: re.Match) -> str:
    can, can2, wo, sha, other = m.groups()
    word = can or can2
    if word:
        return word + "not"
    if wo:
        return wo[0] + "ill not"          # 'won't' -> 'will not', keeping a capital
    if sha:
        return sha + "ll not"
    return other + " not"


def sentences(text: str) -> list[str]:
    """Sentences, with remarks that the decisions are non-negative dropped (variables are, already),
    negations written out one way ('shouldn't' -> 'should not', 'can not' -> 'cannot')."""
    text = _CONTRACTED.sub(_spelt_out, text)
    text = end_formula_lines(text)
    text = _BULLET.sub(". ", text)      # a bullet list: one sentence per item
    text = _GLUED.sub(". ", text)
    text = _NONNEGATIVE.sub("", " ".join(text.split()))
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


# a question that asks for the optimum: 'Calculate the minimum total cost ...', 'What is the maximum profit?',
# or, after a leading clause, a question: 'Given these terms, what is the minimum cost?'
_OPTIMUM = r"[^.?!]{0,40}\b(?:minimum|maximum|minimal|maximal|lowest|highest|least|most|smallest|largest|optimal|greatest)\b"
_ASKS_OPTIMUM = re.compile(r"^\s*(?:(?:calculate|determine|find|compute|state|give)\b|what(?:'s| is| are| would be| will be)\b)"
                           + _OPTIMUM, re.I)
_ASKS_AFTER_CLAUSE = re.compile(r"[,:;]\s*what(?:'s| is| are| would be| will be)\b" + _OPTIMUM + r"[^.!?]*\?\s*$", re.I)


def is_objective(s: str) -> bool:
    t = fold(s)
    return bool(cues.OBJECTIVE.search(t) or _ASKS_OPTIMUM.search(t))


def asks_after_clause(s: str) -> bool:
    """A question for the optimum after a leading clause: weaker evidence, read where no statement
    is an objective by `is_objective`."""
    return bool(_ASKS_AFTER_CLAUSE.search(fold(s)))


_RATE_WORD = re.compile(r"\b(?:a|an|each|one|per|every)\b", re.I)
# 'a'/'an' in lower case only ('compound A and ...' names a label), not after 'of' ('grams of a rare extract')
_RATE = re.compile(r"\b(?:(?i:each|per|every|for every)|(?<!of )(?:a|an)) (?!(?i:day|week|month|year|hour|shift)\b)\w+")


# 'A paint manufacturer produces 300 kg of dye and 200 kg of filler each week' (one producer; two that
# are compared, 'X produces 2 units of heat while Y produces 3', state rates)
_SUPPLY = re.compile(r"^(?!.*\b(?:while|whereas)\b)(?!.*\bproduces\b.*\bproduces\b)\s*(?:[\w-]+ ){1,4}produces"
                     r"(?: \w+){0,2} \d", re.I)
_NEED = {"need", "needs", "require", "required", "requires", "requirement"}
_PER = re.compile(r"\b(?:each|every|per)\b", re.I)
_RATE_OPENING = re.compile(r"^\s*(?:to (?:make|produce|prepare|build|create|manufacture)|one|a single)\b", re.I)
# 'there must be more architects than drafters', 'X must not be less than that of Y'
_MORE_THAN = re.compile(r"\b(?:must|should|has to|have to|cannot|can't)\b.*\b(?:more|fewer|less|larger|greater|lower|"
                        r"higher|smaller)\s+(?:[\w-]+\s+){0,4}than\b", re.I)


# 'has two methods of ...': how many kinds there are, not a supply
_KINDS = re.compile(r"\w*\s+(?:different\s+)?(?:types|kinds|methods|options|ways|sorts|models|products|choices)\b", re.I)


def is_supply(s: str) -> bool:
    """What someone has or produces ('The company has 150 tons of iron ore each month'), not a rate."""
    t = fold(s)
    own = cues.POSSESSION.search(t) or _SUPPLY.search(t)
    clause = re.split(r"[,;]|\s(?:and|which|while|whereas)\s", t[own.end():])[0] if own else ""
    return bool(own) and not _RATE.search(clause) and not _PER.search(t[:own.start()]) \
        and not _RATE_OPENING.search(t) \
        and not _KINDS.match(t, own.end()) \
        and not re.search(r"\w{3,}ing\b", own.group(0).split(" ", 1)[-1])   # 'has designers earning $2500': a rate


def is_constraint(s: str) -> bool:
    t = fold(s)
    if _MORE_THAN.search(t) or is_supply(t):
        return True
    found = [m.group(0).lower() for m in _CONSTRAINT_CUE.finditer(t)]
    if not found:
        return False
    if all(f in _NEED or re.fullmatch(_EXACT_AMOUNT, f, re.I) for f in found) \
            and (_RATE_OPENING.search(t) or _PER.search(t)):
        return False          # 'To produce 1 kg of paint requires 6 kg of dye', 'each takes exactly 3 hours': a rate
    return bool(find_numbers(t)) or bool(cues.COMPARE.search(t)) or bool(cues.IF.search(t))


def _pieces(sentence: str) -> list[str]:
    return [text for text, _ in _cut(sentence)]


def _cut(sentence: str) -> list[tuple[str, bool]]:
    """Cut a sentence at ';' and at 'and'/'while' where both sides are constraints, and a condition
    off a question; each piece with True when it is a statement (objective or constraint). A rule
    about each single unit ('Each employee can only be assigned to one project') is no bound on the
    totals: a fact."""
    lead, colon, rules = sentence.partition(":")
    if colon and rules.strip() and is_constraint(rules):
        # a lead-in with no figure ('The plan must follow two rules: ...') is no statement; what follows it
        # is, and so is one whose only number counts the statements after it ('must meet 2 rules: ...')
        after = _cut(rules.strip())
        counted = sum(1 for _, statement in after if statement)
        figures = [n for n in find_numbers(lead) if re.search(r"\d", n.text)]
        if not figures or (counted > 1 and all(n.value == counted for n in figures)):
            return [(lead.strip() + ":", False)] + after
    parts = _semicolon_parts(sentence)
    if len(parts) > 1 and (all(is_constraint(x) for x in parts)
                           or (any(_is_statement(x) for x in parts) and all(_clause(x) for x in parts))):
        # clauses joined by ';', each a statement or a fact of its own ('X may use at most 40 hours;
        # each unit of X earns $5')
        return [piece for x in parts for piece in _cut(x)]
    if _EACH_UNIT.match(sentence) and all(n.value == 1 for n in find_numbers(sentence)):
        return [(sentence, False)]
    m = _CONDITION_FIRST.match(sentence)
    if not (m and is_objective(m.group("rest")) and find_numbers(m.group("cond"))):
        # a question closing a sentence ('Considering that ..., what is the minimum cost?')
        m = _QUESTION_LAST.search(sentence)
        if not (m and is_objective(m.group("rest")) and re.search(r"\d", m.group("cond"))):
            m = None
    if m:
        # the condition of the question is cut like any sentence; a piece of it with one number and no
        # rate is a bound ('If the clinic is open for 15000 minutes, ...'), not data
        return [(piece, statement or (len(find_numbers(piece)) == 1 and not _RATE_WORD.search(piece)))
                for piece, statement in _cut(m.group("cond").strip())] + [(m.group("rest").strip(), True)]
    cuts = [0]
    joins = list(_JOIN.finditer(sentence))
    for k, j in enumerate(joins):
        left, right = sentence[cuts[-1]:j.start()], sentence[j.end():]
        if _in_brackets(sentence, j.start()):       # '(400 for X and 300 for Y)' is one aside
            continue
        if "with" in j.group(0).lower() and not any(c.strength == 2 for c in lexicon.directions(right)):
            continue        # ', with three times Y counted in it' qualifies the clause before; it bounds nothing
        if is_constraint(left) and _has_predicate(left) and _right_clause_constrains(sentence, joins, k) \
                and not _REFERS_BACK.match(right) \
                and not _shares_rhs(left, right) \
                and not _RANGE.search(left + " and " + right):     # a range: 'at least 4 and at most 7'
            cuts += [j.start(), j.end()]
    cuts.append(len(sentence))
    pieces = [sentence[cuts[i]:cuts[i + 1]].strip(" ,") for i in range(0, len(cuts) - 1, 2)]
    # a coordinated list of bounds is a statement each ('150 tons of iron ore and 35 tons of zinc ore')
    out = []
    for p in pieces:
        ranged = _range_bounds(p)
        if ranged:
            out += [(d, True) for d in ranged]
        elif is_constraint(p):
            out += [(d, True) for d in _distribute(p)]
        else:
            out.append((p, _is_statement(p)))
    return out


_BETWEEN = re.compile(r"\b(?<!difference )between\s+(\$?\d[\d,.]*)\s+and\s+(\$?\d[\d,.]*)\b", re.I)
# a range that is allowed or required, not one that happened ('sales rose from 30 to 50')
_MAY = re.compile(r"\b(?:can|could|may|must|should|shall|has to|have to|needs?|requires?|allowed)\b", re.I)


def _range_bounds(piece: str) -> list[str]:
    """'X can have between 2 and 6 employees' -> 'X can have at least 2 employees', 'X can have at most
    6 employees' (one bound a statement; a lower end of 0 says nothing: decisions are not negative).
    Empty where the piece states no such range."""
    m = _BETWEEN.search(piece)
    if m is None or _BETWEEN.search(piece, m.end()) or len(find_numbers(piece)) != 2 or not _MAY.search(piece):
        return []
    low, high = find_numbers(m.group(0))
    if low.value > high.value:
        return []
    with_bound = lambda words, num: piece[:m.start()] + f"{words} {num}" + piece[m.end():]   # noqa: E731
    return ([with_bound("at least", m.group(1))] if low.value != 0 else []) + [with_bound("at most", m.group(2))]


_PREDICATE = re.compile(r"\b(?:must|should|shall|cannot|can|could|may|might|will|would|need|needs|has|have|had|"
                        r"is|are|was|were|be|requires?|exceeds?|uses?|takes?|gets?)\b|\w+(?:s|ed)\s+(?:at|no|up|a)\b", re.I)


# a clause whose subject points back to what the clause before defined ('..., and this metric must be at least 500')
_REFERS_BACK = re.compile(r"(?:this|that|these|those|such)\s+(?:[\w-]+\s+){0,2}?(?:must|should|cannot|can|has|have|is|are|"
                          r"needs?|may|will)\b", re.I)


def _in_brackets(text: str, at: int) -> bool:
    """Whether position `at` of `text` lies inside an open parenthesis or a `$...$` formula."""
    if text.count("(", 0, at) > text.count(")", 0, at):
        return True
    # an open '$' that starts a formula ('$0 \leq x \leq 3; ...$'), not a price ('$5 each; ...')
    return text.count("$", 0, at) % 2 == 1 and "$" in text[at:] \
        and bool(re.search(r"\\[a-zA-Z]+|[=<>\u2264\u2265]", text[text.rfind("$", 0, at):at]))


def _clause(part: str) -> bool:
    """A part that can stand alone: it says something of its subject, or states per-unit data
    ('each unit of X yields returns of 20, 15 and 30 respectively')."""
    return _has_predicate(part) or (bool(_PER.search(part) or re.search(r"\brespectively\b", part, re.I))
                                    and len(part.split()) >= 4)


def _semicolon_parts(sentence: str) -> list[str]:
    """The sentence cut at each ';' outside brackets and formulas."""
    cuts = [i for i, ch in enumerate(sentence) if ch == ";" and not _in_brackets(sentence, i)]
    bounds = [-1] + cuts + [len(sentence)]
    return [p for p in (sentence[a + 1:b].strip() for a, b in zip(bounds, bounds[1:])) if p]


def _has_predicate(clause: str) -> bool:
    """Whether a clause says something of its subject ('must', 'is', 'takes at most'): 'the combined
    quantity for twice the amount at X', with no verb, is the first term of a sum that goes on past
    'and', not a statement."""
    return bool(_PREDICATE.search(clause)) or any(c.strength == 2 for c in lexicon.directions(clause))


# a rule about each single unit: 'Each employee can only be assigned to one project'
_EACH_UNIT = re.compile(r"^\s*(?:each|every|any)\s+[a-z-]+\s+(?:can|may|must|should|will|is|has)\b", re.I)


def _right_clause_constrains(sentence: str, joins: list[re.Match], k: int) -> bool:
    """Whether the clause after join k states a constraint: its words up to the next 'and', or, where
    those state none, up to a later join ('..., and the difference between the budgets for X and Y
    must not exceed 1000': the clause goes on past 'X and')."""
    right = sentence[joins[k].end():]
    if is_constraint(right.split(" and ")[0]):
        return True
    ends = [j.start() for j in joins[k + 1:]] + [len(sentence)]
    return any(is_constraint(sentence[joins[k].end():end]) for end in ends)


def _is_statement(text: str) -> bool:
    return is_objective(text) or is_constraint(text)


_NUM_ITEM = re.compile(r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?=(?:(?:at (?:least|most)|up to|no more than|a (?:minimum|maximum) "
                       r"of)\s+)?\$?\d)", re.I)


def _coefficients_first(text: str) -> bool:
    """'the joint output of 4 parts X and 7 parts Y has to reach 30': a sum named
    before its numbers and one direction after them lists coefficients, not bounds."""
    numbers = find_numbers(text)
    if len(numbers) < 2:
        return False
    found = lexicon.directions(text)
    total = lexicon.cues(text, ("total",))
    return bool(found and total and total[0].start < numbers[0].start
                and all(c.start > numbers[-2].end for c in found))


def _distribute(piece: str) -> list[str]:
    """'has 150 hours of measuring time and 300 hours of stitching time available' -> two statements
    ('at most 110 large boxes or 150 small boxes' too: a bound each, as NL4Opt annotates it);
    a piece without its own direction cue takes the one before it ('a minimum of 130 units of spice
    and 90 units of flavor')."""
    t = fold(piece)
    if _coefficients_first(t):
        return [piece]
    cuts = [m for m in _NUM_ITEM.finditer(t) if find_numbers(t[:m.start()])
            and not re.search(r"\d\s*$", t[:m.start()])       # 'at least 4 and no more than 7 spots': a range
            and not _in_brackets(t, m.start())]
    if not cuts:
        return [piece]
    out, start = [], 0
    for m in cuts:
        out.append(piece[start:m.start()].strip(" ,"))
        start = m.end()
    out.append(piece[start:].strip(" ,"))
    for i in range(1, len(out)):
        if not _cue(out[i]):
            before = _cue(out[i - 1])
            if before:
                out[i] = max(before, key=lambda m: m.start()).group(0) + " " + out[i]
    # a cue that closes the list ('150 hours of measuring and 300 of stitching available') serves all
    last = _cue(out[-1])
    if last and last[-1].end() == len(out[-1].rstrip(" .")):
        out = [o if _cue(o) else f"{o} {last[-1].group(0)}" for o in out]
    return [o for o in out if o]


def _cue(text: str) -> list[re.Match]:
    return sorted(list(cues.UPPER.finditer(text)) + list(cues.LOWER.finditer(text)), key=lambda m: m.start())


def _shares_rhs(left: str, right: str) -> bool:
    """'A takes 2 hours and B takes 3 hours' lists coefficients of one constraint: keep it whole."""
    return not (cues.UPPER.search(right) or cues.LOWER.search(right) or cues.COMPARE.search(right)
                or re.search(r"\b(?:must|should|cannot)\b", right, re.I))


def _blocks_hold_several(problem: Problem) -> bool:
    """Text given as one string whose blank-line blocks are not one statement each (a MAMO problem is
    prose plus a question paragraph): some block holds two statements that are not lists of rates. A list of paragraphs
    (`input_mode` "paragraphs") is one statement per paragraph, always."""
    if getattr(problem, "input_mode", "paragraphs") != "text":
        return False
    # a block of one statement may hold its data too ('There are 890 units of timber available. The
    # amount required is 12 units for each truck, ...': two statement-like sentences); prose holds more
    return any(sum(statement and not _rate_list(piece) for s in sentences(block.text) for piece, statement in _cut(s))
               >= 2 for block in problem.paragraphs)


def _rate_list(piece: str) -> bool:
    """'12 units for each truck, 20 units for each aeroplane, ...': per-unit data, not a statement of its own."""
    return bool(_PER.search(piece)) and len(find_numbers(piece)) >= 2 and not cues.OBJECTIVE.search(piece)


class SplitStatements:
    """Split free text (a single paragraph) into statements; leave paragraph lists alone."""

    name = "statements"

    def __call__(self, problem: Problem) -> Problem:
        if any(p.prediction or p.slots for p in problem.paragraphs):
            return problem
        problem = self._split(problem)
        annotate_kept(problem, is_objective)
        return problem

    def _split(self, problem: Problem) -> Problem:
        algebra = problem.input_mode == "text" and any(writes_formulas(b.text) for b in problem.paragraphs)
        if len(problem.paragraphs) != 1 and not algebra and not _blocks_hold_several(problem):
            return problem
        statements: list[tuple[str, str | None]] = []      # (text, the formula it writes, if any)
        facts: list[str] = []
        for block in problem.paragraphs:
            for s in sentences(block.text):
                pieces = formula_pieces(s, is_objective) or [(piece, statement, None) for piece, statement in _cut(s)]
                for piece, statement, formula in pieces:
                    if statement:
                        statements.append((piece, formula))
                    else:
                        facts.append(piece)
        objectives = [st for st in statements if is_objective(st[0])]
        for st in objectives[1:] if len(objectives) > 1 else []:
            if re.match(r"(?:(?:what|how much) (?:is|are|will be|would be)|(?:determine|find|calculate|state)) "
                        r"(?:the|this|that|his|her|their)\b", st[0], re.I):
                statements.remove(st)          # 'What is the minimum cost?' only repeats the question
                facts.append(st[0])
        if not any(is_objective(t) or (f or "").startswith(("maximize", "minimize")) for t, f in statements):
            question = [f for f in facts if re.search(r"\bhow (?:many|much)\b|\?$", f, re.I) or asks_after_clause(f)]
            if question:
                facts.remove(question[-1])
                statements.insert(0, (question[-1], None))
        if len(statements) <= 1 and not facts or not statements:
            return problem      # nothing to split (with no statement, the later stages say what is missing)
        problem.paragraphs = [Paragraph(i, t, formula=f) for i, (t, f) in enumerate(statements)]
        problem.facts = facts
        problem.split = [t for t, _ in statements]
        return problem

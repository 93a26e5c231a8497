"""Interim 'variables' stage: decision variables from enumerations and labelled entities, by rules.

1. Pure binary when the description asks whether/which ("whether to buy", "decide which"), or by
   the meaning of the words, a choice among named options (`is_yes_no`: "is choosing which",
   "which of the sites should be opened", "selects projects to fund"), unless it asks for amounts:
   variables `bi_<Entity>` (entities such as 'Property 1' or 'A'). Where such a choice names no
   list of options, the decisions are quantities after all.
2. Otherwise the quantities named by the longest enumeration in the objective paragraph
   ("toy trucks, toy aeroplanes, toy ships, and toy trains" -> trucks, aeroplanes, ships, trains),
   each with an indicator `bi_x`. A modifier every item shares ('toy') is dropped from the name.
3. Kind: continuous when the decisions are measured ('how many acres', 'how much to invest'),
   integer for counted things. The caller's `variables=` overrides all of this.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Mapping

from .split_data import move_unit_data
from ..document import Problem
from ..errors import InputError, VariableError
from ..nlp import cues
from ..nlp.mentions import find_mentions, fold, singular, surface_forms
from ..variables import INDICATOR_PREFIX, Variable, VariableTable, binary_name, snake_case

_BINARY_CUE = re.compile(r"\bwhether\b|\b(?:decide|choose|determine|select)\s+which\b|\bor not to\b", re.I)
# A yes/no decision by its meaning: a choice among named options. A verb of choosing, in any form,
# then 'which'/'whether' ('is choosing which', 'must decide on which'); 'which (one) of ...' with a
# modal or 'to' ('which of the plants should be opened', 'which of them to fund'); or a verb of
# picking with its object and a purpose ('selects projects to fund'). Not where the text asks for
# amounts ('and how many of each', 'the production quantity'): those are quantities with indicators.
_CHOOSE = (r"(?:choos(?:e|es|ing)|chose|chosen|decid(?:e|es|ed|ing)|determin(?:e|es|ed|ing)|"
           r"select(?:s|ed|ing)?|pick(?:s|ed|ing)?|opt(?:s|ed|ing)?|shortlist(?:s|ed|ing)?)")
_PICK = r"(?:choos(?:e|es|ing)|chose|select(?:s|ed|ing)?|pick(?:s|ed|ing)?|shortlist(?:s|ed|ing)?)"
_MODAL = r"(?:to|should|shall|will|would|must|can|could|are to|is to|ought to|need to|needs to)"
_CHOICE_CUE = re.compile(
    r"\b" + _CHOOSE + r"\b(?:\s+(?!how\b|the (?:number|amount)\b)[\w'-]+){0,4}?\s+(?:which|whether)\b"
    r"|\bwhich\s+(?:(?:one|ones)\s+)?of\b[^.?!;]{0,80}?\b" + _MODAL + r"\b"
    r"|\b" + _PICK + r"\s+(?!how\b|to\b|the (?:number|amount)\b)(?:[\w'-]+\s+){1,5}?to\s+"
    r"(?!(?:maximi|minimi|optimi|reduce|increase|decrease|ensure|meet|satisfy|achieve|make sure)\w*)[a-z]+", re.I)
_AMOUNT = re.compile(r"\bhow (?:many|much)\b|\bquantit(?:y|ies)\b|\bamounts? of each\b", re.I)


def is_yes_no(text: str) -> bool:
    """The description asks which options to take, each a yes/no decision (see `_CHOICE_CUE`)."""
    return bool(_BINARY_CUE.search(text)) or (bool(_CHOICE_CUE.search(text)) and not _AMOUNT.search(text))
_MEASURE = re.compile(r"\bhow (?:many|much)\s+(?:\w+\s+){0,2}?(?:acres?|hectares?|litres?|liters?|gallons?|"
                      r"kilograms?|kg|grams?|tons?|tonnes?|pounds?|hours?|minutes?|dollars?|money|kilometres?|"
                      r"kilometers?|miles?|metres?|meters?|square|sq)\b|\bhow much\b.*\binvest|\bamount of money\b",
                      re.I)
_STOP = {
    "the", "a", "an", "of", "to", "and", "or", "in", "on", "for", "with", "from", "as", "such", "namely",
    "like", "include", "includes", "including", "are", "is", "be", "sell", "sells", "make", "makes", "grow",
    "produce", "produces", "stock", "offer", "offers", "buy", "between", "types", "type", "kinds", "options",
    "their", "its", "his", "her", "these", "those", "them", "they", "it", "can", "will", "plans", "wants",
    "using", "use", "either", "both", "each", "all", "different", "various", "several", "how", "many", "much",
    "what", "which", "number", "amount", "quantity", "should", "would", "could", "must", "shall", "may",
    "might", "we", "you", "i", "do", "does", "did", "has", "have", "had", "per", "by", "at", "into", "than",
}
_ENTITY_NUM = re.compile(r"\b([A-Z][a-z]+) (\d+)\b")


def _words(chunk: str) -> list[str]:
    chunk = re.sub(r"\([^)]*\)?", " ", chunk)       # 'A ($1000)' -> 'A'
    return re.findall(r"[^\W\d_][\w'’-]*|\d+", chunk)     # words of any script ('茶'), and numbers


def _stop(word: str) -> bool:
    """A function word or verb that ends a noun phrase ('A' the label is not 'a' the article)."""
    if len(word) == 1 and word.isupper():
        return False
    return word.lower() in _STOP or (word.lower().endswith("ing") and len(word) > 5)


def _tail(chunk: str, max_words: int) -> str:
    chunk = re.split(r"[:;—–]|\s-\s", chunk)[-1]
    words = _words(chunk)
    out: list[str] = []
    for w in reversed(words):
        if _stop(w) or len(out) >= max_words:
            break
        out.insert(0, w)
    return " ".join(out)


_ARTICLES = {"a", "an", "the", "either", "both"}


def _head(chunk: str, max_words: int = 3) -> str:
    out: list[str] = []
    words = _words(chunk)
    while words and words[0].lower() in _ARTICLES and not (len(words[0]) == 1 and words[0].isupper()):
        words = words[1:]
    for w in words:
        if _stop(w) or len(out) >= max_words:
            break
        out.append(w)
    return " ".join(out)


_SUFFIXES = 12     # lists read from inside one comma list (its tails): all of them in lists of any real size
MAX_OPTIONS = 200  # a list of more items than this names no decisions one writes out (nor reads in linear time)


def enumerations(text: str) -> list[list[str]]:
    """Lists like 'A, B, and C' / 'A, B or C' / 'A and B' in each sentence, as item strings.

    A comma list is read from each of its first `_SUFFIXES` items on ('toy aeroplanes, toy ships and
    toy trains' as well as 'toy trucks, toy aeroplanes, ...'), not from every one of a list of
    thousands (which would make the work grow with the square of its length); a list of
    `MAX_OPTIONS` items or more is no list of decisions."""
    found: list[list[str]] = []
    for sentence in re.split(r"(?<=[.?!])\s+", fold(text)):
        chunks = re.split(r",\s*", sentence)
        if len(chunks) >= 2:
            run_end, in_run = -1, 0
            for i in range(len(chunks) - 1):
                if i < run_end:
                    in_run += 1
                    if in_run >= _SUFFIXES:
                        continue
                else:
                    in_run = 0
                items: list[str] = []
                j = i + 1
                while j < len(chunks):
                    conj = re.match(r"\s*(?:and|or)\s+(.*)$", chunks[j])
                    inner = re.match(r"^\s*([^,]*?)\s+(?:and|or)\s+(.*)$", chunks[j])
                    if conj:
                        items.append(_head(conj.group(1)))
                        break
                    if inner and len(_words(inner.group(1))) <= 3:
                        items += [_head(inner.group(1)), _head(inner.group(2))]
                        break
                    if len(_words(chunks[j])) > 3:
                        items = []
                        break
                    items.append(_head(chunks[j]))
                    j += 1
                else:
                    if len(items) < 2:        # 'A (5), B (3), C (4).': a list without 'and'
                        items = []
                if in_run == 0:
                    run_end = j
                items = [it for it in items if it]
                if len(items) >= MAX_OPTIONS:
                    items = []
                if items:
                    width = max(len(it.split()) for it in items)
                    first = _tail(chunks[i], width)
                    if first and not _is_category(chunks[i], first):
                        found.append([first] + items)
                    elif len(items) >= 2:
                        found.append(items)
        for conj in re.finditer(r"\s+(?:and|or)\s+", sentence):      # every 'X and Y' / 'X or Y'
            # the clause around it, each side cut to its nearest 300 characters (3 words are read)
            left = sentence[sentence.rfind(",", 0, conj.start()) + 1:conj.start()][-300:]
            right = _SIDE_END.split(sentence[conj.end():conj.end() + 300], maxsplit=1)[0]
            a, b = _tail(left, 3), _head(right, 3)
            if a and b and not _is_category(left, a):
                found.append([a, b])
    return found


_SIDE_END = re.compile(r"[,.;:?!]")
_CATEGORY_BEFORE = re.compile(r"(?:\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|different|"
                              r"various|kinds? of|types? of|sorts? of)\s+)$", re.I)


def _is_category(chunk: str, item: str) -> bool:
    """'two creams' / 'types of paints' before a list names the category, not one of its items."""
    cut = chunk.rstrip()
    if not cut.endswith(item):
        return False
    return bool(_CATEGORY_BEFORE.search(cut[: len(cut) - len(item)]))


def _plausible_item(item: str, pure_binary: bool) -> bool:
    """A quantity is named by words ('2-piece' counts as a word); '8' or 'uses 10 units' are not names."""
    if pure_binary:
        return True
    return not any(w.isdigit() for w in item.split())


_SUPPORT_CUT = re.compile(r"[.;,?!]|\band\b|\bwhile\b|\bwhereas\b")


def _numeric_support(item: str, text: str) -> int:
    """How many clauses mention the item together with a number (decisions come with data)."""
    forms = {"x": surface_forms(item)}
    n = 0
    for clause in _SUPPORT_CUT.split(text):
        if re.search(r"\d", clause) and find_mentions(clause, forms):
            n += 1
    return n


class _TextCounts:
    """`_mention_count` and `_numeric_support` of each item over one text, each item counted once:
    its mentions are found in the whole text and placed in the clauses with numbers (one pass over
    the text per item, not one per clause; a mention across a clause boundary counts in none)."""

    def __init__(self, text: str):
        self.text = text
        folded = fold(text)
        bounds = [0] + [x for m in _SUPPORT_CUT.finditer(folded) for x in (m.start(), m.end())] + [len(folded)]
        self.clauses = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds) - 1, 2)]
        self.starts = [a for a, _ in self.clauses]
        self.digits = [bool(re.search(r"\d", folded[a:b])) for a, b in self.clauses]
        self._count: dict[str, int] = {}
        self._support: dict[str, int] = {}

    def mentions(self, item: str) -> int:
        if item not in self._count:
            self._count[item] = _mention_count(item, self.text)
        return self._count[item]

    def support(self, item: str) -> int:
        if item not in self._support:
            if len(item) == 1 or self.text != fold(self.text):     # a letter's context is its clause
                self._support[item] = _numeric_support(item, self.text)
            else:
                from bisect import bisect_right
                hit = set()
                for m in find_mentions(self.text, {"x": surface_forms(item)}):
                    k = bisect_right(self.starts, m.start) - 1
                    if k >= 0 and m.end <= self.clauses[k][1] and self.digits[k]:
                        hit.add(k)
                self._support[item] = len(hit)
        return self._support[item]


def _strip_shared_modifier(items: list[str]) -> list[str]:
    firsts = {it.split()[0].lower() for it in items}
    if len(firsts) == 1 and all(len(it.split()) > 1 for it in items):
        return [" ".join(it.split()[1:]) for it in items]
    return items


def _mention_count(label: str, text: str) -> int:
    return len(find_mentions(text, {"x": surface_forms(label)}))


def _looks_like_entity_list(items: list[str]) -> bool:
    return len(items) >= 2 and len({i.lower() for i in items}) == len(items)


class RuleVariables:
    name = "rules"

    def __call__(self, problem: Problem) -> Problem:
        from .variables_formulas import formula_variables      # (it reads labels, which import this module)
        if formula_variables(problem):
            return move_unit_data(problem)
        override = problem.variable_overrides
        if override is not None and not isinstance(override, Mapping):
            problem.variables = _from_list(override)
            return move_unit_data(problem)
        objective_text = problem.paragraphs[0].text
        for p in problem.paragraphs:
            if p.type == 0:
                objective_text = p.text
        variables = None
        if is_yes_no(problem.text):
            try:
                variables = self._binary(problem, objective_text)
            except VariableError:
                if _BINARY_CUE.search(problem.text):
                    raise
                # a choice cue without a list of options to choose from: the decisions are quantities
        if variables is not None:
            table = VariableTable.build(distinct(variables), pure_binary=True)
        else:
            variables = self._quantities(problem, objective_text)
            table = VariableTable.build(distinct(variables), pure_binary=False)
        if isinstance(override, Mapping):
            for name, kind in override.items():
                if name not in table:
                    raise InputError(f"no variable named {name!r} (identified: {', '.join(table)})",
                                     field="variables")
                try:
                    table[name].kind = kind
                    table[name].__post_init__()
                except ValueError as exc:
                    raise InputError(str(exc), field="variables") from None
        problem.variables = table
        return move_unit_data(problem)      # free text: statements that only give rates are facts

    def _entities(self, problem: Problem, objective_text: str, pure_binary: bool = False) -> list[str]:
        """The best enumeration: in the objective paragraph first (paragraph input), else anywhere;
        items the rest of the text never mentions again (a category like 'two creams') are dropped."""
        texts = [objective_text, problem.text] if len(problem.paragraphs) > 1 and not problem.split else [problem.text]
        counted = _TextCounts(problem.text)
        for text in texts:
            lists = []
            for items in enumerations(text):
                items = [it for it in _strip_shared_modifier(items) if _plausible_item(it, pure_binary)]
                if not _looks_like_entity_list(items):
                    continue
                counts = [counted.mentions(it) for it in items]
                recurring = [it for it, c in zip(items, counts) if c >= 2]
                if len(recurring) >= 2:
                    items = recurring
                support = sum(1 for it in items if counted.support(it) >= 1)
                lists.append((support, len(recurring), len(items), -sum(len(i) for i in items), items))
            if lists:
                return max(lists, key=lambda t: t[:4])[4]
        return []

    def _binary(self, problem: Problem, objective_text: str) -> list[Variable]:
        numbered = Counter(m.group(1) for m in _ENTITY_NUM.finditer(problem.text))
        family = [w for w, c in numbered.items() if c >= 2 and w.lower() not in ("step", "year", "day", "week")]
        if family:
            w = family[0]
            seen = dict.fromkeys(f"{w} {n}" for ww, n in _ENTITY_NUM.findall(problem.text) if ww == w)
            entities = list(seen)
        else:
            entities = self._entities(problem, objective_text, pure_binary=True)
        if not entities:
            raise VariableError("the problem asks which options to choose, but no list of options was found",
                                field="variables")
        out = []
        for e in entities:
            forms = {e, e.lower()}
            if len(e) == 1:
                forms = {e}
            out.append(Variable(binary_name(e), "binary", e, sorted(forms)))
        return out

    def _candidates(self, problem: Problem, objective_text: str) -> list[tuple[str, list[str]]]:
        """(label, other words for it) of each decision quantity."""
        return [(it, []) for it in self._entities(problem, objective_text)]

    def _quantities(self, problem: Problem, objective_text: str) -> list[Variable]:
        candidates = self._candidates(problem, objective_text)
        items = [label for label, _ in candidates]
        if not items and not any(cues.OBJECTIVE.search(p.text) or re.search(r"\bhow (?:many|much)\b", p.text, re.I)
                                 for p in problem.paragraphs):
            raise InputError("no paragraph states an objective (what to maximise or minimise)", field="objective")
        if not items:
            raise VariableError("no decision quantities found: name them in the objective paragraph "
                                "(e.g. 'how many trucks and vans ...') or pass variables=[...]",
                                paragraph=0)
        kind = "continuous" if _MEASURE.search(problem.text) else "integer"
        out = []
        for label, extra in candidates:
            forms = set(surface_forms(label)) | {f for e in extra for f in surface_forms(e)}
            words = label.split()
            if len(words) > 1:
                head = words[-1]       # a noun, not a label ('Bowl 1', 'mixture A')
                if re.fullmatch(r"[A-Za-z][a-z-]+", head) \
                        and sum(1 for it in items if it.split()[-1].lower() == head.lower()) == 1:
                    forms.update(surface_forms(head))
            out.append(Variable(snake_case(label), kind, label, sorted(forms, key=len, reverse=True)))
        return out


def distinct(variables: list[Variable]) -> list[Variable]:
    """Each decision its own name: names that two labels share ('type X' and 'type-x' both give
    'type_x') take a number ('type_x_2'); a quantity never takes an indicator's name ('bi_x')."""
    seen: set[str] = set()
    out = []
    for v in variables:
        name = v.name
        if v.kind != "binary" and name.startswith(INDICATOR_PREFIX):
            name = "v_" + name
        base, k = name, 2
        while name in seen:
            name, k = f"{base}_{k}", k + 1
        seen.add(name)
        if name != v.name:
            v.name = name
        out.append(v)
    return out


def _from_list(items: Iterable) -> VariableTable:
    variables: list[Variable] = []
    for it in items:
        if isinstance(it, Variable):
            variables.append(it)
        elif isinstance(it, str):
            kind = "binary" if it.startswith("bi_") else "integer"
            label = it[3:] if it.startswith("bi_") else it.replace("_", " ")
            try:
                variables.append(Variable(it, kind, label, surface_forms(label) + [it]))
            except ValueError as exc:
                raise InputError(f"{exc} (names are letters, digits and '_', not starting with a digit)",
                                 field="variables") from None
        else:
            raise InputError(f"variables must be names or Variable objects, got {it!r}", field="variables")
    if not variables:
        raise InputError("the variables list is empty", field="variables")
    pure = all(v.kind == "binary" for v in variables)
    for v in variables:
        if not v.mentions:
            v.mentions = surface_forms(v.label or v.name.replace("_", " "))
    try:
        return VariableTable.build(variables, pure_binary=pure)
    except ValueError as exc:
        raise InputError(str(exc), field="variables") from None


def singular_label(label: str) -> str:
    return " ".join(label.split()[:-1] + [singular(label.split()[-1])])

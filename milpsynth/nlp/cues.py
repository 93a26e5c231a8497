"""Cue phrases shared by the rule-based classifier and slot filler (direction, logic, comparison)."""
from __future__ import annotations

import re

from . import lexicon

# the lexicon's composed rows ('must not go beyond', 'stay within', 'at minimum'), so that both read them
_COMPOSED_UPPER = lexicon.alternation([r for r in lexicon.COMPOSED if r[1] == "upper"])
_COMPOSED_LOWER = lexicon.alternation([r for r in lexicon.COMPOSED if r[1] == "lower"])

UPPER = re.compile(_COMPOSED_UPPER + r"|\b(?:at most|up to(?! (?:the|their|its|his|her|our|my|your)\b)|no more than|not more than|not exceed|cannot exceed|can't exceed|"
                   r"must not exceed|should not exceed|does not exceed|do not exceed|will not exceed|"
                   r"not be more than|maximum(?: of)?|max(?:imum)? of|available|budget|capacity|limited to|limit(?:ed)?|"
                   r"less than|fewer than|smaller than|below|within|(?:fewer|less|smaller) (?:[\w-]+ ){1,4}than|only (?:has|have)|can only|at the most|"
                   r"cannot be bothered to \w+ more than|no greater than|not greater than|lower than)\b", re.I)
LOWER = re.compile(_COMPOSED_LOWER + r"|\b(?:at least|no less than|not less than|no fewer than|minimum(?: of)?|a minimum|"
                   r"more than|greater than|larger than|bigger than|higher than|exceed|exceeds|"
                   r"(?:more|greater|larger) (?:[\w-]+ ){1,4}than|must (?:be )?(?:have|produce|make|sell|buy|order)|"
                   r"required?|requirement|demand|needs? to (?:have|be)|must account for|must make up|"
                   r"should make up)\b", re.I)
_PASSING = "|".join(v for v in lexicon.SURPASS if not v.startswith("be ")) + "|surpasses|goes beyond"
NEGATED_LOWER = re.compile(r"\b(?:cannot|can't|can not|not|never|unable to)\b[^.]{0,40}\b(?:more than|exceed|"
                           + _PASSING + r")\b", re.I)
NEGATED_UPPER = re.compile(r"\b(?:cannot|can't|can not|not|never|unable to)\b(?: \w+){0,3} (?:less|fewer|lower) than\b|"
                           r"\b(?:cannot|can't|can not|not|never)\b(?: \w+){0,2} (?:fall|go|drop|be) below\b", re.I)
# 'must transport 300000 lbs', 'must care for 5000 square metres': an amount required, when nothing else says
MUST_AMOUNT = re.compile(r"\b(?:must|needs? to|has to|have to|wants? to|would like to|plans? to)(?! not\b)"
                         r"(?: \w+){1,2} \$?\d", re.I)
# what someone has: a capacity when no comparative says otherwise ('The farmer has access to 500 boxes')
POSSESSION = re.compile(r"\b(?:has|have|owns?|possess(?:es)?|receives?|gets|is supplied with)\b"
                        r"(?: \w+){0,3} (?:\$?\d|access to)|"
                        r"\bat (?:its|their|his|her|our) disposal\b|\bthere (?:are|is) (?:only )?\$?\d|"
                        r"\b(?:put|invest|spend|use) (?:his|her|their|its|our) \$\d", re.I)
EQUAL = re.compile(r"\b(?:exactly|equal to|must equal|equals)\b", re.I)

OBJECTIVE = re.compile(r"\b(?:maximi[sz](?:e[sd]?|ing)|minimi[sz](?:e[sd]?|ing)|optimi[sz]e|most profit|"
                       r"(?<!\ba )(?<!\ban )(?:maximum|minimum|largest|smallest|greatest) (?:possible )?(?:total )?"
                       r"(?:number|amount) of|"         # not 'requires a minimum amount of': a bound
                       r"find the (?:minimum|maximum|fewest|least|most|largest|smallest)|"
                       r"(?:obtain|achieve|reach|get|attain) (?:the |a )?(?:maximum|minimum|maximal|minimal|highest|"
                       r"lowest|largest|smallest) \w+|"
                       r"(?:at|with|spending|for) (?:a )?(?:minimal|maximal) (?:\w+ ){0,2}?(?:cost|amount|time|effort|"
                       r"profit|expense)s?|"
                       r"(?:reduce|decrease|increase) the (?:total |overall )?(?:number|amount|cost)|"
                       r"the objective(?! functions?\b)|least cost|lowest cost|lowest total|highest total|maximum profit|"
                       r"minimum cost|maximum (?:total )?(?:revenue|return|income|satisfaction)|"
                       r"(?:highest|largest|greatest|lowest|smallest|most|least|maximum|minimum) (?:possible )?"
                       r"(?:total |overall |combined |net |daily |weekly |monthly |yearly |annual )?"
                       r"(?:profits?|revenues?|returns?|income|costs?|earnings|expenses?|pollution|waste))\b", re.I)
MAXIMISE = re.compile(r"\b(?:maximi[sz]|most|max\b|maximum|maximal|highest|greatest|largest|profit|revenue|return|"
                      r"income|satisfaction)", re.I)
MINIMISE = re.compile(r"\b(?:minimi[sz]|least|min\b|minimum|minimal|lowest|smallest|fewest|reduce|decrease)", re.I)

SHARE = re.compile(r"%|\bpercent|\bper cent|\b(?:a|one|two|three) (?:third|quarter|fourth|fifth|tenth|half)s?\b|"
                   r"\bhalf of\b|\bproportion\b|\bfraction\b|\bshare of\b|\bratio\b", re.I)
TOTAL = re.compile(r"\b(?:total|all|overall|combined|altogether|in all|together|whole|entire)\b", re.I)
COMPARE = re.compile(r"\b(?:as (?:many|much|large|big|high|long)\b.*\bas\b|times (?:as|the|that of|more)\b|"
                     r"\btwice\b|\bdouble\b|\btriple\b|(?:than|exceed|as) the (?:number|amount|quantity|land|acres?)"
                     r"\b|(?:more|less|fewer|greater) than (?:the )?(?:number|amount|quantity) of\b)", re.I)
COUNT_OF_TYPES = re.compile(r"\b(?:types?|kinds?|varieties|sorts?|options?|categories|products?) of\b|"
                            r"\b(?:of|from) (?:the|these) (?:\w+ )?(?:types?|options|items|products)\b|"
                            r"\bof them\b|\bof the (?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b", re.I)

IF = re.compile(r"\bif\b|\bwhen(?:ever)?\b|\bin case\b|\bprovided that\b", re.I)
ONLY_IF = re.compile(r"\bonly if\b", re.I)
PREREQUISITE = re.compile(r"\bprerequisite\b|\bbefore being allowed\b|\bfirst (?:has|have|need) to\b", re.I)
NEG = re.compile(r"\b(?:not|no|never|cannot|can't|don't|doesn't|won't|neither|nor|without)\b", re.I)
EXACTLY_ONE = re.compile(r"\bexactly one\b|\bone and only one\b|\bonly one of\b|\bbut not both\b|\bnot both\b(?=.*\beither\b)|"
                         r"\beither\b.*\bor\b.*\bnot both\b|\bone or the other\b", re.I)
AT_LEAST_ONE = re.compile(r"\bat least one\b|\bor both\b|\bone or more\b|\bor (?:the other|both of them)\b", re.I)
AT_MOST_ONE = re.compile(r"\bat most one\b|\bno more than one\b|\bup to one\b|\bor neither\b|\bnot both\b|"
                         r"\bcannot (?:\w+ ){0,3}both\b|\bonly one option\b|\bnot (?:\w+ ){0,2}together\b", re.I)


# nouns that suggest a direction only when no comparative phrase says it ('demand is at most 50')
_WEAK = {"available", "budget", "capacity", "limit", "limited", "require", "required", "requirement", "demand",
         "within", "below"}


def direction(text: str, *, strict: bool = False) -> str | None:
    """'<=' / '>=' / '==' from cue phrases, or None when the text gives none.

    Comparatives ('at most', 'at least', 'cannot exceed', 'cannot be less than') outrank nouns ('demand',
    'available') and possession ('has 500 workers'); among nouns alone, the sentence that states the last
    number (the right-hand side; earlier ones state rates) decides. `strict`: None when comparatives
    of both sides occur ('at most 8 manual and at least 5 electric jacks')."""
    if NEGATED_UPPER.search(text):
        return ">="
    if NEGATED_LOWER.search(text):
        return "<="
    cues = [(m.start(), "<=", m.group(0).lower() in _WEAK) for m in UPPER.finditer(text)]
    cues += [(m.start(), ">=", m.group(0).lower() in _WEAK) for m in LOWER.finditer(text)]
    strong = [c for c in cues if not c[2]]
    if strong:
        senses = {sense for _, sense, _ in strong}
        if strict and len(senses) > 1:
            return None
        # both present: the cue nearest the start decides ('at most 40, and at least ...' is rare)
        return senses.pop() if len(senses) == 1 else min(strong)[1]
    weak = cues + [(m.start(), "<=", True) for m in POSSESSION.finditer(text)]
    weak += [(m.start(), ">=", True) for m in MUST_AMOUNT.finditer(text)]
    if weak:
        if len({sense for _, sense, _ in weak}) == 1:
            return weak[0][1]
        rhs = _rhs_sentence_start(text)
        in_rhs = [c for c in weak if c[0] >= rhs]
        return min(in_rhs or weak)[1]
    if EQUAL.search(text):
        return "=="
    return None


def _rhs_sentence_start(text: str) -> int:
    """Start of the sentence that states the right-hand side: the one sentence with a number and no
    rate ('each', 'per'), else the one with the text's last number (0 for none or one sentence)."""
    spans = [(m.start(), m.group(0)) for m in re.finditer(r"[^.;!?]+(?:[.;!?]|$)", text)]
    plain = [start for start, s in spans if re.search(r"\d", s) and not re.search(r"\b(?:each|per|every)\b", s, re.I)]
    if len(plain) == 1:
        return plain[0]
    with_digits = [start for start, s in spans if re.search(r"\d", s)]
    return with_digits[-1] if with_digits else 0

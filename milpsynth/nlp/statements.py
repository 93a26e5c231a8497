"""Statements that read like constraints but state none: what happened ('Last year the bakery sold 30
cakes'), a freedom ('is not required to make at least 10 tables') and a limit that no longer holds
('There is no longer a limit on the number of tables').

Each is a general phrase, not a sentence of some document: a past time with no present or future
requirement; an obligation negated (not a prohibition: 'must not exceed' is a constraint); a limit
said not to exist or to have been lifted. A statement with another clause that does constrain
('..., but at most 30 chairs can be made') is left to be read as a constraint.
"""
from __future__ import annotations

import re

from . import cues

# a time in the past: 'last year', 'in the previous quarter', 'two years ago', 'in 2019', 'yesterday'
_PAST_TIME = re.compile(
    r"\b(?:last|previous|past|prior|preceding)\s+(?:year|month|week|season|quarter|summer|winter|spring|fall|"
    r"autumn|decade|day|shift|semester|term)s?\b|\b(?:\w+\s+)?(?:years?|months?|weeks?|days?|seasons?)\s+ago\b|"
    r"\byesterday\b|\bin the past\b|\bpreviously\b|\bhistorically\b|\bin (?:19|20)\d\d\b", re.I)
# what makes a sentence about the past bind now: a modal, a present tense, a requirement
_NOW = re.compile(r"\b(?:must|should|shall|will|can|cannot|can't|may|might|needs?|has to|have to|is|are|am|"
                  r"required|requires?|allowed|wants?|plans?|aims?|expects?|this|next|now|from now on)\b", re.I)
# an obligation negated: a freedom, not a prohibition
_FREEDOM = re.compile(
    r"\b(?:is|are|was|were|am|be)(?:\s+not|n't)\s+(?:required|obliged|obligated|forced|compelled|bound|"
    r"necessary|mandated)\b|\b(?:does|do|did)(?:\s+not|n't)\s+(?:have|need)\s+to\b|\bneeds?\s+not\b|"
    r"\bneedn't\b|\bno\s+(?:need|requirement|obligation)\s+(?:to|for|that)\b|\bis\s+optional\b|"
    r"\b(?:no longer|not)\s+(?:required|mandatory|compulsory|obligatory)\b", re.I)
_LIMIT = r"(?:limits?|caps?|maximum|minimum|restrictions?|(?:upper |lower )?bounds?|quotas?|ceilings?)"
# a limit said not to exist, or to have been lifted
_NO_LIMIT = re.compile(
    r"\bno\s+(?:longer\s+)?(?:a\s+|any\s+)?" + _LIMIT + r"\s+(?:on|to|for|of)\b|"
    r"\bno longer\s+(?:limited|restricted|capped|bounded)\b|"
    r"\b" + _LIMIT + r"\b[^.;]{0,60}?\b(?:has|have|had|was|were|is|are)\s+(?:now\s+)?(?:been\s+)?"
    r"(?:removed|lifted|dropped|abolished|scrapped|cancell?ed|waived)\b|"
    r"\b(?:is|are)\s+(?:now\s+)?unlimited\b|\bwithout\s+(?:any\s+)?(?:limits?|restrictions?)\b", re.I)
_CLAUSES = re.compile(r";|,?\s+but\s+|,\s+(?:while|whereas)\s+|,\s+and\s+(?=\w+\s+(?:must|should|can|cannot)\b)", re.I)


def _why(clause: str) -> str | None:
    if _FREEDOM.search(clause):
        return f"'{_FREEDOM.search(clause).group(0)}' states a freedom, not a requirement"
    if _NO_LIMIT.search(clause):
        return f"'{_NO_LIMIT.search(clause).group(0)}' says a limit does not hold"
    past = _PAST_TIME.search(clause)
    if past and not _NOW.search(clause):
        return f"'{past.group(0)}': it says what happened, not what must hold"
    return None


def _constrains(clause: str) -> bool:
    return bool(re.search(r"\d", clause) or cues.UPPER.search(clause) or cues.LOWER.search(clause)
                or cues.COMPARE.search(clause))


def not_a_constraint(text: str) -> str | None:
    """Why the statement states no constraint (history, a freedom, a lifted limit), or None."""
    reasons = []
    for clause in _CLAUSES.split(text):
        why = _why(clause)
        if why:
            reasons.append(why)
        elif _constrains(clause):
            return None          # another clause constrains: read the statement as usual
    return reasons[0] if reasons else None

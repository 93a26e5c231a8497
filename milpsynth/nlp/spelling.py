"""One spelling of the words whose British and American forms differ in a way models notice.

The classifier was trained mostly on American spelling ('minimize'); British '-ise' forms ('minimise',
'optimisation') read to it as other words. `american()` writes the '-ise/-yse' verbs and their
derivatives in '-ize' form before a model reads them; the rules match both spellings already.
"""
from __future__ import annotations

import re

# stems whose '-ise' is the British spelling of '-ize' (not 'advertise', 'exercise', 'supervise' ...)
_STEMS = ("minim", "maxim", "optim", "priorit", "util", "organ", "real", "standard", "final", "capital",
          "subsid", "amort", "categor", "summar", "special", "author", "normal", "stabil", "equal")
_ISE = re.compile(r"\b(" + "|".join(_STEMS) + r")(i)(s)(e|es|ed|ing|ation|ations|er|ers)\b", re.I)


def american(text: str) -> str:
    """'minimise' -> 'minimize', 'Optimisation' -> 'Optimization' (case kept); other words as they are."""
    return _ISE.sub(lambda m: m.group(1) + m.group(2) + ("Z" if m.group(3).isupper() else "z") + m.group(4), text)

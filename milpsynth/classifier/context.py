"""What the classifier reads beside a paragraph: the problem's decisions and the paragraph's place.

A paragraph alone cannot say whether "The warehouse holds at most 300 boxes" bounds one decision
or a sum (it depends on whether the decisions are "boxes" or "small boxes" and "large boxes"), nor
whether "No more than two of the projects can be funded" is over yes/no choices. A classifier
trained with context reads the text pair

    context:   "decisions: small boxes, large boxes | position: first"
    paragraph: "The warehouse holds at most 300 boxes."

encoded as `[CLS] context [SEP] paragraph [SEP]` with token types 0 / 1 (`inference.predict_logits`).
`context_text` writes the first text from plain facts; `problem_contexts` reads them from a
`Problem` after the variables stage (names as the user wrote them, yes/no when the problem is pure
binary). The format is versioned (`FORMAT`) and recorded in the artefact.
"""
from __future__ import annotations

FORMAT = 1
NO_DECISIONS = "none found"
POSITIONS = ("first", "middle", "last", "only")


def position_word(index: int, count: int) -> str:
    """'first', 'middle', 'last' (or 'only' for a one-paragraph problem) of paragraph `index` of `count`."""
    if count <= 1:
        return "only"
    if index == 0:
        return "first"
    return "last" if index == count - 1 else "middle"


def context_text(decisions: list[str] | tuple[str, ...], yes_no: bool = False, position: str = "middle") -> str:
    """The context half of the pair: 'decisions: a, b (yes/no) | position: first'."""
    if position not in POSITIONS:
        raise ValueError(f"position must be one of {POSITIONS}, got {position!r}")
    names = [d.strip() for d in decisions if d and d.strip()]
    listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "") if names else NO_DECISIONS
    return f"decisions: {listed}{' (yes/no)' if yes_no and names else ''} | position: {position}"


def decision_names(problem) -> tuple[list[str], bool]:
    """(names as the user wrote them, whether they are yes/no choices) of a problem's decisions; the
    indicators the variables stage adds (bi_x) are left out. ([], False) before the variables stage."""
    table = getattr(problem, "variables", None)
    if not table:
        return [], False
    names = [(v.label or v.name.replace("_", " ")).strip() for v in table.quantities]
    if table.pure_binary:
        names = [n.removeprefix("bi ").removeprefix("bi_") for n in names]
    return [n for n in names if n], bool(table.pure_binary)


def problem_contexts(problem, paragraphs) -> list[str]:
    """One context per paragraph of `paragraphs` (Paragraph objects of `problem`)."""
    names, yes_no = decision_names(problem)
    count = len(problem.paragraphs)
    return [context_text(names, yes_no, position_word(p.index, count)) for p in paragraphs]

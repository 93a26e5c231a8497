"""Judging by the answer alone: problems that carry only `text` (or `question`) and `answer`.

MAMO EasyLP and C^3-Bench state the optimal objective value, often rounded as the question asks
("rounded to the nearest dollar"). A problem counts as solved when milpsynth's optimum is within
`rel_tol` (1e-4) relative of the answer, or equal to it after the rounding the question asks for;
a stated status (`status`: infeasible / unbounded / no optimal solution) must be matched instead.
`split` (work / blind) selects a half.
"""
from __future__ import annotations

import math
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from ..errors import InputError, MilpsynthError
from ..expr import fmt_num
from .report import format_table, is_answer_record, read_jsonl

REL_TOL = 1e-4
_NO_OPTIMUM = {"infeasible", "unbounded", "no_optimal_solution", "no optimal solution", "infeasible_or_unbounded"}
_ROUND = re.compile(r"\b(?:round(?:ed|ing)?(?:\s+(?:off|up|down))?|nearest)\b[^.?!\n]{0,60}", re.I)
_PLACES = {"one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}


def rounding_asked(text: str) -> tuple[int, str] | None:
    """(decimal digits, 'nearest'|'up'|'down') the question asks its answer in, or None.

    'to the nearest dollar / whole number / integer' -> 0; 'one decimal place' / 'nearest tenth' -> 1;
    'two decimal places' / 'nearest cent / hundredth' -> 2; 'nearest hundred (dollars)' -> -2;
    'nearest thousand' -> -3; 'rounded up' -> ceiling."""
    places = re.search(r"\b(one|two|three|\d)\s+decimal\s+places?\b", text, re.I)
    if places and re.search(r"\bround", text, re.I):
        return _PLACES[places.group(1).lower()], "nearest"
    for m in _ROUND.finditer(text):
        phrase = m.group(0).lower()
        mode = "up" if re.search(r"\bup\b", phrase) else "down" if re.search(r"\bdown\b", phrase) else "nearest"
        places = re.search(r"\b(one|two|three|\d)\s+decimal\s+place", phrase)
        if places:
            return _PLACES[places.group(1)], mode
        if re.search(r"\bnearest\s+(?:hundredth|cent)\b", phrase):
            return 2, mode
        if re.search(r"\bnearest\s+tenth\b", phrase):
            return 1, mode
        if re.search(r"\bnearest\s+(?:hundred|100)\b", phrase):
            return -2, mode
        if re.search(r"\bnearest\s+(?:thousand|1,?000)\b", phrase):
            return -3, mode
        if re.search(r"\b(?:dollar|whole|integer|number|unit|cent(?:s)?\b(?!\w))", phrase):
            return 0, mode
    return None


def _rounded(x: float, digits: int, mode: str) -> float:
    k = 10.0 ** digits
    if mode == "up":
        return math.ceil(x * k - 1e-9) / k
    if mode == "down":
        return math.floor(x * k + 1e-9) / k
    return math.floor(x * k + 0.5) / k


def answer_matches(objective: float | None, status: str | None, answer: Any, stated: str | None, text: str,
                   rel_tol: float = REL_TOL) -> tuple[bool, str]:
    """(ok, why) of milpsynth's (status, objective) against the stated answer/status."""
    stated = (stated or "").strip().lower() or None
    if stated in _NO_OPTIMUM or answer is None:
        if status in ("infeasible", "unbounded"):
            return True, f"{status}, as stated ({stated or 'no answer'})"
        return False, f"stated {stated or 'no answer'}, got {status}"
    try:
        target = float(answer)
    except (TypeError, ValueError):
        return False, f"answer {answer!r} is not a number"
    if status != "optimal" or objective is None:
        return False, f"got {status}, expected {fmt_num(target)}"
    if abs(objective - target) <= rel_tol * max(1.0, abs(target)):
        return True, "equal within tolerance"
    rounding = rounding_asked(text)
    if rounding is not None and abs(_rounded(objective, *rounding) - target) <= 1e-9 * max(1.0, abs(target)):
        return True, f"equal after rounding to {rounding[0]} digits"
    return False, f"got {fmt_num(objective)}, expected {fmt_num(target)}"


@dataclass
class AnswerResult:
    id: str
    split: str | None
    answer: Any
    status: str | None = None
    objective: float | None = None
    solution_ok: bool = False
    why: str = ""
    error: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"id": self.id, "split": self.split, "answer": self.answer, "status": self.status,
                "objective": self.objective, "solution_ok": self.solution_ok, "why": self.why,
                "error": self.error, "seconds": round(self.seconds, 4)}


@dataclass
class AnswerReport:
    problems: list[AnswerResult]
    seconds: float = 0.0
    split: str | None = None
    hide_ids: bool = False         # blind halves: the score alone, no per-problem rows printed

    @property
    def acc1_solution(self) -> float:
        return sum(p.solution_ok for p in self.problems) / len(self.problems) if self.problems else 0.0

    def by(self, key: Callable[[AnswerResult], Any]) -> dict[Any, tuple[int, int]]:
        out: dict[Any, list[int]] = {}
        for p in self.problems:
            ok_n = out.setdefault(key(p), [0, 0])
            ok_n[0] += p.solution_ok
            ok_n[1] += 1
        return {k: (a, b) for k, (a, b) in out.items()}

    def to_dict(self) -> dict:
        return {"kind": "answer", "split": self.split, "acc1_solution": self.acc1_solution,
                "n_problems": len(self.problems), "seconds": round(self.seconds, 3),
                "problems": [] if self.hide_ids else [p.to_dict() for p in self.problems]}

    def table(self) -> str:
        if self.hide_ids:
            return f"(blind half: {len(self.problems)} problems, per-problem rows not shown)"
        head = ("id", "status", "objective", "answer", "solution", "why / error")
        rows = [head]
        for p in self.problems:
            rows.append((p.id, p.status or "-", "-" if p.objective is None else fmt_num(round(p.objective, 6)),
                         str(p.answer), "ok" if p.solution_ok else "WRONG", (p.error or p.why)[:70]))
        return format_table(rows)

    def summary(self) -> str:
        n = len(self.problems)
        half = f" [{self.split} half]" if self.split else ""
        return f"ACC1 (solution, by answer){half} {self.acc1_solution:.2%}  ({sum(p.solution_ok for p in self.problems)}/{n})"

    def __str__(self) -> str:
        return self.table() + "\n\n" + self.summary()


def evaluate_answers(problems: str | os.PathLike | Iterable[Mapping], *, split: str | None = None,
                     progress: bool = True, time_limit: float = 30.0, rel_tol: float = REL_TOL,
                     formulate: Callable[[str], Any] | None = None, **formulate_kwargs) -> AnswerReport:
    """Formulate and solve each text, judge its optimum against `answer` (see the module docstring)."""
    from tqdm import tqdm
    records = read_jsonl(problems)
    bad = [i + 1 for i, r in enumerate(records) if not is_answer_record(r)]
    if bad:
        raise InputError(f"record {bad[0]} has no text/question with an answer", field="problems")
    if split is not None:
        if split not in ("work", "blind"):
            raise InputError(f"split must be 'work' or 'blind', got {split!r}", field="split")
        records = [r for r in records if r.get("split") == split]
    if formulate is None:
        from ..api import formulate as _formulate

        def formulate(text):
            return _formulate(text, **formulate_kwargs)
    results = []
    start = time.perf_counter()
    for i, r in enumerate(tqdm(records, desc="eval", unit="problem", disable=not progress)):
        text = r.get("text", r.get("question"))
        res = AnswerResult(str(r.get("id", i + 1)), r.get("split"), r.get("answer"))
        t0 = time.perf_counter()
        try:
            sol = formulate(text).solve(time_limit=time_limit)
            res.status, res.objective = sol.status.value, sol.objective
        except MilpsynthError as exc:
            res.error = f"{type(exc).__name__}: {exc}"
        except Exception as exc:   # noqa: BLE001 - one broken problem must not end the run
            res.error = f"internal error {type(exc).__name__}: {exc}"
        stated = r.get("status") if r.get("status") not in (None, "optimal") else None
        res.solution_ok, res.why = answer_matches(res.objective, res.status, res.answer, stated, text, rel_tol)
        res.seconds = time.perf_counter() - t0
        results.append(res)
    return AnswerReport(results, time.perf_counter() - start, split, hide_ids=split == "blind")

"""`evaluate`: formulate, solve and judge every problem of a JSON-lines file; ACC1 (two ways), ACC3.

A record is `{"id", "paragraphs": [objective, constraints...], "true_model": text}` (the format of
li2023's `dev_problems.jsonl`); NL4Opt annotated documents (`generation_dev.jsonl`) are read too
(`milpsynth.nl4opt`). A milpsynth error on one problem is recorded as that problem's
failure and the run goes on; so is any other exception, marked as an internal error.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ..errors import InputError, MilpsynthError
from ..expr import fmt_num
from ..reference import parse_reference
from .judge import Verdict, judge


@dataclass
class ProblemResult:
    id: str
    paragraphs_total: int
    status: str | None = None                  # the generated model as formulated, solved
    objective: float | None = None
    reference_objective: dict[str, Any] = field(default_factory=dict)   # reading -> optimum or status
    solution_ok: bool = False
    structural_ok: bool = False
    paragraphs_ok: int = 0
    error: str | None = None
    verdict: Verdict | None = None
    reference_unread: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"id": self.id, "status": self.status, "objective": self.objective,
                "reference_objective": dict(self.reference_objective),
                "solution_ok": self.solution_ok, "structural_ok": self.structural_ok,
                "paragraphs_ok": self.paragraphs_ok, "paragraphs_total": self.paragraphs_total,
                "error": self.error, "reference_unread": list(self.reference_unread),
                "seconds": round(self.seconds, 4),
                "verdict": self.verdict.to_dict() if self.verdict else None}


@dataclass
class Report:
    problems: list[ProblemResult]
    seconds: float = 0.0

    def _share(self, values) -> float:
        values = list(values)
        return sum(values) / len(values) if values else 0.0

    @property
    def acc1_solution(self) -> float:
        return self._share(p.solution_ok for p in self.problems)

    @property
    def acc1_structural(self) -> float:
        return self._share(p.structural_ok for p in self.problems)

    @property
    def acc3(self) -> float:
        total = sum(p.paragraphs_total for p in self.problems)
        return sum(p.paragraphs_ok for p in self.problems) / total if total else 0.0

    def to_dict(self) -> dict:
        return {"acc1_solution": self.acc1_solution, "acc1_structural": self.acc1_structural,
                "acc3": self.acc3, "n_problems": len(self.problems),
                "n_paragraphs": sum(p.paragraphs_total for p in self.problems),
                "seconds": round(self.seconds, 3),
                "problems": [p.to_dict() for p in self.problems]}

    def table(self) -> str:
        def num(x):
            return "-" if x is None else (fmt_num(x) if isinstance(x, float) else str(x))
        head = ("id", "status", "objective", "ref (int)", "ref (cont)", "solution", "structure", "paragraphs", "error")
        rows = [head]
        for p in self.problems:
            rows.append((p.id, p.status or "-", num(p.objective),
                         num(p.reference_objective.get("integer")), num(p.reference_objective.get("continuous")),
                         "ok" if p.solution_ok else "WRONG", "ok" if p.structural_ok else "WRONG",
                         f"{p.paragraphs_ok}/{p.paragraphs_total}", (p.error or "")[:70]))
        return format_table(rows)

    def summary(self) -> str:
        n = len(self.problems)
        return (f"ACC1 (solution)   {self.acc1_solution:.2%}  ({sum(p.solution_ok for p in self.problems)}/{n})\n"
                f"ACC1 (structural) {self.acc1_structural:.2%}  ({sum(p.structural_ok for p in self.problems)}/{n})\n"
                f"ACC3 (paragraphs) {self.acc3:.2%}  ({sum(p.paragraphs_ok for p in self.problems)}/"
                f"{sum(p.paragraphs_total for p in self.problems)})")

    def __str__(self) -> str:
        return self.table() + "\n\n" + self.summary()


def format_table(rows: list[tuple[str, ...]]) -> str:
    """Rows of strings as aligned columns, the first row the header, a rule under it."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def read_jsonl(source: str | os.PathLike | Iterable[Mapping]) -> list[dict]:
    """Dicts from a JSON-lines path, or an iterable of dicts; bad lines are an InputError."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise InputError(f"no such file: {path}", field="problems")
        records = []
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"line {no} is not JSON: {exc.msg}", field=str(path)) from None
    else:
        records = [dict(r) for r in source]
    return records


def is_answer_record(record: Mapping) -> bool:
    """A problem judged by its optimum alone (MAMO, C^3-Bench, a user's set): text + answer."""
    return "answer" in record and "true_model" not in record and ("text" in record or "question" in record)


def load_records(source: str | os.PathLike | Iterable[Mapping]) -> list[dict]:
    """Records with reference models (li2023 records; NL4Opt annotated documents converted)."""
    records = read_jsonl(source)
    from ..nl4opt import is_nl4opt_line, to_record
    records = [to_record(r) if is_nl4opt_line(r) else r for r in records]   # NL4Opt annotated documents
    for i, r in enumerate(records):
        missing = [k for k in ("paragraphs", "true_model") if k not in r]
        if missing:
            raise InputError(f"record {i + 1} lacks {', '.join(missing)}", field="problems")
    return records


def gold_variable_list(record: Mapping) -> list:
    """The record's annotated decisions as `Variable`s (integer; their mentions as annotated, in both
    numbers)."""
    from ..nlp.mentions import surface_forms
    from ..variables import Variable
    out = []
    for v in record["variables"]:
        forms = sorted({f for m in v["mentions"] for f in surface_forms(m)}, key=len, reverse=True)
        out.append(Variable(v["name"], "integer", v["mentions"][-1], forms))
    return out


def _reference_objectives(verdict: Verdict) -> dict[str, Any]:
    out = {}
    for kind, reading in verdict.readings.items():
        r = reading.reference
        out[kind] = r.objective if r.status.value == "optimal" else r.status.value
    return out


def evaluate(problems: str | os.PathLike | Iterable[Mapping], *, save_models: str | os.PathLike | None = None,
             progress: bool = True, formulate: Callable[[Mapping], Any] | None = None,
             time_limit: float = 30.0, judge_kwargs: Mapping | None = None, gold_variables: bool = False,
             **formulate_kwargs) -> Report:
    """Formulate, solve and judge each problem; return the `Report`.

    formulate: callable(record) -> Problem, replacing `milpsynth.formulate(record['paragraphs'],
        **formulate_kwargs)` (e.g. to evaluate another generator).
    save_models: a folder; `<id>.lp` is written for every problem that produced a model.
    gold_variables: give the generator the annotated decisions of records that have them (NL4Opt's),
        so that the errors left are those of splitting, classification and slot filling.
    """
    from tqdm import tqdm

    records = load_records(problems)
    if formulate is None:
        from ..api import formulate as _formulate

        def formulate(record):
            if gold_variables and record.get("variables"):
                return _formulate(record["paragraphs"], variables=gold_variable_list(record), **formulate_kwargs)
            return _formulate(record["paragraphs"], **formulate_kwargs)
    out_dir = Path(save_models) if save_models is not None else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    start = time.perf_counter()
    for i, record in enumerate(tqdm(records, desc="eval", unit="problem", disable=not progress)):
        pid = str(record.get("id", i + 1))
        t0 = time.perf_counter()
        ref = parse_reference(record["true_model"])
        # free text (one paragraph) is judged per statement of the reference: objective + constraints
        total = len(record["paragraphs"])
        if total == 1:
            total = 1 + len(ref.paragraph_constraints)
        res = ProblemResult(pid, total)
        res.reference_unread = [str(u) for u in ref.unread]
        errors = []

        def attempt(stage, fn):
            try:
                return fn(), True
            except MilpsynthError as exc:
                errors.append(f"{stage}: {type(exc).__name__}: {exc}")
            except Exception as exc:   # noqa: BLE001 - one broken problem must not end the run
                errors.append(f"{stage}: internal error {type(exc).__name__}: {exc}")
            return None, False

        problem, ok = attempt("formulate", lambda: formulate(record))
        if ok:
            has_model = problem.variables is not None and problem.objective is not None
            if out_dir is not None and has_model:
                attempt("write_lp", lambda: problem.write_lp(out_dir / f"{pid}.lp"))
            sol, ok = attempt("solve", lambda: problem.solve(time_limit=time_limit))
            if ok:
                res.status, res.objective = sol.status.value, sol.objective
            verdict, ok = attempt("judge", lambda: judge(problem, ref, **(judge_kwargs or {})))
            if ok:
                res.verdict = verdict
                res.solution_ok, res.structural_ok = verdict.solution_ok, verdict.structural_ok
                res.paragraphs_ok = min(verdict.paragraphs_correct, total)
                res.reference_objective = _reference_objectives(verdict)
        res.error = "; ".join(errors) or None
        res.seconds = time.perf_counter() - t0
        results.append(res)
    return Report(results, time.perf_counter() - start)

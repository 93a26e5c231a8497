"""`formulate(..., llm=...)`: the pipeline with the language-model stages, then solver-feedback repair.

The classifier, templates, linking, build and solve are the offline pipeline's; the model serves
the stages named in `llm_stages` ('split', 'variables', 'objective', 'constraints'; or 'algebra':
the whole problem as formulas, read by the offline formula reader, `milpsynth.llm.algebra`). After the
pipeline the model is solved; where it is infeasible (the paragraphs of an irreducible infeasible
set) or unbounded (the objective paragraph, and the decisions nothing limits), those paragraphs are
asked again with the solver's verdict, up to `repair_rounds` times; a round's answers are kept only
where the model then has an optimum. Every exchange is in `problem.transcript`.
"""
from __future__ import annotations

import copy
from typing import Any, Iterable, Mapping

from ..document import Problem
from ..errors import InputError, MilpsynthError
from ..expr import Constraint, Objective
from ..pipeline import Pipeline, create, DEFAULTS
from .session import Session
from .stages import LLMSlotFiller, LLMSplit, LLMVariables, context, note_flags

LLM_STAGES = ("variables", "objective", "constraints", "split", "algebra")
PAPER_STAGES = ("variables", "objective", "constraints", "split")     # the default: the paper's stages


def _check(samples, repair_rounds, llm_stages) -> tuple[str, ...]:
    for name, value, low in (("samples", samples, 1), ("repair_rounds", repair_rounds, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InputError(f"{name} must be a whole number >= {low}, got {value!r}", field=name)
    if isinstance(llm_stages, str):
        llm_stages = (llm_stages,)
    stages = tuple(llm_stages or ())
    bad = [s for s in stages if s not in LLM_STAGES]
    if bad:
        raise InputError(f"llm_stages: unknown stage(s) {bad}; the model serves {', '.join(LLM_STAGES)}",
                         field="llm_stages")
    return stages


def _component(components: Mapping[str, Any], stage: str):
    given = components.get(stage) or DEFAULTS[stage]
    return create(stage, given) if isinstance(given, str) else given


def build_pipeline(session: Session, stages: tuple[str, ...], components: Mapping[str, Any]) -> Pipeline:
    from ..stages.generate import Generate
    from ..stages.generate_rules import RuleSlotFiller
    parts = dict(components)
    if "algebra" in stages:
        # the model writes the whole algebra; the offline stages read it (formula statements need no other model stage)
        from .algebra import LLMAlgebra
        parts["split"] = LLMAlgebra(session, _component(components, "split"))
    elif "split" in stages:
        parts["split"] = LLMSplit(session, _component(components, "split"))
    if "variables" in stages:
        parts["variables"] = LLMVariables(session, _component(components, "variables"))
    if "objective" in stages or "constraints" in stages:
        parts["generate"] = Generate(LLMSlotFiller(session, RuleSlotFiller(), stages))
    return Pipeline(**parts)


def run_with_llm(problem: Problem, llm, *, components: Mapping[str, Any] | None = None, pipeline=None,
                 samples: int = 1, repair_rounds: int = 2, hints: bool = True,
                 llm_stages: Iterable[str] = PAPER_STAGES, retries: int = 1, seed: int = 0) -> Problem:
    stages = _check(samples, repair_rounds, llm_stages)
    if pipeline is not None:
        raise InputError("give either llm= or a pipeline, not both (the model's stages are built from llm=)",
                         field="pipeline")
    if not callable(getattr(llm, "generate_many", None)):
        raise InputError(f"llm must be a milpsynth.llm backend (generate/generate_many), got {type(llm).__name__}",
                         field="llm")
    session = Session(llm, samples=samples, retries=retries, seed=seed, hints=hints)
    problem.transcript = session.transcript
    pipe = build_pipeline(session, stages, components or {})
    original = copy.deepcopy(problem) if "algebra" in stages and repair_rounds else None
    problem = pipe(problem)
    if original is not None:
        from .algebra import LLMAlgebra, repair_algebra
        if isinstance(pipe["split"], LLMAlgebra):
            problem = repair_algebra(original, problem, pipe, pipe["split"], session, repair_rounds)
    problem.transcript = session.transcript
    generate = pipe["generate"]
    filler = getattr(generate, "filler", None)
    if repair_rounds and isinstance(filler, LLMSlotFiller):
        repair(problem, filler, pipe["link"], session, repair_rounds)
    note_flags(problem, session)
    ctx = getattr(problem, "_llm_context", None)
    if ctx is not None and hints:
        problem.warnings.append("hints given to the language model: "
                                + (", ".join(ctx.hints.kinds) or "the general checklist only"))
    return problem


def _snapshot(problem: Problem, paragraphs: list[int]) -> dict:
    return {i: (problem.paragraphs[i].slots, problem.paragraphs[i].element, problem.paragraphs[i].skipped)
            for i in paragraphs}


def _restore(problem: Problem, snap: dict) -> None:
    for i, (slots, element, skipped) in snap.items():
        p = problem.paragraphs[i]
        p.slots, p.element, p.skipped = slots, element, skipped


def verdict(problem: Problem) -> tuple[str, list[int], str]:
    """(status, paragraphs to ask again (0-based), the feedback to give) of the current model."""
    from ..status import Status
    try:
        sol = problem.solve(time_limit=10.0)
    except MilpsynthError as exc:
        return "error", [], str(exc)
    if sol.status == Status.INFEASIBLE:
        implicated = list(sol.conflict_paragraphs)
        if not implicated:
            try:
                implicated = problem.diagnose(time_limit=10.0).conflict_paragraphs
            except MilpsynthError:
                implicated = []
        implicated = [i for i in implicated if problem.paragraphs[i].element is not None] or \
            [p.index for p in problem.paragraphs if isinstance(p.element, Constraint)]
        listed = "; ".join(f"paragraph {i + 1}: {problem.paragraphs[i].text[:90]!r}" for i in implicated)
        return "infeasible", implicated, ("the model built from all answers has no feasible solution; these "
                                          f"paragraphs conflict: {listed}. Check the direction (<= or >=), "
                                          "the numbers and which decisions each term belongs to")
    if sol.status == Status.UNBOUNDED:
        from ..solve import unbounded_decisions
        free = unbounded_decisions(problem)
        objective = [p.index for p in problem.paragraphs if isinstance(p.element, Objective)]
        return "unbounded", objective, ("the objective improves without end" + (f" as {', '.join(free)} grow"
                                        if free else "") + ": check maximize or minimize and the signs of the "
                                        "coefficients")
    return sol.status.value, [], ""


def repair(problem: Problem, filler: LLMSlotFiller, linker, session: Session, rounds: int) -> None:
    from ..stages.generate import Generate
    from ..templates import TEMPLATES
    bad = ("infeasible", "unbounded")
    status, implicated, feedback = verdict(problem)
    first, original = status, {}
    for r in range(1, rounds + 1):
        if status not in bad or not implicated:
            break
        session.round = r
        session.transcript.append({"stage": "repair", "paragraph": None, "round": r, "verdict": status,
                                   "implicated": [i + 1 for i in implicated], "feedback": feedback})
        for i, saved in _snapshot(problem, implicated).items():
            original.setdefault(i, saved)
        for i in implicated:
            p = problem.paragraphs[i]
            try:
                slots = filler.refill(problem, p, feedback)
                element = TEMPLATES[p.type].build(slots, problem.variables, p.index)
            except MilpsynthError:
                continue                   # that paragraph keeps its answer
            p.slots = slots
            Generate._name(p, element)     # the generate stage's element name and paragraph link
        linker(problem)
        status, implicated, feedback = verdict(problem)
        session.transcript.append({"stage": "repair", "paragraph": None, "round": r, "verdict": f"after: {status}"})
        if status not in bad:
            problem.warnings.append(f"the solver found the model {first}; repaired in round {r} by asking the "
                                    "language model again with its verdict")
    if status in bad and original:
        _restore(problem, original)        # no round gave an optimum: the first answers stand
        linker(problem)
        problem.warnings.append(f"the model is {first}; {rounds} repair round(s) did not give it an optimum")
    session.round = 0

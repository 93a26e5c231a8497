"""The one HiGHS backend: every solve milpsynth makes goes through here.

- `core`: a silent `Highs`, options, the status mapping (HiGHS's and Pyomo's codes onto `Status`)
  and `run` (status, objective, gap, values, seconds);
- `model`: a HiGHS model from milpsynth's plain data (variables, constraints, objective) that keeps
  which row is which constraint, and the LP-relaxation maxima the linking stage proves big-Ms with;
- `analysis`: irreducible infeasible subsets, duals and ranging, the elastic relaxation;
- `lp`: CPLEX LP text (milpsynth's own, with paragraph comments, and HiGHS's writer).
"""
from .core import RunResult, configure, new_highs, run, status_of, status_of_termination
from .model import HighsModel, build, maximise_each

__all__ = ["RunResult", "configure", "new_highs", "run", "status_of", "status_of_termination", "HighsModel",
           "build", "maximise_each"]

"""milpsynth: natural-language decision problems to MILPs (classify-then-template), solved by HiGHS."""
from .api import formulate, make_problem
from .document import Paragraph, Prediction, Problem
from .errors import MilpsynthError
from .pipeline import Pipeline, register
from .solve import Solution
from .status import Status

__version__ = "0.1.0"
__all__ = ["formulate", "make_problem", "Problem", "Paragraph", "Prediction", "Pipeline", "register",
           "Solution", "Status", "MilpsynthError", "__version__"]

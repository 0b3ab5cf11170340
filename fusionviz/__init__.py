"""fusionviz: exon-level gene-fusion annotation and publication-quality fusion diagrams.

The public Python API (``docs/api.md``)::

    import fusionviz
    af = fusionviz.annotate("SQSTM1 e5::ALK e19")
    result = fusionviz.annotate_calls(fusionviz.read_caller_file("fusions.tsv"))
    fusionviz.draw(af)

The names below are loaded on first use, so ``import fusionviz`` (and the command
line, which imports it) stays cheap.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from fusionviz.api import (
        BatchResult,
        CallerCalls,
        Drawing,
        ResultRow,
        annotate,
        annotate_calls,
        draw,
        open_source,
        read_caller_file,
    )
    from fusionviz.errors import FusionvizError
    from fusionviz.models import AnnotatedFusion, FusionRequest
    from fusionviz.vicc import to_vicc, vicc_nomenclature

_LAZY = {
    "annotate_calls": "fusionviz.api",
    "read_caller_file": "fusionviz.api",
    "draw": "fusionviz.api",
    "open_source": "fusionviz.api",
    "BatchResult": "fusionviz.api",
    "CallerCalls": "fusionviz.api",
    "Drawing": "fusionviz.api",
    "ResultRow": "fusionviz.api",
    "AnnotatedFusion": "fusionviz.models",
    "FusionRequest": "fusionviz.models",
    "FusionvizError": "fusionviz.errors",
    "to_vicc": "fusionviz.vicc",
    "vicc_nomenclature": "fusionviz.vicc",
}

__all__ = [
    "AnnotatedFusion",
    "BatchResult",
    "CallerCalls",
    "Drawing",
    "FusionRequest",
    "FusionvizError",
    "ResultRow",
    "__version__",
    "annotate",
    "annotate_calls",
    "draw",
    "open_source",
    "read_caller_file",
    "to_vicc",
    "vicc_nomenclature",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'fusionviz' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | {"annotate"})


class _CallableModule(types.ModuleType):
    """The engine module ``fusionviz.annotate``, callable as the API function."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from fusionviz.api import annotate

        return annotate(*args, **kwargs)


class _Package(types.ModuleType):
    """``fusionviz.annotate`` is both the engine module (``fusionviz/annotate.py``,
    whose functions the rest of the package imports) and the public function
    :func:`fusionviz.api.annotate`: the package attribute resolves to that module,
    made callable, and is loaded only on first use."""

    @property
    def annotate(self) -> Any:
        import importlib

        module = importlib.import_module("fusionviz.annotate")
        if not isinstance(module, _CallableModule):
            module.__class__ = _CallableModule
        return module

    @annotate.setter
    def annotate(self, value: Any) -> None:
        # The import system records the loaded submodule here; sys.modules keeps it.
        pass


sys.modules[__name__].__class__ = _Package

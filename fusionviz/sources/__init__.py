"""Annotation sources: the :class:`~fusionviz.sources.base.AnnotationSource` protocol and the
embedded bundle (``fusionviz_annotations``) read by :class:`BundledSource`."""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path

from fusionviz.errors import AnnotationDataError
from fusionviz.sources.base import AnnotationSource
from fusionviz.sources.bundled import BundledSource

__all__ = ["AnnotationSource", "BundledSource", "default_source", "load_bundle"]


@functools.lru_cache(maxsize=1)
def default_source() -> BundledSource:
    """The installed bundle, loaded once per process."""
    try:
        root = files("fusionviz_annotations")
    except ModuleNotFoundError as e:
        raise AnnotationDataError(
            "the annotation bundle package 'fusionviz_annotations' is not installed; "
            "reinstall fusionviz"
        ) from e
    return BundledSource(root)


def load_bundle(path: str | Path) -> BundledSource:
    """A bundle folder written by ``python -m fusionviz.sources.build`` (not cached)."""
    p = Path(path)
    if not p.is_dir():
        raise AnnotationDataError(f"annotation bundle folder '{path}' does not exist")
    return BundledSource(p)

"""The local web page (``fusionviz serve``): a Starlette app over the same engine,
reports and figures as the command line. Needs the ``web`` extra (starlette,
uvicorn, jinja2, python-multipart); importing this package alone is cheap."""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):  # noqa: ANN002, ANN003 - thin lazy re-export
    """See :func:`fusionviz.web.app.create_app`."""
    from fusionviz.web.app import create_app as _create

    return _create(*args, **kwargs)

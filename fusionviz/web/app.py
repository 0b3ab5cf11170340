"""Routes of the local page (Starlette + Jinja2, served by uvicorn).

=======================  ==========================================================
route                    what it returns
=======================  ==========================================================
GET  /                   the form; with a query (the permalink) the full answer
GET  /result             the answer alone (HTML fragment the page's script swaps in)
GET  /download/{fmt}     svg, pdf, png, fasta, json, vicc, tsv or txt of the query
GET  /batch              the caller-file upload form
POST /batch              an uploaded caller file -> the batch table (or a message)
GET  /api/genes          gene symbols for autocompletion (``prefix``, ``limit``)
GET  /api/transcripts    a gene's transcripts, default (MANE Select) first
GET  /api/annotate       the CLI's JSON for the query (400 + {"error": ...} when bad)
GET  /healthz            ``ok``
GET  /static/...         the page's own CSS and script (nothing from the internet)
=======================  ==========================================================

Every answer comes from :mod:`fusionviz.annotate`, :mod:`fusionviz.report`,
:mod:`fusionviz.figures` and :mod:`fusionviz.callers`, exactly as in the CLI.
Templates autoescape every value; user text never reaches a path or a shell.
The endpoints are in :mod:`fusionviz.web.handlers`, what the result block shows in
:mod:`fusionviz.web.answer`, the HTTP plumbing in :mod:`fusionviz.web.responses`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from fusionviz import __version__, report
from fusionviz.features import group_features, record_text
from fusionviz.web.answer import _verdict_words
from fusionviz.web.engine import DOWNLOADS, Engine
from fusionviz.web.handlers import LOG, UPLOAD_FORMATS, Handlers
from fusionviz.web.responses import TooLarge

#: Largest upload accepted (bytes).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

HERE = Path(__file__).resolve().parent

__all__ = ["HERE", "LOG", "MAX_UPLOAD_BYTES", "UPLOAD_FORMATS", "TooLarge", "create_app"]


def create_app(
    source: Any = None,
    *,
    source_factory: Any = None,
    allowed_hosts: Sequence[str] | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    figure_workers: int | None = None,
) -> Starlette:
    """The web app. ``source`` (an AnnotationSource) defaults to the embedded bundle,
    loaded on first use; ``allowed_hosts`` restricts the Host header (``serve``
    passes the loopback names, which blocks DNS-rebinding pages); figures are drawn
    by ``figure_workers`` processes (default: one per core)."""
    engine = Engine(source, source_factory, figure_workers)
    templates = _templates(max_upload_bytes)
    handlers = Handlers(engine, templates, max_upload_bytes)

    routes = [
        Route("/", handlers.index),
        Route("/result", handlers.result),
        Route("/download/{fmt}", handlers.download),
        Route("/batch", handlers.batch_form, methods=["GET"]),
        Route("/batch", handlers.batch_upload, methods=["POST"]),
        Route("/api/genes", handlers.api_genes),
        Route("/api/transcripts", handlers.api_transcripts),
        Route("/api/annotate", handlers.api_annotate),
        Route("/healthz", handlers.healthz),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = []
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        engine.close()  # the figure workers

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            HTTPException: handlers.not_found,
            500: handlers.server_error,
            Exception: handlers.server_error,
        },
        lifespan=lifespan,
    )
    app.state.engine = engine
    return app


def _templates(max_upload_bytes: int) -> Jinja2Templates:
    """The page's templates with the globals and filters they use."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True
    )
    templates = Jinja2Templates(env=env)
    templates.env.globals.update(
        version=__version__,
        downloads=tuple(DOWNLOADS),
        upload_formats=UPLOAD_FORMATS,
        max_upload_mb=max_upload_bytes // (1024 * 1024),
    )
    templates.env.filters["pct"] = lambda x: f"{x:.0%}"
    templates.env.globals["composition"] = report.composition
    templates.env.globals["provenance_line"] = report.provenance_line
    templates.env.globals["verdict_words"] = _verdict_words
    templates.env.globals["features"] = lambda p: group_features(p.domains)
    templates.env.globals["record_text"] = record_text
    return templates

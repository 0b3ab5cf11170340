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
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from fusionviz import __version__, report
from fusionviz.errors import FusionvizError
from fusionviz.features import group_features, record_text
from fusionviz.web.engine import DOWNLOADS, Engine
from fusionviz.web.query import Query

#: Largest upload accepted (bytes).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

HERE = Path(__file__).resolve().parent
LOG = logging.getLogger("fusionviz.web")

#: Caller formats offered in the upload form (value "" = detect from the header).
UPLOAD_FORMATS = (
    ("", "detect from the header"),
    ("star-fusion", "STAR-Fusion"),
    ("arriba", "Arriba"),
    ("fusioncatcher", "FusionCatcher"),
    ("generic", "generic TSV"),
)

# The page loads only its own files; inline <style> is allowed because matplotlib's
# SVG carries one.
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class TooLarge(FusionvizError):
    """An upload over the size limit."""


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

    def page(request: Request, name: str, context: dict, status: int = 200) -> Response:
        response = templates.TemplateResponse(request, name, context, status_code=status)
        response.headers.update(_SECURITY_HEADERS)
        return response

    def answer(query: Query) -> dict[str, Any]:
        """Everything the result block shows; ``error`` instead when the input is bad."""
        ctx: dict[str, Any] = {"query": query, "fusion": None, "error": None}
        if query.is_empty:
            return ctx
        try:
            af = engine.annotate(query)
        except FusionvizError as exc:
            ctx["error"] = str(exc)
            ctx["suggestions"] = _suggestions(query, exc)
            ctx["options5"], ctx["options3"] = (
                _options(engine, query.g5),
                _options(engine, query.g3),
            )
            return ctx
        ctx["fusion"] = af
        try:
            ctx["svg"] = _inline_svg(engine.svg(query, af))
        except FusionvizError as exc:
            ctx["svg"], ctx["figure_error"] = None, str(exc)
        except ImportError:
            ctx["svg"], ctx["figure_error"] = None, "figures are not available in this installation"
        ctx["known"] = engine.known(af)
        ctx["assessment"] = engine.assessment(af)
        ctx["permalink"] = query.urlencode()
        ctx["has_fasta"] = bool(af.protein.sequence)
        ctx["alternatives"] = [(a, _alternative_query(af, a)) for a in af.alternatives]
        ctx["on_default"] = _on_default_transcripts(engine, query, af)
        ctx["options5"] = _options(engine, af.five_prime.gene)
        ctx["options3"] = _options(engine, af.three_prime.gene)
        ctx["form"] = _form_values(engine, query, af)
        return ctx

    async def index(request: Request) -> Response:
        query = Query.from_params(request.query_params)
        ctx = await run_in_threadpool(answer, query)
        status = 400 if ctx["error"] else 200
        return page(request, "index.html", ctx, status)

    async def result(request: Request) -> Response:
        query = Query.from_params(request.query_params)
        ctx = await run_in_threadpool(answer, query)
        status = 400 if ctx["error"] else 200
        return page(request, "_result.html", ctx, status)

    async def download(request: Request) -> Response:
        fmt = request.path_params["fmt"].lower()
        if fmt not in DOWNLOADS:
            return _plain(f"unknown download format '{fmt}'; valid: {', '.join(DOWNLOADS)}", 404)
        query = Query.from_params(request.query_params)
        if query.is_empty:
            return _plain("no fusion given; add e.g. ?q=SQSTM1+e5::ALK+e19 to the address", 400)
        try:
            data, name = await run_in_threadpool(_download, engine, query, fmt)
        except FusionvizError as exc:
            return _plain(str(exc), 400)
        if fmt == "svg" and request.query_params.get("thumb"):
            try:
                data = await run_in_threadpool(engine.figure, query, "svg", "thumb")
            except FusionvizError as exc:
                return _plain(str(exc), 400)
        disposition = "inline" if request.query_params.get("inline") else "attachment"
        headers = {"Content-Disposition": f'{disposition}; filename="{name}"'}
        headers.update(_SECURITY_HEADERS)
        return Response(data, media_type=DOWNLOADS[fmt], headers=headers)

    async def batch_form(request: Request) -> Response:
        return page(request, "batch.html", {"batch": None, "error": None})

    async def batch_upload(request: Request) -> Response:
        try:
            body = await _read_limited(request, max_upload_bytes)
        except TooLarge as exc:
            return page(request, "batch.html", {"batch": None, "error": str(exc)}, 413)
        form_request = Request(request.scope, _replay(body))
        try:
            form = await form_request.form(max_files=1, max_fields=10)
        except Exception as exc:  # the multipart parser's own errors
            LOG.info("unreadable upload: %s", exc)
            return page(
                request,
                "batch.html",
                {"batch": None, "error": "the upload could not be read; choose the file again"},
                400,
            )
        upload = form.get("file")
        fmt = str(form.get("format") or "")
        if fmt and fmt not in {v for v, _ in UPLOAD_FORMATS}:
            fmt = ""
        if not isinstance(upload, UploadFile) or not upload.filename:
            return page(
                request,
                "batch.html",
                {"batch": None, "error": "no file chosen; pick a fusion-caller output file"},
                400,
            )
        data = await upload.read()
        await form.close()
        if len(data) > max_upload_bytes:
            return page(
                request, "batch.html", {"batch": None, "error": _too_large(max_upload_bytes)}, 413
            )
        try:
            batch = await run_in_threadpool(engine.batch, data, upload.filename, fmt or None)
        except FusionvizError as exc:
            return page(request, "batch.html", {"batch": None, "error": str(exc)}, 400)
        tsv = None
        if batch.rows:
            tsv = report.to_tsv([r.fusion for r in batch.rows])
        return page(request, "batch.html", {"batch": batch, "error": None, "tsv": tsv})

    async def api_genes(request: Request) -> Response:
        prefix = request.query_params.get("prefix", "")[:50]
        try:
            limit = max(1, min(200, int(request.query_params.get("limit", "20"))))
        except ValueError:
            limit = 20
        try:
            genes = await run_in_threadpool(engine.suggest, prefix, limit)
        except FusionvizError as exc:
            return _json({"error": str(exc)}, 503)
        return _json({"genes": genes})

    async def api_transcripts(request: Request) -> Response:
        gene = request.query_params.get("gene", "").strip()[:50]
        if not gene:
            return _json({"error": "no gene given; use /api/transcripts?gene=ALK"}, 400)
        try:
            options = await run_in_threadpool(engine.transcript_options, gene)
        except FusionvizError as exc:
            return _json({"error": str(exc)}, 404)
        return _json(
            {
                "gene": gene,
                "transcripts": [
                    {
                        "value": o.value,
                        "label": o.label,
                        "mane": o.mane,
                        "default": o.default,
                        "exons": o.exons,
                    }
                    for o in options
                ],
            }
        )

    async def api_annotate(request: Request) -> Response:
        query = Query.from_params(request.query_params)
        if query.is_empty:
            return _json({"error": "no fusion given; use /api/annotate?q=SQSTM1+e5::ALK+e19"}, 400)
        try:
            af = await run_in_threadpool(engine.annotate, query)
        except FusionvizError as exc:
            return _json({"error": str(exc)}, 400)
        return _json(await run_in_threadpool(engine.document, af))

    async def healthz(request: Request) -> Response:
        return _plain("ok", 200)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        detail = "no such page" if status == 404 else str(getattr(exc, "detail", "error"))
        return page(request, "message.html", {"title": "Not found", "message": detail}, status)

    async def server_error(request: Request, exc: Exception) -> Response:
        LOG.exception("internal error on %s", request.url.path, exc_info=exc)
        # The page's script swaps /result into the page: give it a fragment.
        name = "_message.html" if request.url.path == "/result" else "message.html"
        return page(
            request,
            name,
            {
                "title": "Something went wrong",
                "message": "fusionviz hit an internal error on this input; the details are in "
                "the terminal running 'fusionviz serve'. Please report it.",
            },
            500,
        )

    routes = [
        Route("/", index),
        Route("/result", result),
        Route("/download/{fmt}", download),
        Route("/batch", batch_form, methods=["GET"]),
        Route("/batch", batch_upload, methods=["POST"]),
        Route("/api/genes", api_genes),
        Route("/api/transcripts", api_transcripts),
        Route("/api/annotate", api_annotate),
        Route("/healthz", healthz),
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
        exception_handlers={HTTPException: not_found, 500: server_error, Exception: server_error},
        lifespan=lifespan,
    )
    app.state.engine = engine
    return app


# --------------------------------------------------------------------------- helpers


def _plain(text: str, status: int) -> Response:
    return PlainTextResponse(text + "\n", status_code=status, headers=_SECURITY_HEADERS)


def _json(data: Any, status: int = 200) -> Response:
    return JSONResponse(data, status_code=status, headers=_SECURITY_HEADERS)


def _options(engine: Engine, gene: str) -> list:
    if not gene:
        return []
    try:
        return engine.transcript_options(gene)
    except FusionvizError:
        return []


def _on_default_transcripts(engine: Engine, query: Query, af: Any) -> Any:
    """With a transcript chosen, the same exon numbers read on the default (MANE
    Select) transcripts: the other half of "in frame on HMBOX1-203, out of frame on
    MANE". None when no transcript was chosen or the reading is the same one."""
    if not (query.t5 or query.t3):
        return None
    plain = query.with_changes(t5="", t3="")
    try:
        other = engine.annotate(plain)
    except FusionvizError:
        return None
    used = (af.five_prime.transcript_label, af.three_prime.transcript_label)
    if (other.five_prime.transcript_label, other.three_prime.transcript_label) == used:
        return None
    return {"fusion": other, "permalink": plain.urlencode()}


def _form_values(engine: Engine, query: Query, af: Any) -> Query:
    """The field-by-field form after an answer: what was typed, completed from the
    answer (so that switching one exon or transcript keeps the rest). The transcript
    lists show the transcript in use (``t5=HMBOX1-203`` selects HMBOX1-203's entry);
    they stay on "default" only when the default transcript was used."""
    used = {}
    for key, p, asked in (("t5", af.five_prime, query.t5), ("t3", af.three_prime, query.t3)):
        if p.transcript is None:  # intergenic or non-coding: no transcript to choose
            used[key] = ""
            continue
        default = _default_label(engine, p.gene)
        used[key] = "" if not asked and p.transcript.label == default else p.transcript.label
    if query.q:
        return Query.for_fusion(af).with_changes(q=query.q, bp=query.bp, **used)
    return query.with_changes(**used)


def _verdict_words(af: Any) -> str:
    """The page's headline verdict, as on the figure: never a plain "out of frame"
    when another numbering of the same exons reads in frame."""
    from fusionviz.figures.headline import verdict_words
    from fusionviz.figures.notes import FigureNotes

    return verdict_words(af, FigureNotes())[0]


def _default_label(engine: Engine, gene: str) -> str | None:
    try:
        return engine.source.default_transcript(gene).label
    except (FusionvizError, AttributeError):
        return None


def _suggestions(query: Query, exc: Exception) -> list[tuple[str, str]]:
    """``(gene, permalink)`` for each close match of an unknown gene: the same query
    with the misspelt symbol replaced."""
    from fusionviz.errors import UnknownGeneError

    if not isinstance(exc, UnknownGeneError) or not exc.suggestions:
        return []
    wrong = re.compile(rf"(?<![A-Za-z0-9-]){re.escape(exc.gene)}(?![A-Za-z0-9-])", re.I)
    out = []
    for close in exc.suggestions:
        gene = close.split(" (")[0]  # "SULT1A3 (STM)": the approved symbol, then the alias
        fields = {
            k: wrong.sub(gene, v) for k, v in (("q", query.q), ("g5", query.g5), ("g3", query.g3))
        }
        fixed = query.with_changes(**fields)
        if fixed != query:
            out.append((gene, fixed.urlencode()))
    return out


def _alternative_query(af: Any, alt: Any) -> str:
    """Permalink of one exon-numbering alternative (exon numbers on its transcripts)."""
    return Query(
        g5=af.five_prime.gene,
        e5=str(alt.five_exon),
        t5=alt.five_transcript,
        g3=af.three_prime.gene,
        e3=str(alt.three_exon),
        t3=alt.three_transcript,
    ).urlencode()


_SVG_START = re.compile(r"<svg\b")


def _inline_svg(svg: str) -> str:
    """The <svg> element alone (no XML prolog/doctype), for inlining in HTML.

    The figure is drawn from the annotation (bundle gene and domain names), and
    matplotlib escapes every text it writes."""
    m = _SVG_START.search(svg)
    return svg[m.start() :] if m else ""


def _download(engine: Engine, query: Query, fmt: str) -> tuple[bytes, str]:
    data = engine.download(query, fmt)
    af = engine.annotate(query)
    stem = re.sub(r"[^A-Za-z0-9]+", "_", f"{af.names.hgnc} {af.names.short}").strip("_")
    ext = "vicc.json" if fmt == "vicc" else fmt
    return data, f"{stem or 'fusion'}.{ext}"


def _too_large(limit: int) -> str:
    return (
        f"the file is larger than {limit // (1024 * 1024)} MB, the most the page accepts; "
        "run 'fusionviz batch' on the command line for larger files"
    )


async def _read_limited(request: Request, limit: int) -> bytes:
    """The request body, refusing more than ``limit`` bytes (before reading it all
    when the client states a length)."""
    message = _too_large(limit)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise TooLarge(message)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        # The multipart envelope adds a little; the file itself is checked again below.
        if size > limit + 64 * 1024:
            raise TooLarge(message)
        chunks.append(chunk)
    body = b"".join(chunks)
    return body


def _replay(body: bytes):
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive

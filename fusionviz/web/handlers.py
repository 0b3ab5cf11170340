"""The page's routes (Starlette endpoints), bound to one app's engine and templates
by :func:`fusionviz.web.app.create_app`."""

from __future__ import annotations

import logging
import re

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from fusionviz import report
from fusionviz.errors import FusionvizError, GenePairOnlyError
from fusionviz.web.answer import answer
from fusionviz.web.engine import DOWNLOADS, Engine
from fusionviz.web.query import Query
from fusionviz.web.responses import (
    _SECURITY_HEADERS,
    TooLarge,
    _json,
    _plain,
    _read_limited,
    _replay,
    _too_large,
)

LOG = logging.getLogger("fusionviz.web")

#: Caller formats offered in the upload form (value "" = detect from the header).
UPLOAD_FORMATS = (
    ("", "detect from the header"),
    ("star-fusion", "STAR-Fusion"),
    ("arriba", "Arriba"),
    ("fusioncatcher", "FusionCatcher"),
    ("generic", "generic TSV"),
)


class Handlers:
    """Every route's endpoint, over one engine and one template environment."""

    def __init__(self, engine: Engine, templates: Jinja2Templates, max_upload_bytes: int) -> None:
        self.engine = engine
        self.templates = templates
        self.max_upload_bytes = max_upload_bytes

    def page(self, request: Request, name: str, context: dict, status: int = 200) -> Response:
        response = self.templates.TemplateResponse(request, name, context, status_code=status)
        response.headers.update(_SECURITY_HEADERS)
        return response

    async def index(self, request: Request) -> Response:
        query = Query.from_params(request.query_params)
        ctx = await run_in_threadpool(answer, self.engine, query)
        status = 400 if ctx["error"] else 200
        return self.page(request, "index.html", ctx, status)

    async def result(self, request: Request) -> Response:
        query = Query.from_params(request.query_params)
        ctx = await run_in_threadpool(answer, self.engine, query)
        status = 400 if ctx["error"] else 200
        return self.page(request, "_result.html", ctx, status)

    async def download(self, request: Request) -> Response:
        fmt = request.path_params["fmt"].lower()
        if fmt not in DOWNLOADS:
            return _plain(f"unknown download format '{fmt}'; valid: {', '.join(DOWNLOADS)}", 404)
        query = Query.from_params(request.query_params)
        if query.is_empty:
            return _plain("no fusion given; add e.g. ?q=SQSTM1+e5::ALK+e19 to the address", 400)
        try:
            data, name = await run_in_threadpool(_download, self.engine, query, fmt)
        except FusionvizError as exc:
            return _plain(str(exc), 400)
        if fmt == "svg" and request.query_params.get("thumb"):
            try:
                data = await run_in_threadpool(self.engine.figure, query, "svg", "thumb")
            except FusionvizError as exc:
                return _plain(str(exc), 400)
        disposition = "inline" if request.query_params.get("inline") else "attachment"
        headers = {"Content-Disposition": f'{disposition}; filename="{name}"'}
        headers.update(_SECURITY_HEADERS)
        return Response(data, media_type=DOWNLOADS[fmt], headers=headers)

    async def batch_form(self, request: Request) -> Response:
        return self.page(request, "batch.html", {"batch": None, "error": None})

    async def batch_upload(self, request: Request) -> Response:
        try:
            body = await _read_limited(request, self.max_upload_bytes)
        except TooLarge as exc:
            return self.page(request, "batch.html", {"batch": None, "error": str(exc)}, 413)
        form_request = Request(request.scope, _replay(body))
        try:
            form = await form_request.form(max_files=1, max_fields=10)
        except Exception as exc:  # the multipart parser's own errors
            LOG.info("unreadable upload: %s", exc)
            return self.page(
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
            return self.page(
                request,
                "batch.html",
                {"batch": None, "error": "no file chosen; pick a fusion-caller output file"},
                400,
            )
        data = await upload.read()
        await form.close()
        if len(data) > self.max_upload_bytes:
            return self.page(
                request,
                "batch.html",
                {"batch": None, "error": _too_large(self.max_upload_bytes)},
                413,
            )
        try:
            batch = await run_in_threadpool(self.engine.batch, data, upload.filename, fmt or None)
        except FusionvizError as exc:
            return self.page(request, "batch.html", {"batch": None, "error": str(exc)}, 400)
        tsv = None
        if batch.rows:
            tsv = report.to_tsv([r.fusion for r in batch.rows])
        return self.page(request, "batch.html", {"batch": batch, "error": None, "tsv": tsv})

    async def api_genes(self, request: Request) -> Response:
        prefix = request.query_params.get("prefix", "")[:50]
        try:
            limit = max(1, min(200, int(request.query_params.get("limit", "20"))))
        except ValueError:
            limit = 20
        try:
            genes = await run_in_threadpool(self.engine.suggest, prefix, limit)
        except FusionvizError as exc:
            return _json({"error": str(exc)}, 503)
        return _json({"genes": genes})

    async def api_transcripts(self, request: Request) -> Response:
        gene = request.query_params.get("gene", "").strip()[:50]
        if not gene:
            return _json({"error": "no gene given; use /api/transcripts?gene=ALK"}, 400)
        try:
            options = await run_in_threadpool(self.engine.transcript_options, gene)
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

    async def api_annotate(self, request: Request) -> Response:
        query = Query.from_params(request.query_params)
        if query.is_empty:
            return _json({"error": "no fusion given; use /api/annotate?q=SQSTM1+e5::ALK+e19"}, 400)
        try:
            af = await run_in_threadpool(self.engine.annotate, query)
        except GenePairOnlyError as exc:
            # the CLI's --json for a gene pair: a list, one document per known junction
            pair = await run_in_threadpool(self.engine.pair_fusions, exc, query)
            if not pair:
                return _json({"error": f"{exc} (none in the known-fusions table)"}, 400)
            return _json([await run_in_threadpool(self.engine.document, j) for j in pair])
        except FusionvizError as exc:
            return _json({"error": str(exc)}, 400)
        return _json(await run_in_threadpool(self.engine.document, af))

    async def healthz(self, request: Request) -> Response:
        return _plain("ok", 200)

    async def not_found(self, request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        detail = "no such page" if status == 404 else str(getattr(exc, "detail", "error"))
        return self.page(request, "message.html", {"title": "Not found", "message": detail}, status)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        LOG.exception("internal error on %s", request.url.path, exc_info=exc)
        # The page's script swaps /result into the page: give it a fragment.
        name = "_message.html" if request.url.path == "/result" else "message.html"
        return self.page(
            request,
            name,
            {
                "title": "Something went wrong",
                "message": "fusionviz hit an internal error on this input; the details are in "
                "the terminal running 'fusionviz serve'. Please report it.",
            },
            500,
        )


def _download(engine: Engine, query: Query, fmt: str) -> tuple[bytes, str]:
    data = engine.download(query, fmt)
    af = engine.annotate(query)
    stem = re.sub(r"[^A-Za-z0-9]+", "_", f"{af.names.hgnc} {af.names.short}").strip("_")
    ext = "vicc.json" if fmt == "vicc" else fmt
    return data, f"{stem or 'fusion'}.{ext}"

"""HTTP plumbing of the page: security headers, plain and JSON responses, and
reading an upload body within a size limit."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from fusionviz.errors import FusionvizError

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


def _plain(text: str, status: int) -> Response:
    return PlainTextResponse(text + "\n", status_code=status, headers=_SECURITY_HEADERS)


def _json(data: Any, status: int = 200) -> Response:
    return JSONResponse(data, status_code=status, headers=_SECURITY_HEADERS)


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

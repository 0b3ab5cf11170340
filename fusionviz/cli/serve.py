"""``fusionviz serve``: the local web page for people who do not use a terminal.

Binds 127.0.0.1 by default, prints the address and opens nothing by itself.
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys

from fusionviz.errors import FusionvizError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# Import name -> pip name of the web page's dependencies.
_PIP_NAMES = {"multipart": "python-multipart", "python_multipart": "python-multipart"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the local web page (http://127.0.0.1:8765/)",
        description=(
            "Serve fusionviz's web page on this computer: a form for one fusion (verdict, "
            "domains, figure, downloads) and caller-file upload. Nothing is sent to any other "
            "server. Binds 127.0.0.1 (this computer only) unless --host says otherwise; "
            "opens no browser. Stop with Ctrl+C."
        ),
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default 8765)")
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to bind (default 127.0.0.1: reachable from this computer only)",
    )
    p.set_defaults(handler=run)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    """The address to print: ``http://127.0.0.1:8765/`` (IPv6 in brackets)."""
    h = host.strip("[]")
    if h in ("0.0.0.0", "::"):
        h = "127.0.0.1"
    if ":" in h:
        h = f"[{h}]"
    return f"http://{h}:{port}/"


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as exc:
            raise FusionvizError(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                "choose another port with --port, e.g. --port 9000"
            ) from None


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise FusionvizError(f"--port {args.port} is out of range; use 1024..65535, e.g. 8765")
    try:
        import uvicorn

        from fusionviz.web.app import create_app
    except ImportError as exc:
        missing = _PIP_NAMES.get((exc.name or "").split(".")[0], exc.name or "starlette")
        raise FusionvizError(
            f"the web page needs the Python package '{missing}', which is not installed; "
            f"install it with: pip install {missing}"
        ) from None
    host = args.host.strip()
    _check_port_free(host, args.port)
    if is_loopback(host):
        # Only this computer's names: a web page elsewhere cannot reach the server
        # through a rebound DNS name.
        allowed = ["127.0.0.1", "localhost", "[::1]", "::1", host.strip("[]")]
    else:
        allowed = ["*"]
        print(
            f"fusionviz: warning: --host {host} makes the page reachable from other machines; "
            "fusion data typed into it will cross the network",
            file=sys.stderr,
        )
    app = create_app(allowed_hosts=allowed)
    app.state.engine.warm_up()  # load the bundle now, not on the first visitor's request
    print(f"fusionviz {_version()} serving on {url_for(host, args.port)}", flush=True)
    print("open that address in a browser; stop with Ctrl+C", flush=True)
    uvicorn.run(app, host=host.strip("[]"), port=args.port, log_level="warning", access_log=False)
    return 0


def _version() -> str:
    from fusionviz import __version__

    return __version__

"""Command-line entry point: ``fusionviz <command> ...``.

The only place that knows about argv and exit codes. Each sub-command lives in
its own module exposing ``register(subparsers)``; the registered handler takes
the parsed namespace and returns an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from fusionviz import __version__
from fusionviz.errors import FusionvizError

# Sub-command modules, in the order --help lists them. A module that is not
# there yet (a feature still being built) is skipped.
COMMAND_MODULES = (
    "fusionviz.cli.annotate",
    "fusionviz.cli.draw",
    "fusionviz.cli.batch",
    "fusionviz.cli.known",
    "fusionviz.cli.serve",
)


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so that every
    bad command line ends as one clear line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise FusionvizError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every available sub-command."""
    parser = _Parser(
        prog="fusionviz",
        description="Exon-level gene-fusion annotation and fusion protein diagrams.",
    )
    parser.add_argument("--version", action="version", version=f"fusionviz {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run fusionviz; return the exit status (0 ok, 1 some batch rows failed, 2 bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        if not getattr(args, "command", None):
            parser.print_help()
            return 2
        return int(args.handler(args))
    except FusionvizError as exc:
        print(f"fusionviz: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("fusionviz: interrupted", file=sys.stderr)
        return 130

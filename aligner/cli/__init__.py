"""The `aligner` command: a thin shell over the library.

Each subcommand lives in its own module exposing ``register(subparsers)``, which adds its parser
and sets ``func`` to a ``run(args) -> int`` function. Adding a command means adding a module and
one name to `COMMANDS`; nothing else changes.

Exit codes: 0 success, 1 a check failed (drift, QA threshold), 2 bad input or configuration.
User errors (`AlignerError`) are printed as one line on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from aligner.model import AlignerError
from aligner.version import __version__

# module names under aligner.cli, in the order they appear in --help
COMMANDS = ["align_cmd", "segment_cmd", "snapshot_cmd", "check_cmd", "report_cmd", "score_cmd",
            "terms_cmd"]

EPILOG = """\
exit codes: 0 ok, 1 check failed (drift or QA threshold exceeded), 2 bad input or configuration.
Run `aligner COMMAND --help` for the options of one command."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aligner",
        description="Align English and Chinese sentences of bilingual (biomedical) records and "
        "check the translation: terminology, numbers, drift from an approved version.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"aligner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"aligner.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except AlignerError as error:
        print(f"aligner: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("aligner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `aligner align ... | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())

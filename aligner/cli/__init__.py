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


# the options that name files a command writes, and those that name files it reads
OUTPUT_OPTIONS = {"output": "-o", "errors": "--errors", "summary": "--summary", "junit": "--junit"}
INPUT_OPTIONS = ("inputs", "paths", "file", "en", "zh", "baseline", "glossary")


def _refuse_overwriting_inputs(args: argparse.Namespace) -> None:
    """Before any command opens a file: no output is an input (or read back as one)."""
    from aligner.cli.common import refuse_overwriting_inputs

    outputs = {flag: getattr(args, name, None) for name, flag in OUTPUT_OPTIONS.items()}
    inputs: list[str | None] = []
    for name in INPUT_OPTIONS:
        value = getattr(args, name, None)
        inputs += value if isinstance(value, list) else [value]
    refuse_overwriting_inputs(outputs, inputs)


def _interrupt(signum: int, frame: object) -> None:
    from aligner.outfile import Interrupted

    raise Interrupted(signum)


def handle_termination() -> None:
    """SIGTERM (timeout, systemd, Docker, CI cancel) and SIGHUP (a closed terminal) end the
    run like Ctrl-C: outputs are cleaned up or kept as `.partial`, the worker pool shut down."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handle_termination()
    try:
        _refuse_overwriting_inputs(args)
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk behind stdout shows here, not at interpreter exit
        return status
    except AlignerError as error:
        print(f"aligner: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt as interrupt:
        import signal

        signum = getattr(interrupt, "signum", signal.SIGINT)
        print(f"aligner: interrupted ({signal.Signals(signum).name})", file=sys.stderr)
        return 128 + signum
    except BrokenPipeError:  # `aligner align ... | head`
        sys.stderr.close()
        return 0
    except OSError as error:  # stdout on a full disk or /dev/full, a vanished directory
        from aligner.outfile import write_error

        _quiet_stdout()
        where = error.filename or "<stdout>"
        print(f"aligner: error: {write_error(error, 'output', str(where))}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as error:  # an optional extra missing (dask, pyarrow, ...)
        if (error.name or "aligner").partition(".")[0] == "aligner":
            return _internal_error()  # our own module missing is a bug, not a missing extra
        print(f"aligner: error: {error.name} is not installed; install the extra the option "
              "needs, e.g. pip install 'aligner-enzh[scale]'", file=sys.stderr)
        return 2
    except (RecursionError, MemoryError) as error:  # never exit 1, which CI reads as drift
        print(f"aligner: error: input too deep or too large to process ({type(error).__name__})",
              file=sys.stderr)
        return 2
    except Exception:  # a bug: the traceback helps the report, exit 2 keeps CI from reading drift
        return _internal_error()


def _internal_error() -> int:
    """Report a bug (inside an `except`): the traceback helps the report; exit 2 keeps CI from
    reading a crash as drift."""
    import traceback

    traceback.print_exc()
    print("aligner: error: internal error (a bug in aligner; please report it with the "
          "traceback above)", file=sys.stderr)
    return 2


def _quiet_stdout() -> None:
    """Stop the interpreter from failing again on exit when flushing a stdout that cannot be
    written (a full disk): the error has been reported once."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())

"""The ``policy-lens`` command line (also ``python -m analysis``): one module per command.

Each command module has ``register(subparsers)``, which adds its sub-command and sets
``func`` to the function that runs it; analysis modules have no command-line code.
:func:`main` runs the command and turns every failure into a one-line message (no
traceback): bad input (a missing or unusable file, option or corpus) exits with 2, a
file-system problem (a file in the way, no permission, a full disk) with 1 and a message
naming the path, Ctrl-C with 130.
``POLICY_LENS_TRACEBACK=1`` shows the traceback of an unexpected error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from analysis.cli import (
    build,
    coding,
    evaluate,
    export,
    figures,
    import_corpus,
    keyness,
    kwic,
    notebooks,
    reuse,
    targets,
)
from analysis.cli.common import describe_os_error

__all__ = ["COMMANDS", "main"]

#: sub-command registrars, in the order ``policy-lens --help`` lists them
COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    import_corpus.register,
    build.register,
    kwic.register,
    targets.register,
    keyness.register,
    reuse.register,
    coding.register,
    figures.register,
    export.register,
    notebooks.register,
    evaluate.register,
]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    0 on success; 1 when the file system refuses (a file in the way, no permission, a full
    disk: the message names the path) or the analysis fails; 2 for bad input (a corpus,
    option or file that is missing or cannot be used: the message says which and what to
    do); 130 on Ctrl-C. Never a traceback, unless ``POLICY_LENS_TRACEBACK=1`` for unexpected errors.
    """
    parser = argparse.ArgumentParser(
        prog="policy-lens",
        description="Comparative text analysis of Chinese policy documents.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for register in COMMANDS:
        register(sub)
    args = parser.parse_args(argv)
    prog = f"policy-lens {args.command}"
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print(f"\n{prog}: interrupted (Ctrl-C); files already written are whole, the one "
              "being written was not kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`)
        _silence_stdout()
        return 1
    except OSError as exc:  # a missing input is bad input (2); the rest is the disk's (1)
        print(f"{prog}: error: {describe_os_error(exc)}", file=sys.stderr)
        return 2 if isinstance(exc, FileNotFoundError) else 1
    except KeyError as exc:  # a missing id or table; the message is its first argument
        text = exc.args[0] if exc.args else exc
        print(f"{prog}: error: {text}", file=sys.stderr)
        return 2
    except ValueError as exc:  # CorpusError, ScaleError and every check on the input
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except MemoryError:
        print(f"{prog}: error: out of memory; try fewer documents or stages (--stages) "
              "or a machine with more memory.", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("POLICY_LENS_TRACEBACK"):
            raise
        print(f"{prog}: error: {type(exc).__name__}: {exc} (set POLICY_LENS_TRACEBACK=1 to "
              "see where)", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())

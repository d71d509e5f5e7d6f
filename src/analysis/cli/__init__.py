"""The ``policy-lens`` command line (also ``python -m analysis``): one module per command.

Each command module has ``register(subparsers)``, which adds its sub-command and sets
``func`` to the function that runs it; analysis modules have no command-line code.
"""

from __future__ import annotations

import argparse
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
from analysis.errors import CorpusError

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
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="policy-lens",
        description="Comparative text analysis of Chinese policy documents.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for register in COMMANDS:
        register(sub)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (CorpusError, FileNotFoundError, ValueError) as exc:
        print(f"policy-lens {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())

"""``policy-lens build``'s options say what the library's BuildOptions say."""

import argparse

from analysis.cli import build as build_command
from analysis.pipeline import BuildOptions


def _defaults() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    build_command.register(parser.add_subparsers())
    return parser.parse_args(["build"])


def test_reuse_and_similarity_run_on_every_corpus_unless_the_user_opts_out():
    args = _defaults()
    options = BuildOptions()
    assert (args.reuse_max_docs, args.reuse_max_seeds, args.similarity_max_docs) == (
        options.reuse_max_docs, options.reuse_max_seeds, options.similarity_max_docs) == (
        None, None, None)

"""``policy-lens build``'s options say what the library's BuildOptions say."""

import argparse

import pytest

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


def test_the_memory_budget_reaches_the_build(monkeypatch):
    parser = argparse.ArgumentParser()
    build_command.register(parser.add_subparsers())
    assert parser.parse_args(["build"]).memory_budget is None  # the available memory
    seen = {}

    def fake_build(*args, **kwargs):
        seen.update(kwargs)
        raise SystemExit(0)

    monkeypatch.setattr(build_command, "build", fake_build)
    args = parser.parse_args(["build", "--memory-budget", "2G"])
    with pytest.raises(SystemExit):
        args.func(args)
    assert seen["memory_budget"] == "2G"

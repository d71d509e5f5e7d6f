"""BuildOptions: each option's type, range and meaning, checked in one place."""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

import numpy as np
import pytest

from analysis import TokenFilter
from analysis.pipeline import BuildOptions


def test_defaults_and_their_order_in_build_info():
    # asdict(options) is the "options" entry of build_info.json: same keys, same values
    opts = asdict(BuildOptions())
    assert list(opts) == [
        "tokenizer", "hmm", "user_dicts", "token_filter", "boilerplate", "opencc_config",
        "top_n", "themes", "instruments", "n_boot", "seed", "reuse_max_docs",
        "reuse_max_seeds", "reuse_near_duplicate", "similarity_max_docs",
        "similarity_top_k", "allow_outside_paths"]
    assert opts["user_dicts"] == ("policy_terms.txt",)
    assert (opts["top_n"], opts["n_boot"], opts["seed"]) == (30, 2000, 12)
    assert opts["similarity_top_k"] == 50
    assert opts["token_filter"] == asdict(TokenFilter())


@pytest.mark.parametrize("name", ["reuse_max_docs", "reuse_max_seeds", "similarity_max_docs"])
def test_negative_limits_are_refused_and_none_is_no_limit(name):
    with pytest.raises(ValueError, match=f"{name}=-1: give None"):
        BuildOptions(**{name: -1})
    assert getattr(BuildOptions(**{name: None}), name) is None
    assert getattr(BuildOptions(**{name: 0}), name) == 0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"tokenizer": "pkuseg"}, "tokenizer='pkuseg': give 'jieba' or 'rjieba'"),
    ({"hmm": 1}, "hmm=1: give True or False"),
    ({"top_n": 0}, "top_n=0: give an integer >= 1"),
    ({"top_n": 2.5}, "top_n=2.5: give an integer >= 1"),
    ({"n_boot": True}, "n_boot=True: give an integer"),
    ({"seed": -1}, "seed=-1: give an integer >= 0"),
    ({"user_dicts": "mine.txt"}, "user_dicts='mine.txt': give a sequence"),
    ({"token_filter": "strict"}, "token_filter='strict': give an analysis.TokenFilter"),
    ({"themes": None}, "themes=None"),
    ({"instruments": 3}, "instruments=3: give a packaged file name or a path"),
])
def test_a_bad_value_names_the_option_and_what_it_accepts(kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        BuildOptions(**kwargs)


def test_paths_and_numpy_integers_are_stored_plainly():
    opts = BuildOptions(user_dicts=["policy_terms.txt", Path("mine.txt")],
                        themes=Path("themes.toml"), seed=np.int64(3), boilerplate=None)
    assert opts.user_dicts == ("policy_terms.txt", "mine.txt")
    assert opts.themes == "themes.toml" and type(opts.seed) is int
    assert opts.boilerplate is None


def test_every_option_is_documented_from_its_one_declaration():
    doc = BuildOptions.__doc__
    for f in fields(BuildOptions):
        assert f"\n{f.name} : " in doc, f.name
        assert BuildOptions.help(f.name).split(" (")[0][:30].lower() in doc.lower()
    assert BuildOptions.help("top_n") == ("keywords per document in the keywords table "
                                          "(an integer >= 1; default 30)")
    with pytest.raises(KeyError, match="no option 'topn'"):
        BuildOptions.help("topn")


def test_pairwise_stages_have_no_size_limit_unless_the_user_sets_one():
    opts = BuildOptions()
    assert (opts.reuse_max_docs, opts.reuse_max_seeds, opts.similarity_max_docs) == (
        None, None, None)
    assert BuildOptions(reuse_max_docs=50).reuse_max_docs == 50

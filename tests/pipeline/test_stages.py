"""The dictionary stages share one literal search and let it go."""

from __future__ import annotations

from analysis import load_corpus, token_table
from analysis.lexicon import onepass
from analysis.pipeline import BuildContext
from analysis.pipeline.stages import instruments_stage, themes_stage


def test_the_instruments_stage_reuses_the_themes_stage_search_then_drops_it(small_raw):
    corpus = load_corpus(small_raw)
    ctx = BuildContext(corpus, token_table(corpus))
    onepass.clear_shared()
    themes = themes_stage(ctx)
    assert onepass._SHARED["occ"].strings  # every term of the three files, found once
    shared = instruments_stage(ctx)
    assert not onepass._SHARED
    alone = instruments_stage(ctx)  # nothing shared: the same tables
    for name, table in shared.items():
        assert table.equals(alone[name])
    assert not themes["theme_hits"].empty

"""A tiny corpus folder for build tests: three one-sentence documents; stage processes for
it."""

from __future__ import annotations

import pytest

TEXTS = {
    "a": "支持科技型中小企业开展研发活动，推动成果转化。",
    "b": "加快建设新型研发机构，完善科技金融服务体系。",
    "c": "实施揭榜挂帅，培育专精特新企业和创新联合体。",
}


@pytest.fixture
def small_raw(make_corpus):
    """The folder of :data:`TEXTS` (with ``metadata.csv``)."""
    return make_corpus(TEXTS)


@pytest.fixture
def any_size(monkeypatch):
    """Stage processes for a corpus of any size (the small test corpora included)."""
    from analysis.pipeline import runner

    monkeypatch.setattr(runner, "STAGE_PARALLEL_MIN_CHARS", 0)

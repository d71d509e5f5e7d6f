"""Shared fixtures: the default corpus, its tokens, a built output folder, and a factory
for small corpus folders made of literal texts."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
DOC_IDS = ["chifeng_2023", "xinji_2022", "tonghua_2012", "yinchuan_2022", "jiayuguan_2020"]


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests use their own token cache, never the user's."""
    os.environ["POLICY_LENS_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def corpus():
    from analysis import load_corpus

    return load_corpus(RAW)


@pytest.fixture(scope="session")
def tokens(corpus):
    from analysis import token_table

    return token_table(corpus)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    from analysis import build

    return build(RAW, tmp_path_factory.mktemp("processed"))


MakeCorpus = Callable[..., Path]


@pytest.fixture
def make_corpus(tmp_path: Path) -> MakeCorpus:
    """Write a corpus folder: ``make_corpus({"a": "text", ...}, **metadata_overrides)``.

    Texts may be ``str`` (written as UTF-8) or ``bytes`` (written as they are).
    """

    def make(texts: dict[str, str | bytes], *, rows: list[dict] | None = None,
             folder: str = "raw") -> Path:
        d = tmp_path / folder
        d.mkdir(parents=True, exist_ok=True)
        for doc_id, text in texts.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            (d / f"{doc_id}.txt").write_bytes(data)
        if rows is None:
            rows = [{"doc_id": k, "file": f"{k}.txt", "city": "测试市", "year": "2022"}
                    for k in texts]
        if rows:
            with open(d / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
        return d

    return make

"""A small literal corpus for the report and plots tests: three short policy texts with an
outline (一、 > (一)), two cities and two eras, built once per test session.

Every table of the build exists for it (a few are empty: no task table, no targets), so
the figure catalog, the exports and the figure functions can all be exercised in seconds.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.pipeline import BuildResult, build


def policy(title: str, body: str) -> str:
    """A small document with the outline real policy texts have (一、 > (一))."""
    parts = [title]
    for i, head in enumerate(["一、总体要求", "二、重点任务", "三、保障措施"]):
        parts.append(head)
        parts += [f"({n}){body}" for n in "一二"[: 1 + i % 2]]
    return "\n".join(parts)


OWN = {
    "hz_2012": policy("关于加快建设创新型城市的行动计划",
                      "加强知识产权保护，推进产学研合作，支持企业研发投入，建设科技创新平台，"
                      "引进高层次人才，培育高新技术企业。"),
    "hz_2021": policy("关于实施创新驱动发展战略的意见",
                      "支持科技型中小企业和专精特新企业发展，完善科技金融服务，建设孵化器和"
                      "众创空间，加强人才引进，推动科技成果转化。"),
    "nb_2022": policy("关于推进数字化转型的若干措施",
                      "建设创新联合体，开展揭榜挂帅，支持新型研发机构，加大研发投入，完善科技"
                      "特派员制度，落实财政补助和税收优惠政策。"),
}
OWN_ROWS = [
    {"doc_id": "hz_2012", "file": "hz_2012.txt", "city": "杭州市", "city_en": "Hangzhou",
     "year": "2012"},
    {"doc_id": "hz_2021", "file": "hz_2021.txt", "city": "杭州市", "city_en": "Hangzhou",
     "year": "2021"},
    {"doc_id": "nb_2022", "file": "nb_2022.txt", "city": "宁波市", "city_en": "Ningbo",
     "year": "2022"},
]


def write_corpus(folder: Path, texts: dict[str, str], rows: list[dict[str, str]]) -> Path:
    """Write ``texts`` and a ``metadata.csv`` of ``rows`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in texts.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return folder


_BUILDS: dict[str, tuple[Path, BuildResult]] = {}


def small_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The small corpus built into a temporary folder, once per session."""
    if "own" not in _BUILDS:
        raw = write_corpus(tmp_path_factory.mktemp("small_raw"), OWN, OWN_ROWS)
        _BUILDS["own"] = raw, build(raw, tmp_path_factory.mktemp("small_processed"))
    return _BUILDS["own"][1]


def small_raw() -> Path:
    """The folder the small corpus was built from (after :func:`small_build`)."""
    return _BUILDS["own"][0]

"""End to end: a reward table typed with tabs in a ``.txt`` file gives the support amounts,
recipients, clauses and outline that the same table in a ``.docx`` gives."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from analysis.evaluation.outline import predicted_outline
from analysis.ingest import import_corpus
from analysis.structure import clause_table
from analysis.targets import extract_targets
from analysis.text.corpus import load_corpus
from tests.ingest.make_files import write_docx

pytestmark = pytest.mark.slow

HEAD = ["某市促进服务业高质量发展奖励办法", "一、适用范围",
        "本办法适用于在本市依法登记注册的服务业企业。", "二、奖励标准",
        "符合条件的企业按下表享受奖励。", "表1 服务业企业奖励标准"]
TABLE = [["序号", "奖励事项", "奖励标准"],
         ["1", "首次纳入规模以上服务业统计的企业", "一次性奖励10万元"],
         ["2", "新认定的国家级服务业标准化试点", "奖励50万元"],
         ["3", "新认定的市级现代服务业集聚区", "给予运营主体80万元补助"]]
TAIL = ["三、其他", "本办法自印发之日起施行。", "某市商务局", "2024年3月1日"]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple:
    src = tmp_path_factory.mktemp("src")
    (src / "a.txt").write_text("\n".join(HEAD + ["\t".join(r) for r in TABLE] + TAIL),
                               encoding="utf-8")
    write_docx(src / "b.docx", HEAD, table=TABLE, after=TAIL)
    out = Path(tmp_path_factory.mktemp("corpus"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import_corpus(src, out, progress=False)
        corpus = load_corpus(out)
        ids = corpus.documents.set_index("source")["doc_id"]
        return ids["a.txt"], ids["b.docx"], extract_targets(corpus), clause_table(corpus)


def test_support_amounts_and_recipients_as_from_the_docx(loaded):
    txt, docx, targets, _ = loaded
    cols = ["kind", "value", "unit", "comparator", "indicator"]

    def rows(doc):
        return targets.loc[targets["doc_id"] == doc, cols].values.tolist()

    assert rows(txt) == rows(docx)
    assert rows(txt) == [["support", 10.0, "万元", "=", "首次纳入规模以上服务业统计的企业"],
                         ["support", 50.0, "万元", "=", "新认定的国家级服务业标准化试点"],
                         ["support", 80.0, "万元", "=", "运营主体"]]


def test_clauses_and_outline_as_from_the_docx(loaded):
    txt, docx, _, clauses = loaded
    keep = ["kind", "text"]
    a = clauses.loc[clauses["doc_id"] == txt, keep].values.tolist()
    assert a == clauses.loc[clauses["doc_id"] == docx, keep].values.tolist()
    assert ["table", "表1 服务业企业奖励标准\n序号|奖励事项|奖励标准\n"
            "1|首次纳入规模以上服务业统计的企业|一次性奖励10万元\n"
            "2|新认定的国家级服务业标准化试点|奖励50万元\n"
            "3|新认定的市级现代服务业集聚区|给予运营主体80万元补助\n"] in a
    outline = predicted_outline(clauses)
    headings = outline.groupby("doc_id")["heading"].apply(list)
    assert headings[txt] == headings[docx] == ["适用范围", "奖励标准", "其他"]

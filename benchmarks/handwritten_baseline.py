"""The script a researcher writes instead of policy-lens: jieba + scikit-learn TF-IDF.

Reads a corpus folder (``metadata.csv`` + text files), segments every text with jieba
(pure Python, its own dictionary), builds a TF-IDF matrix with scikit-learn's
``TfidfVectorizer`` and writes each document's ten heaviest terms. ``make bench`` times it
(``python benchmarks/handwritten_baseline.py RAW_DIR OUT.csv``) on the same corpora as the
build, as the baseline the core build must beat.
"""

import csv
import sys
from pathlib import Path

import jieba
from sklearn.feature_extraction.text import TfidfVectorizer

raw, out = Path(sys.argv[1]), Path(sys.argv[2])
with open(raw / "metadata.csv", encoding="utf-8-sig") as fh:
    rows = list(csv.DictReader(fh))
texts = [(raw / r["file"]).read_text(encoding="utf-8-sig") for r in rows]
vec = TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None, lowercase=False)
X = vec.fit_transform(texts)
terms = vec.get_feature_names_out()
with open(out, "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    for r, row in zip(rows, X, strict=True):
        top = row.toarray().ravel().argsort()[::-1][:10]
        w.writerow([r["doc_id"], " ".join(terms[top])])

"""Count the documents that contain each string or regular expression given.

``python eval/doc_counts.py PATTERN...`` prints, for each pattern, how many development
and default-corpus documents contain it: counts only, never a document's text, title or key.
Held-out documents are not searched: a rule is judged on development text alone. A
pattern is a literal string, or a regular expression when prefixed with ``re:``. It is how
a rule is checked to be general (found in at least three development documents) before it
is kept. The exception: the not-target rules that encode the coders' written "Not recorded"
conventions (eval/gold/README.md: a call's quotas, an assessment's weights, staffing and
technical norms) are kept on written excerpts alone; README.md ("targets") lists their
patterns and counts.

The evaluation corpora are found as ``policy-lens evaluate`` finds them (``../shared/corpora``
beside the project, or ``$POLICY_LENS_CORPORA``); the default corpus is ``data/raw``.

Example::

    python eval/doc_counts.py 沟通协调 're:(制定|编制)[^。;,]{0,20}工作方案'
"""

from __future__ import annotations

import re
import sys

from analysis import load_corpus
from analysis.evaluation.documents import eval_corpus


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A ``re:``-prefixed pattern as a regular expression, any other as a literal."""
    return re.compile(pattern[3:]) if pattern.startswith("re:") else re.compile(re.escape(pattern))


def main(patterns: list[str]) -> None:
    if not patterns:
        sys.exit(__doc__)
    ev = eval_corpus()
    docs = ev.corpus.documents.set_index("doc_id")["text"]
    part = ev.keys.set_index("doc_id")["part"]
    default = load_corpus("data/raw").documents["text"]
    print(f"{'pattern':30} dev default")
    for p in patterns:
        rx = compile_pattern(p)
        dev = sum(bool(rx.search(t)) for d, t in docs.items() if part.get(d) == "dev")
        in_default = sum(bool(rx.search(t)) for t in default)
        print(f"{p:30} {dev:3} {in_default:7}")


if __name__ == "__main__":
    main(sys.argv[1:])

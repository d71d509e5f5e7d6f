"""Are theme hits distributed alike across documents? A chi-square test of the document ×
theme table of hit counts, with a clause-permutation p-value and its caveat."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

from analysis.lexicon import check_units, doc_order
from analysis.themes._resample import permuted_statistics
from analysis.themes.caveat import CAVEAT, corpus_caveat
from analysis.themes.counts import _clause_matrix, _resolve_hits
from analysis.themes.dictionary import PathLike, ThemeDictionary, load_themes

if TYPE_CHECKING:
    from analysis.text import Tokenizer

__all__ = ["CHI2_COLUMNS", "ChiSquareResult", "chi_square_summary", "theme_chi_square"]

#: Columns of :meth:`ChiSquareResult.to_frame` (the build's ``theme_chi2``).
CHI2_COLUMNS = (
    "doc_id", "theme", "theme_zh", "theme_en", "observed", "expected", "residual",
    "statistic", "dof", "pvalue", "permutation_pvalue", "permutations", "seed", "cramers_v",
    "n_hits", "min_expected", "share_expected_below_5", "themes_dropped", "caveat",
)


@dataclass
class ChiSquareResult:
    """A chi-square test of theme × document hit counts, with its caveat.

    ``table`` is tidy (``doc_id, theme, observed, expected, residual``: adjusted standardised
    residuals, beyond ±2 a cell is notably over/under-represented). ``permutation_pvalue``
    permutes clauses between documents (keeping document sizes), which respects that hits
    cluster within clauses.
    """

    statistic: float
    dof: int
    pvalue: float
    cramers_v: float
    n_hits: int
    min_expected: float
    share_expected_below_5: float
    permutation_pvalue: float | None
    permutations: int
    seed: int
    table: pd.DataFrame = field(repr=False)
    themes_dropped: tuple[str, ...] = ()
    caveat: str = CAVEAT

    def summary(self) -> str:
        """A short report with the caveat, for a notebook or the terminal."""
        perm = (f", permutation p = {self.permutation_pvalue:.4f} ({self.permutations} clause "
                "permutations)" if self.permutation_pvalue is not None else "")
        return (f"chi-square of theme × document hits: χ² = {self.statistic:.1f}, "
                f"dof = {self.dof}, p = {self.pvalue:.3g}{perm}; Cramér's V = "
                f"{self.cramers_v:.3f}; {self.n_hits} hits; "
                f"{self.share_expected_below_5:.0%} of expected counts below 5.\n"
                f"{self.caveat} The test also treats every hit as independent, but a clause "
                "often repeats its words; read the p-value as a description of how uneven the "
                "profiles are.")

    def __str__(self) -> str:
        return self.summary()

    def to_frame(self) -> pd.DataFrame:
        """The tidy table with the test results on every row (for the build); columns
        :data:`CHI2_COLUMNS`. :meth:`from_frame` reads it back."""
        t = self.table.copy()
        if "theme_en" not in t.columns:
            t.insert(t.columns.get_loc("theme_zh") + 1, "theme_en", t["theme"])
        t["statistic"] = round(self.statistic, 6)
        t["dof"] = self.dof
        t["pvalue"] = self.pvalue
        t["permutation_pvalue"] = self.permutation_pvalue
        t["permutations"] = self.permutations
        t["seed"] = self.seed
        t["cramers_v"] = round(self.cramers_v, 6)
        t["n_hits"] = self.n_hits
        t["min_expected"] = round(self.min_expected, 6)
        t["share_expected_below_5"] = round(self.share_expected_below_5, 6)
        t["themes_dropped"] = ";".join(self.themes_dropped)
        t["caveat"] = self.caveat
        return t[list(CHI2_COLUMNS)]

    @classmethod
    def from_frame(cls, table: pd.DataFrame) -> ChiSquareResult:
        """The result of a build's ``theme_chi2`` table (:meth:`to_frame` output).

        Examples
        --------
        >>> import pandas as pd
        >>> units = pd.DataFrame({"doc_id": ["a"] * 2 + ["b"] * 2,
        ...     "clause_id": ["a:1", "a:2", "b:1", "b:2"],
        ...     "text": ["人才人才人才", "平台", "金融金融", "平台平台"],
        ...     "char_start": [0, 6, 0, 4], "char_end": [6, 8, 4, 8]})
        >>> r = theme_chi_square(units, permutations=0)
        >>> ChiSquareResult.from_frame(r.to_frame()).dof == r.dof
        True
        """
        missing = [c for c in CHI2_COLUMNS if c not in table.columns]
        if missing:
            raise ValueError(f"theme_chi2: missing column(s) {', '.join(missing)}; pass the "
                             "build's theme_chi2 table (rebuild with `policy-lens build`).")
        if table.empty:
            raise ValueError("theme_chi2 is empty: the corpus has fewer than two documents "
                             "or two themes with hits, so there is no test.")
        first = table.iloc[0]
        perm = first["permutation_pvalue"]
        dropped = str(first["themes_dropped"] or "")
        return cls(
            statistic=float(first["statistic"]), dof=int(first["dof"]),
            pvalue=float(first["pvalue"]), cramers_v=float(first["cramers_v"]),
            n_hits=int(first["n_hits"]), min_expected=float(first["min_expected"]),
            share_expected_below_5=float(first["share_expected_below_5"]),
            permutation_pvalue=None if pd.isna(perm) else float(perm),
            permutations=int(first["permutations"]), seed=int(first["seed"]),
            table=table[["doc_id", "theme", "theme_zh", "theme_en", "observed", "expected",
                         "residual"]].reset_index(drop=True),
            themes_dropped=tuple(x for x in dropped.split(";") if x),
            caveat=str(first["caveat"]),
        )


def chi_square_summary(table: pd.DataFrame) -> str:
    """The chi-square test of a build's ``theme_chi2`` table in words, with its caveat; or
    one line saying why there is no test (an empty table).

    Examples
    --------
    >>> import pandas as pd
    >>> chi_square_summary(pd.DataFrame(columns=CHI2_COLUMNS))[:29]
    'No chi-square test of theme ×'
    """
    if table.empty and all(c in table.columns for c in CHI2_COLUMNS):
        return ("No chi-square test of theme × document: it needs at least two documents and "
                "two themes with hits.")
    return ChiSquareResult.from_frame(table).summary()


def _doc_sums(doc_idx: np.ndarray, m: np.ndarray, n_docs: int) -> np.ndarray:
    """Column sums of ``m`` per document (row ``doc_idx[i]`` gets row ``i``), as float64.

    The sums are of integers, so they are exact whatever the order of summation."""
    out = np.zeros((n_docs, m.shape[1]), dtype=np.int64)
    np.add.at(out, doc_idx, m)
    return out.astype(np.float64)


def theme_chi_square(
    units: pd.DataFrame,
    *,
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    hits: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    permutations: int = 999,
    seed: int = 12,
    documents: pd.DataFrame | None = None,
) -> ChiSquareResult:
    """Are theme hits distributed alike across documents? A chi-square test of the
    document × theme table of hit counts.

    Themes without any hit are dropped (listed in ``themes_dropped``). Besides the
    asymptotic p-value (scipy's ``chi2_contingency``), ``permutations`` > 0 adds a Monte
    Carlo p-value from reassigning whole clauses to documents at random (document sizes kept,
    seeded), which respects that the hits of one clause are not independent. The caveat
    is :func:`~analysis.themes.caveat.corpus_caveat` of ``documents`` (the documents table:
    cities, eras), or of the documents of ``units`` when it is not given.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": ["a"] * 2 + ["b"] * 2,
    ...     "clause_id": ["a:1", "a:2", "b:1", "b:2"],
    ...     "text": ["人才人才人才", "平台", "金融金融", "平台平台"],
    ...     "char_start": [0, 6, 0, 4], "char_end": [6, 8, 4, 8]})
    >>> r = theme_chi_square(units, permutations=0)
    >>> r.dof, sorted(r.table["theme"].unique())
    (2, ['finance', 'platforms', 'talent'])
    """
    units = check_units(units)
    d = load_themes(dictionary)
    hits = _resolve_hits(units, d, hits, tokens, tokenizer)
    return _theme_chi_square(units, d, _clause_matrix(units, hits, d.keys),
                             permutations=permutations, seed=seed, documents=documents)


def _theme_chi_square(units: pd.DataFrame, d: ThemeDictionary, m: np.ndarray, *,
                      permutations: int, seed: int,
                      documents: pd.DataFrame | None) -> ChiSquareResult:
    """:func:`theme_chi_square` of checked ``units`` whose hits per (clause, theme) are
    ``m``."""
    docs = doc_order(units)
    doc_idx = pd.Categorical(units["doc_id"], categories=docs).codes.astype(np.int64)
    obs = _doc_sums(doc_idx, m, len(docs))
    keep = obs.sum(axis=0) > 0
    dropped = tuple(k for k, kp in zip(d.keys, keep, strict=True) if not kp)
    keys = [k for k, kp in zip(d.keys, keep, strict=True) if kp]
    obs, m = obs[:, keep], m[:, keep]
    if len(docs) < 2 or len(keys) < 2:
        raise ValueError("theme_chi_square needs at least two documents and two themes with "
                         "hits.")
    stat, p, dof, exp = chi2_contingency(obs, correction=False)
    n = obs.sum()
    rows, cols = obs.sum(axis=1, keepdims=True) / n, obs.sum(axis=0, keepdims=True) / n
    resid = (obs - exp) / np.sqrt(exp * (1 - rows) * (1 - cols))
    cramers_v = float(np.sqrt(stat / (n * (min(obs.shape) - 1))))
    perm_p = None
    if permutations > 0:
        # clause j of each permutation goes to the document of clause perm[j]
        perm_stats = permuted_statistics(np.random.default_rng(seed), doc_idx, m,
                                         n_docs=len(docs), permutations=permutations)
        hits_ge = int((perm_stats >= stat - 1e-9).sum())
        perm_p = (hits_ge + 1) / (permutations + 1)
    zh = {t.key: t.zh for t in d}
    en = {t.key: t.en for t in d}
    table = pd.DataFrame({
        "doc_id": np.repeat(docs, len(keys)),
        "theme": keys * len(docs),
        "theme_zh": [zh[k] for k in keys] * len(docs),
        "theme_en": [en[k] for k in keys] * len(docs),
        "observed": obs.ravel().astype(np.int64),
        "expected": np.round(exp.ravel(), 6),
        "residual": np.round(resid.ravel(), 6),
    })
    return ChiSquareResult(
        statistic=float(stat), dof=int(dof), pvalue=float(p), cramers_v=cramers_v,
        n_hits=int(n), min_expected=float(exp.min()),
        share_expected_below_5=float((exp < 5).mean()), permutation_pvalue=perm_p,
        permutations=int(permutations), seed=seed, table=table, themes_dropped=dropped,
        caveat=corpus_caveat(pd.DataFrame({"doc_id": docs}) if documents is None
                             else documents),
    )


"""Reuse of near-duplicates derived through their representative.

When :func:`analysis.textreuse.reuse` groups near-duplicates, a copy is aligned in full
with its group's representative only, so the passages table holds no passage between two
copies of one group, and the passages a copy shares with another group's documents are
listed for the two representatives. :func:`shared_through` derives, for those document
pairs, how many characters they share through the representatives: each copy's
passages with its representative cover a set of the representative's characters (its
*cover*); two copies of one group share the characters both covers hold, and a copy
shares with a document of another group the characters of its cover that a passage
between the two representatives maps into the other document's cover. Covers are 0/1
rows over the representative's characters and the counts are matrix products, one per
group or pair of groups.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from threadpoolctl import threadpool_limits

__all__: list[str] = []  # used by analysis.textreuse.reuse_pairs; nothing public


def _covers(members: np.ndarray, rep: int, length: int, other: np.ndarray,
            s_rep: np.ndarray, e_rep: np.ndarray) -> np.ndarray:
    """Per member of one group (rows, in order), its cover of the representative ``rep``
    (``length`` characters): 1.0 where one of its passages with ``rep`` (``other``: the
    member, ``s_rep, e_rep``: the span in ``rep``) holds the character; the
    representative covers all of itself."""
    out = np.zeros((len(members), length + 1), dtype=np.float32)
    r = np.searchsorted(members, other)
    # +1 at each start, -1 at each end, a running sum per row: covered where > 0
    np.add.at(out, (r, np.clip(s_rep, 0, length)), 1.0)
    np.add.at(out, (r, np.clip(e_rep, 0, length)), -1.0)
    out = (np.cumsum(out, axis=1)[:, :length] > 0).astype(np.float32)
    out[members == rep] = 1.0
    return out


def _mapping(len1: int, len2: int, s1: np.ndarray, e1: np.ndarray, s2: np.ndarray,
             e2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Characters of one representative inside its passages with another (spans ``s1,
    e1`` in the first, ``s2, e2`` in the second, best passage first) and the character
    of the second at the same relative place in the passage (the best passage wins where
    passages overlap). Returns ``(positions in the first, positions in the second)``.

    Examples
    --------
    >>> rows, at = _mapping(6, 10, np.array([1]), np.array([4]), np.array([2]),
    ...                     np.array([8]))
    >>> rows.tolist(), at.tolist()
    ([1, 2, 3], [2, 4, 6])
    """
    target = _targets(int(len1), int(len2), *(np.ascontiguousarray(x, dtype=np.int64)
                                               for x in (s1, e1, s2, e2)))
    rows = np.flatnonzero(target >= 0)
    return rows, target[rows]


@njit(cache=True, nogil=True)
def _targets(len1, len2, s1, e1, s2, e2):  # pragma: no cover
    # per character of the first text, its place in the second (-1: in no passage)
    target = np.full(len1, -1, dtype=np.int64)
    for i in range(len(s1) - 1, -1, -1):  # the best passage written last wins
        a0 = max(s1[i], 0)
        a1 = min(e1[i], len1)
        if a1 <= a0:
            continue
        lb = e2[i] - s2[i]
        la = max(e1[i] - s1[i], 1)
        for a in range(a0, a1):
            target[a] = min(max(s2[i] + (a - s1[i]) * lb // la, 0), len2 - 1)
    return target


def _by_key(key: np.ndarray, sel: np.ndarray) -> dict[int, np.ndarray]:
    """The indexes ``sel`` (in order) split by ``key[sel]``."""
    if not len(sel):
        return {}
    o = sel[np.argsort(key[sel], kind="stable")]
    cut = np.flatnonzero(np.diff(key[o])) + 1
    return {int(key[g[0]]): g for g in np.split(o, cut)}


def shared_through(rep: np.ndarray, lengths: np.ndarray, da: np.ndarray, db: np.ndarray,
                   sa: np.ndarray, ea: np.ndarray, sb: np.ndarray,
                   eb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Characters each document shares with another through representatives.

    ``rep`` maps each document (index) to its group's representative; ``lengths`` are the
    documents' lengths; ``da, db, sa, ea, sb, eb`` the passages (document indexes and
    spans), best first. Returns ``(x, y, chars)``: for each ordered pair of documents of
    which at least one is a copy (not two representatives, not a copy with its own
    representative), the characters of ``x`` (counted on its representative's text)
    that reach ``y`` through the representatives. Pairs with none are left out.
    """
    n_docs = len(rep)
    members = {int(r): np.flatnonzero(rep == r) for r in np.flatnonzero(
        rep == np.arange(n_docs)).tolist()}
    grouped = {r for r, m in members.items() if len(m) > 1}
    # a copy's passages with its own representative, by group
    own = (rep[da] == rep[db]) & (da != db) & ((rep[da] == da) | (rep[db] == db))
    by_group = _by_key(rep[da], np.flatnonzero(own))
    # passages between two representatives, by pair
    lo, hi = np.minimum(da, db), np.maximum(da, db)
    between = (rep[da] == da) & (rep[db] == db) & (da != db)
    by_pair = _by_key(lo * n_docs + hi, np.flatnonzero(between))
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    covers: dict[int, np.ndarray] = {}

    def cover(r: int) -> np.ndarray:
        if r not in covers:
            i = by_group.get(r, np.zeros(0, dtype=np.int64))
            first = da[i] == r
            covers[r] = _covers(members[r], r, int(lengths[r]), np.where(first, db[i], da[i]),
                                np.where(first, sa[i], sb[i]), np.where(first, ea[i], eb[i]))
        return covers[r]

    def emit(mx: np.ndarray, my: np.ndarray, counts: np.ndarray) -> None:
        xi = np.repeat(mx, len(my))
        yi = np.tile(my, len(mx))
        c = np.rint(counts.ravel()).astype(np.int64)
        keep = (c > 0) & (xi != yi)
        keep &= ~((rep[xi] == xi) & (rep[yi] == yi))  # two representatives: their passages
        keep &= ~((rep[xi] == yi) | (rep[yi] == xi))  # a copy and its own representative
        out.append((xi[keep], yi[keep], c[keep]))

    # counts of 0/1 rows, exact in any summation order: one BLAS thread (a pool of
    # threads spinning beside the other stages costs CPU time and gains no wall time)
    with threadpool_limits(limits=1, user_api="blas"):
        # two copies of one group: the representative's characters both covers hold
        for r in sorted(grouped):
            c = cover(r)
            emit(members[r], members[r], c @ c.T)
        # a member of one group and one of another: through the representatives' passages
        for key in sorted(by_pair):
            r1, r2 = divmod(key, n_docs)
            if r1 not in grouped and r2 not in grouped:
                continue
            i = by_pair[key]
            fwd = da[i] == r1
            s1, e1 = np.where(fwd, sa[i], sb[i]), np.where(fwd, ea[i], eb[i])
            s2, e2 = np.where(fwd, sb[i], sa[i]), np.where(fwd, eb[i], ea[i])
            for x, y, spans in ((r1, r2, (s1, e1, s2, e2)), (r2, r1, (s2, e2, s1, e1))):
                px, py = _mapping(int(lengths[x]), int(lengths[y]), *spans)
                # characters of x's members whose place in y lies in y's members' covers
                emit(members[x], members[y], cover(x)[:, px] @ cover(y)[:, py].T)
    if not out:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return (np.concatenate([o[0] for o in out]), np.concatenate([o[1] for o in out]),
            np.concatenate([o[2] for o in out]))

"""Every occurrence of a set of strings in a text, from one compiled Aho–Corasick pass.

:func:`all_occurrences` finds what an Aho–Corasick automaton's overlapping search finds
(every start of every string, overlapping ones too) and returns it as integer arrays
sorted by start, then longest first, without a Python object per occurrence. The
automaton is built once per set of strings (:func:`automaton`): a trie over the strings'
characters, numbered by a class per distinct character (every other character is class
0 and sends the search back to the root), with failure links and, for every state, the
nearest state along its failure links that ends a string (so the strings ending at a
position are read off a chain). The search runs in a numba kernel that holds no GIL: the
text, cut at separators into chunks, can be searched on several threads, each chunk's
occurrences kept in chunk order, so the arrays are the same whatever the threads.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from numba import njit

__all__ = ["Automaton", "all_occurrences", "automaton"]

#: Characters searched per kernel call (cut at a separator): the chunks the threads share
#: and the size of the code-point copy of the text held at once per thread.
CHUNK = 1 << 20


class Automaton(NamedTuple):
    """The arrays of an Aho–Corasick automaton over ``strings`` (see the module notes)."""

    strings: tuple[str, ...]
    classes: np.ndarray     # code point -> character class (0: in no string)
    root: np.ndarray        # class -> the root's child (0: none)
    edges: np.ndarray       # state -> where its edges begin in cls/to (CSR)
    cls: np.ndarray         # an edge's class
    to: np.ndarray          # an edge's state
    fail: np.ndarray        # state -> its failure state
    sid: np.ndarray         # state -> the string it ends (-1: none)
    link: np.ndarray        # state -> nearest failure state that ends a string (0: none)
    length: np.ndarray      # state -> its depth (the length of the string it ends)


@lru_cache(maxsize=64)
def automaton(strings: tuple[str, ...]) -> Automaton:
    """The automaton of ``strings`` (distinct, non-empty), built once per tuple.

    Raises
    ------
    ValueError
        When a string is empty or given twice (a string id would find nothing).

    Examples
    --------
    >>> a = automaton(("人才", "才"))
    >>> len(a.fail), a.sid.tolist()
    (4, [-1, -1, 0, 1])
    """
    seen: set[str] = set()
    for s in strings:
        if not s or s in seen:
            raise ValueError(f"automaton: the string {s!r} is "
                             f"{'empty' if not s else 'given twice'}; give distinct, "
                             "non-empty strings")
        seen.add(s)
    alphabet = sorted({c for s in strings for c in s})
    klass = {c: k for k, c in enumerate(alphabet, start=1)}
    children: list[dict[int, int]] = [{}]
    ends = [-1]
    depth = [0]
    for i, s in enumerate(strings):
        state = 0
        for c in s:
            k = klass[c]
            nxt = children[state].get(k)
            if nxt is None:
                nxt = len(children)
                children[state][k] = nxt
                children.append({})
                ends.append(-1)
                depth.append(depth[state] + 1)
            state = nxt
        ends[state] = i
    n = len(children)
    fail = [0] * n
    link = [0] * n
    queue = deque(children[0].values())
    while queue:   # breadth first: a state's failure state is shallower, so already set
        state = queue.popleft()
        for k, child in children[state].items():
            f = fail[state]
            while f and k not in children[f]:
                f = fail[f]
            target = children[f].get(k, 0) if state else 0
            fail[child] = target if target != child else 0
            link[child] = fail[child] if ends[fail[child]] >= 0 else link[fail[child]]
            queue.append(child)
    top = max(map(ord, alphabet), default=0)
    classes = np.zeros(top + 1, dtype=np.int32)
    for c, k in klass.items():
        classes[ord(c)] = k
    root = np.zeros(len(alphabet) + 1, dtype=np.int32)
    for k, child in children[0].items():
        root[k] = child
    counts = np.array([len(ch) for ch in children], dtype=np.int64)
    edges = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=edges[1:])
    pairs = [(k, c) for ch in children for k, c in sorted(ch.items())]
    cls = np.array([p[0] for p in pairs], dtype=np.int32)
    to = np.array([p[1] for p in pairs], dtype=np.int32)
    return Automaton(strings, classes, root, edges, cls, to,
                     np.array(fail, dtype=np.int32), np.array(ends, dtype=np.int32),
                     np.array(link, dtype=np.int32), np.array(depth, dtype=np.int64))


@njit(cache=True, nogil=True)
def _scan(codes, classes, root, edges, cls, to, fail, sid, link, length,
          base):  # pragma: no cover - numba
    n = len(codes)
    cap = n // 4 + 16
    f_sid = np.empty(cap, dtype=np.int32)
    f_end = np.empty(cap, dtype=np.int64)
    found = 0
    state = 0
    top = len(classes)
    for i in range(n):
        c = codes[i]
        k = classes[c] if c < top else 0
        if k == 0:
            state = 0
            continue
        while True:
            if state == 0:
                state = root[k]
                break
            nxt = -1
            for e in range(edges[state], edges[state + 1]):
                if cls[e] == k:
                    nxt = to[e]
                    break
            if nxt >= 0:
                state = nxt
                break
            state = fail[state]
        t = state if sid[state] >= 0 else link[state]
        while t > 0:
            if found == cap:
                cap *= 2
                more_sid = np.empty(cap, dtype=np.int32)
                more_end = np.empty(cap, dtype=np.int64)
                more_sid[:found] = f_sid[:found]
                more_end[:found] = f_end[:found]
                f_sid, f_end = more_sid, more_end
            f_sid[found] = t
            f_end[found] = i + 1
            found += 1
            t = link[t]
    # by start, then longest first: a counting sort by start, each start's bucket filled
    # from its back in the order found (by end, so the longest lands first)
    count = np.zeros(n + 1, dtype=np.int64)
    for j in range(found):
        count[f_end[j] - length[f_sid[j]]] += 1
    for p in range(n):
        count[p + 1] += count[p]
    out_sid = np.empty(found, dtype=np.int32)
    out_start = np.empty(found, dtype=np.int64)
    out_end = np.empty(found, dtype=np.int64)
    for j in range(found):
        state = f_sid[j]
        start = f_end[j] - length[state]
        count[start] -= 1
        slot = count[start]
        out_sid[slot] = sid[state]
        out_start[slot] = start + base
        out_end[slot] = f_end[j] + base
    return out_sid, out_start, out_end


def _codes(text: str) -> np.ndarray:
    """The code points of ``text`` (one per character, as Python indexes them)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def all_occurrences(text: str, strings: tuple[str, ...], sep: str, *, threads: int = 1
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(string id, start, end)`` of every occurrence of ``strings`` in ``text``,
    overlapping ones too, sorted by start, then longest first.

    Parameters
    ----------
    text : str
        The texts joined by ``sep``.
    strings : tuple of str
        Distinct, non-empty strings, none holding ``sep``; a string id indexes them.
    sep : str
        Where the text may be cut into chunks (no occurrence runs across it).
    threads : int, keyword-only
        Threads to search the chunks on (the same arrays whatever the number).

    Returns
    -------
    tuple of arrays
        String ids (int32), starts and ends (int64, character offsets).

    Raises
    ------
    ValueError
        When a string is empty or given twice (:func:`automaton`).

    Examples
    --------
    >>> sid, start, end = all_occurrences("科技人才|人才", ("人才", "才", "科技人才"), "|")
    >>> sid.tolist(), start.tolist(), end.tolist()
    ([2, 0, 1, 0, 1], [0, 2, 3, 5, 6], [4, 4, 4, 7, 7])
    """
    empty = np.zeros(0, np.int32), np.zeros(0, np.int64), np.zeros(0, np.int64)
    if not strings:
        return empty
    a = automaton(strings)
    if not text:
        return empty
    bounds, start, n = [], 0, len(text)
    while start < n:
        stop = n if start + CHUNK >= n else text.find(sep, start + CHUNK)
        stop = n if stop < 0 else stop
        bounds.append((start, stop))
        start = stop + 1

    def search(bound: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lo, hi = bound
        return _scan(_codes(text[lo:hi]), a.classes, a.root, a.edges, a.cls, a.to, a.fail,
                     a.sid, a.link, a.length, lo)

    # the first chunk runs here: the kernel's first call loads it from numba's cache (or
    # compiles it), which another thread of the build may not do at the same time
    parts = [search(bounds[0])]
    if len(bounds) > 1:
        if threads > 1:
            with ThreadPoolExecutor(min(threads, len(bounds) - 1)) as pool:
                parts += list(pool.map(search, bounds[1:]))
        else:
            parts += [search(b) for b in bounds[1:]]
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return empty
    if len(parts) == 1:
        return parts[0]
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))  # type: ignore[return-value]

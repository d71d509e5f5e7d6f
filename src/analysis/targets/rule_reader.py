"""Reading a rules file: typed access to its sections and the regex helpers that compile
its word lists (:mod:`analysis.targets.rules` builds the :class:`TargetRules` from them)."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from analysis.text.chars import HAN

__all__ = ["alternation", "call_store", "call_stores", "memo_once", "per_rules"]

_T = TypeVar("_T")


def per_rules(memo: dict[int, tuple[Any, _T]], rules: Any, read: Callable[[], _T]) -> _T:
    """``read()`` for the rules object ``rules``, kept in ``memo`` by the object's identity
    (looked up once per number: no file is read each time). The object is kept with its
    value, so its id is not reused; ``memo`` is emptied past 16 objects.

    Examples
    --------
    >>> memo, calls, rules = {}, [], object()
    >>> [per_rules(memo, rules, lambda: calls.append(1) or len(calls)) for _ in range(3)]
    [1, 1, 1]
    """
    hit = memo.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    found = read()
    if len(memo) > 16:
        memo.clear()
    memo[id(rules)] = (rules, found)
    return found


# the stores of the call running in this thread (None outside one): what the targets stage
# found for each distinct text, kept while one call of extract_targets / targets_from_text
# runs and let go when it returns, so that nothing stays held between calls
_CALL: ContextVar[dict[Hashable, Any] | None] = ContextVar("target_stores", default=None)

_MISSING = object()


@contextmanager
def call_stores() -> Iterator[None]:
    """Stores for :func:`memo_once` and :func:`call_store` while the block runs, all let go
    when it ends (also on an error); a block inside another uses the outer block's stores.
    Each thread (each context) has its own. Also usable as a decorator.

    Examples
    --------
    >>> calls = []
    >>> with call_stores():
    ...     [memo_once("demo", None, "key", lambda: calls.append(1) or len(calls), limit=9)
    ...      for _ in range(3)]
    [1, 1, 1]
    >>> call_store("demo") is None      # nothing kept after the block
    True
    """
    if _CALL.get() is not None:
        yield
        return
    token = _CALL.set({})
    try:
        yield
    finally:
        _CALL.reset(token)


def call_store(name: Hashable) -> dict[Any, Any] | None:
    """The dict kept under ``name`` in the running :func:`call_stores` block (made empty
    on first use), or None outside a block: the caller then keeps nothing.

    Examples
    --------
    >>> with call_stores():
    ...     call_store("demo") is call_store("demo")
    True
    """
    stores = _CALL.get()
    if stores is None:
        return None
    found = stores.get(name)
    if found is None:
        found = stores[name] = {}
    return found


def memo_once(store: Hashable, owner: Any, key: Hashable, read: Callable[[], _T], *,
              limit: int, size: int = 1) -> _T:
    """``read()``, kept under ``key`` in the store ``store`` of the running
    :func:`call_stores` block, one store per ``owner`` object (the rules or the mapping a
    result was read with, by identity; a tuple of objects names each of them). A store
    whose kept sizes (``size`` for this result) would pass ``limit`` is emptied first.
    Outside a block nothing is kept: ``read()`` runs at every call.

    Examples
    --------
    >>> calls, rules = [], object()
    >>> with call_stores():
    ...     [memo_once("demo", rules, "key", lambda: calls.append(1) or len(calls), limit=9)
    ...      for _ in range(3)]
    [1, 1, 1]
    >>> memo_once("demo", rules, "key", lambda: calls.append(1) or len(calls), limit=9)
    2
    """
    stores = _CALL.get()
    if stores is None:
        return read()
    ids = (store, *map(id, owner)) if isinstance(owner, tuple) else (store, id(owner))
    entry = stores.get(ids)
    if entry is None:
        # the owner is held with its store, so that its id is not reused during the call
        entry = stores[ids] = [owner, {}, 0]
    memo = entry[1]
    found = memo.get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[no-any-return]
    found = read()
    if entry[2] + size > limit:
        memo.clear()
        entry[2] = 0
    memo[key] = found
    entry[2] += size
    return found


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so 不低于 wins over 低于).

    Examples
    --------
    >>> alternation(["低于", "不低于", ""])
    '不低于|低于'
    """
    uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in uniq) if uniq else "(?!)"


def _trie_alt(words: Iterable[str]) -> str:
    """:func:`alternation` as a tree of shared beginnings ("万(?:吨|元)?" for 万, 万吨, 万元):
    for a case-sensitive pattern, the same matches, tried in the same order (the words that
    match at one position are the beginnings of one another, longest first), but a long list
    is no longer tried word by word at every position.

    Examples
    --------
    >>> _trie_alt(["万", "万元", "万吨", "家"])
    '万(?:元|吨)?|家'
    >>> [re.match(_trie_alt(["低于", "不低于"]), s)[0] for s in ("不低于5", "低于3")]
    ['不低于', '低于']
    """
    uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not uniq:
        return "(?!)"
    tree: dict[str, Any] = {}
    for w in uniq:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}     # a word ends here

    def alt(node: dict[str, Any]) -> str:
        # the children first (longer words), the end of a word last; a node with one
        # child and no end is a plain run of characters
        parts = [re.escape(ch) + alt(sub) for ch, sub in node.items() if ch]
        if not parts:
            return ""
        body = "|".join(parts)
        if "" in node:
            return "(?:" + body + ")?"
        return body if len(parts) == 1 else "(?:" + body + ")"

    return "|".join(re.escape(ch) + alt(sub) for ch, sub in tree.items())


def _group(words: Iterable[str]) -> str:
    return "(?:" + alternation(words) + ")"


class _Reader:
    """Typed access to the sections of a rules file, with errors naming the key."""

    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.data, self.source = data, source

    def _get(self, section: str, key: str) -> Any:
        try:
            return self.data[section][key]
        except (KeyError, TypeError):
            raise ValueError(f"{self.source}: missing [{section}] {key} = ...; "
                             "start from the packaged target_rules.toml.") from None

    def words(self, section: str, key: str) -> list[str]:
        value = self._get(section, key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{self.source}: [{section}] {key} must be a list of strings.")
        return value

    def optional_words(self, section: str, key: str) -> list[str]:
        """Like :meth:`words`, but an absent key is an empty list (keys added later)."""
        if key not in (self.data.get(section) or {}):
            return []
        return self.words(section, key)

    def text(self, section: str, key: str) -> str:
        value = self._get(section, key)
        if not isinstance(value, str):
            raise ValueError(f"{self.source}: [{section}] {key} must be a string.")
        return value

    def table(self, section: str, key: str) -> dict[str, Any]:
        value = self._get(section, key)
        if not isinstance(value, dict) or not value:
            raise ValueError(f"{self.source}: [{section}] {key} = {{...}} is missing or empty.")
        return value

    def pattern(self, key: str, groups: tuple[str, ...] = ()) -> re.Pattern[str]:
        text = self.text("patterns", key).replace("{HAN}", HAN)
        try:
            pat = re.compile(text)
        except re.error as exc:
            raise ValueError(f"{self.source}: [patterns] {key} is not a valid regex "
                             f"({exc}).") from None
        missing = [g for g in groups if g not in pat.groupindex]
        if missing:
            raise ValueError(f"{self.source}: [patterns] {key} needs the named group(s) "
                             + ", ".join(f"(?P<{g}>...)" for g in missing) + ".")
        return pat

    def template(self, section: str, key: str, fields: tuple[str, ...]) -> str:
        text = self.text(section, key)
        try:
            text.format(**dict.fromkeys(fields, ""))
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"{self.source}: [{section}] {key} may only use the fields "
                             + ", ".join("{" + f + "}" for f in fields) + f" ({exc}).") from None
        return text


def _time_extras(r: _Reader) -> dict[str, Any]:
    """The optional ``[time]`` rules (an absent key gives a rule that changes nothing)."""
    t = lambda key: r.optional_words("time", key)  # noqa: E731
    return {
        "year_label_after": tuple(t("label_after")),
        **_numeral_years(t("numeral_digits"), t("numeral_zero_variants")),
        "goals_set_before": tuple(t("goals_set_before")),
        "year_base_after": _optional(t("base_after"), lambda g: r"[^,;:。\n]{0,8}?" + g),
        "century": {str(k): int(v)
                    for k, v in (r.data.get("time") or {}).get("century", {}).items()},
        "counting_now": tuple(t("counting_now")),
        "since": tuple(t("since")),
        "now_frame": _optional(t("now_frames"), lambda g: r"[^,;。:\n]{0,16}?" + g),
        "relative_compared_with": re.compile(
            _group(t("relative_compared_with") or r.words("time", "compared_with")) + "$"),
        "from_change_after": _optional(t("from_change_after"), lambda g: "[ ]?(?:" + g + r"|\d)"),
    }


def _numeral_years(digits: list[str], zeros: list[str]) -> dict[str, Any]:
    """The ``numeral_year`` pattern and ``numeral_digits`` of ten digit characters (0 to 9)
    and the other characters written for 0; none when no digits are given."""
    digit_of = {ch: str(i) for i, ch in enumerate(digits)}
    digit_of.update({ch: "0" for ch in zeros} if digits else {})
    if not digit_of:
        return {"numeral_year": re.compile("(?!)"), "numeral_digits": ()}
    chars = "".join(re.escape(ch) for ch in digit_of)
    # a year, or the first year of a range ("一九九一—一九九五年"), after no digit character
    # (that test follows the first character, so that the search can skip to the digits)
    pat = re.compile(f"[{chars}](?<![{chars}][{chars}])[{chars}]{{3}}"
                     f"(?=年|[—\\-~][{chars}]{{4}}年)")
    return {"numeral_year": pat,
            "numeral_digits": tuple(sorted((ord(ch), d) for ch, d in digit_of.items()))}


def _optional_pattern(r: _Reader, key: str) -> re.Pattern[str]:
    """``[patterns] key``, or a pattern that never matches when the file has none."""
    return r.pattern(key) if key in (r.data.get("patterns") or {}) else re.compile("(?!)")


def _not_before(words: list[str]) -> str:
    """A look-ahead that fails when one of ``words`` follows ("" when there are none)."""
    return "(?!" + alternation(words) + ")" if words else ""


def _optional(words: list[str], wrap: Any = None) -> re.Pattern[str]:
    """A pattern of the word group, or one that never matches when there are no words."""
    if not words:
        return re.compile("(?!)")
    g = _group(words)
    return re.compile(wrap(g) if wrap else g)

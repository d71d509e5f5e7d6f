"""The theme dictionary: named term sets read from ``themes.toml`` or a user's own file.

A *theme* (talent, finance, platforms ...) is a :class:`~analysis.lexicon.TermSet` in an
editable TOML file: each ``[[theme]]`` has ``key``, ``zh``, ``en`` and ``terms`` (and
optionally ``tokens``, ``exclude``, ``patterns``); ``[dictionary] exclude`` lists contexts
excluded from every theme (agency names say who acts, not what the policy is about). A theme's
optional ``scope`` says what kind of policy its terms were written for: ``"S&T"`` (science and
technology innovation policy) or ``"general"`` (any policy).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from analysis.lexicon import TermSet, string_list, termsets_from_tables
from analysis.resources import read_toml

__all__ = ["HEADLINE_THEMES", "SCOPES", "ThemeDictionary", "load_themes"]

PathLike = str | os.PathLike[str]

#: The themes the notebooks compare first: talent, finance (科技金融) and platforms.
HEADLINE_THEMES = ("talent", "finance", "platforms")
#: What a theme's ``scope`` may say: written for S&T innovation policy, or for any policy.
SCOPES = ("S&T", "general")


@dataclass(frozen=True)
class ThemeDictionary:
    """The themes of a dictionary file, in file order.

    Examples
    --------
    >>> d = load_themes()
    >>> d["talent"].zh, d["finance"].en
    ('人才', 'Finance')
    """

    themes: tuple[TermSet, ...]
    source: str = "themes.toml"
    name: str = ""
    scopes: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> TermSet:
        for t in self.themes:
            if t.key == key:
                return t
        raise KeyError(f"no theme {key!r} in {self.source}; themes: {', '.join(self.keys)}")

    def __iter__(self) -> Iterator[TermSet]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.themes]

    def scope(self, key: str) -> str:
        """The theme's ``scope`` (``"S&T"``, ``"general"``, or ``""`` when the file gives none).

        Examples
        --------
        >>> d = load_themes()
        >>> d.scope("key_tech"), d.scope("digital")
        ('S&T', 'general')
        """
        i = self.keys.index(self[key].key)
        return self.scopes[i] if i < len(self.scopes) else ""

    def to_frame(self) -> pd.DataFrame:
        """One row per theme: ``key, zh, en, scope, n_terms``, in file order.

        Examples
        --------
        >>> t = load_themes().to_frame()
        >>> sorted(t.loc[t["scope"] == "S&T", "key"])[:3]
        ['collaboration', 'commercialisation', 'enterprise']
        """
        return pd.DataFrame({
            "key": self.keys, "zh": [t.zh for t in self.themes],
            "en": [t.en for t in self.themes], "scope": [self.scope(k) for k in self.keys],
            "n_terms": [len(t.all_terms()) + len(t.patterns) for t in self.themes]})

    def terms(self) -> list[str]:
        """Every term and token term of every theme (sorted, unique)."""
        return sorted({t for th in self.themes for t in th.all_terms()})

    def lookup(self, name: str) -> TermSet | None:
        """The theme whose key, Chinese or English name is ``name`` (None if there is none).

        Examples
        --------
        >>> load_themes().lookup("科技金融").key
        'finance'
        """
        return next((t for t in self.themes if name in (t.key, t.zh, t.en)), None)


def load_themes(path: PathLike | ThemeDictionary = "themes.toml") -> ThemeDictionary:
    """Read a theme dictionary: the packaged ``themes.toml`` or your own file.

    Each ``[[theme]]`` needs ``key``, ``zh``, ``en`` and ``terms``; ``exclude``,
    ``tokens`` and ``scope`` (one of :data:`SCOPES`) are optional (see the packaged file's
    header for what they do).

    Examples
    --------
    >>> d = load_themes()
    >>> len(d) >= 15 and "talent" in d.keys
    True
    """
    if isinstance(path, ThemeDictionary):
        return path
    data = read_toml(path)
    tables = data.get("theme")
    if not isinstance(tables, list) or not tables:
        raise ValueError(f"{path}: no [[theme]] tables; each theme is a [[theme]] with key, "
                         "zh, en and terms.")
    head = data.get("dictionary", {})
    if not isinstance(head, dict):
        raise ValueError(f"{path}: [dictionary] must be a table (name, exclude).")
    common = string_list(head.get("exclude"), where=f"{path}: [dictionary]", name="exclude")
    themes = termsets_from_tables(tables, source=str(path), what="theme", exclude=common)
    scopes = []
    for i, t in enumerate(tables):
        scope = t.get("scope", "")
        if scope and scope not in SCOPES:
            raise ValueError(f"{path}: theme #{i + 1} ({t.get('key', '?')}): scope {scope!r} "
                             f"must be one of {', '.join(SCOPES)} (or left out).")
        scopes.append(str(scope))
    return ThemeDictionary(themes, source=str(path), name=str(head.get("name", "")),
                           scopes=tuple(scopes))

"""Government units of task tables: names, and who leads and cooperates with whom.

Task tables write the same unit in many ways (市科学技术局, 科技局, 市科技局(牵头)).
:func:`normalize_unit` maps each to one short standard name with an ``alias,unit`` file
(:func:`load_unit_aliases`, packaged ``units.csv``); :func:`split_units` splits a unit cell
into such names. From the responsibilities of a task table
(:func:`~analysis.structure.tasks.responsibilities`), :func:`agency_table` counts how often
each unit leads and cooperates and :func:`agency_edges` links lead and cooperating units.
"""

from __future__ import annotations

import csv
import os
import re

import pandas as pd

from analysis.resources import resource_text
from analysis.structure.roles import ROLE_PREFIX
from analysis.structure.rules import DEFAULT_RULES, RulesLike, load_structure_rules

__all__ = [
    "AGENCY_COLUMNS",
    "AGENCY_EDGE_COLUMNS",
    "DEFAULT_UNITS",
    "agency_edges",
    "agency_table",
    "load_unit_aliases",
    "normalize_unit",
    "split_units",
]

#: The packaged unit alias file.
DEFAULT_UNITS = "units.csv"
#: The columns of :func:`agency_table`.
AGENCY_COLUMNS: tuple[str, ...] = ("doc_id", "unit", "n_lead", "n_cooperate", "n_measures",
                                   "lead_share")
#: The columns of :func:`agency_edges`.
AGENCY_EDGE_COLUMNS: tuple[str, ...] = ("doc_id", "source", "target", "relation", "weight",
                                        "clause_ids")

_UNIT_SPLIT = re.compile(r"[、,，;；/\s]+")
_UNIT_NOTE = re.compile(r"[(（][^)）]*[)）]")


def load_unit_aliases(source: str | os.PathLike[str] = DEFAULT_UNITS) -> dict[str, str]:
    """Read an ``alias,unit`` CSV (packaged name or your own path); ``#`` lines are notes.

    Parameters
    ----------
    source : str or path
        ``"units.csv"`` (the packaged file) or the path of your own file, which needs the
        header ``alias,unit``.

    Returns
    -------
    dict
        ``{alias: standard unit name}``.

    Examples
    --------
    >>> load_unit_aliases()["市科学技术局"]
    '市科技局'
    """
    lines = [ln for ln in resource_text(source).splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or not {"alias", "unit"} <= set(reader.fieldnames):
        raise ValueError(f"{source}: a unit alias file needs the columns alias,unit "
                         f"(found {reader.fieldnames}); fix its header row.")
    return {r["alias"].strip(): r["unit"].strip() for r in reader
            if r.get("alias") and r.get("unit")}


def normalize_unit(name: str, aliases: dict[str, str] | None = None, *,
                   rules: RulesLike = DEFAULT_RULES) -> str:
    """One unit name in its standard short form (``市科学技术局`` → ``市科技局``).

    Notes in brackets (``(牵头)``), a trailing ``等`` and punctuation are dropped; a name
    without its level (``科技局``) is completed when the level prefix + name (``市科技局``) is
    a known unit.

    Parameters
    ----------
    name : str
        A unit name as a task table writes it.
    aliases : dict, optional
        ``{alias: unit}`` (default: :func:`load_unit_aliases` of the packaged
        ``units.csv``).
    rules : str, path or StructureRules, keyword-only
        The trailing words and the level prefixes (``[units]`` of ``structure.toml``).

    Examples
    --------
    >>> normalize_unit("科技局"), normalize_unit("市发展和改革委员会(牵头)")
    ('市科技局', '市发改委')
    """
    rules = load_structure_rules(rules)
    aliases = load_unit_aliases() if aliases is None else aliases
    s = _UNIT_NOTE.sub("", name).strip(" 。.,，;；:：")
    s = rules.unit_trailing.sub("", s)
    if s in aliases:
        return aliases[s]
    known = set(aliases.values())
    for prefix in rules.unit_prefixes:
        if not s.startswith(prefix) and f"{prefix}{s}" in known:
            return f"{prefix}{s}"
    return s


def split_units(cell: str, aliases: dict[str, str] | None = None, *,
                rules: RulesLike = DEFAULT_RULES) -> list[str]:
    """Split a unit cell on ``、`` (and commas, spaces) into normalised unit names, in order,
    without duplicates.

    A role label before the names (``牵头单位:``) is dropped, and so are cells that name
    no unit (``无``). ``aliases`` and ``rules`` are as in :func:`normalize_unit`.

    Examples
    --------
    >>> split_units("市发改委、市政府国资委、财政局")
    ['市发改委', '市政府国资委', '市财政局']
    """
    rules = load_structure_rules(rules)
    aliases = load_unit_aliases() if aliases is None else aliases
    cell = ROLE_PREFIX.sub("", cell.strip())
    out: list[str] = []
    for part in _UNIT_SPLIT.split(cell):
        unit = normalize_unit(part, aliases, rules=rules) if part.strip() else ""
        if unit and unit not in out and unit not in rules.empty_units:
            out.append(unit)
    return out


def agency_table(resp: pd.DataFrame) -> pd.DataFrame:
    """How often each unit leads and cooperates on the measures of a task table.

    Parameters
    ----------
    resp : DataFrame
        From :func:`~analysis.structure.tasks.responsibilities`.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, unit, n_lead, n_cooperate, n_measures, lead_share`` (``n_measures``:
        measures the unit is named in; ``lead_share``: n_lead / n_measures), sorted by
        document, then by ``n_measures`` and ``n_lead`` (descending) and unit name.

    Examples
    --------
    >>> from analysis import clause_table, load_corpus, responsibilities
    >>> r = responsibilities(clause_table(load_corpus().subset(["jiayuguan_2020"])))
    >>> agency_table(r).head(1)[["unit", "n_lead", "n_cooperate"]].to_dict("records")
    [{'unit': '市科技局', 'n_lead': 15, 'n_cooperate': 3}]
    """
    rows = []
    for doc_id in dict.fromkeys(resp["doc_id"]):
        sub = resp.loc[resp["doc_id"] == doc_id]
        lead: dict[str, int] = {}
        coop: dict[str, int] = {}
        for leads, coops in zip(sub["lead_units"], sub["cooperating_units"], strict=True):
            for u in set(leads):
                lead[u] = lead.get(u, 0) + 1
            for u in set(coops) - set(leads):
                coop[u] = coop.get(u, 0) + 1
        for u in set(lead) | set(coop):
            nl, nc = lead.get(u, 0), coop.get(u, 0)
            rows.append({"doc_id": doc_id, "unit": u, "n_lead": nl, "n_cooperate": nc,
                         "n_measures": nl + nc, "lead_share": nl / (nl + nc)})
    df = pd.DataFrame(rows, columns=list(AGENCY_COLUMNS))
    if df.empty:
        return df
    order = {d: i for i, d in enumerate(dict.fromkeys(resp["doc_id"]))}
    df["_o"] = df["doc_id"].map(order)
    df = df.sort_values(["_o", "n_measures", "n_lead", "unit"],
                        ascending=[True, False, False, True]).drop(columns="_o")
    return df.reset_index(drop=True)


def agency_edges(resp: pd.DataFrame) -> pd.DataFrame:
    """Lead → cooperate and co-lead links between units, ready for a network figure.

    ``relation`` is ``"lead-cooperate"`` (``source`` leads a measure on which ``target``
    cooperates) or ``"co-lead"`` (both lead it; ``source`` < ``target``). ``weight`` counts
    the measures; ``clause_ids`` lists them.

    Parameters
    ----------
    resp : DataFrame
        From :func:`~analysis.structure.tasks.responsibilities`.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, target, relation, weight, clause_ids``, sorted by document,
        relation, weight (descending), source, target.

    Examples
    --------
    >>> from analysis import clause_table, load_corpus, responsibilities
    >>> r = responsibilities(clause_table(load_corpus().subset(["jiayuguan_2020"])))
    >>> e = agency_edges(r)
    >>> e.head(1)[["source", "target", "weight"]].to_dict("records")
    [{'source': '市科技局', 'target': '市工信局', 'weight': 11}]
    """
    acc: dict[tuple[str, str, str, str], list[str]] = {}
    for r in resp.itertuples(index=False):
        leads = list(dict.fromkeys(r.lead_units))
        for src in leads:
            for tgt in dict.fromkeys(r.cooperating_units):
                if tgt != src and tgt not in leads:
                    acc.setdefault((r.doc_id, src, tgt, "lead-cooperate"), []).append(
                        r.clause_id)
        for i, a in enumerate(leads):
            for b in leads[i + 1:]:
                s, t = sorted((a, b))
                acc.setdefault((r.doc_id, s, t, "co-lead"), []).append(r.clause_id)
    rows = [{"doc_id": d, "source": s, "target": t, "relation": rel, "weight": len(ids),
             "clause_ids": ids} for (d, s, t, rel), ids in acc.items()]
    df = pd.DataFrame(rows, columns=list(AGENCY_EDGE_COLUMNS))
    if df.empty:
        return df
    order = {d: i for i, d in enumerate(dict.fromkeys(resp["doc_id"]))}
    df["_o"] = df["doc_id"].map(order)
    df["_r"] = (df["relation"] != "lead-cooperate").astype(int)
    df = df.sort_values(["_o", "_r", "weight", "source", "target"],
                        ascending=[True, True, False, True, True]).drop(columns=["_o", "_r"])
    return df.reset_index(drop=True)

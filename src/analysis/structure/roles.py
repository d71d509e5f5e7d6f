"""Role labels of task-decomposition tables, read from ``resources/roles.toml``.

Examples
--------
>>> LEAD_ROLES[0], COOPERATE_ROLES[0]
('牵头单位', '配合单位')
>>> ROLE_PREFIX.sub("", "配合单位:市财政局")
'市财政局'
"""

from __future__ import annotations

import re

from analysis.resources import read_toml

__all__ = [
    "COOPERATE_ROLES",
    "LEAD_ROLES",
    "ROLE_COOPERATE",
    "ROLE_LABELS",
    "ROLE_LEAD",
    "ROLE_PREFIX",
]

_ROLES = read_toml("roles.toml")

#: Labels naming the unit that leads a measure (牵头单位, 责任单位 ...).
LEAD_ROLES: tuple[str, ...] = tuple(_ROLES["lead"])
#: Labels naming the units that cooperate (配合单位, 协办单位 ...).
COOPERATE_ROLES: tuple[str, ...] = tuple(_ROLES["cooperate"])
#: Every role label.
ROLE_LABELS: tuple[str, ...] = LEAD_ROLES + COOPERATE_ROLES
#: The label the clause parser gives lead and cooperating unit clauses.
ROLE_LEAD, ROLE_COOPERATE = LEAD_ROLES[0], COOPERATE_ROLES[0]
#: A role label and its colon at the start of a line or cell (``牵头单位:``); group 1 is
#: the label.
ROLE_PREFIX: re.Pattern[str] = re.compile(
    r"^(" + "|".join(map(re.escape, ROLE_LABELS)) + r")\s*[:：]\s*")

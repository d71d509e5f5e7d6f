"""Role labels of task tables (analysis.structure.roles, from resources/roles.toml)."""

from __future__ import annotations

from analysis.structure.roles import (
    COOPERATE_ROLES,
    LEAD_ROLES,
    ROLE_COOPERATE,
    ROLE_LABELS,
    ROLE_LEAD,
    ROLE_PREFIX,
)


def test_role_labels():
    assert (ROLE_LEAD, ROLE_COOPERATE) == ("牵头单位", "配合单位")
    assert "责任单位" in LEAD_ROLES and "协办单位" in COOPERATE_ROLES
    assert ROLE_LABELS == LEAD_ROLES + COOPERATE_ROLES


def test_role_prefix():
    m = ROLE_PREFIX.match("责任单位 : 市科技局")
    assert m and m.group(1) == "责任单位" and "责任单位 : 市科技局"[m.end():] == "市科技局"
    assert ROLE_PREFIX.match("牵头单位要加强") is None

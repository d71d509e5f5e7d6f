"""Word orders and forms a rule must still find: funding given after the project it pays
for, a budget named, a building done in the passive or as a noun, and the networks,
mechanisms and standards named around them (literal clauses, each with its contrast)."""

from __future__ import annotations

import pytest

from tests.instruments.conftest import assert_codes


@pytest.mark.parametrize("text, absent, present", [
    # the project named first, the support given after it (对…项目，给予…支持)
    ("对承担国家科技计划项目的企业，按1:1给予配套支持。", None, "科技资金投入"),
    ("对认定为省级以上的重大科技项目，一次性给予最高200万元支持。", None, "科技资金投入"),
    # the budget a measure is paid from
    ("所需工作经费由市财政统筹安排。", None, "科技资金投入"),
    ("给予项目资金支持。", None, "科技资金投入"),
    # a project named before a verb other than 给予 is no money put in
    ("组织填写项目申报表。", "科技资金投入", None),
])
def test_funding_given_after_the_project(text, absent, present):
    assert_codes(text, absent=absent, present=present)

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


@pytest.mark.parametrize("text, absent, present", [
    # an optical network built is infrastructure, whatever kind of network it is
    ("加快推进工业光网建设。", None, "科技基础设施建设"),
    # the technical requirements set for an application are regulated, not demonstrated,
    # however the application is worded before them
    ("明确人工智能在医疗、交通、教育应用等方面的技术要求。", "应用示范", "法规管制"),
    ("规范人工智能在机器人领域应用的技术要求。", "应用示范", "法规管制"),
    ("推动人工智能在研发设计等环节的创新应用。", None, "应用示范"),
])
def test_networks_built_and_requirements_set(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # an application named in a list of standards' subjects, or the scenario that needs
    # equipment, puts no technology to use
    ("研究制定工业互联网应用、平台安全等技术指南。", "应用示范", None),
    ("制定人工智能应用、数据安全等技术规范。", "应用示范", "法规管制"),
    ("丰富应用场景的巡检机器人、无人机等技术装备。", "应用示范", None),
    # technologies listed and applied still are
    ("应用约束理论、寻优算法等技术。", None, "应用示范"),
    ("运用大数据、云计算等新一代信息技术。", None, "应用示范"),
])
def test_standards_lists_are_no_technology_applied(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a carrier set up in the passive or named as the work (组建, 创建工作)
    ("公共服务平台由市科技局牵头搭建。", None, "科技基础设施建设"),
    ("加快推进重点实验室组建。", None, "科技基础设施建设"),
    ("推进国家新型工业化产业示范基地创建工作。", None, "科技基础设施建设"),
    # a carrier named as the subject of another act is not
    ("各级平台监管部门建立资源内容审核机制。", "科技基础设施建设", None),
])
def test_carriers_set_up_in_the_passive_or_as_a_noun(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a research body set up, or listed among carriers built, is infrastructure
    ("鼓励规模以上企业建立研发机构等研发组织。", None, "科技基础设施建设"),
    ("加快技术创新中心、新型研发机构等建设。", None, "科技基础设施建设"),
    # new-type research bodies closing a list of actors are not
    ("支持高校、科研院所、新型研发机构等探索人工智能应用场景。", "科技基础设施建设", None),
    ("鼓励科技类社会组织、新型研发机构等开展场景创新实践。", "科技基础设施建设", None),
])
def test_research_bodies_set_up_but_not_listed_as_actors(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # mechanisms that monitor, warn, report or assess risks are rules of supervision
    ("健全事件事故报告与研判机制。", None, "法规管制"),
    ("建立产业链供应链风险监测预警机制。", None, "法规管制"),
    ("建立资源内容安全监测通报机制。", "策略性措施", "法规管制"),
])
def test_monitoring_and_warning_mechanisms_are_regulation(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # an obligation written 应按 (as required, as the plan says) is a rule like 应按照;
    # 相应按 (accordingly) is none
    ("应按要求装设生态流量监测设备设施。", None, "法规管制"),
    ("应按设计要求配置保护设备。", None, "法规管制"),
    ("相应按比例分配名额。", "法规管制", None),
])
def test_an_obligation_written_ying_an_is_a_rule(text, absent, present):
    assert_codes(text, absent=absent, present=present)

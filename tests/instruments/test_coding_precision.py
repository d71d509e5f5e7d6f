"""Contexts where a tool's word names no tool: providers, fields, machine functions, a
firm's plant network, actors listed, offices and supervision mechanisms (literal
clauses, each with the case that still codes)."""

from __future__ import annotations

import pytest

from tests.instruments.conftest import assert_codes


@pytest.mark.parametrize("text, absent, present", [
    # a provider named (云服务提供商) is no service given, and financing
    # services are finance
    ("鼓励设备制造商、云服务提供商、数字化转型企业等联合攻关。", "公共服务", None),
    ("引导金融机构为数字技术企业提供全方位融资服务。", "公共服务", "金融支持"),
    ("为中小企业提供技术咨询服务。", None, "公共服务"),
])
def test_providers_and_financing_services_are_no_public_service(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # planning as a machine function and security facilities planned with a system
    ("同步规划、同步建设和同步运行网络安全设施。", "目标规划", None),
    ("编制交通运输信息化发展规划。", None, "目标规划"),
])
def test_machine_planning_and_synchronous_building_are_no_plan(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a firm's plant network and research bodies listed as actors are no infrastructure
    ("支持企业以工业无源光网络、工业以太网等技术改造生产现场网络。", "科技基础设施建设", None),
    ("支持高校、科研院所、新型研发机构等探索人工智能应用场景。", "科技基础设施建设", None),
    ("深入推进5G网络、千兆光网规模化部署。", None, "科技基础设施建设"),
    ("支持联合共建新型研发机构。", None, "科技基础设施建设"),
])
def test_plant_networks_and_listed_actors_are_no_infrastructure(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # information services named as a field or a system are no information given
    ("加快综合运输、物流信息服务等领域的标准制修订。", "科技信息支持", "法规管制"),
    ("推进政务数据共享。", None, "科技信息支持"),
])
def test_information_services_named_are_no_information_support(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # an office that acts, supervision mechanisms, exchange as a principle
    ("本规范由网络安全和信息化领导小组办公室负责解释。", "策略性措施", None),
    ("各级监管部门建立资源内容审核问责机制。", "策略性措施", "法规管制"),
    ("建立资源内容安全监测通报机制。", "策略性措施", None),
    ("积极推动数字领域多边交流与合作。", "策略性措施", None),
    ("成立人工智能发展领导小组。", None, "策略性措施"),
    ("建立产学研协同创新机制。", None, "策略性措施"),
])
def test_offices_supervision_mechanisms_and_exchange_are_no_strategy(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # application as what a standard covers is regulated, not demonstrated
    ("规范人工智能在机器人领域应用的技术要求。", "应用示范", "法规管制"),
    ("发挥关键技术标准在行业应用标准制定中的指导作用。", "应用示范", "法规管制"),
    ("推动人工智能在机器人领域的深度应用。", None, "应用示范"),
])
def test_application_covered_by_a_standard_is_no_demonstration(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # international standing as an aim names no foreign partner
    ("培育一批具有国际影响力的领军企业。", "海外机构管理", None),
    ("打造一批具有国际竞争力的企业。", "海外机构管理", None),
    ("支持企业与国外高校共建研发中心。", None, "海外机构管理"),
])
def test_international_standing_is_no_overseas_institution(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # technologies listed and applied; a standard's technical requirements are not
    ("构建企业资源管理系统,应用约束理论、寻优算法和专家系统等技术,实现生产计划优化。", None,
     "应用示范"),
    ("规范智能体基本功能、应用架构等技术要求。", "应用示范", "法规管制"),
])
def test_technologies_listed_and_applied(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # 建立, 搭建 … build what follows them; a platform named before is the subject
    ("各级平台监管部门建立资源内容审核问责机制。", "科技基础设施建设", None),
    ("发挥国家数据共享交换平台的支撑作用,建立健全共享责任清单机制。", "科技基础设施建设", None),
    ("建立交通运输数据共享平台。", None, "科技基础设施建设"),
    ("加快工业互联网平台建设。", None, "科技基础设施建设"),
])
def test_a_carrier_before_the_verb_is_not_built(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a project named before the verb is not what the verb gives
    ("企业根据自身需求,填写创新项目申报表。", "科技资金投入", None),
    ("对入选企业给予项目资金支持。", None, "科技资金投入"),
])
def test_funds_follow_their_verb(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # import substitution is a product aim, no trade control
    ("支持能替代进口的首台(套)装备和关键核心部件。", "贸易管制", None),
    ("扩大高新技术产品出口。", None, "贸易管制"),
])
def test_import_substitution_is_no_trade_control(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a named technology used as the means of a task is applied; a technology area and what
    # a product is based on are not
    ("木材加工利用。利用知识智能化技术，打造无人化生产车间。", None, "应用示范"),
    ("竹藤与花卉产业。通过人工智能种植技术，调整种植方案。", None, "应用示范"),
    ("有效解决老年人在运用智能技术方面遇到的困难。", "应用示范", None),
    ("本审评要点适用于利用全玻片数字扫描技术的病理图像分析软件。", "应用示范", None),
    ("湿地生态系统保护。利用下一代多媒体智能技术，推进湿地监测智能化。", None, "应用示范"),
])
def test_a_technology_used_as_the_means_is_applied(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a mechanism that reports, reviews or responds to incidents is a rule; one that supervises or
    # protects is no strategy; one that coordinates is
    ("企业健全事件事故报告与研判机制。", None, "法规管制"),
    ("建立突发事件应急响应机制。", None, "法规管制"),
    ("完善安全监管机制。", "策略性措施", "法规管制"),
    ("健全网络安全防护机制。", "策略性措施", "法规管制"),
    ("建立部门协调机制。", "法规管制", "策略性措施"),
])
def test_reporting_review_and_recall_mechanisms_are_rules(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # planning as a manner of doing a task or as one item of a list makes no plan
    ("全市统筹规划，区市分布实施，加大超算中心扩容。", "目标规划", None),
    ("本标准适用于机构开展智能制造的研究、规划、实施、评估和维护等。", "目标规划", None),
    ("编制全省数字经济发展规划。", None, "目标规划"),
])
def test_planning_as_a_manner_or_a_list_item_is_no_plan(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # information systems and dedicated networks built are infrastructure; a firm's plant
    # management system is not
    ("加强监督监测分析类信息系统建设。", None, "科技基础设施建设"),
    ("建设和完善覆盖四级法院的法院专网。", None, "科技基础设施建设"),
    ("建设设备健康管理系统，调整优化设备运行参数。", "科技基础设施建设", None),
])
def test_information_systems_and_networks_built_are_infrastructure(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a special fund or programme named by what it pays is funding; a special campaign,
    # inspection, analysis or committee is not
    ("开展“模型赋能·数据驱动”等专项推广行动。", "科技资金投入", None),
    ("运用大数据技术开展专项分析，为宏观决策提供支撑。", "科技资金投入", None),
    ("协助制定专项检查方案。", "科技资金投入", None),
    ("用好技术改造专项及绿色信贷等政策。", None, "科技资金投入"),
    ("设立数字经济发展专项资金。", None, "科技资金投入"),
])
def test_a_special_campaign_is_no_special_fund(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # the rules cited as the basis of a payment make no rule
    ("市财政局及时按有关规定下达补贴资金。", "法规管制", "科技资金投入"),
    ("按照创新券、大型仪器共享券相关规定给予补助。", "法规管制", "科技资金投入"),
    ("制定数据安全管理规定。", None, "法规管制"),
])
def test_rules_cited_as_a_basis_make_no_rule(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a technology developed or advanced, or a generic verb far from the technology word, is
    # no technology applied
    ("坚持产学研结合推进人工智能关键技术攻关。", "应用示范", None),
    ("通过自主研发掌握区块链底层技术。", "应用示范", None),
    ("通过发展数字经济带动技术进步。", "应用示范", None),
    ("通过智能制造推动技术改造升级。", "应用示范", None),
    ("结合人工智能、大数据等技术，提升监管效能。", None, "应用示范"),
])
def test_a_technology_developed_is_no_technology_applied(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a mechanism that coordinates, reserves, recruits or shares is no rule, even next to
    # 应急, 预警 or 报告; two rule words joined by 与 are
    ("建立应急产业发展协调机制。", "法规管制", "策略性措施"),
    ("建立应急物资储备保障机制。", "法规管制", None),
    ("建立人才需求预警与引进机制。", "法规管制", None),
    ("建立研究报告共享机制。", "法规管制", None),
    ("建立应急管理机制，具备及时处置突发事件的能力。", None, "法规管制"),
    ("建立风险监测预警机制。", None, "法规管制"),
])
def test_coordination_and_reserve_mechanisms_are_no_rules(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a plan listed with other documents or tasks is a plan; planning listed among
    # activities is not
    ("出台相关政策、规划和标准。", None, "目标规划"),
    ("抓战略、抓规划、抓政策。", None, "目标规划"),
    ("推进湿地规划、保护、监测和管理智能化。", "目标规划", None),
])
def test_a_plan_listed_with_documents_is_a_plan(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a network of services or shops and a firm's own information system are no
    # infrastructure; a court network built and a public information system are
    ("建设县乡村三级医疗服务网络体系。", "科技基础设施建设", None),
    ("健全基层农技推广网络体系建设。", "科技基础设施建设", None),
    ("建设覆盖全省的公共法律服务网络体系。", "科技基础设施建设", None),
    ("完善农村寄递物流网络体系建设。", "科技基础设施建设", None),
    ("支持企业建设ERP等信息系统。", "科技基础设施建设", None),
    ("建设和完善人民法院网络体系。", None, "科技基础设施建设"),
    ("加快推进重要信息管理系统建设。", None, "科技基础设施建设"),
    ("建设覆盖全国路网的道路交通地理信息系统。", None, "科技基础设施建设"),
])
def test_service_networks_and_firms_systems_are_no_infrastructure(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # the major S&T programme is funding, its results are not; rules made are rules, rules
    # cited as the basis of a measure are not
    ("积极承担国家科技重大专项任务。", None, "科技资金投入"),
    ("组织实施重大专项课题。", None, "科技资金投入"),
    ("衔接国家科技重大专项成果，搭建场景数据库。", "科技资金投入", None),
    ("研究制定人工智能伦理相关规定。", None, "法规管制"),
    ("抓紧制定数据出境有关规定。", None, "法规管制"),
    ("依据相关规定给予企业补助。", "法规管制", "科技资金投入"),
])
def test_major_programmes_fund_and_rules_made_are_rules(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a product or firm already on the market and a market authorisation are no listing;
    # firms helped to list are
    ("性能或安全性与已上市同类产品比较有根本性改进。", "金融支持", None),
    ("综合分析品种安全信息、上市许可持有人信用信息。", "金融支持", None),
    ("支持有条件的大模型企业上市。", None, "金融支持"),
    ("对已上市企业给予奖励。", None, "金融支持"),
    ("已上市企业实施并购重组的，给予最高200万元奖励。", None, "金融支持"),
    # a third party named among actors is no outsourcing; its services bought, or its
    # evaluation brought in, are
    ("联合行业协会、科研院所和第三方机构等，促进产学研用结合。", "服务外包", None),
    ("辅助监管人员进行网络交易第三方平台线下飞行检查。", "服务外包", None),
    ("通过政府采购云计算、大数据等专业化第三方服务。", None, "服务外包"),
    ("引入第三方评估机构开展绩效评价。", None, "服务外包"),
    ("建立市场化和第三方评价机制。", None, "服务外包"),
    ("引入第三方机构开展评估。", None, "服务外包"),
    ("由第三方机构对项目实施情况进行评估。", None, "服务外包"),
    ("开展第三方审计。", None, "服务外包"),
    ("通过第三方平台销售产品。", "服务外包", None),
])
def test_a_product_on_the_market_and_a_third_party_named_are_no_tools(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a mechanism that assesses, maintains or notifies is a rule, not a strategy; one that
    # reforms or coordinates still is
    ("建立并完善监督考评机制。", "策略性措施", "法规管制"),
    ("建立标准体系动态维护机制。", "策略性措施", None),
    ("企业建立面向用户的告知机制。", "策略性措施", None),
    ("建立统一的科技计划项目绩效评价机制。", "策略性措施", "法规管制"),
    ("创新项目攻关组织机制。", None, "策略性措施"),
    # an assessment mechanism reformed (talent evaluation) or set up is a strategy, whether
    # it is called 考核机制 or 考核评价机制
    ("改革完善科技人才考核机制，实行代表性成果评价。", None, "策略性措施"),
    ("建立健全考核评价机制。", None, "策略性措施"),
    ("建立科技创新考核机制。", None, "策略性措施"),
])
def test_a_mechanism_that_assesses_or_maintains_is_no_strategy(text, absent, present):
    assert_codes(text, absent=absent, present=present)

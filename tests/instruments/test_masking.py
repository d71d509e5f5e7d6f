"""How far the subordinate phrases of ``[rules] subordinate`` and the exclusions reach: a
measure stated beside a goal year, a gap, a cited title or a form item keeps its code; a
purpose preamble, the units named to carry out a task, the beneficiary of 为…提供支撑 and a
result after a comma code nothing, the result only where the clause keeps another code
(``[rules] secondary``)."""

from __future__ import annotations

import pytest

from analysis.instruments import instrument_hits
from tests.instruments.conftest import assert_codes, units_of


@pytest.mark.parametrize("text, present", [
    # a measure verb after the goal year states what is done, not a result to reach
    ("到2025年，市财政每年安排1亿元专项资金，对新建5G基站给予每个1万元补贴。", "科技资金投入"),
    # a deadline (年底前, 年N月) is no goal year
    ("到2025年底前，各区要出台配套政策，建立工作机制。", "策略性措施"),
    ("到2025年6月，设立产业引导基金。", "金融支持"),
    # an attributive 亟待… names what the measure is for, not a gap
    ("设立专项资金支持亟待突破的关键核心技术攻关。", "科技资金投入"),
    # a title the clause makes, issues or puts in force
    ("研究制订《数据安全标准》。", "法规管制"),
    ("发布实施《数据安全标准》。", "法规管制"),
    ("颁布《数据安全标准》。", "法规管制"),
    # a form named in a clause that goes on to a measure
    ("企业提交申报书后，经专家评审，择优给予最高500万元资助。", "科技资金投入"),
    # the object of a subsidy masks only the text before the measure
    ("(一)支持对象：在本市注册的企业，给予最高100万元补贴。", "科技资金投入"),
    # 多元标准 is a standard, not an amount per person
    ("制定多元标准体系。", "法规管制"),
])
def test_measures_beside_subordinate_phrases_keep_their_codes(text, present):
    assert_codes(text, absent=None, present=present)


@pytest.mark.parametrize("text, absent", [
    # a goal clause without a measure verb is still masked after its year
    ("到2025年，全市数据中心形成布局合理的基础设施格局，数据安全保障能力稳步提升。",
     "科技基础设施建设"),
    # a gap that ends the clause is still masked
    ("标准体系亟待完善。", "法规管制"),
    # a title cited is still a basis, not a tool
    ("贯彻《数据安全标准》。", "法规管制"),
    # a title reported as issued before (出台了《…》) is a result reviewed, not a tool
    ("去年出台了《人才公寓管理办法》。", "法规管制"),
    # a form item alone and an amount per person are still no tool
    ("2.企业算力补贴申报书（一式三份）。", "科技资金投入"),
    # listed firms as the population of a statistic are no listing helped
    ("科创板已上市新兴产业企业中，数字企业占比接近40%。", "金融支持"),
    ("按每人最高5千元标准给予企业一次性培训费补贴。", "法规管制"),
])
def test_subordinate_phrases_alone_stay_masked(text, absent):
    assert_codes(text, absent=absent, present=None)


@pytest.mark.parametrize("text", [
    "引入第三方机构为企业提供融资担保服务。",
    "引入竞争机制推动企业转型升级。",
    "引进第三方机构向企业提供检测服务。",
])
def test_a_firm_served_or_pushed_after_an_agent_brought_in_is_no_firm_attracted(text):
    hits = instrument_hits(units_of(text))
    assert not [t for t in hits["term"] if "引" in str(t)]
    assert "策略性措施" not in set(hits["instrument"])


@pytest.mark.parametrize("text, absent, present", [
    # a purpose preamble (为…,特制定本…) says why the document was made, not what it does;
    # a measure after it, or a 为… that goes on to a measure, keeps its code
    ("为深入实施工业互联网创新发展战略,推动制造业数字化转型,特制定本行动计划。", "目标规划", None),
    ("第一条 为规范示范煤矿管理,按照有关规定,制定本办法。", "法规管制", None),
    ("为加快发展,特制定本办法。设立产业引导基金。", None, "金融支持"),
    ("为加快工业互联网发展,设立产业引导基金。", None, "金融支持"),
    # the units named to carry out a task (责任单位:…) are offices, not tools
    ("设立工业互联网基金。(责任单位:省地方金融监管局、省财政厅)", "法规管制", "金融支持"),
    ("加强资金监管。(责任单位:省财政厅)", None, "法规管制"),
    # the beneficiary of 为…提供支撑/支持 is what the support serves, not a tool
    ("建立数据平台,为监管决策提供有力支持。", "法规管制", "科技基础设施建设"),
    ("为企业提供融资支持。", None, "金融支持"),
    # a result after a comma (…,提升…水平/能力/效率) is what a measure is for
    ("建设行业大数据平台,提升监管效率。", "法规管制", "科技基础设施建设"),
    ("完善监管制度,提升产业发展水平。", None, "法规管制"),
])
def test_purpose_preambles_offices_and_results_are_not_tools(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, present", [
    # a result phrase that holds the clause's only evidence is the tool, not a result
    ("严厉打击侵权假冒行为,提高知识产权保护水平。", "知识产权保护"),
    ("各地要结合实际,提高政府采购中小企业产品比例和质量。", "政府采购"),
    ("加强协调配合,促进科技与金融深度融合发展。", "金融支持"),
    # 为 opening the clause names what is provided for, not a beneficiary beside a measure
    ("为中小企业融资提供支持。", "金融支持"),
    ("(三)为中小企业融资提供支持。", "金融支持"),
    # a purpose preamble ends at the colon or line break that opens the first measure
    ("为加快科技创新,现就有关事项通知如下:各区县设立科技创新专项资金。", "科技资金投入"),
    ("为加快科技创新,现就有关事项通知如下\n各区县设立科技创新专项资金。", "科技资金投入"),
    # 制定本市/本地区… (without 特 or 现) is a task, not the document made
    ("为推进数字政府建设,制定本市数字政府建设标准规范。", "法规管制"),
    ("为规范数据管理,制定本地区数据安全管理办法。", "法规管制"),
])
def test_a_result_a_beneficiary_or_a_preamble_that_is_the_tool_keeps_its_code(text, present):
    assert_codes(text, absent=None, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # the result is masked where the clause keeps another code outside it
    ("深化校企合作,提高人才培养质量。", "教育培训", "策略性措施"),
    # units named with a unit in brackets inside the brackets
    ("设立工业互联网基金。(责任单位:省发展改革委(省能源局)、省地方金融监管局)", "法规管制",
     "金融支持"),
    ("设立工业互联网基金。（责任单位：省发展改革委（省能源局）、省地方金融监管局）", "法规管制",
     "金融支持"),
    # a preamble made with 特/现 still masks to its sentence end
    ("为规范数据管理,特制定本办法。", "法规管制", None),
])
def test_secondary_results_and_nested_units_are_masked(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # the items a standard or function covers (包括…、…等标准/功能) are its contents, not
    # tools; the standard named outside the list still codes
    ("6、车间标准\n主要包括车间总体规划、工艺流程、设备联网管控等标准。", "目标规划", "法规管制"),
    ("基础业务管理功能主要包括日常业务管理、服务监督管理、政务信息公开等三方面。",
     "科技信息支持", None),
    # a list of measures that does not end in contents (…等标准/内容/方面…) keeps its codes
    ("支持方式包括研发补助、贷款贴息等。", None, "科技资金投入"),
    ("支持方式包括研发补助、贷款贴息等方面。", None, "科技资金投入"),
    ("政策措施包括财政补贴、税收优惠、金融支持等方面。", None, "税收优惠"),
    # one item is no list
    ("主要包括总体规划等标准。", None, "目标规划"),
])
def test_the_items_listed_as_a_standards_contents_code_nothing(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # the body of a goal item (——heading with a result word。…) names results to be reached
    ("——行业应用显著深化。推动100个以上装备示范应用，培育一批示范工厂。", "应用示范", "目标规划"),
    ("--便民措施不断完善。推行网上预约立案，便民信息服务平台不断完善。", "公共服务", "目标规划"),
    # a principle item (——坚持…，…) is no goal item: its measures keep their codes
    ("——坚持典型示范，分类推进。建设一批示范工程。", None, "应用示范"),
])
def test_a_goal_item_is_a_goal_only(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # 初步/基本建立 in a goal clause is a result to be reached, 建立 alone a measure
    ("到2025年，初步建立数据共享机制，建成一批示范工程。", "应用示范", "目标规划"),
    ("到2025年，建立产业引导基金。", None, "金融支持"),
])
def test_a_result_established_in_a_goal_clause_stays_masked(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a principle or task item (——坚持…, ——重点突破。, ——推动…提升。) is no goal item: its
    # measures keep their codes
    ("——坚持系统推进、重点突破。聚焦关键领域，设立专项资金支持关键核心技术攻关。",
     "目标规划", "科技资金投入"),
    ("——重点突破。聚焦关键领域，给予资金支持。", "目标规划", "科技资金投入"),
    ("——推动产业链供应链韧性提升。支持企业开展技术改造，给予设备投资补贴。",
     "目标规划", "科技资金投入"),
    # a goal item ends at its paragraph: the next paragraph is no goal
    ("——创新能力显著增强。建成10个以上创新平台。\n市财政设立专项资金，支持企业研发。",
     None, "科技资金投入"),
    # ... but a goal item hard-wrapped inside a sentence stays a goal
    ("——创新能力显著增强。建成10个以上\n创新平台。", "科技基础设施建设", "目标规划"),
    # the goal-item heading that codes 目标规划 and the one that masks a body are the same
    # (…持续优化。); a body that opens with a measure verb is a task list and codes
    ("——创新生态环境持续优化。推动100个以上装备示范应用。", "应用示范", "目标规划"),
    ("——创新生态环境持续优化。强化科技合作，争取创建国家级高新区等创新创业载体平台。",
     None, "科技基础设施建设"),
])
def test_only_a_goal_item_is_masked_up_to_its_paragraph_end(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a definition names tools as part of a term's meaning; an obligation after it, and a
    # measure in the next sentence, still code
    ("本办法所称示范应用，是指在指定路段进行的具有试点效果的运行活动。", "应用示范", None),
    ("本规范所称的数字教育资源（以下简称资源），是通过平台提供的网络课程。", "法规管制", None),
    ("第二条 智能化示范煤矿是指纳入国家示范清单并通过验收的示范煤矿。", "应用示范", None),
    ("测试驾驶人是指负责测试的驾驶人，应符合下列条件：", None, "法规管制"),
    ("智能汽车是指具有自动驾驶功能的汽车。推广应用智能汽车。", None, "应用示范"),
])
def test_a_definition_codes_nothing(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, present", [
    # the definition ends at a comma before a measure, which codes
    ("本办法所称专项资金是指市财政安排的资金，用于支持企业技术改造，给予最高500万元补助。",
     "科技资金投入"),
    ("本办法所称专项资金是指市财政安排的资金，主要用于对企业研发投入给予补助和贷款贴息。",
     "科技资金投入"),
    ("本办法所称孵化器是指为创业企业提供服务的机构，市财政对认定的孵化器给予50万元奖励。",
     "策略性措施"),
    ("本规定所称高新技术企业,是指经认定的企业,享受15%的企业所得税优惠税率。", "税收优惠"),
    ("新型研发机构是指独立法人机构，市政府对其给予最高1000万元资助。", "科技资金投入"),
    # it starts at the term defined, not at the start of a sentence that states a measure
    # first
    ("加快建设数据中心，数据中心是指提供算力服务的设施，鼓励企业参与建设。", "科技基础设施建设"),
    ("各区应设立专项资金，专项资金是指财政安排的资金。", "科技资金投入"),
    # 是指导 (is to guide) and 是指挥 are no definition
    ("重点是指导企业建设数字化车间，给予补贴。", "应用示范"),
    ("重点是指导企业建设数字化车间，给予补贴。", "科技资金投入"),
])
def test_a_measure_beside_a_definition_still_codes(text, present):
    assert_codes(text, absent=None, present=present)

"""Coding clauses with instruments: literal clauses of the coding guide, rules, the
default corpus, and the evidence kept."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.instruments import code_instruments, instrument_hits, load_instruments
from analysis.lexicon import UnitTokens, mask_patterns
from tests.instruments.conftest import assert_codes, codes_of, units_of


@pytest.mark.parametrize("text, expected", [
    ("鼓励商业银行开展知识产权质押贷款。", ["金融支持"]),       # IP as collateral = finance only
    ("落实研发费用加计扣除政策。", ["税收优惠"]),
    ("通过政府购买服务方式提供科技服务。", ["公共服务", "服务外包"]),
    ("实行重大科技项目揭榜挂帅制度。", ["服务外包"]),
    ("培养高层次科技人才。", ["教育培训"]),                     # a co-occurrence rule
    ("支持企业建设重点实验室。", ["科技基础设施建设"]),
    ("到2025年,高新技术企业达到130家。", ["目标规划"]),
    ("实施首台套政府采购。", ["政府采购"]),
    ("加强组织领导。", []),
])
def test_literal_clauses_get_the_instruments_of_the_coding_guide(text, expected):
    assert codes_of(text) == expected


def test_co_occurrence_is_counted_within_a_sentence_not_across():
    assert "教育培训" in codes_of("培养和引进一批创新人才。")
    assert "教育培训" not in codes_of("培养企业创新能力。人才是第一资源。")


def test_a_window_rule_needs_its_terms_close_together():
    near = "鼓励国外知名大学来我市设立分支机构。"
    far = "面向国内外引进高层次人才,支持本市企业建设研发中心,扩大合作范围和领域。"
    assert "海外机构管理" in codes_of(near)
    assert "海外机构管理" not in codes_of(far)


def test_funding_words_in_management_contexts_are_not_funding():
    assert "科技资金投入" not in codes_of("财政、审计等部门要加强财政资金监管和资金审计。")
    assert "科技资金投入" in codes_of("对认定的创新团队给予50万元经费支持。")


@pytest.mark.parametrize("text, expected", [
    # requirements written with 应 or 宜 are norms; 应 inside 相应, 适应 or 应用 is not
    ("企业应当建立与产品相适应的管理能力。", ["法规管制"]),
    ("车辆应能自动识别系统失效。", ["法规管制"]),
    ("门店宜配置智能货架。", ["法规管制"]),
    ("根据需要适应新形势,提供相应支持。", []),
    # test methods and reference architectures: contents of a technical standard system
    ("规定芯片性能的测试方法。", ["法规管制"]),
    # a year-end deadline is a target
    ("年底前,省级政务服务事项网上可办率不低于90%。", ["公共服务", "目标规划"]),
    # adopting technology in a field or deploying equipment: application by firms
    ("推动数字技术在能源领域的创新应用。", ["应用示范"]),
    ("部署智能传感与控制装备。", ["应用示范"]),
    # sharing or disclosing data is information support
    ("推动政务数据共享。", ["科技信息支持"]),
])
def test_clauses_of_non_s_and_t_policies(text, expected):
    assert codes_of(text) == expected


def test_parks_and_service_platforms_count_where_they_are_built_or_supported():
    assert "科技基础设施建设" not in codes_of("为企业、园区提供高效的人才服务。")
    assert "科技基础设施建设" in codes_of("加快建设一批特色产业园区。")
    assert "公共服务" not in codes_of("车联网服务平台标准。")
    assert "公共服务" in codes_of("搭建产业供应链服务平台。")


def test_hits_keep_the_evidence_and_its_offsets(clauses):
    u = clauses.loc[clauses["doc_id"] == "yinchuan_2022"]
    h = instrument_hits(u)
    text = u.set_index("clause_id")
    row = h.loc[(h["instrument"] == "金融支持") & (h["term"] == "质押")].iloc[0]
    clause = text.loc[row["clause_id"]]
    local = row["start"] - clause["char_start"]
    assert clause["text"][local:local + 2] == "质押"
    assert set(h["via"]) <= {"term", "rule 1", "rule 2", "rule 3", "rule 4"}


@pytest.mark.parametrize("clause_id", ["yinchuan_2022:三/(二)/一是", "xinji_2022:二/(一)/3",
                                       "tonghua_2012:五/(六)"])
def test_clauses_about_ip_pledge_loans_are_coded_financial_support(codes, clause_id):
    got = codes.loc[codes["clause_id"] == clause_id]
    assert "金融支持" in got["instrument"].tolist()
    assert any("质押" in t for t in got["terms"])


def test_the_corpus_at_once_equals_each_clause_on_its_own(clauses, tokens):
    """instrument_hits (every term set matched over the whole corpus in one pass) gives the
    evidence Instrument.find gives clause by clause (on the text with its subordinate
    phrases masked, and its secondary phrases where the clause keeps a code outside them)."""
    rules = load_instruments()
    got = instrument_hits(clauses, tokens=tokens)
    spans = UnitTokens(clauses, tokens)
    rows = []
    for i, (doc_id, cid, text, a) in enumerate(clauses[["doc_id", "clause_id", "text",
                                                         "char_start"]].itertuples(index=False)):
        masked = rules.mask_subordinate(text)
        for shown in (mask_patterns([masked], rules.secondary)[0], masked):
            found = [(ins, h) for ins in rules.instruments
                     for h in ins.find(shown, spans.spans(i))]
            if found:
                break
        rows += [(doc_id, cid, ins.code, ins.type, t, a + s, a + e, via)
                 for ins, (s, e, t, via) in found]
    want = pd.DataFrame(rows, columns=list(got.columns)).astype({"start": "int64",
                                                                 "end": "int64"})
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert len(got) > 1000


def test_no_clause_with_an_instrument_gives_the_columns():
    assert list(code_instruments(units_of("加强组织领导。")).columns) == [
        "doc_id", "clause_id", "instrument", "instrument_en", "type", "type_zh", "terms"]
    assert instrument_hits(units_of("加强组织领导。")).empty


@pytest.mark.parametrize("text, absent, present", [
    # procurement is the government buying (or buying first), not a firm's purchasing
    ("采购管理标准包括供应商管理等标准。", "政府采购", None),
    ("加大政府采购对智能检测装备的支持力度。", None, "政府采购"),
    ("主动开放一批政府首用场景。", None, "政府采购"),
    # public services: to firms or the public, near 提供; a platform only used is none
    ("企业提供的智能终端产品应具备大屏幕、大字体、大音量、操作简单等方便老年人使用的特点和售后服务。",
     "公共服务", None),
    ("为中小企业提供融资对接服务。", None, "公共服务"),
    ("通过大数据管理和服务平台向各地法院反馈结果。", "公共服务", None),
    ("引导网络借贷信息中介机构规范发展。", "公共服务", None),
    # information support: a push function of a device, an information-service capacity
    ("电站应具备信息自动推送功能。", "科技信息支持", None),
    ("提升全球化信息服务能力。", "科技信息支持", None),
    ("定期推送政策信息。", None, "科技信息支持"),
    # strategic measures: foreign cooperation, recognition as a condition, service ease
    ("持续加强数据中心建设与使用的国际交流合作。", "策略性措施", None),
    ("申报主体是经省工业和信息化厅认定为省级示范园区的单位。", "策略性措施", None),
    ("为老年人提供咨询、指引等便利化服务。", "策略性措施", None),
    ("推动产学研合作。", None, "策略性措施"),
    # spreading mature technology and opening scenarios are application
    ("普及应用技术成熟的智能检测装备。", None, "应用示范"),
    ("主动开放一批政府首用场景。", None, "应用示范"),
    # cultivating service providers or new business forms is enterprise cultivation
    ("培育一批商务领域数据服务商。", None, "策略性措施"),
    ("培育众筹农业等新业态。", None, "策略性措施"),
    # financial support: social insurance and bank cards are no financing
    ("应支持现金和银行卡支付。", "金融支持", None),
    ("将互联网复诊纳入医保支付范围。", "金融支持", None),
    ("鼓励银行加大信贷投放。", None, "金融支持"),
    # S&T funding: a special plan or an allowance is no funding
    ("做好与相关专项规划的衔接。", "科技资金投入", None),
    ("实现津贴补贴领取便捷办理。", "科技资金投入", None),
    # goals: 基本建立 and 明显增强 state where things should be
    ("城市网络安全保障体系和管理制度基本建立。", None, "目标规划"),
    ("数据资源流通活力明显增强。", None, "目标规划"),
    # regulation: 必须 + requirement, 应保留, evaluation of units, conformity required
    ("大型煤矿必须实现智能化开采。", None, "法规管制"),
    ("医疗机构应保留人工服务窗口。", None, "法规管制"),
    ("通过平台反馈2018年智慧法院建设评价结果。", None, "法规管制"),
    ("资源提供者对资源进行自审,确保资源内容符合要求。", None, "法规管制"),
    ("建立符合科技自身发展要求的体制机制。", "法规管制", None),
])
def test_codes_that_a_word_alone_would_give_wrongly(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # application: pilots carried out, not their application, selection or participants;
    # scenarios made or opened, not described; technology applied, not the requirements
    # or standards for applying it; publicity and a promotion centre are no application
    ("组织开展智能建造试点城市征集遴选工作。", "应用示范", None),
    ("对认定的园区(试点)开展绩效评估。", "应用示范", None),
    ("开展基本养老服务综合平台试点。", None, "应用示范"),
    ("组织开展工业大数据应用试点示范。", None, "应用示范"),
    ("丰富待遇补贴资金发放、老年人服务等应用场景。", "应用示范", None),
    ("深入挖掘人工智能技术应用场景。", None, "应用示范"),
    ("提出涵盖设计、施工等环节的智能建造技术应用要求。", "应用示范", None),
    ("本标准适用于工业企业信息化集成系统的规划、设计和运行。", "应用示范", None),
    ("加大宣传推广力度。", "应用示范", None),
    ("支持建设一批体验中心、推广中心。", "应用示范", None),
    ("推广高性能货物搬运设备和快速分拣技术。", None, "应用示范"),
    ("积极推进物联网、云计算等新技术应用。", None, "应用示范"),
    # goals: month deadlines, results to be reached, levels and full coverage
    ("建立基础数据动态更新机制。(6月底完成)", None, "目标规划"),
    ("建成政务信息资源共享交换平台。(6月底取得明显成效)", None, "目标规划"),
    ("儒学研究创新能力达到国际领先水平。", None, "目标规划"),
    ("实现所有学校数字校园全覆盖。", None, "目标规划"),
    # a cap (不超过3个) is a procedural limit, not a target (超过3个 is)
    ("各省推荐试点城市数量不超过3个。", "目标规划", None),
    ("新增国家级平台超过3个。", None, "目标规划"),
    # regulation: standardisation is standards work (标准化厂房 stays a building)
    ("推动全链条服务标准化。", None, "法规管制"),
    ("建设标准化厂房。", "法规管制", None),
    ("建设标准化农业示范基地。", "法规管制", None),
    ("推进质量强市和标准化战略。", "法规管制", None),
    # finance: the tool, not the sector in a list of fields
    ("在制造、农业、物流、金融、商务等重点行业挖掘场景。", "金融支持", None),
    ("建立研发设计、现代物流、金融服务、检验检测认证等信息服务平台。", "金融支持", None),
    ("引导金融机构加大对中小微企业的支持力度。", None, "金融支持"),
    ("大力发展农村数字普惠金融。", None, "金融支持"),
    ("强化科技与金融结合。", None, "金融支持"),
    ("建立财税、国资、金融等多部门配合的培育体系。", "金融支持", None),
    # information support: an information platform built is a system, not information given
    ("推进区域处方流转信息平台建设。", "科技信息支持", None),
    ("支持物流信息服务企业参与标准制定。", "科技信息支持", None),
    # data exchanged, opened or made to flow; information disclosed; resource banks
    ("促进公共数据开放和有序流通。", None, "科技信息支持"),
    ("向辖区内定点医药机构公开监控要点。", None, "科技信息支持"),
    ("建立儒学人才资源库。", None, "科技信息支持"),
    ("组织开展企业智能化改造需求调查。", None, "科技信息支持"),
    # public services: a level to be raised, or a field named beside others, is no service
    ("提高城市管理和公共服务水平。", "公共服务", None),
    ("深化大数据在社会治理与公共服务、金融、能源等领域协同创新。", "公共服务", None),
    # strategy: spreading a doctrine and policy publicity are no publicity campaign
    ("宣传贯彻党的理论路线方针政策。", "策略性措施", None),
    ("加强宣传,营造良好氛围。", None, "策略性措施"),
])
def test_application_goals_standards_and_finance_as_written_in_non_s_and_t_policy(
        text, absent, present):
    assert_codes(text, absent=absent, present=present)


def test_terms_grouped_by_codes_equal_the_groupby_of_the_hits():
    from analysis.instruments.coding import _grouped_terms, _grouped_terms_by_frame

    rng = np.random.default_rng(3)
    r = load_instruments("instruments.toml")
    units = units_of(*["文本"] * 30)
    for _ in range(20):
        n = int(rng.integers(1, 200))
        clause = rng.integers(0, 30, n)
        hits = pd.DataFrame({
            "doc_id": "d",
            "clause_id": [f"d:{c + 1}" for c in clause],
            "instrument": rng.choice(list(r.codes)[:5], n).tolist(),
            "term": rng.choice(["人才", "贷款", "补贴", "平台"], n).tolist(),
            "start": rng.integers(0, 5, n),   # ties in start keep the table's order
        })
        pd.testing.assert_frame_equal(_grouped_terms(hits, units, r),
                                      _grouped_terms_by_frame(hits, units, r))


@pytest.mark.parametrize("text, absent, present", [
    # regulation: a standard listed by its number, an item of a list of prohibited content
    ("智能传感器 第4部分:性能评定方法 GB/T 33905.4-2017 已发布", None, "法规管制"),
    ("智能制造 机器视觉在线检测系统 通用要求 20182048-T-339 制定中", None, "法规管制"),
    ("(二)危害国家安全,泄露国家秘密,颠覆国家政权,破坏国家统一的;", None, "法规管制"),
    ("(三)损害国家荣誉和利益的;", None, "法规管制"),
    ("(一)在本市注册的独立法人企业;", "法规管制", None),
])
def test_standards_and_prohibitions_as_listed_in_standard_systems_and_rules(
        text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # information support: firms providing information services, information released
    # under review or prohibition, and a standard's name are no information given
    ("互联网信息服务提供者不得传播含有下列内容的应用软件:", "科技信息支持", None),
    ("由被委托单位提供地理信息服务与支持。", "科技信息支持", None),
    ("平台应建立完善的信息审核发布机制。", "科技信息支持", None),
    ("含有禁止发布、传播的信息内容的;", "科技信息支持", None),
    ("信息技术 开放系统互连 测试方法和规范", "科技信息支持", None),
    ("定期发布政策信息。", None, "科技信息支持"),
    # public services: a firm that provides services, or a service capacity, is no service
    ("目前已在提供售后和运营服务的企业,应严格执行国家有关规定。", "公共服务", None),
    ("生产企业和互联网信息服务提供者应依法提供应用软件。", "公共服务", None),
    ("用户通过向软件服务商支付费用,获得软件使用权。", "公共服务", None),
    ("应急技术服务能力得到显著提升。", "公共服务", None),
    ("为中小企业提供技术咨询服务。", None, "公共服务"),
])
def test_information_and_services_given_not_firms_that_provide_them(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # application: a need for technology, a category label and the 信创 industry named are
    # no technology applied
    ("充分体现信息化、网络化、智能化新技术应用需求。", "应用示范", None),
    ("标准体系框架由基础共性(A)、关键技术应用(B)等七部分组成。", "应用示范", None),
    ("积极布局信息技术应用创新、量子信息等新兴产业。", "应用示范", None),
    ("积极推进物联网、云计算等新技术应用。", None, "应用示范"),
])
def test_technology_applied_not_a_need_or_a_label(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a heading that reports results heads a review, and 取得积极成效 reports what was
    # achieved; a result to be reached in a sentence is a goal
    ("1.创新型城市建设取得显著成效\n", "目标规划", None),
    ("近年来,寄递渠道安全管理工作取得积极成效。", "目标规划", None),
    ("电子商务合作对话机制建设取得积极进展,信息港建设稳步推进。", "目标规划", None),
    ("在保障和改善民生、创新社会管理等方面取得显著成效。", None, "目标规划"),
    ("建成政务信息资源共享交换平台。(6月底取得明显成效)", None, "目标规划"),
])
def test_results_reported_in_a_heading_are_no_goal(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # services given to older people and patients; technology firms are pushed to apply
    ("服务窗口要为老年人提供咨询、指引等便利化服务和帮助。", None, "公共服务"),
    ("为出院患者或行动不便的特殊人群提供护理服务。", None, "公共服务"),
    ("鼓励医疗机构应用5G、超高清视频、医疗机器人等新一代信息技术及智能设备。", None, "应用示范"),
    ("建设质量管理系统,集成5G、区块链、标识解析等技术。", None, "应用示范"),
])
def test_services_to_the_public_and_technology_applied(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # standards for data sharing set rules; circulation of goods is trade
    ("以《智能化矿山数据融合共享规范》为基础。", "科技信息支持", None),
    ("包括芯片性能、功耗测试要求、数据交换格式等标准。", "科技信息支持", None),
    ("推进政务数据共享。", None, "科技信息支持"),
    # a government-service bureau named and computing supplied as a service are no service
    ("与自治区政务服务局建立接口连接。", "公共服务", None),
    ("构建一体化算力服务体系。", "公共服务", None),
    ("推进一网通办,优化政务服务。", None, "公共服务"),
    # what was achieved (初步建立了, 显著提高了) is no goal
    ("初步建立了建筑物倒塌判定模型,显著提高了震害识别效率。", "目标规划", None),
    ("到2025年,数据安全保障能力显著提高。", None, "目标规划"),
])
def test_data_standards_bureaus_and_achievements(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # obligations of a review guideline or a rule (应根据, 应针对, 不应超出) and the rules,
    # permits and licences an authority issues
    ("临床试验应根据阳性一致率估算阳性病例数量。", None, "法规管制"),
    ("研究过程中应针对病例进行设盲。", None, "法规管制"),
    ("拟进行示范应用的路段不应超出已完成的道路测试范围。", None, "法规管制"),
    ("发布包含检验评估等规则的技术手册。", None, "法规管制"),
    ("准许持其他省核发的临时行驶车号牌进行道路测试。", None, "法规管制"),
    ("供应以本地企业为主。", "法规管制", None),
])
def test_obligations_and_permits_of_rules_and_review_guidelines(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # the insurance a rule requires is no finance
    ("不得超过安全技术检验合格证明及保险凭证的有效期。", "金融支持", "法规管制"),
    ("支持科技型企业上市融资。", None, "金融支持"),
    # a test by a third-party laboratory is no service the government contracts out
    ("由第三方检测机构进行相应的测试。", "服务外包", None),
    ("委托第三方开展评估。", None, "服务外包"),
    # planning and legal departments named as units, and an industry named
    ("交通运输部运输服务司牵头,综合规划司、科技司配合。", "目标规划", None),
    ("交通运输部运输服务司牵头,综合规划司、科技司配合。", "法规管制", None),
    ("在软件信息服务、人工智能等领域成为全国示范高地。", "科技信息支持", None),
    ("发布人工智能大模型训练气象数据集。", None, "科技信息支持"),
])
def test_words_that_name_something_else_than_the_instrument(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a named technology put to use, or that can be applied, and a typical scenario set out
    ("利用人工智能技术可以对申报材料进行自动化审查。", None, "应用示范"),
    ("加快应用人工智能技术改造提升落后生产设备。", None, "应用示范"),
    ("人工智能技术可以应用于产品配方的深入分析。", None, "应用示范"),
    ("应用场景:通过深度挖掘分析医学影像数据,为医生提供方案参考。", None, "应用示范"),
    # 应用 as a noun in a list (5G应用、人工智能) applies nothing
    ("应用互联网、大数据、5G应用、人工智能、区块链等新兴技术。", "应用示范", None),
    # a period to reach a result
    ("通过3~5年时间,建成交通运行碳排放监测系统。", None, "目标规划"),
    ("用三年左右时间完成全部改造。", None, "目标规划"),
    # R&D centres, reforms, leading firms cultivated, services to merchants
    ("每年新培育10家左右省级研发中心。", None, "科技基础设施建设"),
    ("深化政务服务一网通办和一次办成改革。", None, "策略性措施"),
    ("今后五年是深化改革开放的攻坚时期。", "策略性措施", None),
    ("每年培育10个左右智能制造标杆企业。", None, "策略性措施"),
    ("为入驻商户提供数字营销、转型培训等各项服务。", None, "公共服务"),
])
def test_technology_put_to_use_periods_and_cultivation(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # opening up and exchange named as principles are no cooperation programme; results
    # that can be replicated, and publicity, are no application spread
    ("坚持市场主导、创新引领、龙头带动、开放合作。", "策略性措施", None),
    ("加强国际交流合作,鼓励联合开展国际标准研制。", "策略性措施", None),
    ("推动企业与高校开展产学研合作。", None, "策略性措施"),
    ("积累一批可复制可推广的经验做法。", "应用示范", None),
    ("加大政策宣传和推广力度。", "应用示范", None),
    ("推广应用智能网联技术。", None, "应用示范"),
])
def test_principles_and_publicity_are_no_cooperation_or_application(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # support paid "as the rules say", a unit named to report on a task, a check or a
    # recognition passed as a condition of support set no rule and are no strategy
    ("对通过评定的企业,按照有关规定给予一次性奖补。", "法规管制", "科技资金投入"),
    ("完善数据开放目录。(6月底完成,牵头考核单位:市工信局)", "法规管制", None),
    ("经考核通过的企业,给予三年房租补贴。", "法规管制", "科技资金投入"),
    ("经认定,按每人最高5000元标准给予企业培训费用补助。", "策略性措施", "科技资金投入"),
    # money paid out is no money put in
    ("按期完成资金拨付。", "科技资金投入", None),
    ("推动区域协同发展和产学研合作。", None, "策略性措施"),
])
def test_conditions_procedures_and_things_developed_together(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a service named as a scenario or reached as a goal, a third party commissioned to
    # check, and a firm's data services are no service given; data services offered are
    ("农村领域探索乡村智慧治理、在线政务服务等场景。", "公共服务", None),
    ("公众获取基本公共服务更加方便。", "公共服务", None),
    ("主营模型训练与数据服务的企业。", "公共服务", None),
    ("面向中小企业开放数据服务资源。", None, "公共服务"),
    ("发挥人工智能在文献数据获取方面的作用。", "科技信息支持", None),
])
def test_services_and_information_named_but_not_given(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a tool named in an aim (以…为导向), in a platform relied on (依托…平台) or in a list
    # of fields (…等领域) is not what the clause does; the same words as its predicate are,
    # and so is the focus named by 以…为重点
    ("以数据安全监管为导向,开展示范应用。", "法规管制", "应用示范"),
    ("以数据安全为重点,完善安全管理体系。", None, "法规管制"),
    ("依托城市公共服务信息平台,开展社区服务。", "科技基础设施建设", None),
    ("建设城市公共服务信息平台。", None, "科技基础设施建设"),
    ("各单位的平台接入国家智慧教育平台。", "科技基础设施建设", None),
    ("建立科技成果供需对接平台。", None, "科技基础设施建设"),
    ("在制造、金融服务、检验检测等领域,推广人工智能。", "公共服务", "应用示范"),
    ("以习近平新时代中国特色社会主义思想为指导。", None, "目标规划"),
])
def test_tools_named_in_subordinate_phrases_are_not_coded(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, present", [
    # a list of fields is masked from the word that introduces it, not from the clause's
    # own verb phrase
    ("设立专项资金支持新一代信息技术、高端装备等领域,", "科技资金投入"),
    # a span relied on that holds a building verb is what the clause builds
    ("依托高校院所建设国家重点实验室和工程技术研究中心。", "科技基础设施建设"),
    ("利用财政资金建设公共服务平台。", "科技基础设施建设"),
    ("利用财政资金建设公共服务平台。", "公共服务"),
    # 抓手/牵引 name the means, which is done
    ("以设立产业引导基金为抓手,", "金融支持"),
    ("以首台套保险补偿为牵引,", "政府采购"),
    ("以首台套保险补偿为牵引,", "金融支持"),
    ("以减税降费为抓手", "税收优惠"),
    # a full-width comma ends a subordinate span as the half-width one does
    ("依托龙头企业，提供公共服务平台。", "公共服务"),
])
def test_instruments_done_by_the_clause_are_not_masked(text, present):
    assert_codes(text, absent=None, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # a goal clause (到2025年… at its start, after a goals heading or a stage) is a goal
    # only: the facilities, standards and security it names are results to be reached
    ("二、发展目标\n到2025年,全国数据中心形成布局合理的基础设施格局,数据安全保障能力稳步提升。",
     "科技基础设施建设", "目标规划"),
    ("第一阶段,到2025年,实现人工智能技术在重点领域示范应用。", "应用示范", "目标规划"),
    ("到 2025 年,法规标准和网络安全体系基本形成。", "法规管制", "目标规划"),
    # a gap described (…亟待完善, 有待健全) is no measure
    ("适应人工智能发展的基础设施、政策法规、标准体系亟待完善。", "法规管制", None),
    ("适应数字经济发展的规则制度体系有待健全,", "法规管制", None),
    # an amount paid per person (按每名1000元的标准给予) sets no standard
    ("按照每名高级工1000元的标准给予企业一次性补贴。", "法规管制", "科技资金投入"),
    ("按每人最高5000元标准给予企业一次性培训费补贴。", "法规管制", "科技资金投入"),
    # a goal item of a goal list (——…显著提升。) is a goal
    ("——重大应用场景加速涌现。形成一批示范性强的场景。", None, "目标规划"),
    ("——坚持创新驱动。深化改革。", "目标规划", None),
])
def test_goal_clauses_gaps_and_amounts_per_person(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, present", [
    # a task clause with a deadline inside keeps its tools
    ("加快建设数据中心,到2025年建成10个。", "科技基础设施建设"),
    ("制定人工智能标准,健全法规体系。", "法规管制"),
    ("制定安全标准。", "法规管制"),
])
def test_tasks_with_deadlines_and_standards_set_keep_their_tools(text, present):
    assert_codes(text, absent=None, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # firms attracted to a region or a chain are a strategic measure
    ("加快引入微机电系统智能传感器设计、封装和个性化测试等相关企业,完善产业链条。",
     None, "策略性措施"),
    ("积极引进国内重点基础材料企业。", None, "策略性措施"),
    # 引进 and 企业 in different sentences are not
    ("引进先进装备。企业加快改造。", "策略性措施", None),
    # talent brought in, with firms named as a field, is no firm attracted
    ("培养和引进10名在领办企业方面有重大作用的领军人才。", "策略性措施", "教育培训"),
])
def test_firms_attracted_are_a_strategic_measure(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent, present", [
    # the title of a document cited is a basis named, not a tool
    ("按照《崂山区企业技能人才自主评价补贴实施细则》执行。", "科技资金投入", None),
    ("按照《崂山区企业技能人才自主评价补贴实施细则》执行。", "法规管制", None),
    ("落实《山东省新一代人工智能产业发展三年行动计划》,加快培育领军企业。", "目标规划", None),
    # a document made or issued by the clause is its tool
    ("制定《青岛市人工智能教育实验室建设标准》。", None, "法规管制"),
    ("联合编印《科技政策汇编》。", None, "科技信息支持"),
    ("工业和信息化部日前印发了《产业发展行动计划》。", None, "目标规划"),
])
def test_titles_cited_are_no_tool_titles_made_are(text, absent, present):
    assert_codes(text, absent=absent, present=present)


@pytest.mark.parametrize("text, absent", [
    # the applicant, the object of a subsidy and the forms and proofs of a call are
    # procedure, not the tool the call pays for
    ("申报主体是园区内人工智能算力中心运营单位。", "科技基础设施建设"),
    ("二、补贴对象\n人工智能岛核心展示区建设运营主体。", "科技资金投入"),
    ("1.青岛市人工智能产业园算力补贴申请表;", "科技资金投入"),
    ("3. 揭榜单位创新能力证明材料。(获得论文、专利、标准等)", "知识产权保护"),
])
def test_applicants_and_materials_of_a_call_code_nothing(text, absent):
    assert_codes(text, absent=absent, present=None)


def test_a_subsidy_that_names_its_form_later_keeps_its_funding():
    assert_codes("对租用算力的企业给予补助。企业须提交申请表。", absent=None,
                 present="科技资金投入")


def test_secondary_phrases_are_masked_only_where_the_clause_keeps_another_code(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        '[rules]\nsecondary = ["(?<=,)提升[^。,]*水平"]\n'
        '[[type]]\nkey="supply"\nzh="供给型"\nen="S"\n'
        '[[instrument]]\ncode="教育培训"\ntype="supply"\nen="E"\nterms=["培训", "人才"]\n'
        '[[instrument]]\ncode="金融支持"\ntype="supply"\nen="F"\nterms=["基金"]\n',
        encoding="utf-8")
    units = units_of("设立基金,提升人才培养水平。", "开展活动,提升人才培养水平。",
                     "设立基金。", "开展活动,提升人才培训水平。")
    hits = instrument_hits(units, rules=path)
    # the first clause keeps 金融支持 outside the phrase: the phrase's 人才 codes nothing;
    # the second and fourth have no code outside it: the phrase's terms stand
    assert hits[["clause_id", "instrument", "term"]].values.tolist() == [
        ["d:1", "金融支持", "基金"], ["d:2", "教育培训", "人才"], ["d:3", "金融支持", "基金"],
        ["d:4", "教育培训", "人才"], ["d:4", "教育培训", "培训"]]
    assert hits["start"].tolist()[1] == len("设立基金,提升人才培养水平。") + 7
    bad = tmp_path / "bad.toml"
    bad.write_text(path.read_text(encoding="utf-8").replace("(?<=,)", "(?<=,"),
                   encoding="utf-8")
    with pytest.raises(ValueError, match="secondary"):
        load_instruments(bad)

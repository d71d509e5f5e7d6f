"""Coding clauses of ordinary (non-S&T) policy prose: technology applied in fields,
courses and textbooks, and words that name something else than the instrument."""

from __future__ import annotations

import pytest

from tests.instruments.conftest import assert_codes


@pytest.mark.parametrize("text, absent, present", [
    # a named technology applied in a field or process is application
    ("推动人工智能在研发设计、中试验证、生产制造、营销服务、运营管理等全生命周期的创新应用。",
     None, "应用示范"),
    ("物联网在农业生产中广泛应用。", None, "应用示范"),
    ("加快推进5G在工业互联网中的应用。", None, "应用示范"),
    # the "AI plus a sector" items of an action, not the action's name alone
    ("2.人工智能+智慧海洋。实施全球数字海洋引领行动。", None, "应用示范"),
    ("实施“人工智能+”行动。", "应用示范", None),
    ("实施人工智能+行动。", "应用示范", None),
    ("印发《人工智能+行动方案》。", "应用示范", None),
    ('深入推进"人工智能+",赋能千行百业。', "应用示范", None),
    ("深入推进‘人工智能+’,赋能千行百业。", "应用示范", None),
    # the requirements, needs or scenarios of applying a technology are not
    ("明确人工智能在医疗诊断中的应用要求。", "应用示范", None),
    ("研究大数据在交通管理中的应用需求。", "应用示范", None),
    # nor the state, level or prospects of its application, nor words across a comma
    ("调查大数据在政务服务中的应用现状。", "应用示范", None),
    ("评估人工智能在制造业中的应用水平。", "应用示范", None),
    ("大数据在城市治理中的应用前景广阔。", "应用示范", None),
    ("大数据在我市起步较早,目前应用较少。", "应用示范", None),
    # courses, curricula and textbooks made are education
    ("9.加强教材建设。推动人工智能重要方向的教材和在线开放课程建设。", None, "教育培训"),
    ("完善纲要先行、一纲多本的人工智能课程体系。", None, "教育培训"),
    ("小学一至三年级开设人工智能启蒙课程。", None, "教育培训"),
    ("研究编制老年人智能产品应用教程。", None, "教育培训"),
    # a course only described is not
    ("本课程讲解机器人和控制领域基础知识。", "教育培训", None),
    ("本课程体系包括基础、进阶两个模块。", "教育培训", None),
    # a charitable foundation is no fund that invests
    ("指导中国老龄事业发展基金会等单位继续开展公益行动。", "金融支持", None),
    ("设立人工智能产业投资基金。", None, "金融支持"),
    # new business forms, brands, service providers and industries cultivated
    ("创新文化消费场景,培育壮大云旅游、云娱乐等新型消费形态。", None, "策略性措施"),
    ("汇总电商平台资源,培育本土电商品牌。", None, "策略性措施"),
    ("培育垂直领域模型解决方案服务商。", None, "策略性措施"),
    ("创新培育人工智能、数字文化等新业态新模式。", None, "策略性措施"),
    # a working body set up and coordination with other departments
    ("三部门共同设立智能网联汽车道路测试联席会议,负责本办法的组织实施。", None, "策略性措施"),
    ("各煤矿企业要成立工作机构,落实主体责任。", None, "策略性措施"),
    ("工业和信息化部将加强与有关部门沟通协调。", None, "策略性措施"),
    # a meeting only named, or a brand used as an attribute of an activity, is not
    ("联席会议办公室设在市工业和信息化局。", "策略性措施", None),
    # a body already set up, and coordination as a skill, a purpose or a standing duty
    ("已设立的工作机构负责日常管理。", "策略性措施", None),
    ("设立的联席会议办公室负责日常联络。", "策略性措施", None),
    ("具有较强的沟通协调能力。", "策略性措施", None),
    ("为便于沟通协调,各单位明确一名联络员。", "策略性措施", None),
    ("办公室负责日常沟通协调工作。", "策略性措施", None),
    ("加强各类科普教育基地建设,培育品牌科普活动。", "策略性措施", "教育培训"),
    # work plans and roadmaps to be made, and top-level design, are planning
    ("各单位要结合实际,制定推广应用方案,加强跟踪。", None, "目标规划"),
    ("制定制造业数字化转型行动方案,分行业制定数字化转型发展路线图。", None, "目标规划"),
    ("在重点领域协调优势资源,加强顶层设计。", None, "目标规划"),
    ("各市要研究制定我省人工智能产业发展行动方案。", None, "目标规划"),
    # the document itself, and a plan handed in with an application, are not
    ("为推进数字化发展,特制定本实施方案。", "目标规划", None),
    ("为推进数字化发展,特制定如下实施方案。", "目标规划", None),
    ("为加快人工智能发展,现制定以下工作方案。", "目标规划", None),
    ("经市政府同意,研究制定了本实施方案。", "目标规划", None),
    ("结合实际,特制定我市实施方案。", "目标规划", None),
    ("结合我省实际,制定实施方案如下。", "目标规划", None),
    ("试点申报城市组织编制《智能建造试点实施方案》,说明城市基本情况。", "目标规划", None),
    # technologies listed and put to use, and retrofits with digital technology
    ("运用人机交互、物流机械臂控制、需求预测等关键技术,构建智能供应链体系。", None, "应用示范"),
    ("借助人机交互、需求预测等关键技术,提升供应链效率。", None, "应用示范"),
    ("鼓励企业实施设备数字化、网络化、智能化技术改造。", None, "应用示范"),
    # a technology developed, not put to use, is not
    ("研究数据传输、边缘计算等关键技术。", "应用示范", None),
    # nor one forbidden
    ("任何组织和个人不得利用深度合成等技术制作、传播虚假信息。", "应用示范", None),
    ("禁止利用算法等技术实施不合理的差别待遇。", "应用示范", None),
    ("严禁利用人脸识别等技术侵犯个人隐私。", "应用示范", None),
    # the determination of liability for an accident is no recognition
    ("完善事件通报、应急处置和责任认定等安全管理工作。", "策略性措施", "法规管制"),
    ("认定一批高等学校双创示范园。", None, "策略性措施"),
    # smart factories and digital workshops built by firms are application
    ("(五)打造部品部件智能工厂。推动部品部件智能工厂建设或改造。", None, "应用示范"),
    ("全面建设自动化产线、数字化车间、智能工厂。", None, "应用示范"),
    # a standard for them, or a category named in a standard system, is not
    ("“智能工厂”等中类条目。", "应用示范", None),
    ("制定智能工厂建设指南。", "应用示范", None),
    ("加快制定智能工厂建设指南。", "应用示范", None),
    ("加快智能工厂标准体系建设。", "应用示范", None),
    ("推进智能工厂评价规范研制。", "应用示范", None),
])
def test_ordinary_policy_prose(text, absent, present):
    assert_codes(text, absent=absent, present=present)

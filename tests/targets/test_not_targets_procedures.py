"""Numbers of the procedures, norms and conditions of condition-heavy texts (calls, 认定办法,
考核办法, standards, 实施方案) give no row, while a goal beside them keeps its row."""

import pytest

from analysis.targets import targets_from_text


def _values(text):
    return targets_from_text(text, year=2023).value.tolist()


@pytest.mark.parametrize(("text", "kept"), [
    # quotas of a call: how many projects it admits, how many 课题 or partners a project has
    ("本年度拟支持项目不超过20项。到2025年,培育创新平台30个。", [30.0]),
    ("2021年度拟启动12个项目。", []),
    ("今年拟支持项目数原则上不超过5个。", []),
    ("重大课题拟部署2个青年科学家项目。", []),
    ("重大软科学课题拟支持3项左右。", []),
    ("项目下设课题数原则上不超过4个。", []),
    ("每个项目参研单位总数不超过6家。", []),
    ("每个原创项目的合作研究单位数合计不超过2个。", []),
    # the bounds a standard or a rule sets with 应 or 宜
    ("杆体壁厚不应小于3.5mm。", []),
    ("一个“标准群”中标准数量不宜少于5项、不宜超过20项。", []),
    ("单位GDP能耗下降不低于13.5%。", [13.5]),
    # the weight of an indicator in an assessment
    ("发展质量类指标权重为40%,创新能力类指标权重为35%。", []),
])
def test_procedures_and_norms_give_no_row(text, kept):
    assert _values(text) == kept


@pytest.mark.parametrize(("text", "kept"), [
    # a measure in households says which villages count
    ("到2025年,20户以上的自然村通硬化路比例达到100%。", [100.0]),
    # a chain of bounded measures before 的 and a noun
    ("人口100人以上、20户以上的自然村,建设硬化路。", []),
    # a measure with a bound written before it and 的 and a noun after it
    ("建设宽度不低于3.5米的硬化路。", []),
    ("到2025年,新建硬化路300公里。", [300.0]),
    # ... but a sum with a bound before it is the sum itself
    ("整合设立不少于120亿元的科技创新发展资金。", [120.0]),
])
def test_measures_that_say_which_ones_give_no_row(text, kept):
    assert _values(text) == kept


@pytest.mark.parametrize(("text", "kept"), [
    # an outcome verb before 的 and a noun names which ones a support is for
    ("对吸纳100人以上就业的企业给予奖励。", []),
    ("对新吸纳50人以上就业的企业,给予一次性补贴。", []),
    ("对带动100户以上脱贫的合作社给予奖励。", []),
    ("对带动30户以上农户增收的家庭农场给予补助。", []),
    ("带动就业50人以上的就业扶贫车间给予奖励。", []),
    ("对带动就业100人以上的创业项目给予补贴。", []),
    # ... and the support amount beside it keeps its row
    ("对吸纳100人以上就业的企业给予奖励10万元。", [10.0]),
])
def test_bounded_outcomes_that_name_who_qualifies_give_no_row(text, kept):
    assert _values(text) == kept


@pytest.mark.parametrize(("text", "kept"), [
    # a bound before a goal's measure sets the goal, it says not which ones count
    ("到2025年,新建不少于500公里的高速公路。", [500.0]),
    ("建设不少于1000亩的高标准农田示范区。", [1000.0]),
    ("建成不少于10万平方米的孵化载体。", [10.0]),
    ("新增不少于5000人的就业岗位。", [5000.0]),
    ("培育不少于100户的规上企业。", [100.0]),
    ("完成不低于200万吨的减排任务。", [200.0]),
    ("力争引进不少于1000人的高层次人才。", [1000.0]),
    ("累计完成不少于50万亩的高标准农田建设。", [50.0]),
    # counts of units and annual plans are statistics and goals, not limits of a call
    ("规上工业企业单位数达到1500家。", [1500.0]),
    ("全市法人单位数达到5万个。", [5.0]),
    ("今年拟立项建设重点项目100个。", [100.0]),
    ("2024年,全市拟启动实施重大项目120个。", [120.0]),
    ("全市拟部署5G基站1万个。", [1.0]),
    # a number counting other words than the projects after the verb plans a programme
    ("今年拟启动12个重点项目建设。", [12.0]),
    ("2024年拟部署5个重大科技项目。", [5.0]),
    # how often something is done is a goal, a training or a filing as well
    ("到2025年,每年举办1次国际博览会。", [1.0]),
    ("每年至少开展1次安全检查。", [1.0]),
    ("每年举办对接活动不少于2次。", [2.0]),
    ("每年组织申报培训2次。", [2.0]),
    ("每年开展高企认定培训3次。", [3.0]),
    ("每年申报国家级项目10次以上。", [10.0]),
    # a bounded measure of an outcome is the goal, it says not which ones count
    ("到2025年,带动农户1万户以上增收。", [1.0]),
    ("实现新增就业1万人以上、返乡创业3000人以上的良好局面。", [1.0, 3000.0]),
    ("带动1万人以上就业。", [1.0]),
    # a bound with 应 under a goal time is the goal
    ("到2025年,PM2.5浓度不应高于35微克/立方米。", [35.0]),
])
def test_goals_beside_procedure_words_keep_their_row(text, kept):
    assert _values(text) == kept

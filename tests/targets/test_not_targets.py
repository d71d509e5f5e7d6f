import pytest

from analysis.targets import targets_from_text
from analysis.targets.not_targets import NotTargetRules, not_target_rules
from analysis.targets.rules import load_rules


def _values(text, **kw):
    return targets_from_text(text, year=2023, **kw).value.tolist()


@pytest.mark.parametrize("text", [
    # eligibility conditions of a call
    "(二)产业基础较好。原则上应是国家高新区所在城市,人工智能核心产业规模超过50亿元。",
    "申报单位须满足以下要求:年研发投入不低于500万元,研发人员30人以上。",
    # quotas and rejection rules of a call
    "(三)资助规模:不超过4项。",
    "(四)资助强度:直接经费最高200万元(申请直接费用大于300万元将不予受理)。",
    # a bare 千 or 百 is a vague quantity
    "实施创新能力提升工程,支持千家企业产学研协同创新。",
    # versions and names with numbers
    "智能船舶标准体系建设指南(二次征求意见稿)",
    "在现有“1+N”(1个省级政务云平台,N个市级政务云节点)框架下,优化布局。",
    "引进世界500强企业总部。",
    # measures that say which ones count
    "对常住人口20人以上的自然村实现光纤全覆盖。",
    # rates of a voucher or payment rule
    "鲲鹏产品服务类按照100%补贴额度使用服务券。",
    "其他类服务资源按照不高于85%补贴额度使用服务券。",
    "通过中期考核、终期验收后,分别拨付50%的奖补资金。",
    # a share that says which items qualify
    "其中,X86资源类占比超过50%的解决方案按规定使用服务券。",
    # counts of the text's own lists
    "按照化工7个子行业的具体需求,制定应用标准。",
    "完善标准体系,涵盖4个方面。",
    "既涵盖了规划的指标,又增设了10项体现本市特色的指标。",
    # a measure with a bound right before a noun says which ones
    "到2020年年底,生产能力120万吨/年以上大型煤矿必须实现智能化开采。",
    "在年吞吐量大于3000万人次以上大型机场进行综合示范验证。",
    "网点应设在距离主干道5米以上的位置。",
    # a count that announces the list after it
    "交通运输部组织制定如下11项工程标准。(1)《车载智能服务终端》",
    "围绕以下3个核心科学问题开展研究。",
])
def test_numbers_that_are_no_target_give_no_row(text):
    assert _values(text) == []


def test_example_block_figures_are_left_out_up_to_the_next_attachment():
    text = ("附1\n具体场景描述\n示例\n人机协同作业\n场景建设完成后,操作人员已从5人减少至2人,"
            "加工效率提升了30%。\n该场景总计花费了500万元。\n附2\n到2025年,培育示范工厂100家。")
    t = targets_from_text(text, year=2022)
    assert t.value.tolist() == [100.0]


def test_form_fields_are_left_out():
    text = "项目突破的关键技术清单(选填)\n序号\n技术名称\n关键参数(两到三个核心参数)\n备注"
    assert _values(text) == []


@pytest.mark.parametrize(("text", "value"), [
    # the same words that make a condition elsewhere, in a goal: kept
    ("到2025年,人工智能核心产业规模超过50亿元。", 50.0),
    # a cap of the support itself is the support amount
    ("对认定的企业给予一次性奖励,最高不超过200万元。", 200.0),
    # 近万次 and 万项 are numbers; 零的突破 is a first one
    ("全年访问量近万次。", 1.0),
    ("每年完成万项技改。", 1.0),
    ("到2022年,高技术产业增加值实现零的突破。", 0.0),
    # 拟按 states the planned rate itself
    ("赤字率拟按3%安排。", 3.0),
    # a measure with no bound before 的 is what is done; a bare 千 after digits is no vague one
    ("完成不少于里程总规模300公里的示范工程建设。", 300.0),
    # a rate of support is kept
    ("对企业参加境外展会的展位费用,按最高50%的比例给予补助。", 50.0),
    # a count with 以上的 counts the noun itself
    ("到2025年,建设5个以上的产业园。", 5.0),
    ("到2025年,粮食产量达到1.3万亿斤的目标。", 1.3),
    # a share of items with 以上的 and no share word before it is a goal
    ("全省50%以上的文化馆具备数字服务能力。", 50.0),
    # a count with a bound right before its noun counts the noun itself
    ("到2025年,建设100个以上人工智能应用示范项目。", 100.0),
    # 以下 after a quantity bounds it; the count after it is kept
    ("对营业收入500万元以下的企业,到2025年培育10家。", 10.0),
    # a measure with a bound right before a goal noun sets the goal
    ("到2025年,实现营业收入100亿元以上目标。", 100.0),
    ("到2025年,新增就业10万人以上目标任务。", 10.0),
    ("到2025年,粮食产量稳定在1.3万亿斤以上水平。", 1.3),
    # a count after 以下 that a goal year or a goal verb governs is a target
    ("到2025年,建成以下5个平台:", 5.0),
    ("建成以下5个平台:(一)…", 5.0),
])
def test_targets_that_look_like_these_are_kept(text, value):
    assert _values(text) == [value]


def test_a_rules_file_without_the_section_drops_nothing_new(tmp_path):
    src = load_rules().source
    from analysis.resources import resource_text
    text = resource_text(src)
    start = text.index("[not_target]")
    end = text.index("[province]")
    own = tmp_path / "rules.toml"
    own.write_text(text[:start] + text[end:], encoding="utf-8")
    rules = load_rules(str(own))
    assert not_target_rules(rules).condition == NotTargetRules().condition
    t = targets_from_text("原则上应是高新区所在城市,人工智能核心产业规模超过50亿元。",
                          year=2023, rules=str(own))
    assert t.value.tolist() == [50.0]


def test_a_bad_list_in_the_section_names_the_key(tmp_path):
    from analysis.resources import resource_text
    text = resource_text(load_rules().source).replace(
        'quota_labels = ["资助规模"', 'quota_labels = [1, "资助规模"')
    own = tmp_path / "rules.toml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[not_target\] quota_labels"):
        targets_from_text("资助规模:不超过4项。", rules=str(own))


def test_every_amount_of_a_threshold_list_says_who():
    df = targets_from_text("对主营业务收入首次突破1000亿元、500亿元、100亿元的法人企业,分别给予"
                           "1000万元、500万元、300万元的奖励。", year=2019)
    assert df.value.tolist() == [1000.0, 500.0, 300.0]
    assert set(df.unit) == {"万元"}


@pytest.mark.parametrize("text", [
    "对引进的专业性展会,其租赁面积在10000平方米以上的,每个展会给予补贴50万元。",
    "租赁自用办公场所面积超过300平方米(含)的,给予最长五年的房租补贴50万元。",
])
def test_a_measure_whose_clause_ends_in_de_is_a_condition(text):
    df = targets_from_text(text, year=2022)
    assert df.unit.tolist() == ["万元"]


def test_one_unit_a_payment_counts_is_no_target():
    df = targets_from_text("其在孵企业有被认定为高新技术企业的,每认定1家高新技术企业,"
                           "一次性奖励孵化器10万元。", year=2019)
    assert df.value.tolist() == [10.0]


def test_one_unit_each_year_is_a_target():
    df = targets_from_text("每年至少带动1个同行业企业实现智能化升级。", year=2019)
    assert df.value.tolist() == [1.0]


def test_numbers_under_a_conditions_heading_say_who_qualifies():
    text = ("三、申请条件\n拟申请的城市应具备以下条件。\n"
            "(二)产业基础较好。原则上为高新区所在城市,核心产业规模超过50亿元。\n"
            "四、建设目标\n到2025年,布局建设20个左右试验区。\n")
    assert _values(text) == [20]


def test_a_conditions_heading_two_levels_up_still_says_who_qualifies():
    text = ("三、支持内容\n(二)申报条件\n1.企业规模\n上年度营业收入超过500万元。\n"
            "(三)支持方式\n1.资金支持\n给予50万元奖励。\n")
    assert _values(text) == [50]


def test_a_measure_before_de_biaozhun_is_a_norm():
    text = "按照每个正式员工不超过10平方米的标准,给予三年100%房租补贴。"
    assert _values(text) == [100]


def test_a_longer_clause_ending_in_de_is_a_condition():
    text = ("年营业收入达到2000万元以上或年纳税额达到200万元以上、每年保持稳定增长的,"
            "给予五年100%房租补贴。")
    assert _values(text) == [100]


@pytest.mark.parametrize(("text", "values"), [
    ("引进自然指数前100名高校的毕业生,给予5000元补贴。", [5000]),
    ("力争进入全国前10位,位居全省第3位。", [10, 3]),
    ("跻身全国创新型城市第10位和第14位。", [10, 14]),
    ("2019年以全国第5名的成绩通过验收。", [5]),
])
def test_a_ranking_before_the_noun_it_qualifies_says_which_ones(text, values):
    assert _values(text) == values


@pytest.mark.parametrize("text", [
    "管理方面应从制度、机构、人员、建设、运维等5个层面完善相应的保护措施。",
    "依托济南、青岛、潍坊3个省级物联网产业基地,建设产业集群。",
    "推动在钢铁、石化、纺织等3个领域的规模化应用。",
])
def test_a_count_of_its_own_enumeration_is_left_out(text):
    assert targets_from_text(text, year=2022).empty


@pytest.mark.parametrize(("text", "value"), [
    ("推动发布《安全保护要求》等30项国家标准。", 30),          # more than the items listed
    ("统筹推进全景影像监测、夜视系统等2项标准预研。", 2),       # deliverables, not a field
    ("在新一代信息技术、高端装备等领域建设2家省实验室。", 2),   # the list names the fields
    ("国家自然科学二等奖4项、国家科技进步一等奖2项。", 2),     # items that are quantities
])
def test_counts_beside_a_list_that_are_kept(text, value):
    assert value in targets_from_text(text, year=2022).value.tolist()


@pytest.mark.parametrize("text", [
    "联系电话：0531-86912345，传真：0531-86912346。",       # phone numbers
    "联系人：张三，13912345678。",
    "（鲁政发〔2023〕5号）",                                # a document number
    "本办法自2023年5月1日起施行。",                          # a date
    "本方案共分为5个部分、20条措施。",                       # counts of the text's own list
    "第十二条 对获得认定的企业给予奖励。",                   # an article number
    "邮编250001，地址：济南市历下区100号。",                 # a postcode and a street number
])
def test_numbers_that_only_organise_or_address_the_text_are_no_rows(text):
    assert targets_from_text(text, year=2023).empty


@pytest.mark.parametrize("text", [
    "图1人工智能标准体系结构图。",                           # a figure caption
    "包括6个一级指标,23个二级指标,87个三级指标。",           # an indicator system's own items
])
def test_figure_labels_and_the_items_of_an_indicator_system_are_no_rows(text):
    assert targets_from_text(text, year=2023).empty


@pytest.mark.parametrize("text", [
    "各省、自治区、直辖市推荐项目不超过10个。",
    "各省(区、市)推荐试点城市数量不超过3个。",
    "每个单位申报项目最多3项。",
])
def test_a_cap_on_what_is_put_forward_is_a_call_quota(text):
    assert _values(text) == []


def test_a_quota_is_dropped_and_a_goal_of_recommended_firms_kept():
    assert _values("各地推荐项目不超过10个。到2025年,推荐认定国家级专精特新企业100家以上。"
                   ) == [100.0]


def test_numbers_of_a_definition_are_no_goal():
    assert _values("“标准群”是指以至少1项国家标准为核心、配套使用若干标准的标准集合。") == []
    assert _values("“标准群”是指以至少1项国家标准为核心的标准集合。到2025年,制修订标准群50个。"
                   ) == [50.0]


def test_a_bound_of_another_number_makes_no_quota():
    assert 100.0 in _values("到2025年,申报不超过3个项目的企业数量达到100家。")


@pytest.mark.parametrize("text", [
    "到2025年,企业申报材料压减至不超过5件。",
    "申报审批环节控制在3个以内。",
])
def test_a_cut_in_what_is_put_forward_is_a_goal(text):
    assert len(_values(text)) == 1


@pytest.mark.parametrize("text", [
    "本规划是指导全市数字经济发展的行动纲领,到2025年,数字经济核心产业增加值占GDP比重达到10%。",
    "数字经济是指以数据资源为关键要素的经济形态,到2025年,数字经济核心产业增加值占GDP比重达到10%。",
    "“双千兆”是指千兆光网和5G,全市建成5G基站1万个。",
])
def test_a_definition_leaves_the_numbers_of_other_phrases(text):
    assert len(_values(text)) == 1


def test_a_cap_a_definition_sets_in_a_later_phrase_is_no_goal():
    assert _values("对于拟支持项目的指南任务,是指在满足立项条件的情况下,该研究任务所支持项目数"
                   "不超过6项。") == []


@pytest.mark.parametrize(("text", "kept"), [
    # the items of a list a condition lead announces, up to the next article
    ("第七条 测试驾驶人应符合下列条件:\n(一)签订有劳动合同;\n"
     "(二)最近连续3个记分周期内没有被记满12分记录;\n(三)最近1年内无超速50%以上记录。\n"
     "第八条 到2025年,开放测试道路达到500公里。\n", [500]),
    # ... or up to the next top-level heading
    ("二、申报范围\n申报企业应满足以下条件:\n1.年营业收入2000万元以上。\n"
     "三、工作目标\n新增智能工厂10个。\n", [10]),
    # the procedure of a call under its heading
    ("一、项目组织申报工作流程\n1.项目申报单位推荐1名科研人员作为项目负责人,"
     "每个课题设1名负责人。\n二、建设目标\n到2025年,建成10个创新平台。\n", [10]),
])
def test_conditions_listed_or_under_a_procedure_heading_are_left_out(text, kept):
    assert _values(text) == kept


@pytest.mark.parametrize(("text", "kept"), [
    # the list ends at a heading of its lead's own level: the goal of a later section is kept
    ("(一)申报条件\n申报单位应符合下列条件:\n1.注册资本500万元以上。\n"
     "(二)支持标准\n(三)工作目标\n到2025年,支持项目50个。\n", [50]),
    # ... and at a plain paragraph after its items
    ("申报企业应符合下列条件:\n1.注册资本500万元以上。\n2.研发人员30人以上。\n"
     "到2025年,全市新增高新技术企业200家。\n", [200]),
    # ... inside an article too
    ("第三条 申报单位应符合下列条件:\n(一)注册资本500万元以上;\n(二)研发人员30人以上。\n"
     "到2025年,全市新增高新技术企业200家。\n第四条 附则。\n", [200]),
    # sub-items belong to their item; unlabelled items, one a line, end without a semicolon
    ("申报企业应符合下列条件:\n(一)经营状况良好:\n1.年营业收入2000万元以上;\n"
     "(二)研发人员30人以上。\n到2025年,新增智能工厂10个。\n", [10]),
    ("申报企业应符合下列条件:\n注册资本500万元以上;\n研发人员30人以上。\n"
     "到2025年,新增智能工厂10个。\n", [10]),
    # blank lines between the items do not end the list
    ("申报企业应符合下列条件:\n\n(一)注册资本500万元以上;\n\n(二)研发人员30人以上。\n\n"
     "到2025年,新增智能工厂10个。\n", [10]),
])
def test_a_list_of_conditions_ends_at_the_first_line_that_is_no_item_of_it(text, kept):
    assert _values(text) == kept


def test_a_reform_task_naming_a_procedure_is_no_procedure_heading():
    assert _values("(五)简化申报流程\n到2025年,实现100%事项网上申报。\n") == [100]
    assert _values("3.优化评审流程\n到2025年,评审时间缩短50%。\n") == [50]
    assert _values("(二)项目评审流程:\n组织专家评审,每组专家不少于5名。\n") == []


def test_a_list_bound_of_zero_reads_no_list(tmp_path):
    from analysis.resources import resource_text
    text = resource_text(load_rules().source)
    assert "condition_list_max = 1200" in text
    own = tmp_path / "rules.toml"
    own.write_text(text.replace("condition_list_max = 1200", "condition_list_max = 0"),
                   encoding="utf-8")
    assert not_target_rules(load_rules(str(own))).condition_list_max == 0
    assert _values("企业应符合下列条件:\n(一)新增智能工厂10个。\n", rules=str(own)) == [10]
    own.write_text(text.replace("condition_list_max = 1200", 'condition_list_max = "1200"'),
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[not_target\] condition_list_max"):
        _values("企业应符合下列条件:\n(一)新增智能工厂10个。\n", rules=str(own))

"""The theme dictionary: the packaged themes, a user's own file, clear errors."""

from __future__ import annotations

import pytest

from analysis.instruments import load_instruments
from analysis.text import get_tokenizer
from analysis.themes import ThemeDictionary, load_themes, load_tone, match_terms, theme_counts
from tests.themes.conftest import units_of

REQUIRED_THEMES = {
    "talent": ["人才"],
    "funding": ["财政科技", "研发投入"],
    "finance": ["科技金融", "贷款", "基金", "保险", "上市"],
    "platforms": ["平台", "载体", "实验室", "孵化器", "园区"],
    "enterprise": ["企业主体", "高新技术企业", "科技型中小企业"],
    "commercialisation": ["成果转化"],
    "collaboration": ["产学研", "协同", "京津", "东西部"],
    "reform": ["体制机制", "放管服", "容错"],
    "ip": ["知识产权"],
    "agriculture": ["农业", "乡村"],
    "green": ["绿色", "低碳"],
    "digital": ["数字", "人工智能"],
    "opening": ["国际", "对外开放"],
    "party": ["党的领导"],
    "evaluation": ["考核", "评价"],
}


def test_dictionary_has_the_required_themes_with_names_and_terms():
    d = load_themes()
    for key, terms in REQUIRED_THEMES.items():
        theme = d[key]
        assert theme.zh and theme.en and theme.zh != theme.en
        assert set(terms) <= set(theme.terms), (key, set(terms) - set(theme.terms))


def test_every_multicharacter_term_is_kept_whole_by_jieba():
    """Themes, instruments and tone: each term is one token in several contexts, so a
    token-level analysis sees the same words the dictionaries count."""
    tok = get_tokenizer()
    terms = (set(load_themes().terms()) | set(load_instruments().terms())
             | {t for ts in load_tone() for t in ts.all_terms()})
    bad = []
    for term in sorted(t for t in terms if len(t) > 1):
        for frame in ("{}", "推动{}。", "支持{}和", "加快{}建设"):
            if term not in [w for w, _, _ in tok.tokenize(frame.format(term))]:
                bad.append((term, frame))
                break
    assert len(terms) > 400
    assert not bad, f"add these to policy_terms.txt: {bad}"


def test_a_users_dictionary_replaces_the_packaged_one(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[[theme]]\nkey = "ginseng"\nzh = "人参"\nen = "Ginseng"\nterms = ["人参"]\n',
                 encoding="utf-8")
    c = theme_counts(units_of("发展人参产业,人参加工。"), dictionary=f)
    assert c["theme"].tolist() == ["ginseng"] and c["hits"].tolist() == [2]


@pytest.mark.parametrize("text, message", [
    ('[[theme]]\nkey = "a"\nzh = "甲"\nen = "A"\n', "give at least one entry in `terms`"),
    ('[[theme]]\nkey = "a"\nzh = "甲"\nterms = ["人才"]\n', "`en` is missing"),
    ('[[theme]]\nkey = "a"\nzh = "甲"\nen = "A"\nterms = "人才"\n', "must be a list"),
    ('[[theme]]\nkey = "a"\nzh = "甲"\nen = "A"\nterms = ["x"]\n[[theme]]\nkey = "a"\n'
     'zh = "乙"\nen = "B"\nterms = ["y"]\n', "used twice"),
    ('[dictionary]\nname = "x"\n', r"no \[\[theme\]\] tables"),
    ('[[theme]\nkey = 1', "not valid TOML"),
    ('[[theme]]\nkey = "a"\nzh = "甲"\nen = "A"\nterms = ["x"]\nscope = "S&T only"\n',
     "scope 'S&T only' must be one of S&T, general"),
])
def test_bad_dictionary_files_get_one_clear_error(tmp_path, text, message):
    f = tmp_path / "bad.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        load_themes(f)
    assert "bad.toml" in str(err.value)


def test_themes_are_found_by_key_or_name():
    d = load_themes()
    assert isinstance(d, ThemeDictionary) and load_themes(d) is d
    assert d.lookup("Talent") is d["talent"] and d.lookup("人才") is d["talent"]
    assert d.lookup("nothing") is None
    with pytest.raises(KeyError, match=r"no theme 'nothing' in themes\.toml; themes: talent"):
        d["nothing"]


def test_every_packaged_theme_says_whether_it_is_written_for_s_and_t_policy():
    t = load_themes().to_frame().set_index("key")
    assert set(t["scope"]) == {"S&T", "general"}
    assert t.loc[["funding", "finance", "platforms", "enterprise", "commercialisation",
                  "collaboration", "reform", "popularisation", "key_tech"], "scope"].eq(
        "S&T").all()
    assert t.loc[["digital", "green", "agriculture", "party", "evaluation"], "scope"].eq(
        "general").all()


def test_a_users_dictionary_may_leave_the_scope_out(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[[theme]]\nkey = "data"\nzh = "数据"\nen = "Data"\nterms = ["数据"]\n',
                 encoding="utf-8")
    d = load_themes(f)
    assert d.scope("data") == "" and d.to_frame()["scope"].tolist() == [""]


@pytest.mark.parametrize("text, theme, found", [
    ("建设一体化在线政务服务平台和农产品电商平台。", "platforms", False),
    ("支持企业建设科技创新平台。", "platforms", True),
    ("推动协同办公数字化转型,实现业务协同。", "collaboration", False),
    ("深化产学研合作。", "collaboration", True),
    ("开展产品测试与安全评估。", "evaluation", False),
    ("加强对园区的绩效考核。", "evaluation", True),
    # digital platforms and information systems of e-government, health and commerce
    ("建设省级养老服务平台和全民健康信息服务平台。", "platforms", False),
    ("鼓励网络购物平台优化支付流程。", "platforms", False),
    ("建设一批工业互联网平台。", "platforms", False),
    # technical coordination and foreign partners are not collaboration between actors
    ("推进数据协同应用,提供协同服务。", "collaboration", False),
    ("加强对外合作。", "collaboration", False),
    # a unit named as reporting on a task, and reviewing content, are not evaluation
    ("建成政务信息资源共享交换平台。(牵头考核单位:市工信局)", "evaluation", False),
    # finance as a sector in a list, its supervision and cash services
    ("在制造、物流、金融、商务等行业挖掘场景。", "finance", False),
    ("开展互联网金融风险整治,加强金融监管。", "finance", False),
    ("保留传统金融服务方式。", "finance", False),
    ("引导金融机构加大信贷投放。", "finance", True),
    # media, video and supervision platforms and platforms joining a portal are digital;
    # trade cooperation is opening up
    ("依托新媒体平台及各类短视频平台开展宣传。", "platforms", False),
    ("搭建建筑业数字化监管平台。", "platforms", False),
    ("各级平台接入遵循分批推进原则。", "platforms", False),
    ("深化与东盟的经贸合作。", "collaboration", False),
    # Party bodies named as the units responsible are agencies, not Party leadership
    ("建立权责清晰的安全管理体系。(牵头考核单位:市委网信办)", "party", False),
    ("推进数字机关建设。(省委办公厅、省委组织部负责)", "party", False),
    ("坚持党的领导。", "party", True),
])
def test_s_and_t_words_in_their_technical_or_digital_sense_are_not_the_theme(text, theme,
                                                                             found):
    assert (theme in set(match_terms(units_of(text), load_themes())["theme"])) is found


def test_the_dictionary_shown_in_the_readme_works_as_documented(tmp_path):
    """README's own-dictionary example, copied verbatim: it loads, its dictionary-wide
    exclude masks agency names, its scope is kept and it replaces the packaged themes."""
    import re
    import textwrap

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n( *# my_themes\.toml.*?\n) *```", readme, re.S)
    assert block, "README no longer shows the my_themes.toml example"
    f = tmp_path / "my_themes.toml"
    f.write_text(textwrap.dedent(block.group(1)), encoding="utf-8")
    d = load_themes(f)
    assert d.keys == ["data_security"] and d.scope("data_security") == "general"
    units = units_of("落实数据安全和个人信息保护要求。", "市大数据局负责数据安全。",
                     "加强组织领导。")
    hits = match_terms(units, d)
    assert hits.groupby("clause_id")["term"].agg(sorted).to_dict() == {
        "d:1": ["个人信息", "数据安全"], "d:2": ["数据安全"]}
    counts = theme_counts(units, dictionary=f)
    assert counts["theme"].tolist() == ["data_security"] and counts["hits"].tolist() == [3]


def test_forestry_grassland_and_fishery_are_agriculture():
    hits = match_terms(units_of("推进林草资源监测。", "加强草原保护。", "发展现代渔业。",
                                "润丰林业入围国家赛。"), load_themes())
    agri = hits[hits["theme"] == "agriculture"]
    assert agri["clause_id"].tolist() == ["d:1", "d:2", "d:3"]

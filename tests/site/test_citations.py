"""GB/T 7714-2015 citations of policy documents, against strings written out by hand."""
from __future__ import annotations

import datetime as dt

from generator.content.model import Document
from generator.site.citations import cite

D = dt.date


def test_a_numbered_document_on_the_web():
    doc = Document("关于印发《政府采购领域“整顿市场秩序、建设法规体系、促进产业发展”"
                   "三年行动方案（2024—2026年）》的通知",
                   ("国务院办公厅",), D(2024, 7, 4), "国办发〔2024〕33号",
                   "https://www.gov.cn/zhengce/content/202407/content_6961215.htm")
    assert str(cite(doc, D(2024, 7, 4))) == (
        "国务院办公厅. 关于印发《政府采购领域“整顿市场秩序、建设法规体系、促进产业发展”"
        "三年行动方案（2024—2026年）》的通知: "
        "国办发〔2024〕33号[EB/OL]. (2024-07-04)[2024-07-04]. "
        "https://www.gov.cn/zhengce/content/202407/content_6961215.htm.")


def test_the_access_date_is_the_citing_articles():
    doc = Document("关于开展碳排放权交易试点工作的通知", ("国家发展改革委",), D(2011, 10, 29),
                   "发改办气候〔2011〕2601号", "https://zfxqk.ndrc.gov.cn/web/iteminfo.jsp?id=1349")
    assert str(cite(doc, D(2024, 10, 15))) == (
        "国家发展改革委. 关于开展碳排放权交易试点工作的通知: 发改办气候〔2011〕2601号[EB/OL]. "
        "(2011-10-29)[2024-10-15]. "
        "https://zfxqk.ndrc.gov.cn/web/iteminfo.jsp?id=1349.")


def test_without_a_number_or_an_address():
    doc = Document("煤电低碳化改造建设行动方案（2024—2027年）", ("国家发展改革委",), D(2024, 7, 15))
    assert str(cite(doc, D(2024, 7, 15))) == "国家发展改革委. 煤电低碳化改造建设行动方案（2024—2027年）[Z]. 2024-07-15."


def test_up_to_three_issuers_in_full_then_the_first_three_and_deng():
    three = Document("加快构建新型电力系统行动方案（2024—2027年）", ("国家发展改革委", "国家能源局", "国家数据局"),
                     D(2024, 8, 6))
    assert str(cite(three, D(2024, 8, 6))) == (
        "国家发展改革委, 国家能源局, 国家数据局. 加快构建新型电力系统行动方案（2024—2027年）[Z]. 2024-08-06.")
    five = Document("电解铝行业节能降碳专项行动计划",
                    ("国家发展改革委", "工业和信息化部", "生态环境部", "市场监管总局", "国家能源局"), D(2024, 7, 23))
    assert str(cite(five, D(2024, 7, 23))) == (
        "国家发展改革委, 工业和信息化部, 生态环境部, 等. 电解铝行业节能降碳专项行动计划[Z]. 2024-07-23.")


def test_foreign_issuers_take_et_al():
    doc = Document("Regulation (EU) 2023/1542", ("European Parliament", "Council", "Commission", "ECB"), D(2023, 7, 12),
                   url="https://eur-lex.europa.eu/eli/reg/2023/1542/oj")
    assert str(cite(doc, D(2024, 10, 15))) == (
        "European Parliament, Council, Commission, et al. Regulation (EU) 2023/1542[EB/OL]. (2023-07-12)[2024-10-15]. "
        "https://eur-lex.europa.eu/eli/reg/2023/1542/oj.")


def test_the_address_is_apart_to_be_a_link():
    doc = Document("甲", ("国务院",), D(2024, 1, 2), url="https://www.gov.cn/a")
    found = cite(doc, D(2024, 1, 3))
    assert (found.text, found.url, found.end) == ("国务院. 甲[EB/OL]. (2024-01-02)[2024-01-03]. ",
                                                  "https://www.gov.cn/a", ".")

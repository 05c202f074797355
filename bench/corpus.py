"""A deterministic synthetic publication of N articles, for benchmarks.

Realistic Chinese briefs and essays with front matter, a table, footnotes, and
a few charts from CSVs, spread over issues of ~60 articles and all sections.
"""
from __future__ import annotations

import random
from pathlib import Path

SECTIONS = [("policy", "国家政策", "brief"), ("local", "地方动态", "brief"), ("international", "国际关注", "brief"),
            ("market", "市场动态", "market"), ("frontier", "低碳前沿", "brief"), ("essays", "环保桥观察", "essay")]
WORDS = ("全国碳市场 配额 成交量 清缴 履约 重点排放单位 温室气体 自愿减排 方法学 碳足迹 核算 标准 绿证 绿电 "
         "可再生能源 光伏 风电 储能 碳普惠 减排量 生态环境部 发展改革委 试点 扩围 水泥 钢铁 电解铝 碳排放双控 "
         "产品碳标识 认证 数据质量 监测 报告 核查 交易所 收盘价 环比 同比 增长 下降 政策 意见 方案 通知").split()
SOURCES = ["国务院", "生态环境部", "国家发改委", "工业和信息化部", "国家能源局", "新华社", "人民网"]
TAGS = ["全国碳市场", "CCER", "碳足迹", "绿证", "碳普惠", "CBAM", "碳排放双控", "能源转型", "标准", "地方碳市场"]
PER_ISSUE = 60


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 12))
    return "".join(words) + rng.choice(["，", "；"]) + "".join(rng.choices(WORDS, k=rng.randint(4, 9))) + \
        f"{rng.randint(1, 9999):,}.{rng.randint(10, 99)}万吨。"


def paragraph(rng: random.Random, n: int) -> str:
    lines = [sentence(rng) for _ in range(n)]
    return "\n".join(lines)  # soft line breaks between Chinese sentences, as editors paste them


def article(rng: random.Random, kind: str, idx: int, date: str) -> str:
    title = "".join(rng.choices(WORDS, k=rng.randint(3, 6)))
    fm = [f"title: {title}{idx}", f"date: {date}", f"tags: [{', '.join(rng.sample(TAGS, 2))}]",
          f"summary: {''.join(rng.choices(WORDS, k=8))}。"]
    if kind == "brief":
        fm.append(f"source: {rng.choice(SOURCES)}")
    if kind == "essay":
        fm += [f"author: 作者{idx}", "author_title: 项目经理", "abstract:", "  - 观点一", "  - 观点二"]
    body = [paragraph(rng, rng.randint(2, 4)) for _ in range(2 if kind == "brief" else 8)]
    if kind == "essay":
        body.insert(1, "## 一、背景")
        body.insert(4, "## 二、分析")
        body[2] += "[^1]"
        body.append("| 市场 | 成交量 | 成交额 |\n|---|--:|--:|\n"
                    "| 上海 | 2,757,446 | 1,234.5 |\n| 北京 | 1,000,000 | 99.48 |")
        body.append("[^1]: 参考资料，<https://www.mee.gov.cn/>")
    if kind == "market" and idx % PER_ISSUE < 6:   # the first market article of each issue
        body.append("```chart\ntype: bar\ndata: data/volume.csv\nx: quarter\ny: [volume_10kt]\n"
                    "title: 季度成交量\nunit: 万吨\ncaption: 合成数据\n```")
    return "---\n" + "\n".join(fm) + "\n---\n" + "\n\n".join(body) + "\n"


def write_corpus(root: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    sections = "\n".join(f"  - {{key: {k}, title: {t}, kind: {kind}}}" for k, t, kind in SECTIONS)
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yml").write_text(
        "title: 碳桥\nsubtitle: 基准测试\nlanguage: zh-CN\nbase_url: https://example.org/b/\n"
        f"publisher: 测试\nabout: 合成内容。\nsections:\n{sections}\n", "utf-8")
    for i in range(0, n, PER_ISSUE):
        year, q = 2000 + (i // PER_ISSUE) // 4, (i // PER_ISSUE) % 4 + 1
        issue = root / "issues" / f"{year}-q{q}"
        (issue / "data").mkdir(parents=True, exist_ok=True)
        (issue / "issue.yml").write_text(f"title: {year}年第{q}季度\ndate: {year}-{q * 3:02d}-28\n"
                                         "highlights:\n  - 观点一\n", "utf-8")
        (issue / "data" / "volume.csv").write_text(
            "quarter,volume_10kt\n" + "".join(f"{year}Q{k},{rng.randint(100, 3000)}.{rng.randint(10, 99)}\n"
                                              for k in range(1, 5)), "utf-8")
        for j in range(i, min(n, i + PER_ISSUE)):
            key, _, kind = SECTIONS[j % len(SECTIONS)]
            date = f"{year}-{q * 3:02d}-{j % 27 + 1:02d}"
            folder = issue / key
            folder.mkdir(exist_ok=True)
            (folder / f"{date}-a{j}.md").write_text(article(rng, kind, j, date), "utf-8")
    return root


if __name__ == "__main__":
    import sys
    write_corpus(Path(sys.argv[1]), int(sys.argv[2]))

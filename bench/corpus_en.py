"""A deterministic synthetic English publication, for the search-quality harness.

Sentences mix word forms that one stem covers (price, prices, priced, pricing) and words
that hold others (capacity holds cap; decarbonisation holds carbon), so a search that
stems or matches only whole words shows it in its precision or recall.
"""
from __future__ import annotations

import random
from pathlib import Path

SECTIONS = [("policy", "Policy", "brief"), ("markets", "Markets", "market"), ("essays", "Essays", "essay")]
WORDS = ("carbon price prices priced pricing market markets marketing trade trading traded trader "
         "emission emissions allowance allowances cap caps capped capacity capital credit credits "
         "credited offset offsets offsetting verify verified verification regulation regulations "
         "regulatory decarbonisation carbonate net-zero CBAM PM2.5 CO2 methane registry auction "
         "auctions auctioned power powered powerful grid renewable renewables solar wind storage").split()
TAGS = ["ETS", "CBAM", "offsets", "pricing", "methane", "power"]
PER_ISSUE = 20


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 14))
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + f" at {rng.randint(1, 999)}.{rng.randint(10, 99)} tonnes."


def article(rng: random.Random, kind: str, idx: int, date: str) -> str:
    title = " ".join(rng.choices(WORDS, k=rng.randint(3, 6))).capitalize()
    fm = [f"title: {title} {idx}", f"date: {date}", f"tags: [{', '.join(rng.sample(TAGS, 2))}]",
          f"summary: {sentence(rng)}"]
    if kind == "brief":
        fm.append("source: Ministry of Ecology")
    if kind == "essay":
        fm += [f"author: Author {idx}", "abstract:", "  - First point", "  - Second point"]
    body = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(2 if kind != "essay" else 6)]
    return "---\n" + "\n".join(fm) + "\n---\n" + "\n\n".join(body) + "\n"


def write_english_corpus(root: Path, n: int, seed: int = 11) -> Path:
    rng = random.Random(seed)
    sections = "\n".join(f"  - {{key: {k}, title: {t}, kind: {kind}}}" for k, t, kind in SECTIONS)
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yml").write_text(
        "title: Carbon Bridge\nlanguage: en\nbase_url: https://example.org/cb/\n"
        f"about: Synthetic content.\nsections:\n{sections}\n", "utf-8")
    for i in range(0, n, PER_ISSUE):
        year, q = 2020 + (i // PER_ISSUE) // 4, (i // PER_ISSUE) % 4 + 1
        issue = root / "issues" / f"{year}-q{q}"
        issue.mkdir(parents=True, exist_ok=True)
        (issue / "issue.yml").write_text(f"title: {year} Q{q}\ndate: {year}-{q * 3:02d}-28\n", "utf-8")
        for j in range(i, min(n, i + PER_ISSUE)):
            key, _, kind = SECTIONS[j % len(SECTIONS)]
            date = f"{year}-{q * 3:02d}-{j % 27 + 1:02d}"
            (issue / key).mkdir(exist_ok=True)
            (issue / key / f"{date}-a{j}.md").write_text(article(rng, kind, j, date), "utf-8")
    return root

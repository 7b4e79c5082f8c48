#!/usr/bin/env python3
"""Write a synthetic corpus of division-of-labour plans, with the assignments each one states.

The plans follow the genre: a covering notice, 工作目标 and 主要任务 parts with numbered items, each
closed by a clause in one of the real forms (由A牵头，B、C配合 / 由A负责 / 按照职责分工负责 / field
lines / collectives / 等相关部门 tails), department lists that share their jurisdiction prefix
(自治区发展改革委、商务厅), across provinces and cities, 2015–2024. Sizes default to the sample plan
(about 80 items and 270 assignments). The same seed writes the same corpus, byte for byte.

    python bench/generate.py --docs 1000 --out bench/corpus/1000

writes ``plan-00001.txt`` … and ``truth.tsv`` (document, item, text start, surface, role): the
assignments a correct parse yields, for measuring the parser on data it has never seen.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path

from fengong.resources import read_table

CN = "一二三四五六七八九十"
CITIES = (
    "杭州市 宁波市 温州市 南京市 苏州市 无锡市 广州市 深圳市 成都市 武汉市 长沙市 郑州市 济南市 青岛市 合肥市 "
    "福州市 厦门市 南昌市 石家庄市 太原市 呼和浩特市 包头市 沈阳市 大连市 长春市 哈尔滨市 南宁市 昆明市 贵阳市 "
    "西安市 兰州市 西宁市 银川市 乌鲁木齐市 海口市 鄂尔多斯市 赤峰市 洛阳市 徐州市 佛山市"
).split()
TOPICS = ("质量强省", "营商环境优化", "乡村振兴", "生态环境保护", "数字经济发展", "安全生产", "科技创新", "民生实事")
VERBS = ("建立健全", "深入推进", "加快实施", "全面落实", "完善", "加强", "推动", "组织开展", "持续优化", "积极培育")
OBJECTS = (
    "质量安全监管体系", "标准化信息服务平台", "重点行业质量竞争力测评", "知识产权保护机制", "农产品质量追溯体系",
    "工程质量终身责任制", "检验检测公共服务平台", "品牌培育认定机制", "诚信标准体系", "质量人才队伍建设",
    "营商环境评价制度", "数字政府建设", "污染防治攻坚行动", "科技成果转化机制", "安全生产责任体系",
)
TAILS = ("，提升服务水平。", "，确保取得实效。", "，形成长效机制。", "。", "，推动高质量发展。")
COLLECTIVES = ("{p}质量工作领导小组成员单位", "{p}各有关部门", "各盟市人民政府", "{p}直有关部门")


@dataclass(frozen=True)
class Jurisdiction:
    name: str  # 浙江省, 杭州市
    prefix: str  # what clauses write before a department: 省, 自治区, 市
    level: str  # province | city


def jurisdictions() -> list[Jurisdiction]:
    out = []
    for row in read_table("jurisdictions.tsv"):
        if row["level"] in {"province", "autonomous-region"} and row["name"] not in {"台湾省", "新疆生产建设兵团"}:
            out.append(Jurisdiction(row["name"], "自治区" if row["level"] == "autonomous-region" else "省", "province"))
    out += [Jurisdiction(c, "市", "city") for c in CITIES]
    return out


def departments(level: str) -> list[str]:
    """Short forms of the bodies of a level, as plans write them (质监局, 发展改革委)."""
    names = []
    for row in read_table("departments.tsv"):
        levels = row["level"].split("|")
        if level in levels and "{place}" not in row["name"] and row["kind"] in {"government", "party"}:
            aliases = [a for a in row["aliases"].split("|") if a]
            names.append(aliases[0] if aliases else row["name"])
    return sorted(set(names))


def cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return (CN[tens - 1] if tens > 1 else "") + "十" + (CN[ones - 1] if ones else "")


class PlanWriter:
    """Writes one plan and records the assignments it states."""

    def __init__(self, rng: random.Random, j: Jurisdiction, pool: list[str]) -> None:
        self.rng, self.j, self.pool = rng, j, pool
        self.truth: list[tuple[str, str, str, str]] = []

    def names(self, k: int, exclude: set[str]) -> list[str]:
        return self.rng.sample([n for n in self.pool if n not in exclude], k)

    def listing(self, names: list[str]) -> tuple[str, list[str]]:
        """A list that writes the prefix once (省发展改革委、财政厅) and the surfaces it means."""
        p = self.j.prefix
        return "、".join([p + names[0], *names[1:]]), [p + n for n in names]

    def clause(self, label: str, text: str) -> str:
        rng, used = self.rng, set()
        form = rng.choices(
            ["lead+support", "responsible", "joint", "joint+support", "lead", "fields", "collective", "tail"],
            weights=[40, 15, 12, 10, 5, 8, 5, 5])[0]
        rows: list[tuple[str, str]] = []

        def take(k: int) -> list[str]:
            picked = self.names(k, used)
            used.update(picked)
            return picked

        if form in {"lead+support", "lead", "tail"}:
            lead = take(1)
            written, surfaces = self.listing(lead)
            rows += [(s, "lead") for s in surfaces]
            clause = f"（由{written}牵头"
            if form != "lead":
                support_written, support = self.listing(take(rng.randint(1, 6)))
                rows += [(s, "support") for s in support]
                clause += f"，{support_written}{'等相关部门' if form == 'tail' else ''}配合"
            clause += "）"
        elif form == "responsible":
            written, surfaces = self.listing(take(1))
            rows += [(surfaces[0], "responsible")]
            clause = f"（由{written}负责）"
        elif form in {"joint", "joint+support"}:
            written, surfaces = self.listing(take(rng.randint(2, 5)))
            rows += [(s, "joint") for s in surfaces]
            clause = f"（由{written}按照职责分工负责"
            if form == "joint+support":
                support_written, support = self.listing(take(rng.randint(1, 4)))
                rows += [(s, "support") for s in support]
                clause += f"，{support_written}配合"
            clause += "）"
        elif form == "fields":
            lead_written, lead = self.listing(take(1))
            support_written, support = self.listing(take(rng.randint(1, 4)))
            rows += [(lead[0], "lead")] + [(s, "support") for s in support]
            clause = f"（牵头单位：{lead_written}；配合单位：{support_written}）"
        else:
            collective = rng.choice(COLLECTIVES).format(p=self.j.prefix)
            rows += [(collective, "joint")]
            clause = f"（由{collective}按照职责分工负责）"
        self.truth += [(label, text[:12], s, r) for s, r in rows]
        return clause

    def item_text(self) -> str:
        rng = self.rng
        parts = [rng.choice(VERBS) + rng.choice(OBJECTS) for _ in range(rng.randint(1, 3))]
        return "，".join(parts) + rng.choice(TAILS)

    def write(self, year: int, n_targets: int, sections: list[int]) -> str:
        rng, j = self.rng, self.j
        topic = rng.choice(TOPICS)
        title = f"{j.name}贯彻落实{topic}决定分工方案"
        lines = [
            f"各{'市' if j.level == 'province' else '区'}人民政府，{j.prefix}各委、办、厅、局：", "",
            f"　　经{j.prefix}人民政府同意，现将《{title}》印发给你们，请认真组织实施。", "",
            f"　　{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", "", f"　　{title}", "",
            f"　　为贯彻落实《关于{topic}的决定》（以下简称《决定》），制定本方案。", "",
            "　　一、工作目标分工", "",
        ]
        for t in range(1, n_targets + 1):
            text = self.item_text()
            lines += [f"　　（{cn(t)}）{text}{self.clause(f'一（{cn(t)}）', text)}", ""]
        lines += ["", "　　二、主要任务分工", ""]
        for s, n_tasks in enumerate(sections, start=1):
            lines += [f"　　（{cn(s)}）实施{rng.choice(OBJECTS)}战略。", ""]
            for t in range(1, n_tasks + 1):
                text = self.item_text()
                lines += [f"　　{t}.{text}{self.clause(f'二（{cn(s)}）{t}', text)}", ""]
        lines += ["", "　　三、工作要求", "", "　　各地区、各有关部门要高度重视，加强组织领导，确保各项任务落到实处。", ""]
        return "\n".join(lines)


def generate(docs: int, out: Path, seed: int = 2016) -> None:
    rng = random.Random(seed)
    pools = {"province": departments("province"), "city": departments("city")}
    places = jurisdictions()
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "truth.tsv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["document", "item", "item_start", "surface", "role"])
        for n in range(1, docs + 1):
            j = rng.choice(places)
            plan = PlanWriter(rng, j, pools[j.level])
            sections = [rng.randint(5, 11) for _ in range(rng.randint(5, 7))]
            text = plan.write(rng.randint(2015, 2024), rng.randint(18, 28), sections)
            doc = f"plan-{n:05d}"
            (out / f"{doc}.txt").write_text(text, encoding="utf-8")
            writer.writerows((doc, *row) for row in plan.truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10, help="number of plans to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the plans and truth.tsv into")
    parser.add_argument("--seed", type=int, default=2016, help="random seed (same seed, same corpus)")
    args = parser.parse_args()
    generate(args.docs, args.out, args.seed)


if __name__ == "__main__":
    main()

"""The page's own words, in the language of the page.

The default page (``--lang zh``) is for readers of the Chinese plans: its controls are in English
with a Chinese gloss (Find a department 查找部门). With ``--lang en`` they are in English alone, and
departments are named by their English labels. The plans' own texts (unit sentences, clauses,
section titles, plan titles) are data: they are shown as written, in either language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A word of the page in English, and its Chinese gloss."""

    en: str
    zh: str

    def says(self, lang: str) -> str:
        """``en`` in English; ``en zh`` in Chinese.

        >>> Term("Legend", "图例").says("zh"), Term("Legend", "图例").says("en")
        ('Legend 图例', 'Legend')
        """
        return self.en if lang == "en" else f"{self.en} {self.zh}"


TERMS = {
    "find": Term("Find a department", "查找部门"),
    "roles": Term("Roles", "职责"),
    "countedRoles": Term("Shared units, counting roles", "计入的职责"),
    "section": Term("Section", "章节"),
    "allSections": Term("All sections", "全部章节"),
    "physics": Term("Physics", "力导向"),
    "reset": Term("Reset", "重置"),
    "ego": Term("Only its network", "只看该部门"),
    "egoHint": Term("The selected department, its units and the bodies it shares them with (or double-click it)",
                    "所选部门、其承担单位及合作部门（或双击该部门）"),
    "whole": Term("Whole network", "全部网络"),
    "legend": Term("Legend", "图例"),
    "details": Term("Details", "详情"),
    "sharedUnits": Term("shared units", "共同承担单位"),
}
# Words whose Chinese page has no English beside them.
OWN = {
    "shortName": {"zh": "简称", "en": "short name"},  # before a body's short name in its tooltip
}
VIEW_NAMES = {
    "zh": {"responsibility": "责任网络 responsibility network", "coordination": "协同网络 coordination network"},
    "en": {"responsibility": "responsibility network", "coordination": "coordination network"},
}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}


def words(lang: str) -> dict[str, str]:
    """Every word of the page in ``lang``, by key (the template's and the script's)."""
    return {**{k: t.says(lang) for k, t in TERMS.items()}, **{k: w[lang] for k, w in OWN.items()}}

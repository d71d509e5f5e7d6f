"""Literal texts for the text-reuse tests: a passage, an edited copy, filler that shares no
character with them."""

from __future__ import annotations

import random

PASSAGE = ("支持企业建立高水平研发机构,鼓励企业建立研发准备金制度,对新认定的国家级技术创新中心"
           "给予一次性奖励,引导企业加大研发投入,完善科技成果转化收益分配机制。")
# an edited copy: one substitution (国家级 -> 省级, 3 chars -> 2), one insertion, one deletion
EDITED = ("支持企业建立高水平研发机构,鼓励企业建立研发准备金制度,对新认定的省级技术创新中心"
          "给予一次性资金奖励,引导企业加大研发投入,完善科技成果收益分配机制。")
FILLER = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"  # shares no character with PASSAGE


def filler(n: int, seed: int) -> str:
    """``n`` filler characters, the same for the same ``seed``."""
    rng = random.Random(seed)
    return "".join(rng.choice(FILLER) for _ in range(n))


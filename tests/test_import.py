"""``import analysis`` is light: the root package loads its names on first use, so
importing it pulls in no heavy library and takes well under half a second."""

from __future__ import annotations

import re
import subprocess
import sys

HEAVY = ("pandas", "numpy", "pyarrow", "scipy", "sklearn", "jieba", "rjieba", "opencc",
         "matplotlib", "tqdm", "networkx")


def test_import_analysis_imports_nothing_heavy():
    code = ("import sys, analysis; "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_import_analysis_takes_under_half_a_second():
    def cost() -> float:
        # -X importtime: the import's own cumulative time, without interpreter start-up
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import analysis"],
                             capture_output=True, text=True, check=True).stderr
        line = [ln for ln in err.splitlines() if re.search(r"\|\s*analysis$", ln)][-1]
        return int(line.split("|")[1]) / 1e6

    assert min(cost() for _ in range(3)) < 0.5

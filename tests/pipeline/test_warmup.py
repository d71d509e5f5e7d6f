"""Loading before the fork what the stages load on first use: modules, cached numba
kernels, a segmenter; nothing that is not cached is compiled, and nothing fails a build."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from analysis.pipeline import STAGES, Stage, StageError
from analysis.pipeline.warmup import preload

KERNEL = textwrap.dedent("""
    from numba import njit

    @njit(cache=True)
    def twice(x):
        return 2 * x
""")

CALLED = textwrap.dedent("""
    calls = []

    def fill():
        calls.append(1)
""")


def test_preload_imports_modules_calls_functions_and_lists_what_failed(tmp_path, monkeypatch):
    (tmp_path / "warm_mod_a.py").write_text(CALLED, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    failed = preload(["warm_mod_a", "warm_mod_a:fill", "warm_mod_a:fill", "warm_mod_a:nope",
                      "warm_no_such_module"])
    assert failed == ["warm_mod_a:nope", "warm_no_such_module"]
    assert sys.modules["warm_mod_a"].calls == [1]  # an entry given twice runs once


def _in_fresh_process(tmp_path, code: str, **env: str) -> str:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp_path,
                         capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(tmp_path), "PATH": "", **env})
    return out.stdout.strip()


def test_cached_kernels_load_what_the_cache_holds_and_compile_nothing_else(tmp_path):
    (tmp_path / "warm_kern.py").write_text(KERNEL, encoding="utf-8")
    check = """
        import warm_kern
        from analysis.pipeline.warmup import cached_kernels
        n = cached_kernels("warm_kern")
        print(n, len(warm_kern.twice.overloads),
              sum(warm_kern.twice.stats.cache_misses.values()))
    """
    # nothing cached yet: nothing loaded, nothing compiled
    assert _in_fresh_process(tmp_path, check) == "0 0 0"
    _in_fresh_process(tmp_path, "import warm_kern; warm_kern.twice(3); warm_kern.twice(.5)")
    # the two signatures the first calls compiled, loaded from the cache, none compiled
    assert _in_fresh_process(tmp_path, check) == "2 2 0"


def test_every_preload_of_the_default_stages_loads():
    entries = [e for s in STAGES for e in s.preload]
    assert "sklearn.decomposition" in entries and "analysis.textreuse" in entries
    assert preload(entries) == []


def test_preload_is_a_list_of_names():
    assert Stage("mine", "mine:f", preload=["json"]).preload == ("json",)
    with pytest.raises(StageError, match="preload is a list of names"):
        Stage("mine", "mine:f", preload="json")


def test_kernels_cached_for_another_cpu_are_left_to_compile_on_first_use(tmp_path):
    # a cache shared between machines: an entry made for another CPU would compile here
    (tmp_path / "warm_kern.py").write_text(KERNEL, encoding="utf-8")
    _in_fresh_process(tmp_path, "import warm_kern; warm_kern.twice(3)",
                      NUMBA_CPU_NAME="generic")
    check = """
        import warm_kern
        from analysis.pipeline.warmup import cached_kernels
        print(cached_kernels("warm_kern"), len(warm_kern.twice.overloads),
              sum(warm_kern.twice.stats.cache_misses.values()))
    """
    assert _in_fresh_process(tmp_path, check) == "0 0 0"

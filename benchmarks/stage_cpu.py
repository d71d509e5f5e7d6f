"""CPU seconds, peak memory and (optionally) a cProfile of analysis stages on fixed inputs.

``prep`` writes the benchmark's scaled corpus (``scaled_corpus.py``) to ``DIR/raw``, runs
the core build and pickles the inputs the analysis stages read (corpus, token frame as
the stage processes get it, clause table, build options) to ``DIR/inputs.pkl``. ``run``
loads them and calls each stage function of ``analysis.pipeline.stages`` in turn in this
process, printing wall and CPU seconds (``time.process_time``: on a loaded machine the
comparable figure) and the resident memory at its start, its peak (sampled every 20 ms)
and the rise. Two versions compare on the same inputs by running ``run`` twice with
``PYTHONPATH`` pointing at each version's ``src``; ``--save`` pickles each stage's tables
for a table-by-table comparison (``pandas.testing.assert_frame_equal``), ``--profile``
writes each stage's cProfile of CPU time (``time.process_time``: what a loaded machine
makes other processes wait for does not count; ``.prof`` and the top functions as text).
``--sample`` writes instead what a sampler of the stage's own stack finds (a CPU-time
timer, ``ITIMER_PROF``, every millisecond: no cost per call, so the many small calls of
the targets stage are not inflated as under cProfile): the share of samples in each
function (with what it calls, and on its own) and on each line.

Usage::

    .venv/bin/python benchmarks/stage_cpu.py prep --chars 20M --dir /tmp/stages20
    PYTHONPATH=../main/src .venv/bin/python benchmarks/stage_cpu.py run --dir /tmp/stages20 \\
        --stages structure,targets,compare,network,instruments --save /tmp/main20
    .venv/bin/python benchmarks/stage_cpu.py run --dir /tmp/stages20 --stages reuse --threads 2
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import gc
import io
import pickle
import pstats
import signal
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from memory_probe import peak_sampler, rss_mb  # noqa: E402
from scaled_corpus import make_corpus, parse_size  # noqa: E402


def _prep(d: Path, chars: int) -> None:
    import analysis.pipeline.runner as runner
    from analysis.pipeline import BuildOptions, build, select_stages

    inner = runner._run

    def keep_inputs(stage, ctx):  # type: ignore[no-untyped-def]
        if stage.name == "core":
            return inner(stage, ctx)
        inputs = (ctx._inputs.corpus, ctx.tokens, ctx.clauses, ctx.options)
        with open(d / "inputs.pkl", "wb") as fh:
            pickle.dump(inputs, fh, protocol=5)
        return {}

    runner._run = keep_inputs
    d.mkdir(parents=True, exist_ok=True)
    n, total = make_corpus(d / "raw", chars=chars, seed=7)
    print(f"corpus: {n} documents, {total:,} characters", flush=True)
    build(d / "raw", d / "out", options=BuildOptions(reuse_max_docs=0), cache_dir=d / "cache",
          workers=1, progress=False, stages=select_stages("core,structure"), keep_tables=False)


class _Sampler:
    """Shares of CPU-time samples of the main thread's stack: by function with its callees,
    by function alone, by line."""

    def __init__(self) -> None:
        self.n = 0
        self.cum: collections.Counter[str] = collections.Counter()
        self.own: collections.Counter[str] = collections.Counter()
        self.line: collections.Counter[str] = collections.Counter()

    def _take(self, signum, frame) -> None:  # type: ignore[no-untyped-def]
        seen, f, first = set(), frame, True
        while f is not None:
            key = f"{Path(f.f_code.co_filename).name}:{f.f_code.co_name}"
            if first:
                self.own[key] += 1
                self.line[f"{key}:{f.f_lineno}"] += 1
                first = False
            if key not in seen:
                self.cum[key] += 1
                seen.add(key)
            f = f.f_back
        self.n += 1

    def __enter__(self) -> _Sampler:
        signal.signal(signal.SIGPROF, self._take)
        signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)

    def report(self, top: int = 40) -> str:
        out = [f"{self.n} samples"]
        for title, counts in (("with callees", self.cum), ("own", self.own),
                              ("lines", self.line)):
            out.append(f"== {title}")
            out += [f"{v / max(self.n, 1) * 100:6.1f}% {k}" for k, v in counts.most_common(top)]
        return "\n".join(out) + "\n"


def _run(d: Path, stages: list[str], save: Path | None, profile: Path | None,
         sample: bool = False, threads: int = 1) -> None:
    import contextlib

    import analysis.pipeline.stages as funcs
    from analysis.pipeline.context import BuildContext

    try:  # the threads a stage may use (a version without them uses one)
        from analysis.pipeline.threads import using_threads
    except ImportError:
        using_threads = None  # type: ignore[assignment]

    with open(d / "inputs.pkl", "rb") as fh:
        corpus, tokens, clauses, options = pickle.load(fh)
    ctx = BuildContext(corpus, tokens, options)
    ctx._inputs.clauses = clauses
    peak = peak_sampler()
    warnings.simplefilter("ignore")
    for name in stages:
        func = getattr(funcs, f"{name}_stage")
        gc.collect()
        start = peak[0] = rss_mb()
        prof = (cProfile.Profile(time.process_time) if profile is not None and not sample
                else None)
        sampler = _Sampler() if sample else None
        t0, c0 = time.perf_counter(), time.process_time()
        if prof is not None:
            prof.enable()
        with (contextlib.nullcontext() if using_threads is None
              else using_threads(threads)):
            if sampler is not None:
                with sampler:
                    out = func(ctx)
            else:
                out = func(ctx)
        if prof is not None:
            prof.disable()
        print(f"{name:<12} wall {time.perf_counter() - t0:7.2f} s, cpu "
              f"{time.process_time() - c0:7.2f} s, RSS at start {start:6.0f} MB, peak "
              f"{peak[0]:6.0f} MB, rise {peak[0] - start:6.0f} MB", flush=True)
        if prof is not None and profile is not None:
            profile.mkdir(parents=True, exist_ok=True)
            prof.dump_stats(str(profile / f"{name}.prof"))
            text = io.StringIO()
            pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(35)
            (profile / f"{name}.txt").write_text(text.getvalue(), encoding="utf-8")
        if sampler is not None:
            text = sampler.report()
            if profile is not None:
                profile.mkdir(parents=True, exist_ok=True)
                (profile / f"{name}.samples.txt").write_text(text, encoding="utf-8")
            else:
                print(text, flush=True)
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            with open(save / f"{name}.pkl", "wb") as fh:
                pickle.dump(out, fh)
        del out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("mode", choices=["prep", "run"])
    p.add_argument("--dir", type=Path, required=True, help="where the inputs are kept")
    p.add_argument("--chars", type=parse_size, default=parse_size("5M"))
    p.add_argument("--stages", default="structure,targets,compare,network,instruments")
    p.add_argument("--save", type=Path, default=None, help="pickle each stage's tables here")
    p.add_argument("--profile", type=Path, default=None, help="write cProfiles here")
    p.add_argument("--sample", action="store_true",
                   help="sample the stack on CPU time instead of cProfile (to --profile "
                        "as NAME.samples.txt, else printed)")
    p.add_argument("--threads", type=int, default=1,
                   help="threads each stage may use (as a stage that runs alone in a build)")
    args = p.parse_args(argv)
    if args.mode == "prep":
        _prep(args.dir, args.chars)
    else:
        _run(args.dir, args.stages.split(","), args.save, args.profile, args.sample,
             args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())

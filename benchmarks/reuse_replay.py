"""The reuse stage's alignments alone: capture every ``align_pair`` call of a stage once,
then replay them to time the compiled alignment and compare its outputs between versions.

``capture CORPUS OUT.pkl`` runs the reuse stage (``reuse_stage.py``: a ``core,reuse``
build of the folder) and pickles the arguments of each ``align_pair`` call (the two code
arrays, the seed pairs, the options). ``replay OUT.pkl`` calls ``align_pair`` on them
again (after one call that compiles or loads the kernels) and prints the CPU seconds of
the fastest of ``--repeat`` passes and the alignment counters (windows, cells, extension
characters and cells, windows taken from kept ones; summed over the passes);
``--save REF.pkl`` keeps the outputs and ``--compare REF.pkl`` checks them against those
of another version, array by array (values and dtypes). Two versions compare on the same
calls with ``PYTHONPATH`` pointing at each version's ``src``::

    .venv/bin/python benchmarks/reuse_replay.py capture /tmp/stages5/raw /tmp/calls5.pkl
    PYTHONPATH=/path/to/main/src .venv/bin/python benchmarks/reuse_replay.py replay \\
        /tmp/calls5.pkl --save /tmp/ref5.pkl
    .venv/bin/python benchmarks/reuse_replay.py replay /tmp/calls5.pkl --compare /tmp/ref5.pkl
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def capture(corpus: Path, out: Path) -> None:
    import reuse_stage

    import analysis.textreuse.passages as passages

    calls = []
    inner = passages.align_pair

    def kept(ca, cb, pa, pb, **opts):  # type: ignore[no-untyped-def]
        calls.append((ca.copy(), cb.copy(), pa.copy(), pb.copy(), opts))
        return inner(ca, cb, pa, pb, **opts)

    passages.align_pair = kept
    reuse_stage.main([str(corpus)])
    with open(out, "wb") as fh:
        pickle.dump(calls, fh, protocol=5)
    print(f"{len(calls)} align_pair calls in {out}", flush=True)


def replay(calls_file: Path, repeat: int, save: Path | None, ref: Path | None) -> None:
    import numpy as np

    from analysis.textreuse import regions

    with open(calls_file, "rb") as fh:
        calls = pickle.load(fh)
    regions.align_pair(*calls[0][:4], **calls[0][4])  # compile or load the kernels
    regions.COUNTS[:] = 0
    best = float("inf")
    for _ in range(repeat):
        c0 = time.process_time()
        outs = [regions.align_pair(ca, cb, pa, pb, **k) for ca, cb, pa, pb, k in calls]
        best = min(best, time.process_time() - c0)
    print(f"{len(calls)} calls: cpu {best:.3f} s (fastest of {repeat}); windows, cells, "
          f"extension characters, extension cells, windows taken from kept ones: "
          f"{regions.COUNTS.tolist()}", flush=True)
    if save is not None:
        with open(save, "wb") as fh:
            pickle.dump(outs, fh, protocol=5)
    if ref is not None:
        with open(ref, "rb") as fh:
            want = pickle.load(fh)
        differ = sum(
            any(x.dtype != y.dtype or not np.array_equal(x, y) for x, y in zip(g, w, strict=True))
            for g, w in zip(outs, want, strict=True))
        print(f"compared with {ref}: {differ} of {len(outs)} calls differ", flush=True)
        if differ:
            raise SystemExit(1)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("mode", choices=["capture", "replay"])
    p.add_argument("source", type=Path, help="capture: a corpus folder; replay: the calls")
    p.add_argument("out", type=Path, nargs="?", help="capture: where to pickle the calls")
    p.add_argument("--repeat", type=int, default=1, help="replay passes (the fastest counts)")
    p.add_argument("--save", type=Path, help="replay: pickle the outputs here")
    p.add_argument("--compare", type=Path, help="replay: compare with the outputs saved here")
    args = p.parse_args(argv)
    if args.mode == "capture":
        if args.out is None:
            p.error("capture needs OUT")
        capture(args.source, args.out)
    else:
        replay(args.source, args.repeat, args.save, args.compare)
    return 0


if __name__ == "__main__":
    sys.exit(main())

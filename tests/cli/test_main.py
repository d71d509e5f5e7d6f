"""``policy-lens`` never shows a traceback: each kind of failure becomes one message and an
exit status (2 bad input, 1 file system or analysis, 130 Ctrl-C)."""

from __future__ import annotations

import errno

import pytest

from analysis.cli import kwic, main


def _failing(monkeypatch, exc):
    def run(args):
        raise exc

    monkeypatch.setattr(kwic, "_run", run)


@pytest.mark.parametrize(("exc", "code", "says"), [
    (KeyboardInterrupt(), 130, "interrupted (Ctrl-C)"),
    (PermissionError(errno.EACCES, "Permission denied", "/ro/hits.csv"), 1,
     "/ro/hits.csv: permission denied"),
    (OSError(errno.ENOSPC, "No space left on device", "/full/.hits.csv.ab12.tmp"), 1,
     "/full/hits.csv: no space left"),
    (FileNotFoundError("corpus: no metadata.csv"), 2, "corpus: no metadata.csv"),
    (KeyError("not in this corpus: ['nope']"), 2, "not in this corpus: ['nope']"),
    (ValueError("--window -1: give 0 or more"), 2, "--window -1: give 0 or more"),
    (RuntimeError("unexpected"), 1, "RuntimeError: unexpected"),
])
def test_failures_become_one_message(monkeypatch, capsys, exc, code, says):
    _failing(monkeypatch, exc)
    assert main(["kwic", "科技"]) == code
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("policy-lens kwic: ")


def test_a_key_error_is_not_shown_with_quotes(monkeypatch, capsys):
    _failing(monkeypatch, KeyError("doc 'x' is unknown"))
    main(["kwic", "科技"])
    assert capsys.readouterr().err == "policy-lens kwic: error: doc 'x' is unknown\n"


def test_traceback_on_request(monkeypatch):
    _failing(monkeypatch, RuntimeError("unexpected"))
    monkeypatch.setenv("POLICY_LENS_TRACEBACK", "1")
    with pytest.raises(RuntimeError, match="unexpected"):
        main(["kwic", "科技"])

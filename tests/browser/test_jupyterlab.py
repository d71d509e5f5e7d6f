"""JupyterLab in a real browser: ``make lab`` opens where it should, and notebooks 00 and 03
open by double-click, run all their cells without an error, render every figure and leave
their ``.py`` source untouched.

Run with ``make test-browser`` (= ``pytest -m browser tests/browser``). The browser is
Debian's ``/usr/bin/chromium`` driven by playwright (never a downloaded browser); JupyterLab
is started by ``make lab`` itself, on a free localhost port with a random token, and killed
at the end whatever happens. What a failure looked like is saved in ``reports/browser/``
(a screenshot per failed test and the server log).

Test-only settings, kept out of the user's home: a temporary settings folder that turns
autosave off (the test must never write a notebook; the check on the ``.py`` hash would
otherwise depend on how long the run takes), a temporary workspaces folder and runtime
folder, and ``expose_app_in_browser`` so the test can read the outputs' types from the
notebook model (an error output and a stderr stream look alike on the page).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_NOTEBOOK = "00_corpus_overview.py"
FAILURES = ROOT / "reports" / "browser"

# Generous: 2 cores, possibly busy. Waits poll a condition, so a fast machine is not slowed.
SERVER_START_S = 240
UI_MS = 120_000  # a click, a page, a file listing, a kernel start
RUN_ALL_MS = 900_000  # one notebook's Run All Cells
IMAGES_MS = 120_000


@dataclass
class Lab:
    url: str
    token: str
    log: Path
    proc: subprocess.Popen


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    """End ``make lab`` and everything it started (the server and its kernels, which run in
    sessions of their own): SIGTERM first, so the server shuts its kernels down, then SIGKILL
    whatever is left."""
    import psutil

    try:
        procs = [psutil.Process(proc.pid)]
        procs += procs[0].children(recursive=True)
    except psutil.NoSuchProcess:
        procs = []
    for p in reversed(procs):  # the server before make
        with contextlib.suppress(psutil.NoSuchProcess):
            p.send_signal(signal.SIGTERM)
    _, alive = psutil.wait_procs(procs, timeout=30)
    for p in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    psutil.wait_procs(alive, timeout=10)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # anything else left in make's own group
    proc.wait(timeout=10)


def _wait_until_serving(lab: Lab) -> None:
    deadline = time.monotonic() + SERVER_START_S
    request = urllib.request.Request(
        f"{lab.url}/api/status", headers={"Authorization": f"token {lab.token}"}
    )
    while time.monotonic() < deadline:
        if lab.proc.poll() is not None:
            pytest.fail(
                f"`make lab` exited with code {lab.proc.returncode} before serving; "
                f"last lines of {lab.log}:\n{_tail(lab.log)}"
            )
        with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=5) as resp:
            if resp.status == 200:
                return
        time.sleep(0.5)
    pytest.fail(
        f"JupyterLab did not answer {lab.url}/api/status within {SERVER_START_S} s; "
        f"last lines of {lab.log}:\n{_tail(lab.log)}"
    )


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab started as `make lab` starts it, plus headless test options (LAB_ARGS)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: `make test-browser` installs Debian's chromium")
    tmp = tmp_path_factory.mktemp("jupyterlab")
    settings = tmp / "settings"
    for plugin, values in {
        "docmanager-extension/plugin": {"autosave": False},
        "apputils-extension/notification": {"fetchNews": "false"},  # no news pop-up
    }.items():
        path = settings / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    checkpoints = NOTEBOOKS / ".ipynb_checkpoints"
    had_checkpoints = checkpoints.exists()
    (tmp / "workspaces").mkdir()
    for stale in [*FAILURES.glob("*.png"), *FAILURES.glob("*.console.txt")]:
        stale.unlink()  # from an earlier run
    port, token = _free_port(), secrets.token_hex(24)
    lab_args = [
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
    ]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    log = tmp / "jupyterlab.log"
    command = ["make", "--no-print-directory", "-C", str(ROOT), "lab"]
    command.append("LAB_ARGS=" + " ".join(lab_args))
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,
        )
    server = Lab(url=f"http://127.0.0.1:{port}", token=token, log=log, proc=proc)
    try:
        _wait_until_serving(server)
        yield server
    finally:
        _stop(proc)
        if not had_checkpoints:  # JupyterLab makes one when it opens a file
            shutil.rmtree(checkpoints, ignore_errors=True)
        FAILURES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, FAILURES / "jupyterlab.log")


@pytest.fixture(scope="module")
def playwright_api():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def page(playwright_api, lab: Lab, request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh chromium (new user-data-dir) per test; a screenshot if the test failed."""
    context = playwright_api.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path / "chromium-profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000},
    )
    context.set_default_timeout(UI_MS)
    context.set_default_navigation_timeout(UI_MS)
    pg = context.pages[0] if context.pages else context.new_page()
    console: list[str] = []
    pg.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    try:
        yield pg
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is None or rep.failed:
            FAILURES.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            with contextlib.suppress(Exception):
                pg.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True, timeout=30_000)
            (FAILURES / f"{name}.console.txt").write_text("\n".join(console) + "\n")
            print(f"\nscreenshot and browser console: {FAILURES / name}.*")
        with contextlib.suppress(Exception):
            context.close()


def _login(page, lab: Lab, path: str) -> None:
    page.goto(f"{lab.url}{path}{'&' if '?' in path else '?'}token={lab.token}")


def _notebook_panel(page, name: str):
    """The notebook panel of ``name``, once it is the current tab, loaded and drawn."""
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text=name)
    tab.first.wait_for(state="visible")
    try:
        page.wait_for_function(
            """([name]) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                  return !!w && !!w.context && w.context.path.endsWith(name) && w.context.isReady
                         && !!w.content && !!w.content.model && w.content.model.cells.length > 1
                         && w.node.querySelectorAll('.jp-Cell').length > 1; }""",
            arg=[name], timeout=UI_MS,
        )
    except Exception as exc:
        pytest.fail(f"{name} did not open as a notebook with its cells within "
                    f"{UI_MS // 1000} s: {exc}")
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def test_make_lab_opens_notebook_00(page, lab: Lab):
    """`make lab`'s address (/) lands on notebook 00, opened as a notebook (not the Launcher,
    not a text editor); the server runs even as root (--allow-root when uid is 0)."""
    _login(page, lab, "/")
    page.wait_for_url(re.compile(r"/lab/tree/notebooks/00_corpus_overview\.py"))
    panel = _notebook_panel(page, DEFAULT_NOTEBOOK)
    assert panel.locator(".jp-MarkdownCell").count() > 0, "notebook 00 shows no markdown cell"
    assert page.locator(".jp-FileEditor:visible").count() == 0, "00 opened as a text file"


# Reads the notebook model (window.jupyterapp, exposed by --LabApp.expose_app_in_browser):
# execution counts, error outputs and image outputs of every code cell.
_MODEL_JS = """
(name) => {
  const app = window.jupyterapp;
  if (!app) return {missing: 'window.jupyterapp'};
  const widget = app.shell.currentWidget;
  if (!widget || !widget.context || !widget.context.path.endsWith(name))
    return {missing: 'current widget ' + name};
  const cells = widget.content.model.cells;
  const out = {cells: []};
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    const outputs = [];
    for (let j = 0; j < c.outputs.length; j++) outputs.push(c.outputs.get(j).toJSON());
    out.cells.push({index: i, count: c.executionCount, source: c.sharedModel.getSource(),
                    outputs: outputs});
  }
  return out;
}
"""

# True when the kernel is idle, no cell is queued or running ([*]), and every code cell has
# run, or an error stopped the run (JupyterLab then drops the queued cells).
_DONE_JS = """
([name]) => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  if (!w || !w.context || !w.context.path.endsWith(name)) return false;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const prompts = w.node.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt');
  for (const p of prompts) if (p.textContent.includes('*')) return false;
  const cells = w.content.model.cells;
  let allRun = true, error = false;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    if (c.sharedModel.getSource().trim() && c.executionCount === null) allRun = false;
    for (let j = 0; j < c.outputs.length; j++)
      if (c.outputs.get(j).type === 'error') error = true;
  }
  return allRun || error;
}
"""

_IMAGES_JS = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  return Array.from(w.node.querySelectorAll('.jp-OutputArea-output img')).map((img, k) => ({
    k, complete: img.complete, w: img.naturalWidth, h: img.naturalHeight,
    cell: Array.from(w.node.querySelectorAll('.jp-Cell')).indexOf(img.closest('.jp-Cell')),
  }));
}
"""

_IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")


def _listing() -> list[str]:
    """notebooks/, less JupyterLab's own .ipynb_checkpoints (made on open, gitignored)."""
    return sorted(p.name for p in NOTEBOOKS.iterdir() if p.name != ".ipynb_checkpoints")


def _first_line(source: str) -> str:
    lines = [ln for ln in source.splitlines() if ln.strip()]
    return lines[0][:80] if lines else ""


@pytest.mark.parametrize("name", ["00_corpus_overview.py", "03_themes.py"])
def test_notebook_runs_clean_in_jupyterlab(page, lab: Lab, name: str):
    source = NOTEBOOKS / name
    before = _sha256(source)
    files_before = _listing()

    # A fresh workspace (no tab from an earlier test), then the file browser as a person uses it.
    _login(page, lab, "/lab?reset")
    listing = page.locator(".jp-FileBrowser .jp-DirListing-content")
    folder = listing.locator(".jp-DirListing-item", has=page.get_by_text("notebooks", exact=True))
    folder.first.dblclick()
    item = listing.locator(".jp-DirListing-item", has=page.get_by_text(name, exact=True))
    item.first.dblclick()
    _notebook_panel(page, name)

    # Kernel ready, then Run → Run All Cells from the menu bar.
    page.wait_for_function(
        """([name]) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
              const k = w && w.sessionContext && w.sessionContext.session
                        && w.sessionContext.session.kernel;
              return !!k && k.status === 'idle' && w.context.path.endsWith(name); }""",
        arg=[name], timeout=UI_MS,
    )
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item", has=page.get_by_text("Run All Cells", exact=True)).click()
    try:
        page.wait_for_function(_DONE_JS, arg=[name], timeout=RUN_ALL_MS, polling=1000)
    except Exception as exc:  # playwright's TimeoutError; say what was left
        state = page.evaluate(_MODEL_JS, name)
        pending = [c["index"] for c in state.get("cells", []) if c["count"] is None]
        pytest.fail(f"{name}: Run All Cells not finished within {RUN_ALL_MS // 1000} s "
                    f"(cells without an execution count: {pending}): {exc}")

    # No error output in any cell (read from the model: on the page an error and a stderr
    # stream share one mime type).
    state = page.evaluate(_MODEL_JS, name)
    assert "missing" not in state, f"{name}: cannot read the notebook model ({state})"
    errors = [
        f"cell {c['index']} ({_first_line(c['source'])!r}): {o.get('ename')}: {o.get('evalue')}"
        for c in state["cells"] for o in c["outputs"] if o.get("output_type") == "error"
    ]
    if errors:  # show the first failing cell in the screenshot
        first = next(c["index"] for c in state["cells"]
                     if any(o.get("output_type") == "error" for o in c["outputs"]))
        with contextlib.suppress(Exception):
            page.evaluate(
                "(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node"
                ".scrollIntoView({block: 'start'})", first,
            )
    assert not errors, f"{name}: error output in JupyterLab:\n" + "\n".join(errors)
    not_run = [c["index"] for c in state["cells"] if c["source"].strip() and c["count"] is None]
    assert not not_run, f"{name}: code cells never executed: {not_run}"

    # Every figure rendered: one <img> per image output, each decoded with a nonzero size.
    expected = sum(
        1 for c in state["cells"] for o in c["outputs"]
        if any(t in o.get("data", {}) for t in _IMAGE_TYPES)
    )
    assert expected > 0, f"{name}: no figure among the outputs"
    with contextlib.suppress(Exception):  # a timeout is reported below, image by image
        page.wait_for_function(
            "(n) => { const imgs = window.jupyterapp.shell.currentWidget.node"
            ".querySelectorAll('.jp-OutputArea-output img');"
            " return imgs.length >= n && Array.from(imgs).every("
            "i => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0); }",
            arg=expected, timeout=IMAGES_MS, polling=500,
        )
    images = page.evaluate(_IMAGES_JS)
    broken = [i for i in images if not (i["complete"] and i["w"] > 0 and i["h"] > 0)]
    assert len(images) >= expected, (
        f"{name}: {expected} image outputs in the model but {len(images)} <img> on the page"
    )
    assert not broken, f"{name}: figures not rendered (empty or not decoded): {broken}"

    print(f"{name}: {len(state['cells'])} code cells run, no error, "
          f"{len(images)} figures rendered")

    # Nothing written: the source is byte-identical and no file appeared beside it.
    assert _sha256(source) == before, f"{name} changed on disk while running in JupyterLab"
    files_after = _listing()
    assert files_after == files_before, (
        f"notebooks/ changed: {sorted(set(files_after) ^ set(files_before))}"
    )

"""The exploration notebook (10_explore) in a real JupyterLab: its ipywidgets controls
render, and changing one redraws the figure and the evidence clauses.

Run with ``make test-browser``; JupyterLab, chromium and the failure screenshots are those
of :mod:`tests.browser.test_jupyterlab` (its fixtures are reused here).
"""

from __future__ import annotations

import re

import pytest

from tests.browser.test_jupyterlab import (  # noqa: F401  (fixtures used by name)
    _DONE_JS,
    NOTEBOOKS,
    RUN_ALL_MS,
    UI_MS,
    Lab,
    _login,
    _notebook_panel,
    lab,
    page,
    playwright_api,
)

pytestmark = pytest.mark.browser

NAME = "10_explore.py"

# The explorer's current state on the page: the figure's image data and the evidence rows.
_STATE_JS = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const img = w.node.querySelector('.widget-output img');
  const rows = Array.from(w.node.querySelectorAll('table.pl-evidence tbody tr'))
    .map(r => r.innerText);
  return {img: img ? img.src : null, ok: !!img && img.complete && img.naturalWidth > 0,
          rows: rows};
}
"""


def test_explorer_redraws_figure_and_evidence_when_a_widget_changes(page, lab: Lab):  # noqa: F811
    assert (NOTEBOOKS / NAME).is_file()
    _login(page, lab, f"/lab/tree/notebooks/{NAME}?reset")
    _notebook_panel(page, NAME)
    page.wait_for_function(
        """([name]) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
              const k = w && w.sessionContext && w.sessionContext.session
                        && w.sessionContext.session.kernel;
              return !!k && k.status === 'idle' && w.context.path.endsWith(name); }""",
        arg=[NAME], timeout=UI_MS,
    )
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item", has=page.get_by_text("Run All Cells", exact=True)).click()
    page.wait_for_function(_DONE_JS, arg=[NAME], timeout=RUN_ALL_MS, polling=1000)

    # the controls rendered as widgets (not as a text repr), with a figure and evidence
    theme = page.locator(".widget-dropdown", has_text="theme").locator("select")
    theme.wait_for(state="visible")
    page.wait_for_function("() => { const s = (" + _STATE_JS + ")();"
                           " return s.ok && s.rows.length > 0; }", timeout=UI_MS)
    before = page.evaluate(_STATE_JS)
    assert all(re.search(r"\S+:\S*", r) for r in before["rows"]), \
        f"evidence rows without a clause id: {before['rows'][:3]}"

    # choose another theme: the figure and the evidence change
    options = theme.locator("option").all_inner_texts()
    assert len(options) > 2
    theme.select_option(index=2)
    page.wait_for_function(
        "([img, first]) => { const s = (" + _STATE_JS + ")();"
        " return s.ok && s.img !== img && s.rows.length > 0 && s.rows[0] !== first; }",
        arg=[before["img"], before["rows"][0]], timeout=UI_MS, polling=500,
    )
    after = page.evaluate(_STATE_JS)
    assert after["img"] != before["img"] and after["rows"] != before["rows"]
    print(f"{NAME}: theme {options[0]!r} -> {options[2]!r}; evidence "
          f"{len(before['rows'])} -> {len(after['rows'])} rows, figure redrawn")

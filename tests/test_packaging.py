"""The project installs itself the same way everywhere: pins, conda file, import cost."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from tests.conftest import ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _declared() -> set[str]:
    proj = _pyproject()["project"]
    deps = list(proj["dependencies"]) + list(proj["optional-dependencies"]["dev"])
    return {_name(d) for d in deps}


def _environment_yml() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"^\s+-\s+([A-Za-z0-9_.\-]+)\s*(==|=|$)", line)
        if m and m.group(1) not in {"python", "pip", "-e"}:
            names.add(m.group(1).lower())
    return names


def test_environment_yml_names_the_same_dependencies_as_pyproject():
    assert _environment_yml() == _declared()


def test_every_dependency_is_pinned():
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, ver = line.split("==")
            pins[name.lower().replace("_", "-")] = ver
    missing = _declared() - set(pins)
    assert not missing, f"not pinned in requirements/constraints.txt: {missing}"


def test_import_is_light():
    code = ("import sys, analysis; heavy = [m for m in ('pandas', 'numpy', 'jieba', 'sklearn', "
            "'matplotlib', 'scipy') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_public_names_resolve():
    import analysis

    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_console_script_and_module_entry_point():
    assert _pyproject()["project"]["scripts"]["policy-lens"] == "analysis.cli:main"
    r = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True,
                       text=True, check=False)
    assert r.returncode == 0 and "build" in r.stdout

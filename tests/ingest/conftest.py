"""Fixtures of the import tests: every input file is made by the test itself."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTICE = [
    "包头市人民政府办公室关于印发《包头市数字政府建设考评办法》的通知",
    "包府办发〔2022〕43号",
    "各旗、县、区人民政府，市直有关部门：",
    "经市人民政府同意，现将《包头市数字政府建设考评办法》印发给你们，请认真抓好落实。",
    "包头市人民政府办公室",
    "2022年4月14日",
    "包头市数字政府建设考评办法",
    "一、考评对象",
    "各旗县区人民政府，参与数字政府建设工作的各部门、单位。",
]


@pytest.fixture
def notice_lines() -> list[str]:
    """A 印发 notice wrapping an attached 办法, as a list of lines."""
    return list(NOTICE)


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """An empty source folder."""
    d = tmp_path / "src"
    d.mkdir()
    return d

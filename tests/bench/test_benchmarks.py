"""The benchmark suite runs end to end at tiny sizes and reports every floor (timings unchecked)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def suite(name: str) -> ModuleType:
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    return importlib.import_module(f"bench.{name}")


def test_ratio_and_verdict_of_rows() -> None:
    report = suite("report")
    base = report.Measure("baseline", 2.0)
    assert report.Row("x", base, report.Measure("ours", 3.0), 1.5).met is True
    assert report.Row("x", base, report.Measure("ours", 3.1), 1.5).met is False
    faster = report.Row("x", base, report.Measure("ours", 0.5), 3.0, speedup=True)
    assert faster.ratio == 4.0
    assert faster.met is True
    assert report.Row("x", base, None, 1.5, note="missing").met is None
    assert report.Row("x", base, report.Measure("ours", 9.0)).met is None


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[object], str]:
    main = suite("main")
    output = tmp_path_factory.mktemp("bench") / "BENCHMARKS.md"
    sections = main.run_all(main.QUICK)
    output.write_text(suite("report").render(sections, command=main.COMMAND))
    return sections, output.read_text()


def test_every_floor_has_rows_with_figures(quick_run: tuple[list[object], str]) -> None:
    sections, _ = quick_run
    assert [section.number for section in sections] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    for section in sections:
        assert section.rows, section.title
        assert section.method, section.title
        for row in section.rows:
            assert row.ours is not None or row.note or row.ours_text, row.what
            if row.ours is not None:
                assert row.ours.value > 0, row.what
            if row.limit is not None and row.ours is not None and row.baseline is not None:
                assert row.met is not None, row.what


def test_comparisons_are_reported_beside_the_floors(
    quick_run: tuple[list[object], str],
) -> None:
    sections, _ = quick_run
    typed, validation, proxied = sections[0], sections[1], sections[6]
    assert any("beside a direct read" in row.what for row in proxied.rows)
    assert any("attrs" in row.what for row in typed.rows)
    assert any("pydantic" in row.what for row in typed.rows)
    assert any("llama-cloud" in row.what for row in typed.rows)
    assert any("openapi-core" in row.what for row in validation.rows)


def test_the_report_has_the_table_machine_and_methods(
    quick_run: tuple[list[object], str],
) -> None:
    _, text = quick_run
    assert "| floor | what | baseline | ours | ratio | floor | met? |" in text
    assert "## Machine and versions" in text
    assert "- Python 3." in text
    for number in range(1, 10):
        assert f"\n### {number}. " in text

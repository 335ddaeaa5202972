"""What the runner adds around the notebooks: findings first in the reader version, the links
back to the index and to the CSV tables, and the index's findings and parameters."""

from __future__ import annotations

import nbformat

from helpers.analyses.display import findings_markdown
from helpers.runner import index, reports


def _notebook():
    nb = nbformat.v4.new_notebook()
    findings = nbformat.v4.new_code_cell("show_findings(...)")
    findings.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/markdown": findings_markdown(["4 partners & <b>x</b>."])}
        )
    ]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nIntro."),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("## Tables"),
        findings,
    ]
    return nb


def test_reader_version_opens_with_the_findings():
    nb = _notebook()
    reports.findings_first(nb)
    assert nb.cells[1].source == "show_findings(...)"
    assert [c.source for c in nb.cells[2:]] == ["x = 1", "## Tables"]


def test_findings_are_read_back_as_sentences():
    assert index.findings_of(_notebook()) == ["4 partners & <b>x</b>."]
    assert index.findings_of(nbformat.v4.new_notebook()) == []


def test_scope_text_names_period_and_partners():
    assert index.scope_text({}) == "Period: every date; partners: all."
    assert index.scope_text({"start": "2020", "partners": ["DZA", "RUS"]}) == (
        "Period: 2020 to the latest event; partners: DZA, RUS."
    )
    assert index.scope_text({"partner": "MAR"}) == "Period: every date; partners: MAR."


def test_report_links_the_index_and_its_tables_and_escapes_findings(tmp_path):
    dest = tmp_path / "r.reader.html"
    reports.export_html(_notebook(), dest, "Title", reader=True, tables=["a.csv", "b.svg"])
    html = dest.read_text(encoding="utf-8")
    assert '<a href="index.html">' in html
    assert '<a href="tables/a.csv">a.csv</a>' in html and "b.svg" not in html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert html.index("4 partners") < html.index('id="Tables"')

"""Figures shown in notebooks are the files written, at their on-screen size."""

from __future__ import annotations

import matplotlib.pyplot as plt

from helpers.figures import plotting


def test_a_notebook_shows_the_png_it_wrote_at_screen_size_and_the_figure_is_closed(
    tmp_path, monkeypatch
):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))
    plotting.apply_style()
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.plot([0, 1], [0, 1])
    plotting.save_and_show(fig, "line", tmp_path)
    png = (tmp_path / "line.png").read_bytes()
    assert (tmp_path / "line.svg").is_file()
    assert len(shown) == 1 and shown[0].data == png
    pixels = int.from_bytes(
        png[16:20], "big"
    )  # the PNG header's width: drawn at savefig.dpi = 150, tight box
    assert shown[0].width == round(pixels * 100 / 150)
    assert 350 < shown[0].width < 450  # about the figure's 4 inches at figure.dpi = 100
    assert not plt.fignum_exists(fig.number)

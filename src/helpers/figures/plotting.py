"""How figures look and how they are saved: one function makes SVG and PNG byte-reproducible."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

from helpers.data.paths import HOME, resolve_dir

HASH_SALT = "mali-defence-cooperation"
# Fonts shipped inside matplotlib, so that no system font changes a figure.
FONT_FAMILY = "DejaVu Sans"

HOME_COLOUR = "#7f7f7f"
# The partners' colours: Okabe–Ito (without its yellow, faint on white), then tab20 without its greys
# (grey is Mali's).
_PALETTE = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    *(
        c
        for c in (matplotlib.colors.to_hex(plt.get_cmap("tab20")(i)) for i in range(20))
        if c not in ("#7f7f7f", "#c7c7c7")
    ),
]

STYLE = {
    "font.family": FONT_FAMILY,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "svg.hashsalt": HASH_SALT,
    "svg.fonttype": "path",
    "path.simplify": True,
    "legend.frameon": False,
}


def apply_style() -> None:
    """The project's matplotlib style; called by notebooks before they draw."""
    matplotlib.rcParams.update(STYLE)


def preferred_colour(code: str) -> int:
    """The palette position a partner code asks for: a stable hash of the code alone, so the
    same partner gets the same colour in every figure and every run."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % len(_PALETTE)


def partner_colours(partners: Iterable[str]) -> dict[str, str]:
    """A colour for each partner code, chosen by the code itself (:func:`preferred_colour`),
    Mali in grey. When two partners present ask for the same colour, they are taken in code order
    and a later one gets the next free palette entry; past the palette's size colours repeat."""
    codes = sorted(set(partners) - {HOME})
    taken: set[int] = set()
    colours: dict[str, str] = {}
    for code in codes:
        slot = preferred_colour(code)
        if len(taken) < len(_PALETTE):
            while slot in taken:
                slot = (slot + 1) % len(_PALETTE)
        taken.add(slot)
        colours[code] = _PALETTE[slot]
    colours[HOME] = HOME_COLOUR
    return colours


def source_line(fig: plt.Figure, text: str) -> None:
    """A source note under the figure: which articles and which period it draws on."""
    fig.text(0.01, -0.02, text, ha="left", va="top", fontsize=7.5, color="#555555", wrap=True)


def save_figure(
    fig: plt.Figure, name: str, figures_dir: str | os.PathLike | None = None
) -> dict[str, Path]:
    """Save ``fig`` as ``<name>.svg`` and ``<name>.png`` in ``figures_dir`` so that two runs on
    the same data give identical bytes: fixed SVG hash salt, no dates or software versions in
    the metadata, fonts drawn as paths."""
    out = resolve_dir(figures_dir, "figures")
    out.mkdir(parents=True, exist_ok=True)
    paths = {"svg": out / f"{name}.svg", "png": out / f"{name}.png"}
    with matplotlib.rc_context({"svg.hashsalt": HASH_SALT, "svg.fonttype": "path"}):
        fig.savefig(
            paths["svg"],
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
        fig.savefig(paths["png"], format="png", metadata={"Software": None})
    return paths


def save_and_show(fig: plt.Figure, name: str, figures_dir: str | os.PathLike | None = None) -> None:
    """:func:`save_figure`, then :func:`show_png` of the PNG written: what notebooks call."""
    show_png(fig, save_figure(fig, name, figures_dir)["png"])


def show_png(fig: plt.Figure, png: str | os.PathLike) -> None:
    """Display a saved PNG of ``fig`` in the notebook at the size the figure has on screen
    (``figure.dpi``; the file is drawn at ``savefig.dpi``), then close the figure. The notebook
    and its HTML report show the very bytes of the figure file, and a large figure is not drawn a
    third time by the inline backend."""
    from IPython.display import Image, display
    from PIL import Image as PILImage

    data = Path(png).read_bytes()
    with PILImage.open(io.BytesIO(data)) as image:
        pixels = image.width
    saved = matplotlib.rcParams["savefig.dpi"]
    saved = fig.dpi if saved == "figure" else float(saved)
    width = round(pixels * matplotlib.rcParams["figure.dpi"] / saved)
    plt.close(fig)
    display(Image(data=data, format="png", width=width))

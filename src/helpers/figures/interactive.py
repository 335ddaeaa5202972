"""Interactive views (Vega-Lite specifications, written with Altair) as HTML that opens with no
network: the Vega, Vega-Lite and Vega-Embed libraries (vl-convert's bundle) are inlined once per
notebook, and each view embeds its specification as JSON under a fixed element id, so that a
notebook's outputs are the same from one run to the next. The committed SVG and PNG figures stay
the record; a view is an extra output for the HTML report and JupyterLab."""

from __future__ import annotations

import functools
import html
import json
import re

__all__ = [
    "READY_EVENT",
    "VIEW_CLASS",
    "bundle_html",
    "show_view",
    "spec_json",
    "vega_bundle",
    "view_html",
]

VIEW_CLASS = "vega-view"
READY_EVENT = "vega-bundle-ready"
_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_STATE = {"bundle_shown": False}
# vega-tooltip cuts values at 300 px and 7 lines; evidence quotes are shown whole. On a narrow
# screen the tooltip sits at the bottom of the screen, where it always fits.
_TOOLTIP_CSS = """
#vg-tooltip-element { max-width: min(34rem, calc(100vw - 1.5rem)); box-sizing: border-box; }
#vg-tooltip-element table tr td.value { max-width: min(28rem, calc(100vw - 7rem)); max-height: none;
  white-space: pre-line; overflow-wrap: anywhere; }
@media (max-width: 640px) {
  #vg-tooltip-element { left: .5rem !important; right: .5rem !important; top: auto !important;
    bottom: .5rem !important; max-width: none; max-height: 60vh; overflow-y: auto; }
  #vg-tooltip-element table tr td.key { max-width: 4.5rem; white-space: normal; }
  #vg-tooltip-element table tr td.value { max-width: calc(100vw - 8rem); }
}
.vega-view { width: 100%; max-width: 100%; }
.vega-view.vega-embed { display: flex; flex-direction: column; }
.vega-view .vega-bindings { order: -1; margin: .4rem 0; font: .95rem sans-serif; }
.vega-view .vega-bindings input[type=search] { width: min(20rem, 70vw); }
"""


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite (the version Altair writes) and Vega-Embed as one script that sets
    ``window.vega``, ``window.vegaLite`` and ``window.vegaEmbed``; built offline by vl-convert."""
    import vl_convert as vlc
    from altair import SCHEMA_VERSION

    version = "_".join(SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return vlc.javascript_bundle(vl_version=f"v{version}")


def bundle_html() -> str:
    """The libraries as an inline script (in a function scope, so that none of its names can
    clash with another script of the page), then an event that the views wait for."""
    return (
        f"<style>{_TOOLTIP_CSS}</style>\n<script>\n(function () {{\n{vega_bundle()}\n}})();\n"
        f'window.dispatchEvent(new Event("{READY_EVENT}"));\n</script>\n'
    )


def spec_json(spec: dict) -> str:
    """``spec`` as JSON with sorted keys and ``<``, ``>``, ``&`` escaped, safe inside a script
    element whatever text the data holds."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def view_html(spec: dict, view_id: str, label: str) -> str:
    """One view: an element with the fixed id ``view_id``, its specification and the call that
    draws it as SVG once the libraries are there (``window.vegaViews[view_id]`` is then its Vega
    view). ``label`` names the view for screen readers and stands in when scripts do not run."""
    if not _ID.match(view_id):
        raise ValueError(f"view id {view_id!r}: expected lower-case letters, digits and hyphens")
    return f"""<div class="{VIEW_CLASS}" id="{view_id}" role="figure" aria-label="{html.escape(label)}">{html.escape(label, quote=False)} (interactive view: needs JavaScript)</div>
<script type="application/json" id="{view_id}-spec">{spec_json(spec)}</script>
<script>
(function () {{
  var draw = function () {{
    var el = document.getElementById("{view_id}");
    var spec = JSON.parse(document.getElementById("{view_id}-spec").textContent);
    el.textContent = "";
    vegaEmbed(el, spec, {{actions: false, renderer: "svg"}}).then(function (result) {{
      window.vegaViews = window.vegaViews || {{}};
      window.vegaViews["{view_id}"] = result.view;
    }}).catch(function (error) {{ el.textContent = "The interactive view could not be drawn: " + error.message; throw error; }});
  }};
  if (window.vegaEmbed) {{ draw(); }} else {{ window.addEventListener("{READY_EVENT}", draw, {{once: true}}); }}
}})();
</script>
"""


def show_view(spec: dict | None, view_id: str, label: str, note: str = "") -> None:
    """Display a view (see :func:`view_html`), inlining the libraries first when this kernel
    has not shown them yet; without a specification, ``note`` says why there is no view."""
    from IPython.display import HTML, Markdown, display

    if spec is None:
        display(
            Markdown(
                f"*{html.escape(note or 'No interactive view for this selection.', quote=False)}*"
            )
        )
        return
    if not _STATE["bundle_shown"]:
        display(HTML(bundle_html()))
        _STATE["bundle_shown"] = True
    display(HTML(view_html(spec, view_id, label)))

"""The charts' one sober style, matching the theme (themes/default/static/style.css): fonts,
colours and matplotlib's settings. No matplotlib here."""
from __future__ import annotations

FONT = "Noto Sans CJK SC"   # fonts-noto-cjk: Chinese labels need a CJK face
FALLBACK_FONT = "DejaVu Sans"   # matplotlib's own: what Noto CJK lacks (CO₂'s ₂, ₹)
INK, MUTED, AXIS, GRID = "#1f2937", "#5b6472", "#9ca3af", "#e5e7eb"
PALETTE = ("#0f766e", "#65a30d", "#0369a1", "#b45309", "#64748b", "#14b8a6")
LABEL_PT = 9.0   # 12 px where a chart is shown at its drawn size (a desktop page): never smaller
CALL_OUT = "#b45309"        # the theme's --mark: a highlighted bar or category
# Dark mode (figures/dark.py): each print colour above → the theme's dark colour (style.css), the
# series lighter so they stand out on the dark paper; white (a hollow marker's inside) → the paper.
DARK = {INK: "#e6e4dd", MUTED: "#a8aab0", AXIS: "#6b7280", GRID: "#343a42", "#ffffff": "#15181c",
        "#0f766e": "#2dd4bf", "#65a30d": "#a3e635", "#0369a1": "#38bdf8", "#b45309": "#fbbf24",
        "#64748b": "#94a3b8", "#14b8a6": "#5eead4"}
ACROSS_RC = {   # bars lying across: the grid and the names turn with them
    "axes.grid.axis": "x", "axes.spines.left": True, "axes.spines.bottom": False, "ytick.labelcolor": INK}


def rc() -> dict:
    """matplotlib's settings for every chart."""
    return {
        "svg.hashsalt": "carbon-bulletin", "svg.fonttype": "path",
        "font.family": [FONT, FALLBACK_FONT], "font.size": LABEL_PT,
        "text.parse_math": False,   # labels are text: US$5-$6 is not a formula, $\foo$ not an error
        "text.color": INK, "axes.labelcolor": INK, "xtick.color": MUTED, "ytick.color": MUTED,
        "xtick.labelcolor": INK, "ytick.labelcolor": MUTED,
        "axes.edgecolor": AXIS, "axes.linewidth": 0.8,
        "axes.spines.top": False, "axes.spines.right": False, "axes.spines.left": False,
        "axes.grid": True, "axes.grid.axis": "y", "axes.axisbelow": True,
        "grid.color": GRID, "grid.linewidth": 0.6,
        "xtick.major.size": 0, "ytick.major.size": 0, "xtick.major.pad": 5, "ytick.major.pad": 4,
        "axes.titlesize": 8, "axes.titlecolor": MUTED, "axes.titlepad": 6,
        "legend.frameon": False, "legend.fontsize": LABEL_PT - 0.5, "legend.handlelength": 1.4,
        "figure.facecolor": "none", "axes.facecolor": "none",   # the page's paper shows through
        "lines.linewidth": 2.0, "lines.markersize": 4.5, "hatch.linewidth": 0.8,
    }

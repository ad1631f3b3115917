"""Colours, fonts and the CSS injected once per page."""
from __future__ import annotations

FONT_STACK = "'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif"
ARABIC_FONT_STACK = "'Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Sans', serif"

# One colour per catalogue operation code (stable across pages, map, legend and exports).
OP_COLORS = {
    "airstrike": "#d62728",
    "shelling": "#ff7f0e",
    "armed_clash": "#8c2d04",
    "attack": "#e377c2",
    "bombing": "#7f0000",
    "assassination": "#9467bd",
    "abduction": "#6a3d9a",
    "arrest": "#1f77b4",
    "territorial_control": "#2ca02c",
    "deployment": "#17becf",
    "training": "#bcbd22",
    "covert_operation": "#393b79",
    "arms_transfer": "#8c564b",
    "ceasefire": "#7fbf7b",
    "protest": "#f0027f",
}
OTHER_COLOR = "#7f7f7f"
NO_EVENT_COLOR = "#9aa5b1"
STATUS_COLORS = {"reported": "#1f77b4", "claimed": "#d62728", "denied": "#7f7f7f", "planned": "#ff7f0e"}
SPAN_COLORS = {"place": "#cfe8ff", "actor": "#ffe2b3", "operation": "#ffc9c9"}


def op_color(code: str | None) -> str:
    return OP_COLORS.get(code or "", OTHER_COLOR)


CSS = f"""
<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 2.2rem; }}
.ar, [lang="ar"] {{ direction: rtl; unicode-bidi: isolate; text-align: right; font-family: {ARABIC_FONT_STACK}; }}
.bidi {{ unicode-bidi: isolate; }}
.mr-kpis {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 0.6rem; margin: 0.2rem 0 0.8rem; }}
.mr-kpi {{ border: 1px solid #dde3ea; border-radius: 8px; padding: 0.55rem 0.8rem; background: #fbfcfd; }}
.mr-kpi .v {{ font-size: 1.55rem; font-weight: 650; line-height: 1.2; }}
.mr-kpi .l {{ font-size: 0.8rem; color: #52606d; }}
.mr-kpi .d {{ font-size: 0.75rem; }}
.mr-kpi .d.up {{ color: #1b7f3b; }} .mr-kpi .d.down {{ color: #b42318; }} .mr-kpi .d.flat {{ color: #667085; }}
.mr-legend {{ display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem; font-size: 0.82rem; margin: 0.3rem 0; }}
.mr-legend span.sw {{ display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 50%; margin-inline-end: 0.3rem; vertical-align: middle; }}
.mr-reader {{ direction: rtl; text-align: right; font-family: {ARABIC_FONT_STACK}; font-size: 1.15rem; line-height: 2.1;
             border: 1px solid #e4e7eb; border-radius: 8px; padding: 0.8rem 1.1rem; background: #fff; white-space: pre-wrap; }}
.mr-reader mark {{ padding: 0 0.1em; border-radius: 3px; background: transparent; color: inherit; }}
.mr-reader mark.place {{ background: {SPAN_COLORS['place']}; }}
.mr-reader mark.actor {{ background: {SPAN_COLORS['actor']}; }}
.mr-reader mark.operation {{ box-shadow: inset 0 -0.28em 0 {SPAN_COLORS['operation']}; font-weight: 600; }}
.mr-reader mark.operation.place, .mr-reader mark.operation.actor {{ font-weight: 600; }}
.mr-evidence {{ border-inline-start: 3px solid #d0d7de; padding: 0.15rem 0.7rem; margin: 0.35rem 0 0.7rem; }}
.mr-evidence .s {{ direction: rtl; text-align: right; font-family: {ARABIC_FONT_STACK}; font-size: 1.02rem; }}
.mr-evidence .m {{ font-size: 0.8rem; color: #52606d; }}
.mr-chip {{ display: inline-block; border-radius: 10px; padding: 0 0.5rem; font-size: 0.78rem; color: #fff; margin-inline-end: 0.3rem; }}
.mr-list {{ font-size: 0.88rem; }}
.mr-list td {{ padding: 0.1rem 0.4rem; }}
@media print {{ [data-testid="stSidebar"], header, [data-testid="stToolbar"] {{ display: none !important; }} }}
</style>
"""

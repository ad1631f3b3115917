"""Plotly figure builders. Inputs are query results (DataFrames) and `Labels`; no Streamlit here."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.labels import Labels
from components.style import FONT_STACK, OP_COLORS, STATUS_COLORS, op_color

TEXT = {
    "no_data": ("No data for these filters", "لا توجد بيانات لهذه المرشحات"),
    "events": ("Events", "الأحداث"),
    "mentions": ("Mentions", "الإشارات"),
}


def t(key: str, lang: str) -> str:
    en, ar = TEXT[key]
    return ar if lang == "ar" else en


def _layout(fig: go.Figure, title: str | None = None, height: int = 360, legend: bool = True) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 15}} if title else None,
        height=height, margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        font={"family": FONT_STACK, "size": 12}, template="plotly_white", showlegend=legend,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "font": {"size": 11}},
        hoverlabel={"font": {"family": FONT_STACK}},
    )
    return fig


def empty_figure(lang: str = "en", title: str | None = None, height: int = 300) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 14, "color": "#667085"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, height, legend=False)


def events_timeline(frame: pd.DataFrame, labels: Labels, lang: str = "en", by: str = "type",
                    bucket: str = "month", title: str | None = None, height: int = 360) -> go.Figure:
    """Stacked bars: events per period, one trace per operation type (or status)."""
    if frame is None or frame.empty:
        return empty_figure(lang, title, height)
    fig = go.Figure()
    totals = frame.groupby(by)["n"].sum().sort_values(ascending=False)
    for key in totals.index:
        part = frame[frame[by] == key]
        name = labels.op(key, lang) if by == "type" else labels.status(key, lang)
        color = op_color(key) if by == "type" else STATUS_COLORS.get(key, "#888")
        fig.add_bar(x=part["period"], y=part["n"], name=name, marker_color=color,
                    hovertemplate=f"{name}<br>%{{x|%Y-%m-%d}}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="stack", bargap=0.1)
    days = {"day": 0.8, "week": 6, "month": 25, "year": 300}.get(bucket)
    if days and frame["period"].nunique() < 8:
        # few periods: plotly would widen each bar to the gap between them (one day drawn a week wide)
        fig.update_traces(width=days * 86_400_000)
    fig.update_yaxes(title=t("events", lang), rangemode="tozero")
    if frame.groupby("period")["n"].sum().max() <= 8:
        fig.update_yaxes(dtick=1)   # counts: no 0.5 ticks
    fig.update_xaxes(title=None)
    return _layout(fig, title, height)


def top_bar(frame: pd.DataFrame, label_fn, value: str = "events", lang: str = "en", title: str | None = None,
            color: str = "#3b6ea5", height: int | None = None, secondary: str | None = "mentions",
            max_label: int = 34) -> go.Figure:
    """Horizontal bars (largest on top) for top actors/places; `label_fn(row) -> str`."""
    if frame is None or frame.empty:
        return empty_figure(lang, title, height or 300)
    frame = frame.copy()
    full = [label_fn(r) for r in frame.itertuples(index=False)]
    frame["label"] = [x if len(x) <= max_label else x[:max_label - 1].rstrip() + "…" for x in full]
    frame["full"] = full
    frame = frame.iloc[::-1]
    fig = go.Figure()
    fig.add_bar(y=frame["label"], x=frame[value], orientation="h", name=t(value, lang), marker_color=color,
                customdata=frame["full"], hovertemplate="%{customdata}: %{x}<extra></extra>")
    if secondary and secondary in frame:
        fig.add_bar(y=frame["label"], x=frame[secondary], orientation="h", name=t(secondary, lang),
                    marker_color="#b8c7d9", customdata=frame["full"], hovertemplate="%{customdata}: %{x}<extra></extra>")
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(automargin=True, tickfont={"size": 12})
    return _layout(fig, title, height or max(260, 34 * len(frame) + 80))


FREQ = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}


def _fill_periods(frame: pd.DataFrame, bucket: str | None, metric: str) -> pd.DataFrame:
    """Add the periods without any count as zeros (per actor), so that a line does not join two distant
    months as if the actor had been active in between. Unchanged when the periods do not fit the bucket."""
    freq = FREQ.get(bucket or "")
    if not freq or frame.empty:
        return frame
    periods = pd.to_datetime(frame["period"])
    full = pd.date_range(periods.min(), periods.max(), freq=freq)
    if len(full) > 5000 or not periods.isin(full).all():
        return frame
    out = []
    for gid, part in frame.assign(period=periods).groupby("group_id", sort=False):
        part = part.set_index("period").reindex(full)
        part["group_id"] = gid
        for col in ("events", "mentions", metric):
            if col in part:
                part[col] = part[col].fillna(0)
        out.append(part.rename_axis("period").reset_index())
    return pd.concat(out, ignore_index=True)


def actor_timeline(frame: pd.DataFrame, labels: Labels, lang: str = "en", metric: str = "events",
                   title: str | None = None, height: int = 360, bucket: str | None = None) -> go.Figure:
    """One line per actor group over time (events or mentions); with `bucket`, periods without any
    count are drawn as zeros."""
    if frame is None or frame.empty:
        return empty_figure(lang, title, height)
    frame = _fill_periods(frame, bucket, metric)
    fig = go.Figure()
    for gid, part in frame.groupby("group_id", sort=False):
        part = part.sort_values("period")
        name = labels.group(gid, lang)
        fig.add_scatter(x=part["period"], y=part[metric], mode="lines+markers", name=name, line={"width": 2},
                        marker={"size": 5}, hovertemplate=f"{name}<br>%{{x|%Y-%m-%d}}: %{{y}}<extra></extra>")
    fig.update_yaxes(title=t(metric, lang), rangemode="tozero")
    return _layout(fig, title, height)


def actor_type_heatmap(frame: pd.DataFrame, labels: Labels, lang: str = "en", title: str | None = None) -> go.Figure:
    """Actor group × operation type matrix (counts)."""
    if frame is None or frame.empty:
        return empty_figure(lang, title, 320)
    pivot = frame.pivot_table(index="group_id", columns="type", values="n", aggfunc="sum", fill_value=0)
    pivot = pivot.loc[pivot.sum(axis=1).sort_values(ascending=True).index]
    pivot = pivot[pivot.sum(axis=0).sort_values(ascending=False).index]
    fig = go.Figure(go.Heatmap(
        z=pivot.values, x=[labels.op(c, lang) for c in pivot.columns], y=[labels.group(g, lang) for g in pivot.index],
        colorscale="YlOrRd", hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>", colorbar={"thickness": 12},
        text=pivot.values, texttemplate="%{text}", textfont={"size": 11}, xgap=1, ygap=1))
    fig.update_xaxes(tickangle=-35, automargin=True)
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, max(320, 30 * len(pivot) + 140), legend=False)


def sankey(frame: pd.DataFrame, labels: Labels, lang: str = "en", title: str | None = None) -> go.Figure:
    """Actor → operation type → place flows (from `query.sankey_flows`)."""
    if frame is None or frame.empty:
        return empty_figure(lang, title, 420)
    nodes: dict[tuple[str, str], int] = {}
    names, colors = [], []

    def node(kind: str, ident: str) -> int:
        key = (kind, ident)
        if key not in nodes:
            nodes[key] = len(nodes)
            if kind == "actor":
                names.append(labels.group(ident, lang))
                colors.append("#3b6ea5")
            elif kind == "type":
                names.append(labels.op(ident, lang))
                colors.append(op_color(ident))
            else:
                names.append(labels.place(ident, lang))
                colors.append("#5f7d4e")
        return nodes[key]

    src, dst, val, link_colors = [], [], [], []
    for r in frame.itertuples(index=False):
        if r.source is None or r.target is None:
            continue
        src.append(node(r.source_kind, r.source))
        dst.append(node(r.target_kind, r.target))
        val.append(int(r.n))
        c = op_color(r.target if r.target_kind == "type" else r.source).lstrip("#")
        link_colors.append(f"rgba({int(c[0:2], 16)},{int(c[2:4], 16)},{int(c[4:6], 16)},0.35)")
    fig = go.Figure(go.Sankey(
        arrangement="snap", textfont={"color": "#1f2933", "size": 12},
        node={"label": names, "color": colors, "pad": 12, "thickness": 14},
        link={"source": src, "target": dst, "value": val, "color": link_colors}))
    return _layout(fig, title, 520, legend=False)


def stacked_places(frame: pd.DataFrame, labels: Labels, lang: str = "en", title: str | None = None) -> go.Figure:
    """Events by place (top places), stacked by operation type."""
    if frame is None or frame.empty:
        return empty_figure(lang, title, 360)
    totals = frame.groupby("place_id")["n"].sum().sort_values()
    fig = go.Figure()
    for code in frame.groupby("type")["n"].sum().sort_values(ascending=False).index:
        values = frame[frame["type"] == code].set_index("place_id")["n"].reindex(totals.index).fillna(0)
        name = labels.op(code, lang)
        fig.add_bar(y=[labels.place(p, lang) for p in totals.index], x=values, orientation="h", name=name,
                    marker_color=op_color(code), hovertemplate=f"{name}<br>%{{y}}: %{{x}}<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, max(320, 28 * len(totals) + 120))


def type_donut(frame: pd.DataFrame, labels: Labels, lang: str = "en", title: str | None = None) -> go.Figure:
    if frame is None or frame.empty:
        return empty_figure(lang, title, 300)
    fig = go.Figure(go.Pie(labels=[labels.op(c, lang) for c in frame["type"]], values=frame["n"], hole=0.5,
                           marker={"colors": [op_color(c) for c in frame["type"]]}, sort=False,
                           textinfo="percent", hovertemplate="%{label}: %{value}<extra></extra>"))
    return _layout(fig, title, 320)


__all__ = ["events_timeline", "top_bar", "actor_timeline", "actor_type_heatmap", "sankey", "stacked_places",
           "type_donut", "empty_figure", "OP_COLORS"]

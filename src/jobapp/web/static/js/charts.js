// Charts drawn with plotly.js served by the app itself (/vendor/plotly.min.js, from the plotly
// Python package): top scores, score distribution with the decision threshold, time per step.

import { api, h, replace, t } from "./dom.js";

const CONFIG = { displayModeBar: false, responsive: true };
const FONT = { family: "Inter, system-ui, -apple-system, Segoe UI, sans-serif", size: 12, color: "#334155" };
const BASE = { margin: { l: 40, r: 12, t: 8, b: 36 }, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
               font: FONT, height: 260 };
const GOOD = "#0f766e";
const WEAK = "#94a3b8";

function plot(id, data, layout) {
  const el = document.getElementById(id);
  if (!window.Plotly) {
    replace(el, h("p", { class: "muted" }, t("chart.unavailable")));
    return;
  }
  if (!data.length) {
    window.Plotly.purge(el);
    replace(el, h("p", { class: "muted chart-empty" }, t("chart.no_data")));
    return;
  }
  el.querySelector(".chart-empty")?.remove();
  window.Plotly.react(el, data, { ...BASE, ...layout }, CONFIG);
}

/** Plotly reads a few HTML-like tags in labels: escape them so an offer title is shown as typed. */
function plotlyText(text, n = 28) {
  const short = text.length > n ? `${text.slice(0, n - 1)}…` : text;
  return short.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function thresholdLine(threshold, axis) {
  const line = { type: "line", line: { color: "#dc2626", width: 2, dash: "dash" } };
  return axis === "x"
    ? { ...line, x0: threshold, x1: threshold, y0: 0, y1: 1, yref: "paper", xref: "x" }
    : { ...line, y0: threshold, y1: threshold, x0: 0, x1: 1, xref: "paper", yref: "y" };
}

export async function drawResultCharts(rows, threshold) {
  const top = [...rows].sort((a, b) => b.score - a.score).slice(0, 12).reverse();
  plot("chart-top", top.length ? [{
    type: "bar", orientation: "h",
    x: top.map((r) => Math.round(r.score * 10) / 10),
    // Plotly renders text labels as SVG text nodes: offer titles stay text.
    y: top.map((r) => `${r.rank}. ${plotlyText(r.offer.title || "—")}`),
    marker: { color: top.map((r) => (r.score >= threshold ? GOOD : WEAK)) },
    hovertemplate: "%{y}<br>%{x:.1f}%<extra></extra>",
  }] : [], {
    margin: { l: 8, r: 12, t: 8, b: 36 }, xaxis: { range: [0, 100], title: { text: t("chart.score") } },
    yaxis: { automargin: true },
    shapes: [thresholdLine(threshold, "x")], height: Math.max(220, 28 * top.length + 60),
  });
  plot("chart-hist", rows.length ? [{
    type: "histogram", x: rows.map((r) => r.score), xbins: { start: 0, end: 100, size: 5 },
    marker: { color: GOOD, line: { color: "#fff", width: 1 } }, hovertemplate: "%{x}: %{y}<extra></extra>",
  }] : [], {
    xaxis: { range: [0, 100], title: { text: t("chart.score") } },
    yaxis: { title: { text: t("chart.offers") }, rangemode: "tozero", tick0: 0, dtick: Math.max(1, Math.ceil(rows.length / 8)) },
    bargap: 0.05, shapes: [thresholdLine(threshold, "x")],
    annotations: [{ x: threshold, y: 1, yref: "paper", text: `${t("chart.threshold")} ${Math.round(threshold)}%`,
                    showarrow: false, xanchor: threshold > 60 ? "right" : "left", yanchor: "top",
                    font: { color: "#dc2626", size: 11 } }],
  });
}

export async function drawTimings() {
  const timings = (await api.get("/api/timings")).slice().reverse(); // first step at the top
  plot("chart-timings", timings.length ? [{
    type: "bar", orientation: "h",
    y: timings.map((x) => t(`step.${x.step}.title`)), x: timings.map((x) => x.wall_s),
    marker: { color: "#4f46e5" },
    text: timings.map((x) => `${x.wall_s.toFixed(x.wall_s < 10 ? 2 : 0)} s`), textposition: "outside",
    cliponaxis: false, hovertemplate: "%{y}: %{x:.2f} s<extra></extra>",
  }] : [], {
    xaxis: { title: { text: t("chart.seconds") }, rangemode: "tozero" },
    yaxis: { automargin: true }, margin: { l: 8, r: 40, t: 8, b: 40 },
    height: Math.max(220, 30 * timings.length + 70),
  });
}

// Charts drawn as plain SVG by the page itself: top scores, the score distribution with the
// decision threshold (what the filters keep drawn over the whole ranking), and the time per step
// of the latest runs (one stacked bar per run). Three small charts do not need a charting library:
// plotly.js (4.8 MB) took seconds to start on each first load. Each chart is an image with a text
// alternative (aria-label) and a tooltip on every bar (<title>); colours are set in app.css.

import { api, h, replace, t } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const ROW = 26; // height of one horizontal bar's row, px
const AXIS = 40; // room under the plot for tick labels and the axis title, px
const CHAR_PX = 6.6; // average width of a 12 px character: how many fit beside a bar

/** An SVG element; children are nodes or strings (inserted as text, never parsed). */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return el;
}

/** An empty chart of the element's current width (scales with it afterwards). */
function frame(el, height, label) {
  const width = Math.max(260, Math.round(el.clientWidth || 420));
  const svg = s("svg", { class: "chart-svg", viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
                         "aria-label": label });
  replace(el, svg);
  return { svg, width };
}

function noData(el, key = "chart.no_data") {
  replace(el, h("p", { class: "muted chart-empty" }, t(key)));
}

/** A line of coloured keys under a chart: [{cls, label}]. */
function legend(el, keys) {
  el.append(h("ul", { class: "chart-legend" }, keys.map((k) =>
    h("li", {}, h("span", { class: `swatch ${k.cls}`, "aria-hidden": "true" }), k.label))));
}

const shorten = (text, n) => (text.length > n ? `${text.slice(0, Math.max(1, n - 1))}…` : text);
const pct = (v) => `${Math.round(v)}%`;

/** Vertical grid lines with their tick labels and the axis title under the plot. */
function xAxis(x, ticks, top, bottom, title, format) {
  return s("g", { class: "axis" },
    ticks.map((v) => [s("line", { class: "grid", x1: x(v), x2: x(v), y1: top, y2: bottom }),
                      s("text", { x: x(v), y: bottom + 14, "text-anchor": "middle" }, format(v))]),
    s("text", { class: "axis-title", x: (x(ticks[0]) + x(ticks.at(-1))) / 2, y: bottom + 32, "text-anchor": "middle" },
      title));
}

/** The decision threshold: a dashed line across the plot, labelled at its top. */
function thresholdMark(xPos, top, bottom, threshold, width) {
  const right = xPos > width * 0.6;
  return s("g", { class: "threshold-mark" },
    s("line", { x1: xPos, x2: xPos, y1: top - 14, y2: bottom }),
    s("text", { x: right ? xPos - 4 : xPos + 4, y: top - 4, "text-anchor": right ? "end" : "start" },
      `${t("chart.threshold")} ${pct(threshold)}`));
}

/** Horizontal bars, one row per item {label, value, tip, cls, text}; values on a 0..max axis. */
function hbars(el, items, { max, ticks, title, caption, format, threshold, empty }) {
  if (!items.length) return noData(el, empty);
  const top = threshold === undefined ? 6 : 22;
  const bottom = top + items.length * ROW;
  const { svg, width } = frame(el, bottom + AXIS, `${caption}: ${items.map((it) => it.tip).join("; ")}`);
  const left = Math.min(230, Math.round(width * 0.45));
  const right = width - (items.some((it) => it.text) ? 52 : 14);
  const x = (v) => left + ((right - left) * Math.min(Math.max(v, 0), max)) / max;
  svg.append(xAxis(x, ticks, top, bottom, title, format));
  items.forEach((it, i) => {
    const y = top + i * ROW;
    svg.append(s("g", { class: `bar ${it.cls || ""}` },
      s("title", {}, it.tip),
      s("text", { class: "bar-label", x: left - 6, y: y + ROW / 2 + 4, "text-anchor": "end" },
        shorten(it.label, Math.floor((left - 10) / CHAR_PX))),
      s("rect", { x: left, y: y + 4, width: Math.max(1, x(it.value) - left), height: ROW - 8, rx: 2 }),
      it.text ? s("text", { class: "bar-value", x: x(it.value) + 4, y: y + ROW / 2 + 4 }, it.text) : null));
  });
  if (threshold !== undefined) svg.append(thresholdMark(x(threshold), top, bottom, threshold, width));
}

const BINS = 20; // 5-point score bins, 0..100

function binCounts(scores) {
  const counts = Array(BINS).fill(0);
  for (const v of scores) counts[Math.min(BINS - 1, Math.max(0, Math.floor(v / 5)))] += 1;
  return counts;
}

/**
 * Offers per 5-point score bin, 0..100, with the threshold. Under filters the whole ranking is
 * drawn pale behind what the filters keep, so the chart still says something when they keep none.
 */
function histogram(el, shownScores, allScores, threshold, filtered) {
  if (!allScores.length) return noData(el);
  const shown = binCounts(shownScores);
  const all = filtered ? binCounts(allScores) : shown;
  const tip = (i) => `${i * 5}–${i * 5 + 5}%: ${filtered ? t("chart.shown_of", { shown: shown[i], all: all[i] }) : shown[i]}`;
  const used = all.map((n, i) => i).filter((i) => all[i]);
  const { svg, width } = frame(el, 240, `${t("chart.hist")}: ${used.map(tip).join("; ")}`);
  const [left, right, top, bottom] = [40, width - 12, 22, 240 - AXIS];
  const most = Math.max(...all);
  const step = Math.max(1, Math.ceil(most / 4));
  const x = (v) => left + ((right - left) * v) / 100;
  const y = (n) => bottom - ((bottom - top) * n) / (Math.ceil(most / step) * step);
  svg.append(xAxis(x, [0, 20, 40, 60, 80, 100], top, bottom, t("chart.score"), pct));
  for (let n = 0; n <= most; n += step) {
    svg.append(s("text", { class: "tick", x: left - 6, y: y(n) + 4, "text-anchor": "end" }, n));
  }
  svg.append(s("text", { class: "axis-title", transform: `translate(12 ${(top + bottom) / 2}) rotate(-90)`,
                         "text-anchor": "middle" }, t("chart.offers")));
  const bar = (i, n, cls) => s("rect", { class: cls, x: x(i * 5) + 1, y: y(n), width: x(5) - x(0) - 2, height: bottom - y(n) });
  for (const i of used) {
    svg.append(s("g", { class: `bar ${i * 5 >= threshold ? "is-match" : "is-below"}` }, s("title", {}, tip(i)),
      filtered ? bar(i, all[i], "is-context") : null, shown[i] ? bar(i, shown[i], "") : null));
  }
  svg.append(thresholdMark(x(threshold), top, bottom, threshold, width));
  if (filtered) {
    legend(el, [{ cls: "swatch-shown", label: t("chart.shown_offers") }, { cls: "swatch-context", label: t("chart.all_offers") }]);
  }
}

export function drawResultCharts(rows, allRows, threshold, filtered = false) {
  const top = [...rows].sort((a, b) => b.score - a.score).slice(0, 12);
  hbars(document.getElementById("chart-top"), top.map((r) => ({
    label: `${r.rank}. ${r.offer.title || "—"}`, value: r.score,
    tip: `${r.rank}. ${r.offer.title || "—"}: ${pct(r.score)}`,
    cls: r.score >= threshold ? "is-match" : "is-below",
  })), { max: 100, ticks: [0, 25, 50, 75, 100], title: t("chart.score"), caption: t("chart.top"), format: pct,
         threshold, empty: filtered && allRows.length ? "chart.none_match" : "chart.no_data" });
  histogram(document.getElementById("chart-hist"), rows.map((r) => r.score), allRows.map((r) => r.score),
    threshold, filtered);
}

const STEP_ORDER = ["collect", "summarise", "convert", "profile", "match", "rerank", "explain"];

/** Time per step of the latest runs: one bar per run (oldest at the top), a segment per step. */
export async function drawTimings(runs = 8) {
  const el = document.getElementById("chart-timings");
  const timings = await api.get(`/api/timings?runs=${runs}`);
  const seconds = (v) => `${v.toFixed(v < 10 ? 2 : 0)} s`;
  const byRun = new Map();
  for (const x of timings) {
    if (!byRun.has(x.run_id)) byRun.set(x.run_id, []);
    byRun.get(x.run_id).push(x);
  }
  if (!byRun.size) return noData(el);
  const rows = [...byRun].map(([id, steps]) => ({ id, steps, total: steps.reduce((n, x) => n + x.wall_s, 0) }));
  const most = Math.max(1e-3, ...rows.map((r) => r.total));
  const stepName = (step) => t(`step.${step}.title`);
  const top = 6;
  const bottom = top + rows.length * ROW;
  const caption = rows.map((r) => `${t("chart.run", { id: r.id })}: ${r.steps.map((x) => `${stepName(x.step)} ${seconds(x.wall_s)}`)
    .join(", ")}`).join("; ");
  const { svg, width } = frame(el, bottom + AXIS, `${t("chart.timings")}: ${caption}`);
  const [left, right] = [64, width - 56];
  const x = (v) => left + ((right - left) * Math.min(Math.max(v, 0), most)) / most;
  svg.append(xAxis(x, [0, most / 2, most], top, bottom, t("chart.seconds"), (v) => (v ? seconds(v) : "0")));
  rows.forEach((r, i) => {
    const y = top + i * ROW;
    let at = 0;
    svg.append(s("text", { class: "bar-label", x: left - 6, y: y + ROW / 2 + 4, "text-anchor": "end" },
      t("chart.run", { id: r.id })));
    for (const x0 of r.steps) {
      const slot = Math.max(0, STEP_ORDER.indexOf(x0.step));
      svg.append(s("g", { class: `bar step-${slot}` }, s("title", {}, `${t("chart.run", { id: r.id })} · ${stepName(x0.step)}: ${seconds(x0.wall_s)}`),
        s("rect", { x: x(at), y: y + 4, width: Math.max(1, x(at + x0.wall_s) - x(at)), height: ROW - 8 })));
      at += x0.wall_s;
    }
    svg.append(s("text", { class: "bar-value", x: x(r.total) + 4, y: y + ROW / 2 + 4 }, seconds(r.total)));
  });
  const seen = STEP_ORDER.filter((step) => timings.some((x) => x.step === step));
  legend(el, seen.map((step) => ({ cls: `step-${STEP_ORDER.indexOf(step)}`, label: t(`step.${step}.short`) })));
}

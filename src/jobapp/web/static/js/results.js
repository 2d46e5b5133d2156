// The results view: filters and sort (server-side, /api/results), one card per ranked offer with its
// score, keyword coverage, verdict and explanation, and the user's own feedback (/api/feedback).

import { api, chips, debounce, h, offerLink, origin, replace, scoreBar, t, verdictBadge, word } from "./dom.js";
import { drawResultCharts } from "./charts.js";

const STATUSES = ["", "to_apply", "applied", "interview", "rejected"];
const PAGE = 15;
const form = () => document.getElementById("filters");
let lastThreshold = 50;

function query() {
  const data = new FormData(form());
  const params = new URLSearchParams();
  for (const [name, value] of data.entries()) {
    const v = String(value).trim();
    if (v && !(name === "min_score" && v === "0") && !(name === "sort" && v === "score")) params.set(name, v);
  }
  const q = params.toString();
  return q ? `?${q}` : "";
}

async function sendFeedback(offerId, body, note) {
  try {
    await api.post(`/api/feedback/${offerId}`, body);
    note.textContent = t("feedback.saved");
    note.className = "saved-note is-ok";
  } catch (err) {
    note.textContent = err.display || err.message;
    note.className = "saved-note is-error";
  }
  setTimeout(() => { note.textContent = ""; }, 2500);
}

const SVG = "http://www.w3.org/2000/svg";
/** A thumb icon drawn in SVG (emoji fonts are not installed everywhere); CSS flips it for "down". */
function thumbIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "thumb-icon");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", "M7 10v11H3V10h4zm2 11h8.3a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 18.7 10H14l.9-4.4a1.6 1.6 0 0 0-2.9-1.2L9 10v11z");
  svg.append(path);
  return svg;
}

function feedbackControls(row) {
  const fb = row.feedback || { thumbs: 0, status: "" };
  const note = h("span", { class: "saved-note", role: "status" });
  const up = h("button", { type: "button", class: "thumb thumb-up", "aria-pressed": String(fb.thumbs === 1),
                           title: t("feedback.up"), "aria-label": t("feedback.up") }, thumbIcon());
  const down = h("button", { type: "button", class: "thumb thumb-down", "aria-pressed": String(fb.thumbs === -1),
                             title: t("feedback.down"), "aria-label": t("feedback.down") }, thumbIcon());
  const setThumbs = (value) => {
    const current = up.getAttribute("aria-pressed") === "true" ? 1 : down.getAttribute("aria-pressed") === "true" ? -1 : 0;
    const next = current === value ? 0 : value; // clicking the pressed thumb again clears it
    up.setAttribute("aria-pressed", String(next === 1));
    down.setAttribute("aria-pressed", String(next === -1));
    sendFeedback(row.offer_id, { thumbs: next }, note);
  };
  up.addEventListener("click", () => setThumbs(1));
  down.addEventListener("click", () => setThumbs(-1));
  const select = h("select", { class: "status-select", "aria-label": t("status.label") },
    STATUSES.map((s) => h("option", { value: s, selected: s === fb.status }, t(s ? `status.${s}` : "status.none"))));
  select.addEventListener("change", () => sendFeedback(row.offer_id, { status: select.value }, note));
  return h("div", { class: "result-side" },
    h("div", { class: "thumbs" }, up, down),
    h("label", { class: "status-label" }, t("status.label"), select), note);
}

function resultItem(row, threshold) {
  const o = row.offer;
  const kw = row.keywords || {};
  const exp = row.explanation;
  return h("li", { class: `result ${row.score >= threshold ? "is-match" : ""}`, dataset: { offerId: row.offer_id } },
    h("div", { class: "result-rank" }, String(row.rank || "")),
    h("div", { class: "result-main" },
      h("div", { class: "result-top" },
        h("h3", { class: "result-title" }, offerLink(o.url, o.title || "—")),
        verdictBadge(row.verdict || (exp && exp.verdict))),
      h("p", { class: "meta" }, [o.company, o.location, o.contract, o.salary, word("source", o.source), (o.date_posted || "").slice(0, 10)]
        .filter(Boolean).join(" · ")),
      scoreBar(row.score, threshold),
      h("div", { class: "kw" },
        h("div", {}, h("span", { class: "kw-label" }, `${t("kw.matched")} (${(kw.matched || []).length})`),
          chips(kw.matched, "chips-ok")),
        h("div", {}, h("span", { class: "kw-label" }, `${t("kw.missing")} (${(kw.missing || []).length})`),
          chips(kw.missing, "chips-missing")),
        h("p", { class: "meta" }, t("kw.coverage", { p: Math.round((kw.coverage || 0) * 100) }))),
      exp
        ? h("div", { class: "explanation" },
            h("p", { class: "explanation-summary" }, exp.summary, " ", origin(exp, "summary")),
            exp.strengths?.length ? h("div", {}, h("span", { class: "kw-label" }, t("exp.strengths")), " ", origin(exp, "strengths"),
              h("ul", { class: "bullets bullets-ok" }, exp.strengths.map((s) => h("li", {}, s)))) : null,
            exp.gaps?.length ? h("div", {}, h("span", { class: "kw-label" }, t("exp.gaps")), " ", origin(exp, "gaps"),
              h("ul", { class: "bullets bullets-gap" }, exp.gaps.map((s) => h("li", {}, s)))) : null)
        : h("p", { class: "muted small" }, t("exp.pending")),
      h("details", { class: "offer-details" }, h("summary", {}, t("offer.description")),
        h("p", { class: "desc", tabindex: 0 }, o.description || ""),
        offerLink(o.url, o.url ? t("offer.open") : "", "offer-link"))),
    feedbackControls(row));
}

/** The first `shown` results, and a button for the next page (long lists stay quick to render). */
function showPage(list, rows, threshold, shown) {
  replace(list, rows.slice(0, shown).map((r) => resultItem(r, threshold)));
  const button = document.getElementById("results-more");
  const rest = rows.length - shown;
  button.hidden = rest <= 0;
  button.textContent = t("results.more", { n: Math.min(rest, PAGE) });
  button.onclick = () => showPage(list, rows, threshold, shown + PAGE);
}

// The whole ranking, unfiltered: the charts draw what the filters keep against it. Read again
// only when the data changed (`fresh`), not on every keystroke in a filter.
let allRows = null;

export async function loadResults({ fresh = false } = {}) {
  const list = document.getElementById("result-list");
  const count = document.getElementById("results-count");
  const [data, all] = await Promise.all([
    api.get(`/api/results${query()}`),
    fresh || !allRows || !query() ? api.get("/api/results") : { results: allRows },
  ]);
  allRows = all.results;
  lastThreshold = data.threshold;
  document.getElementById("threshold-label").textContent = t("results.threshold", { t: Math.round(data.threshold) });
  const filtered = query() !== "";
  if (!data.results.length) {
    count.textContent = "";
    document.getElementById("results-more").hidden = true;
    replace(list, h("li", { class: "empty-state" }, t(filtered ? "results.none_match" : "results.empty")));
  } else {
    count.textContent = t("results.count", { n: data.results.length });
    showPage(list, data.results, data.threshold, PAGE);
  }
  drawResultCharts(data.results, allRows, data.threshold, filtered);
}

export function initFilters(onError) {
  const f = form();
  const reload = debounce(() => loadResults().catch(onError), 250);
  const minValue = document.getElementById("min-score-value");
  f.addEventListener("input", (ev) => {
    if (ev.target.name === "min_score") minValue.textContent = ev.target.value;
    reload();
  });
  f.addEventListener("change", reload);
  f.addEventListener("submit", (ev) => ev.preventDefault());
  f.addEventListener("reset", () => setTimeout(() => { minValue.textContent = "0"; reload(); }, 0));
}

export const threshold = () => lastThreshold;

// The preview of each step's result, drawn inside its card (all data inserted as text).

import { api, chips, h, hasT, offerLink, origin, pct, replace, scoreBar, t, verdictBadge, word } from "./dom.js";

const PREVIEW_ROWS = 5;
const preview = (step) => document.querySelector(`#card-${step} [data-role="preview"]`);
const empty = () => h("p", { class: "muted" }, t("preview.empty"));

/** "… and N more — Show all" under a cut list, "Show fewer" under a list shown in full. */
function more(list, shown, limit, redraw) {
  if (list.length <= limit) return null;
  const all = shown >= list.length;
  return h("button", { type: "button", class: "btn btn-small btn-ghost", "aria-expanded": String(all),
                       onclick: () => redraw(all ? limit : list.length) },
    all ? t("preview.show_less") : [t("preview.more", { n: list.length - shown }), " — ", t("preview.show_all")]);
}

function meta(...parts) {
  return h("span", { class: "meta" }, parts.filter(Boolean).join(" · "));
}

// ---------------------------------------------------------------- 1. offers
const OFFER_ROWS = 10;

export function renderOffers(offers, limit = OFFER_ROWS) {
  const el = preview("collect");
  if (!offers.length) return replace(el, empty());
  const rows = offers.slice(0, limit).map((o) =>
    h("tr", {},
      h("td", { class: "cell-title" },
        h("details", { class: "offer-details" },
          h("summary", {}, h("span", { class: "offer-title" }, o.title || "—")),
          o.salary ? h("p", { class: "meta" }, `${t("offer.salary")} ${o.salary}`) : null,
          h("p", { class: "desc", tabindex: 0 }, o.description || ""),
          offerLink(o.url, o.url ? t("offer.open") : "", "offer-link"))),
      h("td", {}, o.company), h("td", {}, o.location), h("td", {}, o.contract),
      h("td", {}, h("span", { class: "tag" }, word("source", o.source)))));
  replace(el,
    h("p", { class: "count" }, t("count.offers", { n: offers.length })),
    h("div", { class: "table-wrap" },
      h("table", { class: "table" },
        h("thead", {}, h("tr", {}, ["table.title", "table.company", "table.location", "table.contract", "table.source"]
          .map((k) => h("th", { scope: "col" }, t(k))))),
        h("tbody", {}, rows))),
    more(offers, limit, OFFER_ROWS, (n) => renderOffers(offers, n)));
}

// ---------------------------------------------------------------- 2. summaries
export function renderSummaries(summaries, offersById, limit = PREVIEW_ROWS) {
  const el = preview("summarise");
  if (!summaries.length) return replace(el, empty());
  const items = summaries.slice(0, limit).map((s) => {
    const o = offersById.get(s.offer_id) || {};
    const how = Object.values(s.provenance || {}).includes("llm") ? "provenance.llm" : "provenance.extraction";
    return h("li", { class: "summary" },
      h("div", { class: "summary-head" },
        h("strong", {}, o.title || s.profile || `#${s.offer_id}`),
        meta(s.language?.toUpperCase()),
        h("span", { class: "tag", title: s.model || "" }, t(how))),
      s.profile ? h("p", { class: "summary-profile" }, s.profile, " ", origin(s, "profile")) : null,
      s.mission ? h("p", { class: "summary-mission" }, s.mission, " ", origin(s, "mission")) : null,
      h("div", { class: "field-line" }, chips(s.key_skills, "chips-skill"), origin(s, "key_skills")),
      s.soft_skills?.length ? h("div", { class: "field-line" }, chips(s.soft_skills, "chips-soft"), origin(s, "soft_skills")) : null,
      h("p", { class: "meta" }, [s.seniority && [s.seniority, origin(s, "seniority")], s.contract && [s.contract, origin(s, "contract")]]
        .filter(Boolean).flatMap((part, i) => (i ? [" · ", ...part] : part))));
  });
  replace(el, h("p", { class: "count" }, t("count.summaries", { n: summaries.length })),
    h("ul", { class: "summary-list" }, items),
    more(summaries, limit, PREVIEW_ROWS, (n) => renderSummaries(summaries, offersById, n)));
}

// ---------------------------------------------------------------- 3. CV text
export function renderCv(cv) {
  const el = preview("convert");
  if (!cv) return replace(el, empty());
  const words = (cv.text || "").split(/\s+/).filter(Boolean).length;
  replace(el,
    h("p", { class: "cv-head" },
      h("strong", {}, `${t("cv.current")} `), h("span", { class: "cv-name" }, cv.filename),
      " ", meta(cv.format?.toUpperCase(), t("cv.pages", { n: cv.pages }), t("cv.words", { n: words }),
        cv.ocr ? t("cv.ocr") : "")),
    (cv.warnings || []).length ? h("ul", { class: "warnings" }, cv.warnings.map((w) => h("li", {}, w))) : null,
    h("pre", { class: "cv-text", tabindex: 0 }, cv.text || ""));
}

// ---------------------------------------------------------------- 4. profile
function field(label, value, mark = null) {
  if (!value || (Array.isArray(value) && !value.length)) return null;
  return h("div", { class: "field" }, h("dt", {}, t(label), mark ? " " : null, mark),
    h("dd", {}, Array.isArray(value) ? chips(value, "chips-skill") : value));
}

export function renderProfile(p) {
  const el = preview("profile");
  if (!p) return replace(el, empty());
  const removed = Object.entries(p.removed || {}).filter(([, n]) => n > 0);
  replace(el,
    h("div", { class: "removed" },
      h("strong", {}, `${t("profile.removed")} `),
      removed.length
        ? removed.map(([kind, n]) => h("span", { class: "tag tag-removed" }, `${n} ${hasT(`removed.${kind}`) ? t(`removed.${kind}`) : kind}`))
        : h("span", {}, t("profile.removed_none"))),
    h("dl", { class: "profile" },
      field("profile.title", p.title, origin(p, "title")),
      field("profile.summary", p.summary, origin(p, "summary")),
      field("profile.level", [word("level", p.level), p.years_experience != null ? t("profile.years", { n: p.years_experience }) : ""]
        .filter(Boolean).join(" · "), origin(p, "level")),
      field("profile.hard", p.hard_skills, origin(p, "hard_skills")),
      field("profile.soft", p.soft_skills, origin(p, "soft_skills")),
      field("profile.sectors", p.sectors, origin(p, "sectors")),
      field("profile.strengths", p.strengths, origin(p, "strengths")),
      field("profile.education", p.education, origin(p, "education"))));
}

// ---------------------------------------------------------------- 5-7. rankings
function rankList(rows, render) {
  return h("ol", { class: "mini-rank" }, rows.slice(0, PREVIEW_ROWS).map((r) =>
    h("li", {}, h("span", { class: "mini-rank-num" }, r.rank || ""),
      h("div", { class: "mini-rank-body" },
        h("div", { class: "mini-rank-title" }, offerLink(r.offer.url, r.offer.title || "—"),
          meta(r.offer.company, r.offer.location)),
        render(r)))));
}

export function renderMatches(rows, threshold) {
  const match = preview("match");
  const byDense = [...rows].sort((a, b) => b.dense - a.dense);
  replace(match, rows.length
    ? [h("p", { class: "count" }, t("count.matches", { n: rows.length })),
      rankList(byDense.map((r, i) => ({ ...r, rank: i + 1 })), (r) => scoreBar(r.dense * 100, null, `${t("table.similarity")} ${(r.dense).toFixed(2)}`))]
    : empty());
  const reranked = rows.length && !String(rows[0].engine || "").startsWith("bi-encoder");
  replace(preview("rerank"), reranked
    ? [h("p", { class: "count" }, t("count.matches", { n: rows.length })),
      rankList(rows, (r) => h("div", {}, scoreBar(r.score, threshold),
        h("p", { class: "meta" }, t("kw.coverage", { p: Math.round((r.keywords?.coverage || 0) * 100) }))))]
    : empty());
  const explained = rows.filter((r) => r.explanation);
  replace(preview("explain"), explained.length
    ? [h("p", { class: "count" }, t("count.explanations", { n: explained.length })),
      rankList(explained, (r) => h("div", { class: "mini-exp" }, verdictBadge(r.explanation.verdict),
        h("span", { class: "mini-exp-score" }, pct(r.score)),
        h("p", {}, r.explanation.summary, " ", origin(r.explanation, "summary"))))]
    : empty());
}

// ---------------------------------------------------------------- loading
// Each card's preview reads its own endpoint, and only while the card is open: once a ranking
// exists the cards are folded, so a reload asks for the results and nothing else.
const LOADERS = {
  collect: async (c) => renderOffers(c.offers ? await api.get("/api/offers") : []),
  summarise: async (c) => {
    const [summaries, offers] = await Promise.all([
      c.summaries ? api.get("/api/summaries") : [], c.summaries ? api.get("/api/offers") : []]);
    renderSummaries(summaries, new Map(offers.map((o) => [o.id, o])));
  },
  convert: async (c) => renderCv(c.cv ? await api.get("/api/cv") : null),
  profile: async (c) => renderProfile(c.profile ? await api.get("/api/cv/profile") : null),
  ranking: async (c) => {
    const results = c.matches ? await api.get("/api/results") : { results: [], threshold: 50 };
    renderMatches(results.results, results.threshold);
  },
};
const loaderOf = (step) => (["match", "rerank", "explain"].includes(step) ? "ranking" : step);

/** Draw the previews of `steps` from `state` (the three ranking cards share one drawing). */
export async function loadPreviews(state, steps) {
  const names = new Set(steps.map(loaderOf));
  await Promise.all([...names].map((name) => LOADERS[name](state.counts)));
}

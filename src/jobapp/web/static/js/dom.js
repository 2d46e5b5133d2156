// Small helpers shared by the page's modules: DOM building (text only, never HTML strings),
// translations and the JSON API client (CSRF header on every state-changing request).

const I18N = JSON.parse(document.getElementById("i18n-data").textContent);

/** The UI string `key` with {placeholders} filled from `values`. */
export function t(key, values = {}) {
  const text = I18N[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
}

/** Whether a translation exists (used for optional labels such as removed.<kind>). */
export function hasT(key) {
  return Object.prototype.hasOwnProperty.call(I18N, key);
}

/** A stored vocabulary code ("mid", "file", "stage") as the page's word, else the code itself. */
export function word(group, code) {
  return code && hasT(`${group}.${code}`) ? t(`${group}.${code}`) : code;
}

/**
 * Build an element: h("a", {class: "x", href: url}, "text", child...).
 * Children are nodes or strings (always inserted as text nodes, so data is never parsed as HTML).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name === "style") Object.assign(el.style, value);
    else if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "text") el.textContent = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace the content of `el` by `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A link to an offer's original page: only http(s) addresses become links, always in a new tab. */
export function offerLink(url, label, cls = "") {
  if (typeof url === "string" && /^https?:\/\//i.test(url.trim())) {
    return h("a", { href: url.trim(), target: "_blank", rel: "noopener noreferrer", class: cls }, label);
  }
  return h("span", { class: cls }, label);
}

/** Which made a field, the model or the rules (and, on hover, why the rules replaced the model). */
export function origin(record, field) {
  const by = (record?.provenance || {})[field];
  if (!by) return null;
  const model = by === "llm";
  const why = (record.replaced || {})[field] || "";
  const whyKey = `reason.${why.replace(/[^a-z]+/gi, "_").replace(/^_+|_+$/g, "")}`;
  const title = model ? t("provenance.by_model", { model: record.model || "" })
    : why ? t("provenance.replaced", { why: hasT(whyKey) ? t(whyKey) : why }) : "";
  return h("span", { class: `origin ${model ? "origin-model" : "origin-rules"}`, title, dataset: { field } },
    t(model ? "provenance.model" : "provenance.rules"));
}

export function chips(words, cls) {
  if (!words || !words.length) return h("p", { class: "chips-none" }, "—");
  return h("ul", { class: `chips ${cls}` }, words.map((w) => h("li", { class: "chip" }, w)));
}

export function pct(score) {
  return `${Math.round(Number(score) || 0)}%`;
}

/** A horizontal bar 0-100 with its value. */
export function scoreBar(score, threshold = null, label = null) {
  const value = Math.max(0, Math.min(100, Number(score) || 0));
  const above = threshold === null || value >= threshold;
  return h("div", { class: `scorebar ${above ? "is-above" : "is-below"}`, role: "meter", "aria-label": t("chart.score"),
                    "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round(value) },
    h("div", { class: "scorebar-track" }, h("div", { class: "scorebar-fill", style: { width: `${value}%` } })),
    h("span", { class: "scorebar-value" }, label ?? pct(value)));
}

export function verdictBadge(verdict) {
  const v = ["strong", "partial", "none"].includes(verdict) ? verdict : "none";
  return h("span", { class: `verdict verdict-${v}` }, t(`verdict.${v}`));
}

// ------------------------------------------------------------------ API client

const CSRF = document.querySelector('meta[name="csrf-token"]').content;

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
  /** The message plus the server's hint, for display. */
  get display() {
    const problems = (this.body.problems || []).map((p) => `${p.field}: ${p.problem}`).join("; ");
    return [this.message, this.body.hint, problems].filter(Boolean).join(" ");
  }
}

async function request(method, url, body = undefined, isForm = false) {
  const init = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
  if (method !== "GET") init.headers["X-CSRF-Token"] = CSRF;
  if (body !== undefined) {
    if (isForm) init.body = body;
    else {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
  }
  let resp;
  try {
    resp = await fetch(url, init);
  } catch (err) {
    throw new ApiError(0, { message: t("error.network") });
  }
  const data = await resp.json().catch(() => null);
  if (!resp.ok) throw new ApiError(resp.status, data);
  return data;
}

// GETs of the same URL while one is in flight share its answer (the page's first refresh asks for
// the results twice: previews and result list); callers treat the data as read-only.
const inFlight = new Map();

function getShared(url) {
  if (!inFlight.has(url)) inFlight.set(url, request("GET", url).finally(() => inFlight.delete(url)));
  return inFlight.get(url);
}

export const api = {
  get: getShared,
  post: (url, body = {}) => request("POST", url, body),
  del: (url) => request("DELETE", url),
  upload: (url, file, fields = {}) => {
    const form = new FormData();
    form.append("file", file);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return request("POST", url, form, true);
  },
};

/** Call fn at most once per `ms` after the last call (filters typing). */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// The guided flow: card states, disabled buttons with their reason, starting runs and following
// them (run status + live log polled every ~700 ms while a run is active).

import { api, h, replace, t } from "./dom.js";

export const STEPS = ["collect", "summarise", "convert", "profile", "match", "rerank", "explain"];
// "interrupted": the process running it died; nothing executes it until `jobapp runs resume`
const FINAL = ["done", "failed", "cancelled", "interrupted"];
const POLL_MS = 700;

export const app = {
  // GET /api/state; the page carries the first one inline (one request less on every load)
  state: JSON.parse(document.getElementById("state-data")?.textContent || "null"),
  run: null, // the latest run being shown (GET /api/runs/<id>)
  lastEventId: 0,
  polling: false,
  onRefresh: async () => {}, // set by app.js: reloads previews, results and charts
};

const card = (step) => document.getElementById(`card-${step}`);
const role = (root, name) => root.querySelector(`[data-role="${name}"]`);

export function isBusy() {
  return Boolean(app.run && !FINAL.includes(app.run.status));
}

function hasOutput(step) {
  const c = app.state?.counts || {};
  return { collect: c.offers > 0, summarise: c.summaries > 0, convert: c.cv > 0, profile: c.profile > 0,
           match: c.matches > 0, rerank: Boolean(c.reranked), explain: c.explanations > 0 }[step];
}

// Actions done inside a request (a small offers file, a CV upload) are not runs: each is remembered
// per step with the run shown at the time, so a card shows its latest action, run or not, even after
// a reload (a failed search followed by a good import is "done", not "error").
const ACTIONS_KEY = "jobapp.card_actions";
const actions = (() => {
  try {
    return JSON.parse(localStorage.getItem(ACTIONS_KEY)) || {};
  } catch {
    return {};
  }
})();

/** Record the outcome of an action on `step` that ran outside a run. */
export function recordAction(step, ok) {
  actions[step] = { after: app.run?.id ?? null, ok };
  try {
    localStorage.setItem(ACTIONS_KEY, JSON.stringify(actions));
  } catch {
    /* private mode: the state still holds until the page is reloaded */
  }
  renderAll();
}

/** The action on `step` done after the run shown, if any (a newer run makes it old news). */
function laterAction(step) {
  const action = actions[step];
  return action && action.after === (app.run?.id ?? null) ? action : null;
}

/** waiting | queued | running | done | error, from the latest action first, then from stored results. */
export function cardState(step) {
  const action = laterAction(step);
  if (action) return action.ok ? (hasOutput(step) ? "done" : "waiting") : "error";
  const run = app.run;
  if (run && run.steps.includes(step)) {
    const idx = run.steps.indexOf(step);
    const cur = run.steps.indexOf(run.current_step);
    if (!FINAL.includes(run.status)) {
      if (idx === cur) return run.status === "running" ? "running" : "queued";
      if (idx > cur) return "queued";
      return "done";
    }
    if (run.status === "failed" && idx === cur) return "error";
  }
  return hasOutput(step) ? "done" : "waiting";
}

/** Why the button of `step` cannot be used now ("" when it can). */
export function stepReason(step) {
  const c = app.state?.counts;
  if (!c) return "";
  if (isBusy()) return t("reason.busy");
  const needs = {
    summarise: [[c.offers > 0, "reason.need_offers"]],
    profile: [[c.cv > 0, "reason.need_cv"]],
    match: [[c.offers > 0, "reason.need_offers"], [c.cv > 0, "reason.need_cv"]],
    rerank: [[c.offers > 0, "reason.need_offers"], [c.cv > 0, "reason.need_cv"]],
    explain: [[c.matches > 0, "reason.need_matches"]],
  }[step] || [];
  const missing = needs.find(([ok]) => !ok);
  return missing ? t(missing[1]) : "";
}

export function runAllReason() {
  const c = app.state?.counts;
  if (!c) return "";
  if (isBusy()) return t("reason.busy");
  if (!c.offers && !c.cv) return t("reason.need_all");
  if (!c.offers) return t("reason.need_offers");
  if (!c.cv) return t("reason.need_cv");
  return "";
}

/** Enable/disable a button and show why next to it. */
export function gate(button, reasonEl, reason) {
  button.disabled = Boolean(reason);
  button.title = reason || "";
  if (reasonEl) reasonEl.textContent = reason || "";
}

// ------------------------------------------------------------------ rendering states

function renderCard(step) {
  const root = card(step);
  const state = cardState(step);
  const badge = role(root, "state");
  badge.className = `state state-${state}`;
  badge.textContent = t(`state.${state}`);
  if (state === "error" && root.dataset.state !== "error" && !laterAction(step)) setMessage(step, app.run.error, "error");
  root.dataset.state = state;
  const dot = document.querySelector(`.stepper-item[data-step="${step}"]`);
  if (dot) {
    dot.dataset.state = state;
    dot.title = t(`state.${state}`);
  }
  const progress = role(root, "progress");
  const p = app.run?.progress?.[step];
  if (state === "running" && p && p.total) {
    progress.hidden = false;
    const ratio = Math.min(1, (p.done + p.failed) / p.total);
    progress.querySelector(".progress-bar").style.width = `${Math.round(ratio * 100)}%`;
    progress.querySelector(".progress-text").textContent = `${p.done + p.failed} / ${p.total}`;
  } else {
    progress.hidden = true;
  }
  role(root, "exports").hidden = !hasOutput(step);
  const button = root.querySelector('[data-action="run-step"]');
  if (button) gate(button, role(root.querySelector(".actions"), "reason"), stepReason(step));
  role(root, "summary").textContent = stepSummary(step);
  setOpen(step, isOpen(step, state));
}

// ------------------------------------------------------------------ folding cards

/** Whether a ranking exists: then the results come first and finished cards fold to one line. */
export const ranked = () => (app.state?.counts?.matches || 0) > 0;

// What the user chose for a card (true: open), which wins over the rule until the page is reloaded.
const chosen = {};

function isOpen(step, state) {
  if (step in chosen) return chosen[step];
  // The step running (its progress and log) and a failed one (its error) are shown; queued ones wait
  // folded, so that "Run everything" over a ranking does not unfold all seven cards at once.
  return !ranked() || ["running", "error"].includes(state);
}

/** The short summary of a card's result, shown on its folded line. */
function stepSummary(step) {
  const c = app.state?.counts || {};
  const text = {
    collect: c.offers && t("summary.offers", { n: c.offers }),
    summarise: c.summaries && t("summary.summaries", { n: c.summaries }),
    convert: app.state?.cv && t("summary.cv", { name: app.state.cv.filename }),
    profile: c.profile && t("summary.profile"),
    match: c.matches && t("summary.matches", { n: c.matches }),
    rerank: c.reranked && t("summary.matches", { n: c.matches }),
    explain: c.explanations && t("summary.explanations", { n: c.explanations }),
  }[step];
  return text || "";
}

function setOpen(step, open) {
  const root = card(step);
  const toggle = role(root, "toggle");
  if (toggle.getAttribute("aria-expanded") === String(open)) return;
  toggle.setAttribute("aria-expanded", String(open));
  root.classList.toggle("is-collapsed", !open);
  document.getElementById(toggle.getAttribute("aria-controls")).hidden = !open;
  if (open) document.dispatchEvent(new CustomEvent("flow:opened", { detail: { step } }));
}

/** Whether a card shows its content (its preview is drawn only then). */
export const cardOpen = (step) => role(card(step), "toggle").getAttribute("aria-expanded") === "true";

/** The results section goes first once a ranking exists, after the steps otherwise. */
function placeResults() {
  const results = document.getElementById("results");
  const main = results.parentElement;
  const first = ranked();
  if (first && main.firstElementChild !== results) main.prepend(results);
  else if (!first && main.lastElementChild !== results) main.append(results);
}

export function initCards() {
  for (const step of STEPS) {
    const toggle = role(card(step), "toggle");
    toggle.title = t("card.toggle_title");
    toggle.addEventListener("click", () => {
      chosen[step] = toggle.getAttribute("aria-expanded") !== "true";
      setOpen(step, chosen[step]);
    });
  }
  // A link of the stepper opens the card it points to.
  for (const link of document.querySelectorAll(".stepper-item")) {
    link.addEventListener("click", () => {
      chosen[link.dataset.step] = true;
      setOpen(link.dataset.step, true);
    });
  }
}

function renderRunbar() {
  const run = app.run;
  const box = document.getElementById("run-status");
  gate(document.getElementById("run-all"), document.getElementById("run-all-reason"), runAllReason());
  if (!run) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.dataset.status = run.status;
  const i = Math.max(0, run.steps.indexOf(run.current_step));
  const parts = [t("run.label", { id: run.id }), t(`run.status.${run.status}`)];
  if (!FINAL.includes(run.status)) {
    parts.push(t("run.step_of", { i: i + 1, n: run.steps.length, step: t(`step.${run.current_step}.title`) }));
  }
  if (run.elapsed_s !== null && run.elapsed_s !== undefined) parts.push(t("run.elapsed", { s: run.elapsed_s.toFixed(1) }));
  if (run.status === "failed" && run.error) parts.push(run.error);
  document.getElementById("run-status-label").textContent = parts.join(" · ");
  const done = run.status === "done" ? run.steps.length : i;
  document.getElementById("run-progress").style.width = `${Math.round((done / run.steps.length) * 100)}%`;
  document.getElementById("run-cancel").hidden = FINAL.includes(run.status);
}

export function renderAll() {
  placeResults();
  STEPS.forEach(renderCard);
  renderRunbar();
  document.getElementById("first-visit").hidden = Boolean(app.state?.counts?.offers || app.state?.counts?.cv);
  document.dispatchEvent(new CustomEvent("flow:gates"));
}

// ------------------------------------------------------------------ logs

function appendEvents(events) {
  const grown = new Set();
  for (const ev of events) {
    app.lastEventId = Math.max(app.lastEventId, ev.id);
    const step = STEPS.includes(ev.step) ? ev.step : app.run?.steps?.[0];
    const root = step && card(step);
    if (!root) continue;
    const list = role(root, "log");
    list.querySelector(".log-empty")?.remove();
    const time = (ev.ts || "").slice(11, 19);
    list.append(h("li", { class: `log-line log-${ev.level}` },
      h("time", {}, time), h("span", { class: "log-msg" }, ev.message)));
    while (list.children.length > 300) list.firstElementChild.remove();
    grown.add(list);
    const count = list.querySelectorAll(".log-line").length;
    role(root, "log-count").textContent = `(${count})`;
    if (!FINAL.includes(app.run?.status)) role(root, "log-box").open = true;
  }
  // Scrolled once per log after all lines are in: reading scrollHeight lays the page out again.
  for (const list of grown) list.scrollTop = list.scrollHeight;
}

function clearLogs(steps) {
  for (const step of steps) {
    const root = card(step);
    replace(role(root, "log"), h("li", { class: "log-empty" }, t("log.empty")));
    role(root, "log-count").textContent = "";
  }
}

// ------------------------------------------------------------------ runs

const OK_MESSAGE_MS = 10000;
const clearTimers = {};

/**
 * A card's status line. "info" (a run started) lasts until the run ends, "ok" clears itself after
 * a few seconds, "error" stays until the next message: the user must be able to read it.
 */
export function setMessage(step, text, kind = "info") {
  const el = role(card(step), "message");
  clearTimeout(clearTimers[step]);
  el.className = `card-message msg-${kind}`;
  el.textContent = text || "";
  if (kind === "ok" && text) clearTimers[step] = setTimeout(() => setMessage(step, ""), OK_MESSAGE_MS);
}

/** Clear the "Run #N started." lines once that run is over. */
function clearRunMessages() {
  for (const step of STEPS) {
    if (role(card(step), "message").classList.contains("msg-info")) setMessage(step, "");
  }
}

export function showError(err) {
  const box = document.getElementById("global-error");
  box.textContent = err?.display || err?.message || String(err);
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 12000);
}

/** Reload /api/state, redraw the states and ask app.js to refresh previews. */
export async function refresh({ inline = false } = {}) {
  if (!inline || !app.state) app.state = await api.get("/api/state");
  renderAll();
  await app.onRefresh();
}

/** Show `run` (a dict from the API) and follow it until it ends. */
export async function follow(run, { resetLogs = true } = {}) {
  app.run = run;
  if (resetLogs) {
    clearLogs(run.steps.filter((s) => STEPS.includes(s)));
    app.lastEventId = 0;
  }
  renderAll();
  if (app.polling) return;
  app.polling = true;
  let lastKey = "";
  try {
    for (;;) {
      const [events, fresh] = await Promise.all([
        api.get(`/api/runs/${app.run.id}/events?after=${app.lastEventId}`),
        api.get(`/api/runs/${app.run.id}`),
      ]);
      appendEvents(events);
      app.run = fresh;
      const key = `${fresh.status}:${fresh.current_step}`;
      if (key !== lastKey) {
        lastKey = key;
        await refresh(); // a step finished: its preview and the next card's gate change
      } else {
        renderAll();
      }
      if (FINAL.includes(fresh.status)) {
        appendEvents(await api.get(`/api/runs/${fresh.id}/events?after=${app.lastEventId}`));
        break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (err) {
    showError(err);
  } finally {
    app.polling = false;
    clearRunMessages();
    renderAll();
  }
}

/** POST a run-starting request and follow the run it returns. */
export async function startRun(url, body, step = null) {
  try {
    const run = await api.post(url, body);
    if (step) setMessage(step, t("run.started", { id: run.id }));
    await follow(run);
  } catch (err) {
    if (step) setMessage(step, err.display || err.message, "error");
    else showError(err);
  }
}

export function runParams() {
  const top = Number(document.getElementById("top-n").value) || 10;
  return { no_llm: document.getElementById("no-llm").checked, top: Math.max(1, Math.min(100, top)) };
}

/**
 * While no run is followed, look every few seconds for one started elsewhere (another tab, the CLI
 * `jobapp run`, a worker's recovery) and follow it, so the page never shows stale states.
 */
export function watchForRuns(everyMs = 5000) {
  setInterval(async () => {
    if (app.polling || document.hidden) return;
    try {
      const state = await api.get("/api/state");
      const latest = state.runs?.[0];
      if (latest && latest.id !== app.run?.id && !FINAL.includes(latest.status)) {
        app.state = state;
        follow(await api.get(`/api/runs/${latest.id}`));
      }
    } catch (err) {
      /* the next tick retries; errors of user actions are shown where they happen */
    }
  }, everyMs);
}

/** On page load: show the latest run (following it if it is still going) with its log. */
export async function resumeLatest() {
  const latest = app.state?.runs?.[0];
  if (!latest) return;
  if (!FINAL.includes(latest.status)) {
    follow(await api.get(`/api/runs/${latest.id}`));
    return;
  }
  // A finished run needs no progress: the state's copy is enough; its log is read once a card
  // that shows it is open (folded cards show no log).
  app.run = latest;
  renderAll();
  const loadLog = async () => {
    if (app.run?.id !== latest.id || app.lastEventId) return;
    const events = await api.get(`/api/runs/${latest.id}/events?after=0`);
    if (app.run?.id !== latest.id || app.lastEventId) return; // a newer run or its log came first
    clearLogs(latest.steps.filter((s) => STEPS.includes(s)));
    appendEvents(events);
  };
  if (STEPS.some(cardOpen)) await loadLog();
  else document.addEventListener("flow:opened", () => loadLog().catch(showError), { once: true });
}

// Entry point: wires the cards' forms and buttons to the API and keeps the page in sync.

import { api, t } from "./dom.js";
import { STEPS, app, cardOpen, follow, gate, initCards, isBusy, recordAction, refresh, resumeLatest, runParams,
  setMessage, showError, startRun, watchForRuns } from "./flow.js";
import { loadPreviews } from "./previews.js";
import { initFilters, loadResults } from "./results.js";
import { drawTimings } from "./charts.js";

const $ = (sel, root = document) => root.querySelector(sel);

// Previews drawn since the data last changed: a folded card's preview is drawn when it is opened.
const drawn = new Set();

// The three read different endpoints: asked at once, the page is drawn in one round of requests.
function drawData() {
  drawn.clear();
  const open = STEPS.filter(cardOpen);
  open.forEach((step) => drawn.add(step));
  return Promise.all([loadPreviews(app.state, open), loadResults({ fresh: true }), drawTimings()]);
}
app.onRefresh = drawData;

document.addEventListener("flow:opened", ({ detail: { step } }) => {
  if (drawn.has(step) || !app.state) return;
  drawn.add(step);
  loadPreviews(app.state, [step]).catch(showError);
});

// ---------------------------------------------------------------- step 1 tabs and forms
/**
 * The ARIA tabs pattern: one tab in the Tab order (roving tabindex), Left/Right move to the
 * previous/next tab (wrapping), Home/End to the first/last; moving selects the tab.
 */
function initTabs() {
  const tabs = [...document.querySelectorAll('#card-collect [role="tab"]')];
  const select = (tab, focus) => {
    for (const other of tabs) {
      const on = other === tab;
      other.setAttribute("aria-selected", String(on));
      other.tabIndex = on ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
  };
  const MOVES = { ArrowLeft: (i) => i - 1, ArrowRight: (i) => i + 1, Home: () => 0, End: () => tabs.length - 1 };
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (ev) => {
      const move = MOVES[ev.key];
      if (!move) return;
      ev.preventDefault();
      const next = (move(tabs.indexOf(tab)) + tabs.length) % tabs.length;
      select(tabs[next], true);
    });
  }
}

/** Each form's own reason for being unusable, checked on every keystroke. */
const FORM_CHECKS = {
  "form-search": (f) => {
    if ((f.query.value || "").trim().length < 2) return t("reason.need_keywords");
    if (!f.querySelector('input[name="boards"]:checked')) return t("reason.need_board");
    return "";
  },
  "form-url": (f) => (/^https?:\/\/\S+\.\S+/i.test(f.url.value.trim()) ? "" : t("reason.need_url")),
  "form-paste": (f) => (f.text.value.trim().length >= 20 ? "" : t("reason.need_text")),
  "form-offers-file": (f) => (f.file.files.length ? "" : t("reason.need_file")),
  "form-cv": (f) => (f.file.files.length ? "" : t("reason.need_file")),
};

function gateForms() {
  for (const [id, check] of Object.entries(FORM_CHECKS)) {
    const f = document.getElementById(id);
    gate($('button[type="submit"]', f), $('[data-role="reason"]', f), isBusy() ? t("reason.busy") : check(f));
  }
}

function searchBody(f) {
  const body = { query: f.query.value.trim(), count: Number(f.count.value) || 20,
                 boards: [...f.querySelectorAll('input[name="boards"]:checked')].map((c) => c.value) };
  if (f.location.value.trim()) body.location = f.location.value.trim();
  if (f.contract.value) body.contract = f.contract.value;
  return body;
}

function initForms() {
  for (const id of Object.keys(FORM_CHECKS)) {
    const f = document.getElementById(id);
    f.addEventListener("input", gateForms);
    f.addEventListener("change", gateForms);
  }
  $("#form-search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    startRun("/api/offers/search", searchBody(ev.target), "collect");
  });
  $("#form-url").addEventListener("submit", (ev) => {
    ev.preventDefault();
    startRun("/api/offers/url", { url: ev.target.url.value.trim() }, "collect");
  });
  $("#form-paste").addEventListener("submit", (ev) => {
    ev.preventDefault();
    startRun("/api/offers/paste", { text: ev.target.text.value }, "collect");
  });
  $("#form-offers-file").addEventListener("submit", (ev) => uploadForm(ev, "/api/offers/import", "collect",
    (r) => t("collect.imported", { new: r.new.length ?? r.new, merged: r.merged.length ?? r.merged })
      + (r.warnings?.length ? ` ${r.warnings.join(" ")}` : "")));
  $("#form-cv").addEventListener("submit", (ev) => uploadForm(ev, "/api/cv", "convert",
    (r) => t("cv.uploaded", { name: r.filename })));
  $("#clear-offers").addEventListener("click", async () => {
    const n = app.state?.counts?.offers || 0;
    if (!n || !window.confirm(t("collect.clear_confirm", { n }))) return;
    try {
      const r = await api.del("/api/offers");
      setMessage("collect", t("collect.deleted", { n: r.deleted }));
      await refresh();
    } catch (err) {
      setMessage("collect", err.display, "error");
    }
  });
}

async function uploadForm(ev, url, step, describe) {
  ev.preventDefault();
  const f = ev.target;
  const button = $('button[type="submit"]', f);
  button.disabled = true;
  f.setAttribute("aria-busy", "true");
  try {
    const result = await api.upload(url, f.file.files[0], f.keep?.checked ? { keep: "1" } : {});
    f.reset();
    if (result.steps) {
      // A large file is imported by a queued run: follow it like any other, with its progress.
      setMessage(step, t("run.started", { id: result.id }));
      follow(result);
      return;
    }
    setMessage(step, describe(result), "ok");
    recordAction(step, true);
    await refresh();
  } catch (err) {
    recordAction(step, false);
    setMessage(step, err.display || err.message, "error");
  } finally {
    f.removeAttribute("aria-busy");
    gateForms();
  }
}

// ---------------------------------------------------------------- a first visit
/** "Try it with example data": the bundled demo offers and CV, then the user presses Run all. */
function initDemo() {
  const button = $("#load-demo");
  const note = $("#demo-message");
  button.addEventListener("click", async () => {
    button.disabled = true;
    note.textContent = t("demo.loading");
    try {
      const r = await api.post("/api/demo", {});
      await refresh();
      setMessage("collect", t("demo.loaded", { n: r.new.length + r.merged.length, name: r.cv.filename }), "ok");
      $("#run-all").focus();
    } catch (err) {
      note.textContent = err.display || err.message;
    } finally {
      button.disabled = false;
      if (note.textContent === t("demo.loading")) note.textContent = "";
    }
  });
}

// ---------------------------------------------------------------- runs
function initRuns() {
  for (const button of document.querySelectorAll('[data-action="run-step"]')) {
    button.addEventListener("click", () =>
      startRun("/api/runs", { steps: [button.dataset.step], params: runParams() }, button.dataset.step));
  }
  $("#run-all").addEventListener("click", () => startRun("/api/runs", { steps: "all", params: runParams() }));
  $("#run-cancel").addEventListener("click", async () => {
    if (!app.run) return;
    try {
      await api.post(`/api/runs/${app.run.id}/cancel`, {});
    } catch (err) {
      showError(err);
    }
  });
  // The fast-mode choice is remembered on this browser.
  const noLlm = $("#no-llm");
  noLlm.checked = localStorage.getItem("jobapp.no_llm") === "1";
  noLlm.addEventListener("change", () => localStorage.setItem("jobapp.no_llm", noLlm.checked ? "1" : "0"));
}

async function main() {
  initTabs();
  initForms();
  initCards();
  initRuns();
  initDemo();
  initFilters(showError);
  document.addEventListener("flow:gates", gateForms);
  try {
    // On the first load the state is the page's own and the latest run is read in the same round.
    app.onRefresh = () => Promise.all([drawData(), resumeLatest()]);
    await refresh({ inline: true });
  } catch (err) {
    showError(err);
  }
  app.onRefresh = drawData;
  gateForms();
  // Milliseconds from navigation start until the first state is drawn (read by bench/page_load.py).
  document.body.dataset.ready = String(Math.round(performance.now()));
  watchForRuns();
}

main();

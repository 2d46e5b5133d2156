// Privacy in the CV card: the anonymised text exactly as the models read it, with each redaction
// highlighted; the CV files kept on request; "Delete my data". All data is inserted as text.

import { api, h, hasT, replace, t } from "./dom.js";

const $ = (sel) => document.querySelector(sel);

/** The anonymised text cut at the redaction spans: plain text between <mark>s. */
export function highlighted(text, redactions) {
  const parts = [];
  let at = 0;
  for (const r of [...redactions].sort((a, b) => a.start - b.start)) {
    if (r.start < at || r.end > text.length) continue; // overlapping or stale span: keep the text as is
    if (r.start > at) parts.push(text.slice(at, r.start));
    const kind = hasT(`removed.${r.kind}`) ? t(`removed.${r.kind}`) : r.kind;
    parts.push(h("mark", { class: `redaction redaction-${r.kind}`, title: t("privacy.redaction", { kind }) },
      text.slice(r.start, r.end)));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts;
}

async function loadAnonymised() {
  const box = $('#cv-anonymised [data-role="anonymised"]');
  if (!box) return;
  try {
    const view = await api.get("/api/cv/anonymised");
    const removed = Object.entries(view.removed || {}).filter(([, n]) => n > 0);
    replace(box,
      h("p", { class: "removed" }, removed.length
        ? removed.map(([kind, n]) => h("span", { class: "tag tag-removed" },
          `${n} ${hasT(`removed.${kind}`) ? t(`removed.${kind}`) : kind}`))
        : t("privacy.removed_none")),
      view.text.length > view.max_prompt_chars ? h("p", { class: "hint" }, t("privacy.cut", { n: view.max_prompt_chars })) : null,
      h("pre", { class: "anon-text", "data-role": "anonymised-text", tabindex: 0 }, highlighted(view.text, view.redactions || [])));
  } catch (err) {
    replace(box, h("p", { class: "muted" }, err.display || err.message));
  }
}

async function loadKept() {
  const el = $("#cv-kept");
  if (!el) return;
  try {
    const cvs = await api.get("/api/cvs");
    const files = cvs.flatMap((c) => c.kept_files || []);
    el.textContent = cvs.length ? (files.length ? t("privacy.kept", { files: files.join(", ") }) : t("privacy.kept_none")) : "";
  } catch (err) {
    el.textContent = "";
  }
}

async function forgetAll() {
  if (!window.confirm(t("privacy.forget_confirm"))) return;
  const button = $("#forget-all");
  button.disabled = true;
  try {
    const r = await api.post("/api/forget", { confirm: true });
    $("#forget-message").textContent = t("privacy.forgotten", r.deleted);
    setTimeout(() => window.location.reload(), 1500);
  } catch (err) {
    $("#forget-message").textContent = err.display || err.message;
    button.disabled = false;
  }
}

function init() {
  const details = $("#cv-anonymised");
  if (!details) return;
  details.addEventListener("toggle", () => { if (details.open) loadAnonymised(); });
  $("#forget-all").addEventListener("click", forgetAll);
  // The CV preview is redrawn whenever the current CV changes: follow it.
  const preview = $('#card-convert [data-role="preview"]');
  if (preview) {
    new MutationObserver(() => {
      loadKept();
      if (details.open) loadAnonymised();
    }).observe(preview, { childList: true });
  }
  // A folded card draws nothing: its preview (and so this line) is read when the card opens.
  if (!preview || !preview.closest("[hidden]")) loadKept();
}

init();

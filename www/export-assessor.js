// export-assessor for intranet pages: one module a host page loads with
//   <script type="module" src="/export-assessor/export-assessor.js"></script>
// It defines the <export-assessor> element (an open shadow root holding the
// questionnaire and its styles) and exports the JS API: mount(element,
// options) → handle, and assess(answers, options) → result (no UI). All it
// fetches is same-origin and relative to this module's URL. Types:
// export-assessor.d.ts. Built with DOM APIs only (no markup from strings).
import init, { mount as mountQuestionnaire } from "./pkg/export_assessor.js";
import { openStore } from "./store.js";

const here = (path) => new URL(path, import.meta.url).href;
const VIEWS = ["assessment", "screening", "triage", "archive"];

let started = null;
/** The questionnaire's wasm and the data bundle, fetched once per page. */
function start() {
  started ??= Promise.all([
    init({ module_or_path: here("./pkg/export_assessor_bg.wasm") }),
    fetch(here("./pkg/assessor-data.bin")).then((r) => {
      if (!r.ok) throw new Error(`data bundle ${here("./pkg/assessor-data.bin")}: HTTP ${r.status}; check that the pkg folder is served beside export-assessor.js`);
      return r.arrayBuffer();
    }),
    // The saved assessments (IndexedDB, per origin: every instance and tab
    // of this origin shares them, with the app's conflict handling).
    openStore().catch(() => null),
  ]).then(([, data, store]) => ({ bytes: new Uint8Array(data), store }));
  return started;
}

/** Normalises the options (attributes or the config object); throws on what it cannot use. */
function normalise(options = {}) {
  if (options === null || typeof options !== "object") throw new TypeError("export-assessor: options must be an object such as { lang: \"de\" }");
  const o = { ...options };
  if (o.lang !== undefined && !["en", "de"].includes(o.lang)) throw new RangeError(`export-assessor: lang "${o.lang}" is not supported; use "en" or "de"`);
  if (typeof o.views === "string") o.views = o.views.split(",").map((v) => v.trim()).filter(Boolean);
  for (const v of o.views ?? []) if (!VIEWS.includes(v)) throw new RangeError(`export-assessor: views: "${v}" is not one of ${VIEWS.join(", ")}`);
  if (o.logo !== undefined) {
    const url = new URL(o.logo, document.baseURI);
    if (url.origin !== location.origin) throw new RangeError(`export-assessor: logo "${o.logo}" is not on this origin (${location.origin}); serve it from the intranet itself`);
    o.logo = url.href;
  }
  return o;
}

/** The header inside the shadow root: company, logo and contact, as text. */
function brand(o) {
  if (!o.company && !o.logo && !o.contact) return null;
  const bar = document.createElement("div");
  bar.className = "eah-brand";
  bar.setAttribute("role", "banner");
  if (o.logo) {
    const img = document.createElement("img");
    img.src = o.logo;
    img.alt = o.company ? `${o.company} logo` : "logo";
    bar.append(img);
  }
  if (o.company) {
    const name = document.createElement("span");
    name.className = "eah-company";
    name.textContent = o.company;
    bar.append(name);
  }
  if (o.contact) {
    const contact = document.createElement("span");
    contact.className = "eah-contact";
    contact.textContent = o.contact;
    bar.append(contact);
  }
  return bar;
}

/**
 * Mounts the questionnaire inside `element` (into an open shadow root with
 * the app's styles) and resolves with its handle.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError("export-assessor mount: the first argument must be a DOM element");
  const o = normalise(options);
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  shadow.replaceChildren();
  for (const href of ["./style.css", "./export-assessor.css"]) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = here(href);
    shadow.append(link);
  }
  const header = brand(o);
  if (header) shadow.append(header);
  const frame = document.createElement("div");
  frame.dataset.view = "assessment";
  const root = document.createElement("div");
  root.className = "ea-root";
  frame.append(root);
  shadow.append(frame);
  if (o.views && !o.views.includes("assessment")) {
    // Only the questionnaire embeds so far (see README "Embedding").
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent = `export-assessor: the views ${o.views.join(", ")} do not embed yet; only "assessment" does`;
    root.append(note);
    return handleOf(element, shadow, null, o);
  }
  const { bytes, store } = await start();
  const app = mountQuestionnaire(root, { ...(o.lang ? { lang: o.lang } : {}), ...(store ? { store } : {}) }, bytes);
  return handleOf(element, shadow, app, o);
}

function handleOf(element, shadow, app, o) {
  const listeners = { outcome: new Set() };
  let last = app ? app.outcome() : null;
  let work = null;
  const emit = () => {
    const now = app ? app.outcome() : null;
    if (now === last) return;
    last = now;
    // Only the outcome, unless the host opted in (options.includeAnswers).
    const detail = o.includeAnswers ? { outcome: now, work } : { outcome: now };
    for (const cb of listeners.outcome) {
      try {
        cb(detail);
      } catch (err) {
        console.error("export-assessor: an outcome listener failed:", err);
      }
    }
    element.dispatchEvent(new CustomEvent("export-assessor-outcome", { detail, bubbles: true, composed: true }));
  };
  const observer = new MutationObserver(emit);
  observer.observe(shadow, { subtree: true, childList: true, attributes: true, characterData: true });
  if (app && o.includeAnswers) app.watch((snapshot) => {
    work = snapshot.work;
    emit();
  });
  let destroyed = false;
  return {
    /** The current assessment's outcome ("escalate", …), or null while undecided. */
    report() {
      return { outcome: app && !destroyed ? app.outcome() : null };
    },
    outcome() {
      return app && !destroyed ? app.outcome() : null;
    },
    on(event, callback) {
      if (!(event in listeners)) throw new RangeError(`export-assessor: unknown event "${event}"; use "outcome"`);
      if (typeof callback !== "function") throw new TypeError("export-assessor: on(event, callback): callback must be a function");
      listeners[event].add(callback);
      return () => listeners[event].delete(callback);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      observer.disconnect();
      app?.destroy();
      shadow.replaceChildren();
    },
  };
}

let records = null;
/**
 * Assesses an answers file (the CLI's JSON format, as text or object)
 * without UI: the outcome, the deciding rules and the sealed report with
 * its fingerprint, as `export-assessor report --created <created>` gives.
 */
export async function assess(answers, options = {}) {
  const text = typeof answers === "string" ? answers : JSON.stringify(answers);
  if (text === undefined) throw new TypeError("export-assessor assess: answers must be the answers file's JSON (text or object)");
  const created = options.created ?? new Date().toISOString().replace(/\.\d+Z$/, "Z");
  records ??= import("./pkg/records.js").then(async (mod) => {
    await mod.default({ module_or_path: here("./pkg/records_bg.wasm") });
    return mod;
  });
  const [mod, { bytes }] = await Promise.all([records, loadData()]);
  return mod.assess(bytes, text, { created, ...(options.lang ? { lang: options.lang } : {}) });
}

let data = null;
function loadData() {
  if (started) return started;
  data ??= fetch(here("./pkg/assessor-data.bin")).then((r) => {
    if (!r.ok) throw new Error(`data bundle: HTTP ${r.status}`);
    return r.arrayBuffer();
  }).then((b) => ({ bytes: new Uint8Array(b) }));
  return data;
}

const ATTRS = ["lang", "member-state", "company", "logo", "contact", "views", "readonly", "config"];

/** <export-assessor lang="de" company="…" logo="/logo.svg" contact="…" views="assessment"> */
class ExportAssessorElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRS;
  }
  #config = null;
  #handle = null;
  #generation = 0;
  get config() {
    return this.#config;
  }
  set config(value) {
    this.#config = value;
    if (this.isConnected) this.#remount();
  }
  get handle() {
    return this.#handle;
  }
  connectedCallback() {
    this.#remount();
  }
  disconnectedCallback() {
    this.#generation++;
    this.#handle?.destroy();
    this.#handle = null;
  }
  attributeChangedCallback() {
    if (this.isConnected && this.#handle) this.#remount();
  }
  #options() {
    let o = {};
    const json = this.getAttribute("config");
    if (json) o = JSON.parse(json);
    if (this.#config) o = { ...o, ...this.#config };
    const attr = (name, key = name) => {
      if (this.hasAttribute(name)) o[key] = this.getAttribute(name);
    };
    attr("lang");
    attr("member-state", "memberState");
    attr("company");
    attr("logo");
    attr("contact");
    attr("views");
    if (this.hasAttribute("readonly")) o.readonly = true;
    return o;
  }
  async #remount() {
    const generation = ++this.#generation;
    this.#handle?.destroy();
    this.#handle = null;
    try {
      const handle = await mount(this, this.#options());
      if (generation !== this.#generation) return handle.destroy();
      this.#handle = handle;
      this.dataset.ready = "true";
      this.dispatchEvent(new CustomEvent("export-assessor-ready", { bubbles: true, composed: true }));
    } catch (err) {
      if (generation !== this.#generation) return;
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      const alert = document.createElement("p");
      alert.setAttribute("role", "alert");
      alert.textContent = `export-assessor could not start: ${err && err.message ? err.message : err}`;
      shadow.replaceChildren(alert);
      this.dataset.ready = "failed";
    }
  }
}

if (!customElements.get("export-assessor")) customElements.define("export-assessor", ExportAssessorElement);

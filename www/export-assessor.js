// export-assessor for intranet pages: one module a host page loads with
//   <script type="module" src="/export-assessor/export-assessor.js"></script>
// It defines the <export-assessor> element (an open shadow root holding the
// questionnaire, and on demand the screening, triage, products and records
// apps beside it, with a tab bar) and exports the JS API: mount(element,
// options) → handle, and assess(answers, options) → result (no UI). All it
// fetches is same-origin and relative to this module's URL. Types:
// export-assessor.d.ts. Built with DOM APIs only (no markup from strings).
import init, { mount as mountQuestionnaire } from "./pkg/export_assessor.js";
import { engineCrashNotice, listsStored, onPanic, openStore, panicScreen, storeFailedNotice } from "./store.js";
import { noticeList, provisionBundle, provisionLang, provisionScreening, provisionsBundle, provisionsScreening, readProvision, statusList } from "./provision.js";

const here = (path) => new URL(path, import.meta.url).href;
/** The views, in tab order; "archive" is the records app (archive, verify, report, …). */
const VIEWS = ["assessment", "screening", "triage", "products", "archive"];
const RECORD_PAGES = new Set(["archive", "verify", "report", "seal", "print", "notification"]);
const STYLESHEETS = ["./style.css", "./export-assessor.css"];
// A change of the page's address this soon after a click or key in an
// instance was made by that instance's app (it names its page in the
// address, as on the full page): the element takes it back.
const OWN_HASH_MS = 1500;

// The element's own texts (the apps bring theirs), as the app names them.
const TEXT = {
  en: {
    views: "Views", assessment: "Assessment", screening: "Sanctions screening", triage: "Lead triage", products: "Products",
    archive: "Archive", verify: "Verify a report", loading: "Loading…",
    notHere: (v) => `This page shows no "${v}" view here; ask whoever maintains this page to add it to the element's views.`,
    readOnly: "This instance is read-only: assessments cannot be changed, deleted or imported here.",
    failed: (what, why) => `The ${what} view could not start: ${why}. Reload the page; if it stays, tell whoever maintains this page.`,
  },
  de: {
    views: "Ansichten", assessment: "Prüfung", screening: "Sanktionslistenprüfung", triage: "Lead-Triage", products: "Produkte",
    archive: "Archiv", verify: "Bericht prüfen", loading: "Lädt…",
    notHere: (v) => `Die Ansicht „${v}“ ist auf dieser Seite nicht enthalten; bitten Sie die Betreuer der Seite, sie in die Ansichten des Elements aufzunehmen.`,
    readOnly: "Diese Instanz ist schreibgeschützt: Prüfungen können hier nicht geändert, gelöscht oder importiert werden.",
    failed: (what, why) => `Die Ansicht „${what}“ konnte nicht starten: ${why}. Laden Sie die Seite neu; bleibt der Fehler, melden Sie ihn den Betreuern der Seite.`,
  },
};
const langOf = (code) => (code === "de" ? "de" : "en");

let started = null;
/** The questionnaire's wasm and the data bundle, fetched once per page. */
function start() {
  started ??= Promise.all([
    init({ module_or_path: here("./pkg/export_assessor_bg.wasm") }),
    fetch(here("./pkg/assessor-data.bin")).then((r) => {
      if (!r.ok) throw new Error(`data bundle ${here("./pkg/assessor-data.bin")}: HTTP ${r.status}; check that the pkg folder is served beside export-assessor.js`);
      return r.arrayBuffer();
    }),
  ]).then(([, data]) => ({ bytes: new Uint8Array(data) }));
  started.catch(() => {
    started = null; // a later mount tries again
  });
  return started;
}

let sheets = null;
/**
 * The two stylesheets, fetched once per page and shared by every instance
 * and re-mount (constructable stylesheets); null where the browser has none
 * (then each shadow root links them, and the HTTP cache serves repeats).
 */
function styleSheets() {
  if (typeof CSSStyleSheet === "undefined" || !("adoptedStyleSheets" in Document.prototype) || !("replace" in CSSStyleSheet.prototype)) return Promise.resolve(null);
  sheets ??= Promise.all(STYLESHEETS.map(async (path) => {
    const r = await fetch(here(path));
    if (!r.ok) throw new Error(`stylesheet ${here(path)}: HTTP ${r.status}; check that it is served beside export-assessor.js`);
    // baseURL: any url() in it resolves beside the file, as with a <link>.
    return new CSSStyleSheet({ baseURL: here(path) }).replace(ownRem(await r.text()));
  }));
  sheets.catch(() => {
    sheets = null;
  });
  return sheets;
}

/**
 * `rem` inside a shadow root is the host page's root font size (an
 * intranet's `html { font-size: 30px }` would scale the whole app): each
 * length in rem becomes a multiple of the element's --ea-rem (16px, set on
 * :host). Media queries keep rem (there it is the browser's default size).
 */
function ownRem(css) {
  return css.replace(/(@media[^{]*)|(-?(?:\d+\.?\d*|\.\d+))rem\b/g, (all, media, n) => (media ? media : `calc(${n} * var(--ea-rem))`));
}

/** A dynamic import, once per page (retried after a failure). */
function once(load) {
  let p = null;
  return () => {
    p ??= load();
    p.catch(() => {
      p = null;
    });
    return p;
  };
}
// The worker's client: all that screening the assessment needs (the worker
// loads the engine's wasm itself).
const loadScreeningClient = once(() => import("./screening-client.js").then((m) => m.ScreeningClient));
// The screening, triage and products pages: their module and wasm in this
// page, only when one of those views first opens.
const loadScreeningPages = once(() => import("./pkg/screening.js").then(async (mod) => {
  await mod.default({ module_or_path: here("./pkg/screening_bg.wasm") });
  return mod;
}));

/** The records app's module with its wasm initialised, once per page (also used by assess()). */
const loadRecordsCode = once(() => import("./pkg/records.js").then(async (mod) => {
  await mod.default({ module_or_path: here("./pkg/records_bg.wasm") });
  return mod;
}));


/** Normalises the options (attributes or the config object); throws on what it cannot use. */
function normalise(options = {}) {
  if (options === null || typeof options !== "object") throw new TypeError("export-assessor: options must be an object such as { lang: \"de\" }");
  const o = { ...options };
  if (o.lang !== undefined && !["en", "de"].includes(o.lang)) throw new RangeError(`export-assessor: lang "${o.lang}" is not supported; use "en" or "de"`);
  // "readonly" was the first spelling; readOnly is the option's name.
  o.readOnly = Boolean(o.readOnly ?? o.readonly);
  delete o.readonly;
  if (typeof o.views === "string") o.views = o.views.split(",").map((v) => v.trim()).filter(Boolean);
  if (o.views !== undefined && !Array.isArray(o.views)) throw new TypeError("export-assessor: views must be a list such as [\"assessment\", \"screening\"] (or the attribute views=\"assessment,screening\")");
  for (const v of o.views ?? []) if (!VIEWS.includes(v)) throw new RangeError(`export-assessor: views: "${v}" is not one of ${VIEWS.join(", ")}`);
  // Default: every view; a read-only instance has no products page (it edits the catalogue).
  o.views = (o.views?.length ? VIEWS.filter((v) => o.views.includes(v)) : [...VIEWS]).filter((v) => !(o.readOnly && v === "products"));
  if (o.views.length === 0) throw new RangeError("export-assessor: views: a read-only instance cannot show only \"products\"; name another view");
  if (o.memberState !== undefined && (typeof o.memberState !== "string" || !/^[A-Z]{2}$/.test(o.memberState))) throw new RangeError(`export-assessor: member-state "${o.memberState}" is not a two-letter country code such as "DE"`);
  if (o.provision !== undefined && (o.provision === null || typeof o.provision !== "object")) throw new TypeError("export-assessor: provision must be an object such as { \"lists\": [{ \"url\": \"lists/un.xml\" }] }");
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
  for (const [key, cls] of [["company", "eah-company"], ["contact", "eah-contact"]]) {
    if (!o[key]) continue;
    const span = document.createElement("span");
    span.className = cls;
    span.textContent = o[key];
    bar.append(span);
  }
  return bar;
}

/** A container of the shadow root, with the class the full page gives it. */
function host(className, testid) {
  const div = document.createElement("div");
  div.className = className;
  div.dataset.testid = testid;
  return div;
}

/** Where an address fragment leads: a view (and the records page), or null (an id in the page). */
function routeOf(name) {
  if (name === "" || name === "assessment") return { view: "assessment" };
  if (name === "screening") return { view: "screening" };
  if (name === "/triage") return { view: "triage" };
  if (name === "/products") return { view: "products" };
  if (RECORD_PAGES.has(name)) return { view: "archive", page: name };
  return null;
}

/**
 * The tab bar: one real button per view (and "Verify a report" beside the
 * archive), the current one marked with aria-current; arrow keys move
 * between them.
 */
function tabBar(views, onPick) {
  const nav = document.createElement("nav");
  nav.className = "eah-tabs";
  const tabs = [];
  for (const v of views) {
    for (const name of v === "archive" ? ["archive", "verify"] : [v]) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "eah-tab";
      b.dataset.tab = name;
      b.dataset.testid = `eah-tab-${name}`;
      b.addEventListener("click", () => onPick(name === "archive" || name === "verify" ? name : v));
      tabs.push(b);
    }
  }
  nav.append(...tabs);
  // One view needs no tabs.
  nav.hidden = tabs.length < 2;
  nav.addEventListener("keydown", (e) => {
    const i = tabs.indexOf(e.target);
    if (i < 0 || !["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    const next = e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : (i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length;
    tabs[next].focus();
  });
  const status = document.createElement("p");
  status.className = "eah-status";
  status.setAttribute("role", "status");
  status.dataset.testid = "eah-status";
  return {
    nav,
    status,
    /** Labels in `lang`; marks the tab of `view` (and records `page`) current. */
    render(lang, view, page) {
      const text = TEXT[lang];
      nav.setAttribute("aria-label", text.views);
      for (const b of tabs) {
        b.textContent = text[b.dataset.tab];
        const current = view === "archive" ? b.dataset.tab === (page === "verify" ? "verify" : "archive") : b.dataset.tab === view;
        if (current) b.setAttribute("aria-current", "page");
        else b.removeAttribute("aria-current");
      }
    },
  };
}

/**
 * Mounts export-assessor inside `element` (an open shadow root with the
 * app's styles): the questionnaire at once, the other views when they
 * first open. Resolves with the handle.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError("export-assessor mount: the first argument must be a DOM element");
  const o = normalise(options);
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  shadow.replaceChildren();
  // The saved assessments (IndexedDB, per origin: every instance and tab
  // of this origin shares them, with the app's conflict handling), read
  // afresh for each mount: a later instance sees what the others saved.
  let storeError = null;
  const [adopted, { bytes: shipped }, opened] = await Promise.all([styleSheets(), start(), openStore().catch((err) => {
    storeError = err;
    return null;
  })]);
  // The host's language wins over the one saved by another instance or tab.
  const store = opened && o.lang ? { ...opened, prefs: withLang(opened.prefs, o.lang) } : opened;
  // Provisioning: the options, else the page's #export-assessor-config.
  // Company rules and destination data go into the bundle every app of
  // this instance mounts with, so they are composed first.
  const lang = provisionLang(o.lang ?? navigator.language);
  const early = [];
  const provision = o.provision ?? readProvision((text) => early.push(text), document, lang);
  const composed = provisionsBundle(provision) ? await composeOnce(shipped, provision, lang) : { bytes: shipped, applied: [], notes: [] };
  if (adopted) shadow.adoptedStyleSheets = adopted;
  else {
    for (const href of STYLESHEETS) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = here(href);
      shadow.append(link);
    }
  }
  const handle = embed(element, shadow, o, composed.bytes, store, { provision, lang, notes: [...early, ...composed.notes], applied: composed.applied });
  const notice = storeError && storeFailedNotice(langOf(o.lang), storeError);
  if (notice) shadow.querySelector(".eah-frame")?.prepend(notice);
  return handle;
}

/** Saved preferences (JSON text) with the language set to `lang`. */
function withLang(prefs, lang) {
  try {
    const p = JSON.parse(prefs ?? "null");
    return JSON.stringify({ current: null, ...(p && typeof p === "object" ? p : {}), lang });
  } catch {
    return prefs;
  }
}

// One composition per page and provisioned pair of files: two instances
// with the same config fetch and compose once.
const composedBundles = new Map();
function composeOnce(bytes, provision, lang) {
  const key = JSON.stringify([provision.rules ?? null, provision.destinations ?? null, lang]);
  if (!composedBundles.has(key)) {
    const notes = [];
    composedBundles.set(key, provisionBundle(bytes, provision, (text) => notes.push(text), loadRecordsCode, lang).then((r) => ({ ...r, notes })));
  }
  return composedBundles.get(key);
}

/** Builds the instance in `shadow`: containers, tab bar, routing, the apps. */
function embed(element, shadow, o, bytes, store, provisioned) {
  const header = brand(o);
  if (header) shadow.append(header);
  // The frame plays the full page's <html data-view> and <body>: style.css
  // shows one container by its data-view.
  const frame = document.createElement("div");
  frame.className = "eah-frame";
  if (o.readOnly) frame.dataset.readonly = "true";
  const root = host("ea-root", "assessment-root");
  const containers = {
    screening: host("ea-screening-host", "screening-root"),
    triage: host("ea-triage-host", "triage-root"),
    products: host("ea-products-host", "products-root"),
    archive: host("ea-records-host", "records-root"),
  };
  const tabs = tabBar(o.views, (name) => go(name));
  frame.append(root, tabs.nav, tabs.status, ...o.views.filter((v) => v !== "assessment").map((v) => containers[v]));
  shadow.append(frame);
  const notice = noticeList(tabs.status);
  if (o.readOnly) notice(TEXT[langOf(o.lang)].readOnly);
  for (const text of provisioned.notes) notice(text);
  const status = statusList(tabs.status);
  for (const a of provisioned.applied) status(a.text);

  let destroyed = false;
  const s = { view: null, page: null, lang: langOf(o.lang), client: null, pending: null, pages: {}, records: null, watchers: new Set(), snapshot: null, cleanup: [] };
  const setState = (key, value) => {
    element.dataset[key] = value;
  };

  // A panic (or trap) of the page's wasm (shared by every instance): the
  // apps are dead, the work is saved; the error screen replaces them.
  s.cleanup.push(onPanic((message) => {
    frame.style.display = "none";
    frame.inert = true;
    shadow.prepend(panicScreen(s.lang, message));
    setState("panic", "true");
    element.dispatchEvent(new CustomEvent("export-assessor-panic", { detail: { message }, bubbles: true, composed: true }));
  }));

  // Until the screening engine runs, the questionnaire's latest request waits.
  const app = mountQuestionnaire(root, {
    ...(o.lang ? { lang: o.lang } : {}),
    ...(store ? { store } : {}),
    // For the questionnaire (the integrator's part): ignored until it supports them.
    ...(o.memberState ? { memberState: o.memberState } : {}),
    ...(o.readOnly ? { readOnly: true } : {}),
    onScreen: (request) => {
      s.pending = request;
      s.client?.screenAssessment(request);
    },
  }, bytes);
  // The other views follow the questionnaire's language (its root's lang
  // attribute: the user's choice, or saved preferences), as on the full
  // page. Its root appears when Yew first renders, so the whole container
  // is watched.
  const langWatch = new MutationObserver(() => {
    const lang = langOf(root.querySelector("[data-testid=app]")?.lang ?? s.lang);
    if (lang === s.lang) return;
    s.lang = lang;
    for (const p of Object.values(s.pages)) p?.setLang(lang);
    tabs.render(lang, s.view, s.page);
  });
  langWatch.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["lang"] });
  s.cleanup.push(() => langWatch.disconnect());

  /** The questionnaire's snapshots, for the records app and the triage page (one watcher). */
  let watching = false;
  const followWork = (listener) => {
    s.watchers.add(listener);
    if (!watching) {
      watching = true;
      app.watch((snapshot) => {
        s.snapshot = snapshot;
        for (const l of s.watchers) l(snapshot);
      });
    } else if (s.snapshot) listener(s.snapshot);
    return () => s.watchers.delete(listener);
  };

  const fail = (where, what, err) => {
    const why = String(err && err.message ? err.message : err).replace(/\.+$/, "");
    const p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.className = "ea-notice";
    p.textContent = TEXT[s.lang].failed(TEXT[s.lang][what], why);
    where.prepend(p);
  };

  let screening = null;
  const startScreening = () => {
    screening ??= (async () => {
      setState("engine", "loading");
      const ScreeningClient = await loadScreeningClient();
      if (destroyed) return null;
      // One worker per instance (its default URL: screening-worker.js beside
      // screening-client.js, i.e. beside this module); the lists it keeps are
      // the origin's (IndexedDB), shared like the saved assessments.
      const client = new ScreeningClient(bytes);
      // The engine's wasm panicked in the worker: offer a restart.
      client.onCrash = () => frame.prepend(engineCrashNotice(s.lang, () => client.restart()));
      client.assessment.onResult = (response) => app.deliverScreening(response);
      client.assessment.onError = (message) => app.screeningFailed(message);
      client.screenAssessment(s.pending);
      client.onSubscribeWork = (listener) => followWork((snapshot) => listener(snapshot.work));
      client.onOpenAssessment = async (draft) => {
        if (o.readOnly) return notice(TEXT[s.lang].readOnly);
        const known = s.snapshot && JSON.parse(s.snapshot.work).archive.some((d) => d.id === draft.id);
        if (!draft.existing || !known) app.command({ import: { work: draft.work } });
        app.command({ open: { id: draft.id } });
        go("assessment");
      };
      s.client = client;
      s.cleanup.push(() => client.worker?.terminate());
      setState("engine", "ready");
      return client;
    })().catch((err) => {
      setState("engine", "failed");
      app.screeningFailed(err && err.message ? err.message : String(err));
      fail(containers.screening, "screening", err);
      return null;
    });
    return screening;
  };

  // Each page is mounted beside the others when its view first opens.
  const MOUNTS = {
    screening: (mod, client) => mod.mountScreening(containers.screening, { lang: s.lang }, bytes, client),
    triage: (mod, client) => mod.mountTriage(containers.triage, s.lang, bytes, client),
    products: (mod, client) => mod.mountProducts(containers.products, s.lang, bytes, client),
  };
  const loading = {};
  const loadPage = (view) => {
    loading[view] ??= (async () => {
      setState(view, "loading");
      const [client, mod] = await Promise.all([startScreening(), loadScreeningPages()]);
      if (!client) throw new Error("the screening engine did not start");
      if (destroyed) return;
      s.pages[view] = MOUNTS[view](mod, client);
      setState(view, "ready");
    })().catch((err) => {
      setState(view, "failed");
      fail(containers[view], view, err);
    });
    return loading[view];
  };
  const loadRecords = () => {
    loading.archive ??= (async () => {
      setState("records", "loading");
      const mod = await loadRecordsCode();
      if (destroyed) return;
      s.records = mod.mountRecords(containers.archive, {
        lang: s.lang,
        // The records app hides import, duplicate and delete itself.
        ...(o.readOnly ? { readOnly: true } : {}),
        command: (c) => {
          // Read-only: the records app may open an assessment (to read it), nothing else.
          const kind = typeof c === "string" ? c : Object.keys(c ?? {})[0];
          if (o.readOnly && kind !== "open") return notice(TEXT[s.lang].readOnly);
          try {
            app.command(c);
            if (kind === "open") go("assessment");
          } catch (err) {
            fail(containers.archive, "archive", err);
          }
        },
      }, bytes);
      followWork((snapshot) => s.records.update(snapshot));
      setState("records", "ready");
    })().catch((err) => {
      setState("records", "failed");
      fail(containers.archive, "archive", err);
    });
    return loading.archive;
  };

  /** Shows `view` (and the records `page`); false when this instance has no such view. */
  const show = (view, page) => {
    if (!o.views.includes(view)) {
      tabs.status.textContent = TEXT[s.lang].notHere(TEXT[s.lang][view] ?? view);
      return false;
    }
    tabs.status.textContent = "";
    s.view = view;
    s.page = view === "archive" ? page ?? "archive" : null;
    frame.dataset.view = view === "archive" ? "records" : view;
    setState("view", view);
    tabs.render(s.lang, s.view, s.page);
    if (view === "archive") loadRecords().then(() => s.records?.show(s.page));
    else if (view !== "assessment") loadPage(view);
    return true;
  };
  /** Follows an address fragment inside the instance: a view, or an element of its own. */
  const go = (name) => {
    const route = routeOf(name);
    if (route) return show(route.view, route.page);
    const target = shadow.getElementById(decodeURIComponent(name));
    if (!target) return false;
    target.scrollIntoView({ block: "start" });
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    return true;
  };

  // The apps' "#…" links route inside the instance: the host's address and
  // history stay as they are.
  let touched = -Infinity;
  const touch = () => {
    touched = performance.now();
  };
  const onClick = (e) => {
    touch();
    if (e.button !== 0) return;
    const a = e.composedPath().find((n) => n instanceof HTMLAnchorElement);
    const href = a?.getAttribute("href");
    if (!href || !href.startsWith("#")) return;
    e.preventDefault();
    go(href.slice(1));
  };
  // The apps also name their page in the address themselves ("New
  // assessment", an archive entry opened): right after a click or key in
  // this instance, the element follows that page and puts the host's
  // address back (without a new hashchange).
  const onHash = (e) => {
    if (performance.now() - touched > OWN_HASH_MS) return;
    const name = new URL(e.newURL).hash.replace(/^#/, "");
    if (!routeOf(name)) return;
    history.replaceState(history.state, "", e.oldURL);
    go(name);
  };
  // A file dropped beside a drop zone would make the browser open it and
  // leave the page: inside the instance, files go to the drop zones only.
  const noDrop = (e) => e.preventDefault();
  shadow.addEventListener("click", onClick, true);
  shadow.addEventListener("keydown", touch, true);
  window.addEventListener("hashchange", onHash);
  element.addEventListener("dragover", noDrop);
  element.addEventListener("drop", noDrop);
  s.cleanup.push(() => {
    shadow.removeEventListener("click", onClick, true);
    shadow.removeEventListener("keydown", touch, true);
    window.removeEventListener("hashchange", onHash);
    element.removeEventListener("dragover", noDrop);
    element.removeEventListener("drop", noDrop);
  });

  show(o.views[0]);

  // Screening: provisioned lists (the options, else the page's
  // #export-assessor-config), or lists stored here, start the engine now.
  const provision = provisionsScreening(provisioned.provision) ? provisioned.provision : null;
  // After the first question is up: the engine's files do not compete with it.
  const idle = (f) => (window.requestIdleCallback ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 200));
  if (provision) {
    new Promise(idle).then(() => (destroyed ? null : startScreening()))
      .then((client) => client && provisionScreening(client, provision, notice, provisioned.lang))
      .catch((err) => notice(String(err && err.message ? err.message : err)))
      .finally(() => destroyed || setState("provision", "done"));
  } else {
    // Rules or destination data alone: composed before the mount, done now.
    if (provisioned.provision) setState("provision", "done");
    new Promise(idle).then(listsStored).then((stored) => {
      if (stored && !destroyed) startScreening();
      else if (!destroyed) element.dataset.engine ??= "none";
    });
  }

  return handleOf(element, shadow, app, o, () => {
    destroyed = true;
    for (const p of Object.values(s.pages)) p?.destroy();
    s.records?.destroy();
    for (const c of s.cleanup) c();
    for (const key of ["view", "engine", "screening", "triage", "products", "records", "provision", "panic"]) delete element.dataset[key];
  }, go);
}

function handleOf(element, shadow, app, o, teardown, go) {
  const listeners = { outcome: new Set() };
  let last = app.outcome();
  let work = null;
  const emit = () => {
    const now = app.outcome();
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
  if (o.includeAnswers) app.watch((snapshot) => {
    work = snapshot.work;
    emit();
  });
  let destroyed = false;
  return {
    /** The current assessment's outcome ("escalate", …), or null while undecided. */
    report() {
      return { outcome: destroyed ? null : app.outcome() };
    },
    outcome() {
      return destroyed ? null : app.outcome();
    },
    /** Shows a view ("assessment", "screening", "triage", "products", "archive") or a records page ("verify", …). */
    show(view) {
      if (destroyed) return false;
      return go(view === "triage" || view === "products" ? `/${view}` : view);
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
      teardown();
      app.destroy();
      shadow.replaceChildren();
      shadow.adoptedStyleSheets = [];
    },
  };
}

/**
 * Assesses an answers file (the CLI's JSON format, as text or object)
 * without UI: the outcome, the deciding rules and the sealed report with
 * its fingerprint, as `export-assessor report --created <created>` gives.
 */
export async function assess(answers, options = {}) {
  const text = typeof answers === "string" ? answers : JSON.stringify(answers);
  if (text === undefined) throw new TypeError("export-assessor assess: answers must be the answers file's JSON (text or object)");
  const created = options.created ?? new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const [mod, { bytes }] = await Promise.all([loadRecordsCode(), loadData()]);
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

/** <export-assessor lang="de" company="…" logo="/logo.svg" contact="…" views="assessment,screening"> */
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
    if (json) {
      try {
        o = JSON.parse(json);
      } catch (err) {
        throw new SyntaxError(`the config attribute is not valid JSON (${err.message}); check its quotes`);
      }
    }
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
    if (this.hasAttribute("readonly")) o.readOnly = true;
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

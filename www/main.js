// Entry module: loads the questionnaire's wasm and the data bundle (both
// same-origin static files) and mounts it into #app. The screening engine
// (its worker and wasm) and the screening page load only when they are
// needed: when lists are stored in this browser, or when the screening
// page opens; never on the way to the first question. Other pages embed
// the app the same way (see README).
import init, { mount } from "./pkg/export_assessor.js";
import { engineCrashNotice, listsStored, onPanic, openStore, panicScreen, storeFailedNotice } from "./store.js";
import { noticeList, provisionBundle, provisionLang, provisionScreening, provisionsBundle, provisionsScreening, readProvision, statusList } from "./provision.js";

const root = document.getElementById("app");
const screeningRoot = document.getElementById("screening");

const recordsRoot = document.getElementById("records");
const triageRoot = document.getElementById("triage");
const productsRoot = document.getElementById("products");
// The records app's pages (its own wasm, loaded when one first opens).
const RECORD_PAGES = new Set(["archive", "verify", "report", "seal", "print", "notification"]);
const hashName = () => location.hash.replace(/^#/, "");

// #screening shows the screening page, the records pages the records app,
// anything else the assessment.
const wantsScreening = () => location.hash === "#screening";
// #/triage shows the lead triage (its own mount in the screening wasm).
const wantsTriage = () => location.hash === "#/triage";
// #/products shows the product catalogue (its own mount in the screening wasm).
const wantsProducts = () => location.hash === "#/products";
const viewOf = () => (wantsScreening() ? "screening" : wantsTriage() ? "triage" : wantsProducts() ? "products" : RECORD_PAGES.has(hashName()) ? "records" : "assessment");
const showView = () => {
  document.documentElement.dataset.view = viewOf();
};
window.addEventListener("hashchange", showView);
showView();
// A file dropped beside a drop zone would make the browser open it and
// leave the app: files are taken by the drop zones only.
for (const type of ["dragover", "drop"]) window.addEventListener(type, (e) => e.preventDefault());

// A panic (or trap) in any of the page's wasm: the apps are dead, the work
// is saved (every change is stored at once). The error screen replaces
// them: what happened, Reload, and the saved work as a download.
onPanic((message) => {
  const lang = root.querySelector("[data-testid=app]")?.lang || document.documentElement.lang;
  for (const r of [root, screeningRoot, triageRoot, productsRoot, recordsRoot]) {
    r.style.display = "none"; // the stylesheet's display wins over `hidden`
    r.inert = true;
  }
  document.documentElement.dataset.panic = "true";
  document.body.prepend(panicScreen(lang, message));
});

function showError(err, what = "export-assessor could not start", where = root) {
  const alert = document.createElement("p");
  alert.setAttribute("role", "alert");
  alert.className = "ea-notice";
  alert.textContent = `${what}: ${err && err.message ? err.message : err}`;
  where.prepend(alert);
}


// Where the code and data come from: same-origin files here; the offline
// single file (scripts/single_file.mjs) sets exportAssessorSources to its
// inlined bytes (wasm(name): the glue's init argument; worker(): its blob
// URL and wasm bytes; undefined: the files beside this one).
const sources = globalThis.exportAssessorSources ?? {
  wasm: () => undefined,
  bundle: () =>
    fetch(new URL("./pkg/assessor-data.bin", import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`data bundle: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  worker: () => undefined,
};

// The records wasm, initialised once: for the records pages, and before
// the first mount when the host provisions company rules or destination
// data (it composes the bundle).
let recordsModule = null;
const loadRecordsModule = () => {
  recordsModule ??= (async () => {
    const mod = await import("./pkg/records.js");
    await mod.default(sources.wasm("records"));
    return mod;
  })();
  return recordsModule;
};

let storeError = null;
try {
  const [, data, store] = await Promise.all([
    init(sources.wasm("export_assessor")),
    sources.bundle(),
    // The assessments in IndexedDB (null: none here, or it cannot be opened;
    // the app then uses localStorage, and a failure is shown below).
    openStore().catch((err) => {
      storeError = err;
      return null;
    }),
  ]);
  const lang = new URLSearchParams(location.search).get("lang") ?? undefined;
  // Host provisioning (issue 14): a page may name same-origin sanctions
  // list files, a shared decisions register, the list age limit, a company
  // rule-set extension and destination data in
  // <script type="application/json" id="export-assessor-config">. Its
  // notices follow the app's language as far as known before the mount.
  const noticeLang = provisionLang(lang ?? root.getAttribute("lang") ?? navigator.language);
  const notice = noticeList(screeningRoot);
  const provision = readProvision(notice, document, noticeLang);
  // Company rules and destination data go into the bundle every app
  // mounts with, so they are composed before the first mount.
  let bytes = new Uint8Array(data);
  if (provisionsBundle(provision)) {
    const composed = await provisionBundle(bytes, provision, notice, loadRecordsModule, noticeLang);
    bytes = composed.bytes;
    const status = statusList(screeningRoot);
    for (const a of composed.applied) status(a.text);
    window.exportAssessorProvisioned = composed.applied;
  }
  root.textContent = "";

  // Until the screening engine is loaded, the app's latest request waits.
  let client = null;
  let pending = null;
  const handle = mount(root, {
    ...(lang ? { lang } : {}),
    ...(store ? { store } : {}),
    onScreen: (request) => {
      pending = request;
      client?.screenAssessment(request);
    },
  }, bytes);
  window.exportAssessor = handle;
  if (storeError) {
    const notice = storeFailedNotice(root.querySelector("[data-testid=app]")?.lang, storeError);
    if (notice) {
      notice.style.order = "-1";
      document.body.prepend(notice);
    }
  }
  document.documentElement.dataset.ready = "true";

  // The questionnaire's snapshots (its saved work) go to every page that
  // follows them: the records app and the triage page. One watcher,
  // installed when the first of them asks.
  const snapshotListeners = new Set();
  let latestSnapshot = null;
  let watching = false;
  const followWork = (listener) => {
    snapshotListeners.add(listener);
    if (!watching) {
      watching = true;
      handle.watch((snapshot) => {
        latestSnapshot = snapshot;
        for (const l of snapshotListeners) l(snapshot);
      });
    } else if (latestSnapshot) listener(latestSnapshot);
    return () => snapshotListeners.delete(listener);
  };

  let loading = null;
  let screeningModule = null;
  const loadScreening = () => {
    loading ??= (async () => {
      document.documentElement.dataset.screening = "loading";
      const [{ ScreeningClient }, screening] = await Promise.all([import("./screening-client.js"), import("./pkg/screening.js")]);
      const worker = sources.worker();
      client = new ScreeningClient(bytes, worker?.url, worker);
      // The engine's wasm panicked in the worker: the page goes on, and
      // offers to start the engine again (its data is in IndexedDB).
      client.onCrash = () => {
        const lang = root.querySelector("[data-testid=app]")?.lang;
        const notice = engineCrashNotice(lang, () => client.restart());
        notice.style.order = "-1";
        document.body.prepend(notice);
      };
      client.assessment.onResult = (response) => handle.deliverScreening(response);
      client.assessment.onError = (message) => handle.screeningFailed(message);
      client.screenAssessment(pending);
      // Lead triage: a lead opened as an assessment is imported into the
      // questionnaire (the records app's path: the saved-work format) and
      // opened; the triage page follows the work for the outcomes.
      client.onSubscribeWork = (listener) => followWork((snapshot) => listener(snapshot.work));
      client.onOpenAssessment = async (draft) => {
        const known = latestSnapshot && JSON.parse(latestSnapshot.work).archive.some((d) => d.id === draft.id);
        if (!draft.existing || !known) handle.command({ import: { work: draft.work } });
        handle.command({ open: { id: draft.id } });
        location.hash = "assessment";
      };
      screeningModule = screening;
      // The worker's client, for tests and benchmarks driving the engine.
      window.exportAssessorClient = client;
      // The screening page, beside the questionnaire (never inside it: two
      // Yew apps must not nest); it follows the questionnaire's language
      // (the lang attribute of its root).
      await screening.default(sources.wasm("screening"));
      const app = root.querySelector("[data-testid=app]");
      const page = screening.mountScreening(screeningRoot, { lang: app.lang }, bytes, client);
      new MutationObserver(() => page.setLang(app.lang)).observe(app, { attributes: true, attributeFilter: ["lang"] });
      window.exportAssessorScreening = page;
      document.documentElement.dataset.screening = "ready";
    })().catch((err) => {
      document.documentElement.dataset.screening = "failed";
      handle.screeningFailed(err && err.message ? err.message : String(err));
      showError(err, "the screening page could not start", screeningRoot);
    });
    return loading;
  };
  window.addEventListener("hashchange", () => {
    if (wantsScreening()) loadScreening();
  });

  // The triage page: mounted beside the others when #/triage first opens.
  let loadingTriage = null;
  const loadTriage = () => {
    loadingTriage ??= (async () => {
      document.documentElement.dataset.triage = "loading";
      await loadScreening();
      if (!screeningModule) throw new Error("the screening engine did not start");
      const app = root.querySelector("[data-testid=app]");
      const page = screeningModule.mountTriage(triageRoot, app.lang, bytes, client);
      new MutationObserver(() => page.setLang(app.lang)).observe(app, { attributes: true, attributeFilter: ["lang"] });
      window.exportAssessorTriage = page;
      document.documentElement.dataset.triage = "ready";
    })().catch((err) => {
      document.documentElement.dataset.triage = "failed";
      showError(err, "the triage page could not start", triageRoot);
    });
    return loadingTriage;
  };
  window.addEventListener("hashchange", () => {
    if (wantsTriage()) loadTriage();
  });
  if (wantsTriage()) loadTriage();
  // The products page: mounted beside the others when #/products first opens.
  let loadingProducts = null;
  const loadProducts = () => {
    loadingProducts ??= (async () => {
      document.documentElement.dataset.products = "loading";
      await loadScreening();
      if (!screeningModule) throw new Error("the screening engine did not start");
      const app = root.querySelector("[data-testid=app]");
      const page = screeningModule.mountProducts(productsRoot, app.lang, bytes, client);
      new MutationObserver(() => page.setLang(app.lang)).observe(app, { attributes: true, attributeFilter: ["lang"] });
      window.exportAssessorProducts = page;
      document.documentElement.dataset.products = "ready";
    })().catch((err) => {
      document.documentElement.dataset.products = "failed";
      showError(err, "the products page could not start", productsRoot);
    });
    return loadingProducts;
  };
  window.addEventListener("hashchange", () => {
    if (wantsProducts()) loadProducts();
  });
  if (wantsProducts()) loadProducts();

  // The records app: mounted beside the questionnaire, fed its snapshots,
  // its commands passed back. Nothing of it loads before its first page.
  let records = null;
  let loadingRecords = null;
  const loadRecords = () => {
    loadingRecords ??= (async () => {
      document.documentElement.dataset.records = "loading";
      const mod = await loadRecordsModule();
      const app = root.querySelector("[data-testid=app]");
      records = mod.mountRecords(recordsRoot, {
        lang: app.lang,
        command: (c) => {
          try {
            handle.command(c);
          } catch (err) {
            showError(err, "the command could not be carried out", recordsRoot);
          }
        },
      }, bytes);
      followWork((snapshot) => records.update(snapshot));
      window.exportAssessorRecords = records;
      document.documentElement.dataset.records = "ready";
    })().catch((err) => {
      document.documentElement.dataset.records = "failed";
      showError(err, "the records page could not start", recordsRoot);
    });
    return loadingRecords;
  };
  const routeRecords = async () => {
    if (viewOf() !== "records") return;
    await loadRecords();
    records?.show(hashName());
  };
  window.addEventListener("hashchange", routeRecords);
  routeRecords();
  // The iframe mode's protocol (the frame file of scripts/single_file.mjs
  // sets this hook; www/frame-protocol.js) starts from what it answers from.
  sources.started?.({ handle, bytes, followWork, loadScreening: () => loadScreening().then(() => client) });
  // The provisioned lists, register and age limit (read above).
  if (provisionsScreening(provision)) {
    loadScreening()
      .then(() => client && provisionScreening(client, provision, notice, noticeLang))
      .finally(() => {
        document.documentElement.dataset.provision = "done";
      });
  } else {
    if (provision) document.documentElement.dataset.provision = "done";
    if (wantsScreening() || (await listsStored())) loadScreening();
    // Tells tests and hosts that main.js has decided; "ready" follows when
    // the screening page is mounted.
    else document.documentElement.dataset.screening ??= "none";
  }
} catch (err) {
  showError(err);
}

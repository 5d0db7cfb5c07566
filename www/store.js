// The assessments in IndexedDB: one record per assessment, { id, rev, draft },
// where `draft` is the JSON the app wrote and `rev` counts the saves. A save
// names the revision it was made from; when another tab saved in between,
// nothing is overwritten and the other version comes back to the app, which
// keeps both. The app decides everything else; this only stores.

const DB = "export-assessor";
const VERSION = 1;
const DRAFTS = "assessments";
const META = "meta";

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** What went wrong, in the app's terms. */
function failure(err) {
  const name = err && err.name;
  const message = err && err.message ? err.message : String(err);
  if (name === "QuotaExceededError") return { status: "quota", message: `${name}: ${message}` };
  return { status: "failed", message: name ? `${name}: ${message}` : message };
}

/** Runs `body(store)` in one readwrite transaction and resolves with its result once committed. */
function write(db, storeName, body) {
  return new Promise((resolve) => {
    let result;
    let tx;
    try {
      tx = db.transaction(storeName, "readwrite");
    } catch (err) {
      resolve(failure(err));
      return;
    }
    tx.oncomplete = () => resolve(result);
    // Aborted: the failure the body saw, or the transaction's own (a full
    // disk shows here, at commit, as QuotaExceededError).
    tx.onabort = () => resolve(result && (result.status === "quota" || result.status === "failed") ? result : failure(tx.error));
    tx.onerror = (e) => e.preventDefault(); // reported by onabort
    try {
      body(tx.objectStore(storeName), (r) => { result = r; });
    } catch (err) {
      try { tx.abort(); } catch { /* already finished */ }
      resolve(failure(err));
    }
  });
}

function open(version) {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? indexedDB.open(DB) : indexedDB.open(DB, version);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: "id" });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    // Another tab holds an older version open and does not let go.
    req.onblocked = () => reject(new Error("the assessments' database is blocked by another tab of this app; close the other tabs and reload"));
  });
}

/**
 * Opens the database at this version, or at the newer one another tab (a
 * newer version of the app) upgraded it to, as long as it still has the
 * assessments: the work is read either way, never hidden behind an error.
 */
async function openAny() {
  try {
    return await open(VERSION);
  } catch (err) {
    if (!err || err.name !== "VersionError") throw err;
    const db = await open();
    if (!db.objectStoreNames.contains(DRAFTS) || !db.objectStoreNames.contains(META)) {
      db.close();
      throw new Error(`the assessments' database was changed by a newer version of this app (version ${db.version}); use that version`);
    }
    return db;
  }
}

/**
 * Opens the store and reads everything in it. Resolves to null when this
 * browser has no IndexedDB (the app then keeps work in localStorage);
 * rejects when it has one that cannot be opened (storage disabled, blocked):
 * the caller says so.
 */
export async function openStore() {
  if (typeof indexedDB === "undefined") return null;
  let db = await openAny();
  // Another tab wants to upgrade (a newer version of the app) or delete the
  // database: let it, and open it again for the next save (which waits
  // until the upgrade is done). Nothing is lost on this page meanwhile.
  let reopening = null;
  const watch = (d) => {
    d.onversionchange = () => {
      d.close();
      if (db === d) db = null;
    };
    d.onclose = d.onversionchange; // closed by the browser (storage cleared)
  };
  watch(db);
  const connection = () => {
    if (db) return Promise.resolve(db);
    reopening ??= openAny().then((d) => {
      watch(d);
      db = d;
      return d;
    }).finally(() => {
      reopening = null;
    });
    return reopening;
  };
  const writeTo = (storeName, body) => connection().then((d) => write(d, storeName, body), (err) => failure(err));
  const tx = db.transaction([DRAFTS, META], "readonly");
  const [records, prefs] = await Promise.all([
    request(tx.objectStore(DRAFTS).getAll()),
    request(tx.objectStore(META).get("prefs")),
  ]);
  return {
    records: records.map((r) => ({ id: String(r.id), rev: Number(r.rev) || 0, draft: String(r.draft) })),
    prefs: typeof prefs === "string" ? prefs : null,
    /** Saves `draft` as the revision after `rev` (0: a new assessment). */
    put(id, rev, draft) {
      return writeTo(DRAFTS, (store, done) => {
        const get = store.get(id);
        get.onsuccess = () => {
          const have = get.result;
          const current = have ? Number(have.rev) || 0 : 0;
          if (current !== rev) {
            done(have ? { status: "conflict", rev: current, draft: String(have.draft) } : { status: "conflict", rev: 0, draft: null });
            return;
          }
          try {
            store.put({ id, rev: rev + 1, draft });
          } catch (err) {
            done(failure(err));
            store.transaction.abort();
            return;
          }
          done({ status: "saved", rev: rev + 1 });
        };
      });
    },
    /** Deletes the assessment if it is still at `rev`. */
    remove(id, rev) {
      return writeTo(DRAFTS, (store, done) => {
        const get = store.get(id);
        get.onsuccess = () => {
          const have = get.result;
          if (have && (Number(have.rev) || 0) !== rev) {
            done({ status: "conflict", rev: Number(have.rev) || 0, draft: String(have.draft) });
            return;
          }
          if (have) store.delete(id);
          done({ status: "removed", rev: 0 });
        };
      });
    },
    setPrefs(json) {
      return writeTo(META, (store, done) => {
        try {
          store.put(json, "prefs");
        } catch (err) {
          done(failure(err));
          tx.abort();
          return;
        }
        done({ status: "saved", rev: 0 });
      });
    },
  };
}

// ── The saved work without the wasm, and the error screen after a panic.

/**
 * Every assessment stored in this browser as an export-assessor archive
 * (the exchange format the archive page imports), read straight from
 * IndexedDB (or the localStorage fallback) — no wasm needed. Resolves to
 * `{ json, count, unreadable }`; `unreadable` lists the ids of records
 * that are not JSON (left out of the file, left in the database).
 */
export async function savedWork() {
  const assessments = [];
  const unreadable = [];
  const take = (id, text) => {
    try {
      const draft = JSON.parse(text);
      if (draft && typeof draft === "object") assessments.push(draft);
      else unreadable.push(String(id));
    } catch {
      unreadable.push(String(id));
    }
  };
  let fromDb = false;
  if (typeof indexedDB !== "undefined") {
    try {
      const db = await open();
      try {
        const records = await request(db.transaction(DRAFTS, "readonly").objectStore(DRAFTS).getAll());
        for (const r of records) take(r && r.id, r && r.draft);
        fromDb = true;
      } finally {
        db.close();
      }
    } catch {
      /* fall back to localStorage below */
    }
  }
  if (!fromDb || assessments.length === 0) {
    try {
      // The localStorage fallback (src/ui/browser.rs): the saved-work JSON.
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (!key || !key.startsWith("export-assessor")) continue;
        const work = JSON.parse(localStorage.getItem(key));
        const drafts = work && work.archive && Array.isArray(work.archive.drafts) ? work.archive.drafts : [];
        for (const d of drafts) if (d && !assessments.some((a) => a.id === d.id)) assessments.push(d);
      }
    } catch {
      /* storage disabled: nothing more to find */
    }
  }
  const json = JSON.stringify({ format: "export-assessor-archive", version: 1, assessments }, null, 2);
  return { json, count: assessments.length, unreadable };
}

const PANIC_TEXT = {
  en: {
    title: "export-assessor stopped after an internal error",
    body: "This page cannot go on, but your work is safe: every change was saved in this browser the moment you made it. Reload the page to continue where you left off.",
    reload: "Reload",
    download: "Download my saved work",
    downloaded: (n) => `Saved ${n} assessment(s) as export-assessor-saved-work.json (import it on the archive page).`,
    unreadable: (ids) => ` Not readable, left in the browser's storage: ${ids.join(", ")}.`,
    failed: "The saved work could not be read: ",
    details: "Details for your IT department",
  },
  de: {
    title: "export-assessor wurde nach einem internen Fehler angehalten",
    body: "Diese Seite kann nicht weiterarbeiten, Ihre Arbeit ist aber sicher: Jede Änderung wurde sofort in diesem Browser gespeichert. Laden Sie die Seite neu, um dort weiterzumachen, wo Sie aufgehört haben.",
    reload: "Neu laden",
    download: "Gespeicherte Arbeit herunterladen",
    downloaded: (n) => `${n} Prüfung(en) als export-assessor-saved-work.json gespeichert (auf der Archivseite importierbar).`,
    unreadable: (ids) => ` Nicht lesbar, im Speicher des Browsers belassen: ${ids.join(", ")}.`,
    failed: "Die gespeicherte Arbeit konnte nicht gelesen werden: ",
    details: "Details für Ihre IT-Abteilung",
  },
};

/**
 * The error screen after a panic (or a trap) of a wasm: text only, built
 * with DOM calls. `lang` "en" or "de"; `message` the panic's text;
 * `reload()` what the Reload button does. Returns the element (not yet
 * inserted).
 */
export function panicScreen(lang, message, reload = () => location.reload()) {
  const t = PANIC_TEXT[lang === "de" ? "de" : "en"];
  const el = (tag, text, attrs = {}) => {
    const e = document.createElement(tag);
    if (text) e.textContent = text;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  const screen = el("section", "", { role: "alert", lang: lang === "de" ? "de" : "en", "data-testid": "panic-screen", class: "ea-panic" });
  Object.assign(screen.style, { padding: "1.5rem", margin: "1rem", border: "2px solid #b00020", borderRadius: "6px", background: "#fff", color: "#000", maxWidth: "48rem" });
  screen.append(el("h2", t.title), el("p", t.body));
  const status = el("p", "", { "data-testid": "panic-download-status", "aria-live": "polite" });
  const reloadButton = el("button", t.reload, { type: "button", "data-testid": "panic-reload", class: "ea-primary" });
  reloadButton.addEventListener("click", () => reload());
  const download = el("button", t.download, { type: "button", "data-testid": "panic-download" });
  download.addEventListener("click", async () => {
    try {
      const { json, count, unreadable } = await savedWork();
      const a = el("a", "", { download: "export-assessor-saved-work.json" });
      a.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      status.textContent = t.downloaded(count) + (unreadable.length ? t.unreadable(unreadable) : "");
    } catch (err) {
      status.textContent = t.failed + (err && err.message ? err.message : String(err));
    }
  });
  const buttons = el("p");
  buttons.append(reloadButton, " ", download);
  const details = el("details");
  details.append(el("summary", t.details), el("pre", String(message ?? ""), { "data-testid": "panic-message" }));
  Object.assign(details.lastChild.style, { whiteSpace: "pre-wrap", overflowWrap: "anywhere" });
  screen.append(buttons, status, details);
  return screen;
}

const panicListeners = new Set();
let panicked = null;
/**
 * Calls `listener(message)` when a wasm of this page panics (through the
 * hook every wasm installs at start: `globalThis.exportAssessorPanic`) or
 * traps without one (an uncaught WebAssembly.RuntimeError). At most once
 * per page: after a panic the instance is dead. Returns the unsubscribe.
 */
export function onPanic(listener) {
  if (panicListeners.size === 0 && !globalThis.exportAssessorPanic) {
    const fire = (message) => {
      if (panicked !== null) return;
      panicked = String(message);
      console.error(`export-assessor: ${panicked}`);
      for (const l of panicListeners) {
        try {
          l(panicked);
        } catch {
          /* one listener's failure does not stop the others */
        }
      }
    };
    globalThis.exportAssessorPanic = fire;
    const trap = (err) => err instanceof WebAssembly.RuntimeError && fire(`${err.name}: ${err.message}`);
    globalThis.addEventListener?.("error", (e) => trap(e.error));
    globalThis.addEventListener?.("unhandledrejection", (e) => trap(e.reason));
  }
  panicListeners.add(listener);
  if (panicked !== null) listener(panicked);
  return () => panicListeners.delete(listener);
}

const CRASH_TEXT = {
  en: ["The screening engine stopped after an internal error. Your lists, company register, product catalogue and settings are kept in this browser; your assessments are not affected.", "Restart the screening engine"],
  de: ["Die Prüfmaschine für Sanktionslisten wurde nach einem internen Fehler angehalten. Ihre Listen, das Firmenregister, der Produktkatalog und die Einstellungen bleiben in diesem Browser gespeichert; Ihre Prüfungen sind nicht betroffen.", "Prüfmaschine neu starten"],
};

/**
 * The notice after the screening worker's wasm panicked: what happened and
 * a button that calls `restart()` and removes the notice. Text only.
 */
export function engineCrashNotice(lang, restart) {
  const [text, label] = CRASH_TEXT[lang === "de" ? "de" : "en"];
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.setAttribute("data-testid", "engine-crashed");
  p.className = "ea-notice";
  p.append(text, " ");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("data-testid", "engine-restart");
  button.addEventListener("click", () => {
    p.remove();
    restart();
  });
  p.append(button);
  return p;
}

const STORE_FAILED_TEXT = {
  en: (why) => `The assessments saved in this browser could not be opened (${why}). They are left untouched; this page keeps new work in its local storage only. Close the other tabs of export-assessor and reload to see them.`,
  de: (why) => `Die in diesem Browser gespeicherten Prüfungen konnten nicht geöffnet werden (${why}). Sie bleiben unverändert; diese Seite speichert neue Arbeit nur in ihrem lokalen Speicher. Schließen Sie die anderen Tabs von export-assessor und laden Sie neu, um sie zu sehen.`,
};

/**
 * The notice when IndexedDB exists but cannot be opened (blocked, refused):
 * the saved assessments are not lost, only out of reach for this page.
 * Null when no storage works at all (the app itself says so then).
 */
export function storeFailedNotice(lang, err) {
  try {
    void localStorage.length;
  } catch {
    return null;
  }
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.setAttribute("data-testid", "store-failed");
  p.className = "ea-notice";
  const why = err && err.name && err.message ? `${err.name}: ${err.message}` : String(err && err.message ? err.message : err);
  p.textContent = STORE_FAILED_TEXT[lang === "de" ? "de" : "en"](why);
  return p;
}

// The screening worker's database (www/screening-worker.js).
const LISTS_DB = "export-assessor-screening";

// Whether the screening worker has stored lists, without creating its
// database (opening an absent one would create it empty).
export async function listsStored() {
  // Storage denied (a sandboxed frame: reading localStorage throws): no
  // lists can be stored, and Chromium's indexedDB.databases() there leaves
  // an unhandled rejection behind even when caught.
  try {
    void globalThis.localStorage;
  } catch {
    return false;
  }
  try {
    if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return false;
    if (!(await indexedDB.databases()).some((d) => d.name === LISTS_DB)) return false;
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open(LISTS_DB);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      if (!db.objectStoreNames.contains("lists")) return false;
      const count = await new Promise((resolve, reject) => {
        const req = db.transaction("lists", "readonly").objectStore("lists").count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      return count > 0;
    } finally {
      db.close();
    }
  } catch {
    return false; // the screening view still loads when opened
  }
}

// The screening engine's Web Worker: it holds the loaded sanctions lists and
// their index (in wasm), keeps the list files in this browser's IndexedDB so
// a user loads each file once, and screens names and lead files off the main
// thread. It makes no request but for its own code; the files arrive from
// the page, which the user gave them to.
import init, { ScreeningEngine } from "./pkg/screening.js";

const DB_NAME = "export-assessor-screening";
const LISTS = "lists";
const SETTINGS = "settings";
// A batch yields to the message queue after this long, so that a cancel
// (and progress) gets through.
const SLICE_MS = 25;

let engine = null;
let db = null;
const state = { status: "starting", error: null, lists: [], threshold: 0.85, storage: "ok", storageMessage: null, restoreErrors: [], register: 0, registerSha256: "", maxListAgeDays: 7 };
let batch = null; // { id, cancelled }
let triage = null; // the triage run: { id, cancelled }
// Leads triaged per call between two checks of the clock.
const TRIAGE_STEP = 25;
// The last lead batch's CSV of every lead (kept in IndexedDB with its result).
let lastLeadsCsv = null;
// The product catalogue's file as this worker last read or wrote it.
let catalogueKnown;

function post(message) {
  self.postMessage(message);
}

// A panic of the engine's wasm (its hook calls this, src/web/mod.rs) or a
// trap without one: the engine is dead; the client is told, offers a
// restart, and every later request is refused with the reason.
let crashed = null;
function crash(why) {
  if (crashed !== null) return;
  crashed = String(why);
  post({ type: "panic", message: crashed });
}
self.exportAssessorPanic = crash;

function publish() {
  if (engine) {
    state.lists = engine.lists();
    state.threshold = engine.threshold();
    state.register = engine.register().length;
    state.registerSha256 = engine.registerSha256();
    state.maxListAgeDays = engine.maxListAge();
  }
  post({ type: "state", state });
}

// Today in this browser's time zone, as the register's expiry dates are
// checked (YYYY-MM-DD).
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

// The company register is kept as its file (JSON text) under one key. A
// register another tab stored since this worker last read or wrote it is
// merged in first (its decisions added; on an entry both changed, this
// tab's kept), so that no tab's decision overwrites another's. A stored
// register that cannot be read is kept aside under "register.damaged".
let registerKnown;
function saveRegister() {
  return persist(() => new Promise((resolve, reject) => {
    const tx = db.transaction(SETTINGS, "readwrite");
    const settings = tx.objectStore(SETTINGS);
    const get = settings.get("register");
    get.onsuccess = () => {
      const stored = get.result;
      if (stored !== undefined && stored !== registerKnown) {
        try {
          engine.registerImport(String(stored), false);
        } catch {
          settings.put(stored, "register.damaged");
        }
      }
      const json = engine.registerJson();
      settings.put(json, "register");
      registerKnown = json;
    };
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  }));
}

function message(err) {
  return err && err.message ? err.message : String(err);
}

// ── IndexedDB, failing softly: without it the lists last for this session.
function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openAt(version) {
  const req = version === undefined ? indexedDB.open(DB_NAME) : indexedDB.open(DB_NAME, version);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(LISTS)) req.result.createObjectStore(LISTS, { keyPath: "key" });
    if (!req.result.objectStoreNames.contains(SETTINGS)) req.result.createObjectStore(SETTINGS);
  };
  req.onblocked = () => {
    state.storageMessage = "the lists' database is blocked by another tab of this app; close the other tabs and reload";
  };
  return request(req);
}

// Another tab upgrading (a newer version of the app) or deleting the
// database closes it here; the next request opens it again.
let dbClosed = false;

// This version, or the newer one another tab upgraded it to when it still
// has the stores: the lists are read either way.
async function openDb() {
  let d;
  try {
    d = await openAt(1);
  } catch (err) {
    if (!err || err.name !== "VersionError") throw err;
    d = await openAt();
    if (!d.objectStoreNames.contains(LISTS) || !d.objectStoreNames.contains(SETTINGS)) {
      d.close();
      throw new Error(`the lists' database was changed by a newer version of this app (version ${d.version}); use that version`);
    }
  }
  d.onversionchange = () => {
    d.close();
    dbClosed = true;
  };
  return d;
}

function store(name, mode) {
  return db.transaction(name, mode).objectStore(name);
}

async function persist(what) {
  if (!db) return;
  try {
    await what();
  } catch (err) {
    state.storage = "failed";
    state.storageMessage = message(err);
  }
}

async function start(bundle, wasm) {
  await init(wasm ? { module_or_path: wasm } : undefined);
  engine = new ScreeningEngine(bundle);
  try {
    db = await openDb();
  } catch (err) {
    db = null;
    state.storage = "unavailable";
    state.storageMessage = message(err);
  }
  if (db) {
    try {
      const threshold = await request(store(SETTINGS, "readonly").get("threshold"));
      if (typeof threshold === "number") engine.setThreshold(threshold);
    } catch (err) {
      state.restoreErrors.push(`threshold: ${message(err)}`);
    }
    try {
      const days = await request(store(SETTINGS, "readonly").get("maxListAgeDays"));
      if (Number.isInteger(days) && days >= 0) engine.setMaxListAge(days);
    } catch (err) {
      state.restoreErrors.push(`list age limit: ${message(err)}`);
    }
    // A stored register or catalogue that cannot be read is copied aside
    // (under "….damaged") before a later save could replace it.
    const keepAside = (key, value) => persist(() => request(store(SETTINGS, "readwrite").put(value, `${key}.damaged`)));
    let register;
    try {
      register = await request(store(SETTINGS, "readonly").get("register"));
      if (typeof register === "string") engine.setRegister(register);
      registerKnown = register;
    } catch (err) {
      state.restoreErrors.push(`company register: ${message(err)}`);
      if (register !== undefined) await keepAside("register", register);
    }
    let catalogue;
    try {
      catalogue = await request(store(SETTINGS, "readonly").get("catalogue"));
      if (typeof catalogue === "string") engine.setCatalogue(catalogue);
      catalogueKnown = catalogue;
    } catch (err) {
      state.restoreErrors.push(`product catalogue: ${message(err)}`);
      if (catalogue !== undefined) await keepAside("catalogue", catalogue);
    }
    let saved = [];
    try {
      saved = await request(store(LISTS, "readonly").getAll());
    } catch (err) {
      state.storage = "failed";
      state.storageMessage = message(err);
    }
    saved.sort((a, b) => (a.addedAt < b.addedAt ? -1 : 1));
    for (const item of saved) {
      try {
        engine.addList(item.label, new Uint8Array(item.main), item.alt ? new Uint8Array(item.alt) : undefined, item.format);
      } catch (err) {
        state.restoreErrors.push(`${item.label}: ${message(err)}`);
      }
    }
  }
  if (db) {
    try {
      const saved = await request(store(SETTINGS, "readonly").get("batch"));
      if (saved && typeof saved.leadsCsv === "string") lastLeadsCsv = saved.leadsCsv;
    } catch (err) {
      state.restoreErrors.push(`lead batch: ${message(err)}`);
    }
  }
  state.status = "ready";
}

// OFAC publishes its aliases in alt.csv beside sdn.csv: the two go together.
const isAlt = (name) => /alt[^/\\]*\.csv$/i.test(name) && !/sdn/i.test(name);

async function addFiles(files, format) {
  const items = await Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const alts = items.filter((i) => isAlt(i.name));
  const mains = items.filter((i) => !isAlt(i.name));
  const added = [];
  const errors = [];
  if (mains.length === 0 && alts.length > 0) {
    errors.push({ file: alts[0].name, message: "alt.csv holds only OFAC's aliases: load it together with sdn.csv" });
  }
  for (const item of mains) {
    const alt = alts.length > 0 ? alts[0].bytes : undefined;
    try {
      const result = engine.addList(item.name, item.bytes, alt, format || "");
      added.push(result);
      const record = { key: result.list.key, label: item.name, format: result.list.format, main: item.bytes.buffer, alt: result.list.format === "ofac" && alt ? alt.buffer : null, addedAt: new Date().toISOString() };
      await persist(() => request(store(LISTS, "readwrite").put(record)));
    } catch (err) {
      errors.push({ file: item.name, message: message(err) });
    }
  }
  return { added, errors };
}

// A lead's hit decided "not a match" into the register: the stored batch
// shows it decided after a reload too.
async function markStoredBatch(entry) {
  if (!db || !entry) return;
  const saved = await request(store(SETTINGS, "readonly").get("batch"));
  const rows = saved && saved.reply && Array.isArray(saved.reply.rows) ? saved.reply.rows : [];
  let changed = false;
  for (const r of rows) {
    if (r.status !== "clean" && r.query === entry.name && r.list_key === entry.list_key && r.entry_id === entry.entry_id) {
      r.status = "suppressed_by_register";
      changed = true;
    }
  }
  if (changed) await persist(() => request(store(SETTINGS, "readwrite").put(saved, "batch")));
}

async function runBatch(id, file, lang) {
  if (batch) throw new Error("a lead file is being screened already: wait for it or cancel it");
  batch = { id, cancelled: false };
  try {
    const leads = engine.loadLeads(file.name, new Uint8Array(await file.arrayBuffer()));
    const total = leads.count;
    const rows = [];
    let done = 0;
    post({ type: "progress", id, progress: { type: "start", leads } });
    while (done < total && !batch.cancelled) {
      const sliceEnd = performance.now() + SLICE_MS;
      while (done < total && performance.now() < sliceEnd) {
        const n = Math.min(20, total - done);
        for (const row of engine.screenLeads(done, n, lang, today())) rows.push(row);
        done += n;
      }
      post({ type: "progress", id, progress: { type: "progress", done, total } });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const reply = { rows, done, total, cancelled: done < total, leads, lists: engine.lists() };
    // Kept until the user clears it: the page shows it again after a reload.
    lastLeadsCsv = engine.leadsCsv();
    await persist(() => request(store(SETTINGS, "readwrite").put({ reply, leadsCsv: lastLeadsCsv }, "batch")));
    return reply;
  } finally {
    batch = null;
  }
}

// ── Lead triage: a lead file read (CSV or .xlsx, here, off the main
// thread), its columns mapped, the leads triaged in slices that yield to a
// cancel; the rows go to the page in pages with the progress.
async function settingsGet(key) {
  if (!db) return undefined;
  try {
    return await request(store(SETTINGS, "readonly").get(key));
  } catch {
    return undefined;
  }
}

async function runTriage(id, mapping, memberState, lang) {
  if (triage) throw new Error("a lead file is being triaged already: wait for it or cancel it");
  triage = { id, cancelled: false };
  try {
    const day = today();
    const start = engine.triageStart(mapping, memberState, day, lang);
    await persist(() => request(store(SETTINGS, "readwrite").put(memberState, "triageMemberState")));
    const total = start.leads;
    let done = 0;
    post({ type: "progress", id, progress: { type: "start", leads: total, bad: start.bad, today: day } });
    while (done < total && !triage.cancelled) {
      const sliceEnd = performance.now() + SLICE_MS;
      const rows = [];
      while (done < total && performance.now() < sliceEnd) {
        const n = Math.min(TRIAGE_STEP, total - done);
        for (const row of engine.triageRun(done, n)) rows.push(row);
        done += n;
      }
      post({ type: "progress", id, progress: { type: "progress", done, total, rows } });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return { done, total, cancelled: done < total, today: day, lists: engine.lists() };
  } finally {
    triage = null;
  }
}

// The assessments opened from leads: lead key → draft id.
async function triageLinks() {
  const links = await settingsGet("triageLinks");
  return links && typeof links === "object" ? links : {};
}

async function triageDraft(index, product) {
  const links = await triageLinks();
  const now = new Date().toISOString();
  const fresh = `a${Date.now().toString(16)}${Math.floor(Math.random() * 1e9).toString(16)}`;
  // The key is known only from the row: a first draft under a fresh id.
  const first = engine.triageDraft(index, product, fresh, now);
  const linked = links[first.key];
  if (!linked) {
    links[first.key] = fresh;
    await persist(() => request(store(SETTINGS, "readwrite").put(links, "triageLinks")));
    return { ...first, existing: false };
  }
  // Opened before: the same draft id (the host opens it, or imports this
  // one again when the assessment was deleted).
  return { ...engine.triageDraft(index, product, linked, now), existing: true };
}

// ── The product catalogue: its file under settings/catalogue. Every tab
// has its own worker: a save names the file it was made from and is
// refused when another tab has stored a different one since (the page
// then shows that one), so no tab overwrites another's products.
async function followStoredCatalogue() {
  if (!db) return;
  const stored = await request(store(SETTINGS, "readonly").get("catalogue"));
  if (stored !== catalogueKnown && typeof stored === "string") engine.setCatalogue(stored);
  catalogueKnown = stored;
}

// Stores `json` if the stored file is still `expected` (one transaction);
// resolves to the file found instead, or undefined once written.
function putCatalogueIf(expected, json) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(SETTINGS, "readwrite");
    const settings = tx.objectStore(SETTINGS);
    let found;
    const get = settings.get("catalogue");
    get.onsuccess = () => {
      if (get.result === expected) settings.put(json, "catalogue");
      else found = { file: get.result };
    };
    tx.oncomplete = () => resolve(found);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function saveCatalogue(text) {
  const before = engine.catalogueJson();
  engine.setCatalogue(text); // validated: a refused file changes nothing
  const json = engine.catalogueJson();
  if (!db) return { json, stored: false, conflict: false };
  let found;
  try {
    found = await putCatalogueIf(catalogueKnown, json);
  } catch (err) {
    state.storage = "failed";
    state.storageMessage = message(err);
    publish();
    return { json, stored: false, conflict: false };
  }
  if (found) {
    // Another tab stored its catalogue: that one is shown, this change is not made.
    try {
      if (typeof found.file === "string") engine.setCatalogue(found.file);
      else engine.setCatalogue(before);
    } catch {
      engine.setCatalogue(before);
    }
    catalogueKnown = found.file;
    return { json: engine.catalogueJson(), stored: true, conflict: true };
  }
  catalogueKnown = json;
  return { json, stored: true, conflict: false };
}

async function handle(msg) {
  switch (msg.type) {
    case "triageSettings":
      return { memberState: (await settingsGet("triageMemberState")) ?? "", memberStates: engine.memberStates(), links: await triageLinks() };
    case "triageRead": {
      if (triage) throw new Error("a lead file is being triaged: wait for it or cancel it");
      return engine.triageRead(msg.file.name, new Uint8Array(await msg.file.arrayBuffer()));
    }
    case "triageCheck":
      return engine.triageCheck(msg.mapping) ?? null;
    case "triage":
      return runTriage(msg.id, msg.mapping, msg.memberState, msg.lang);
    case "triageCsv":
      return engine.triageCsv();
    case "triageXlsx":
      return engine.triageXlsx();
    case "triageDraft":
      return triageDraft(msg.index, msg.product);
    case "triageOutcomes": {
      const links = await triageLinks();
      const ids = [...new Set(Object.values(links))];
      const outcomes = new Map(engine.triageOutcomes(msg.work, ids).map((o) => [o.id, o.outcome]));
      const byKey = {};
      for (const [key, id] of Object.entries(links)) byKey[key] = { id, outcome: outcomes.get(id) ?? null, exists: outcomes.has(id) };
      return byKey;
    }
    case "add": {
      if (batch || triage) throw new Error("lists cannot change while a lead file is being screened or triaged: wait for it or cancel it");
      const result = await addFiles(msg.files, msg.format);
      publish();
      return result;
    }
    case "remove": {
      if (batch || triage) throw new Error("lists cannot change while a lead file is being screened or triaged: wait for it or cancel it");
      const removed = engine.removeList(msg.key);
      await persist(() => request(store(LISTS, "readwrite").delete(msg.key)));
      publish();
      return removed;
    }
    case "threshold": {
      engine.setThreshold(msg.value);
      await persist(() => request(store(SETTINGS, "readwrite").put(msg.value, "threshold")));
      publish();
      return engine.threshold();
    }
    case "maxListAge": {
      if (!Number.isInteger(msg.days) || msg.days < 0 || msg.days > 3650) throw new Error(`${msg.days}: give a whole number of days from 0 to 3650`);
      engine.setMaxListAge(msg.days);
      await persist(() => request(store(SETTINGS, "readwrite").put(msg.days, "maxListAgeDays")));
      publish();
      return msg.days;
    }
    case "screen":
      return engine.screen(msg.request, today());
    case "register":
      return engine.register();
    case "leadsCsv":
      return lastLeadsCsv ?? engine.leadsCsv();
    case "lastBatch": {
      if (!db) return null;
      const saved = await request(store(SETTINGS, "readonly").get("batch"));
      return saved ? saved.reply : null;
    }
    case "clearBatch":
      lastLeadsCsv = null;
      await persist(() => request(store(SETTINGS, "readwrite").delete("batch")));
      return true;
    case "registerExport":
      return engine.registerJson();
    case "registerPreview":
      return engine.registerPreview(msg.text);
    case "registerAdd":
    case "registerRemove":
    case "registerImport": {
      let result = true;
      if (msg.type === "registerAdd") {
        engine.registerAdd(msg.entry);
        await markStoredBatch(msg.entry);
      }
      else if (msg.type === "registerRemove") result = engine.registerRemove(msg.name, msg.listKey, msg.entryId);
      else engine.registerImport(msg.text, msg.replaceChanged);
      await saveRegister();
      publish();
      return result;
    }
    // The product catalogue: one JSON record, validated by the engine first.
    case "catalogue":
      await followStoredCatalogue();
      return engine.catalogueJson();
    case "setCatalogue":
      return saveCatalogue(msg.json);
    case "check":
      return engine.check(msg.query.name, msg.query.country ?? "", msg.query.birthYear ?? undefined, msg.query.lang ?? "en");
    case "batch":
      return runBatch(msg.id, msg.file, msg.lang);
    default:
      throw new Error(`unknown request "${msg.type}"`);
  }
}

let started = null;
self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    started = start(msg.bundle, msg.wasm).then(publish, (err) => {
      state.status = "failed";
      state.error = message(err);
      publish();
    });
    return;
  }
  if (msg.type === "cancel") {
    // Handled at once, between two slices of the batch.
    if (batch) batch.cancelled = true;
    return;
  }
  if (msg.type === "cancelTriage") {
    if (triage) triage.cancelled = true;
    return;
  }
  if (msg.type === "panicForTest") {
    // The e2e tests' hook (tests/e2e/panic.test.mjs): the engine panics.
    try {
      ScreeningEngine.__panicForTest();
    } catch (err) {
      crash(message(err));
    }
    return;
  }
  await started;
  if (dbClosed) {
    dbClosed = false;
    try {
      db = await openDb();
    } catch (err) {
      db = null;
      state.storage = "unavailable";
      state.storageMessage = message(err);
      publish();
    }
  }
  if (crashed !== null) {
    post({ type: "reply", id: msg.id, ok: false, error: `the screening engine stopped after an internal error: ${crashed}` });
    return;
  }
  if (!engine) {
    post({ type: "reply", id: msg.id, ok: false, error: state.error ?? "the screening engine did not start" });
    return;
  }
  try {
    post({ type: "reply", id: msg.id, ok: true, value: await handle(msg) });
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) crash(`${err.name}: ${err.message}`);
    post({ type: "reply", id: msg.id, ok: false, error: message(err) });
  }
};

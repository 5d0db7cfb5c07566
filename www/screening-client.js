// The page's side of the screening worker (screening-worker.js): requests
// matched to replies, the engine's state for subscribers, and the party
// screening of the open assessment — debounced while the user types, and
// repeated whenever the lists or the threshold change. Nothing here leaves
// the browser: the worker runs from this origin and makes no request.

const DEBOUNCE_MS = 250;

export class ScreeningClient {
  /** `bundle`: the bytes of pkg/assessor-data.bin. The offline file passes
   * its worker's blob: URL, `wasm` (the engine's bytes, which that worker
   * cannot fetch) and `type` "classic" (Chromium starts no module worker
   * from a blob: URL on file://). */
  constructor(bundle, workerUrl = new URL("./screening-worker.js", import.meta.url), { wasm, type = "module" } = {}) {
    this.state = { status: "starting", error: null, lists: [], threshold: 0.85, storage: "ok", storageMessage: null, restoreErrors: [], register: 0, registerSha256: "", maxListAgeDays: 7 };
    this.listeners = new Set();
    this.pending = new Map();
    this.progress = new Map();
    this.nextId = 1;
    // The questionnaire's request (an object, or null when no party is
    // named), where its answer goes, and what was last sent (as JSON, to
    // skip repeats).
    this.assessment = { request: null, onResult: null, onError: null, timer: 0, sent: "", response: null };
    // The screening page's listeners to the open assessment's latest response.
    this.assessmentListeners = new Set();
    // Called with the panic's message when the engine's wasm panicked
    // (the worker is then dead; `restart()` starts a new one).
    this.onCrash = null;
    this.spawn = () => {
      try {
        this.worker = new Worker(workerUrl, { type });
      } catch (err) {
        this.fail(err);
        return;
      }
      this.worker.onmessage = (event) => this.receive(event.data);
      this.worker.onerror = (event) => this.fail(event.message || "the screening worker could not start");
      this.worker.postMessage({ type: "init", bundle: bundle.slice(), ...(wasm ? { wasm } : {}) });
    };
    this.spawn();
  }

  /** The e2e tests' hook (tests/e2e/panic.test.mjs): the engine's wasm panics. */
  panicForTest() {
    this.worker?.postMessage({ type: "panicForTest" });
  }

  /**
   * Starts the engine again in a new worker, after a crash: the lists,
   * register, catalogue and settings come back from IndexedDB, where the
   * worker keeps them; the open assessment is screened again once ready.
   */
  restart() {
    this.worker?.terminate();
    for (const { reject } of this.pending.values()) reject(new Error("the screening engine was restarted"));
    this.pending.clear();
    this.progress.clear();
    this.state = { ...this.state, status: "starting", error: null, crashed: false };
    this.notify();
    this.spawn();
  }

  fail(err) {
    this.state = { ...this.state, status: "failed", error: err && err.message ? err.message : String(err) };
    for (const { reject } of this.pending.values()) reject(new Error(this.state.error));
    this.pending.clear();
    this.notify();
  }

  receive(msg) {
    if (msg.type === "state") {
      const before = this.state;
      this.state = msg.state;
      this.notify();
      // New lists, a new threshold or a changed register: the open
      // assessment is screened again.
      if (before.status !== "ready" || before.threshold !== msg.state.threshold || before.registerSha256 !== msg.state.registerSha256 || before.maxListAgeDays !== msg.state.maxListAgeDays || JSON.stringify(before.lists) !== JSON.stringify(msg.state.lists)) {
        this.assessment.sent = "";
        this.screenAssessment(this.assessment.request);
      }
    } else if (msg.type === "panic") {
      // The engine's wasm panicked: the worker cannot go on.
      this.worker.terminate();
      this.fail(new Error(`the screening engine stopped after an internal error; restart it (your lists are kept in this browser): ${msg.message}`));
      this.state = { ...this.state, crashed: true };
      this.notify();
      this.onCrash?.(msg.message);
    } else if (msg.type === "progress") {
      this.progress.get(msg.id)?.(msg.progress);
    } else if (msg.type === "reply") {
      const waiting = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      this.progress.delete(msg.id);
      if (!waiting) return;
      if (msg.ok) waiting.resolve(msg.value);
      else waiting.reject(new Error(msg.error));
    }
  }

  notify() {
    for (const listener of this.listeners) listener(this.state);
    // The questionnaire shows this under its own "screening failed" label.
    if (this.state.status === "failed") this.assessment.onError?.(this.state.error);
  }

  call(message) {
    if (this.state.status === "failed") return Promise.reject(new Error(this.state.error));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Calls `listener(state)` now and on every change; returns the unsubscribe. */
  subscribe(listener) {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** List files (a FileList or File[]); `format` "" detects it. */
  addFiles(files, format = "") {
    return this.call({ type: "add", files: [...files], format });
  }

  removeList(key) {
    return this.call({ type: "remove", key });
  }

  setThreshold(value) {
    return this.call({ type: "threshold", value });
  }

  /** `{name, country, birthYear, lang}` → hits. */
  check(query) {
    return this.call({ type: "check", query });
  }

  /** Screens a lead file; `onProgress` gets `{type: "start", leads}` and `{type: "progress", done, total}`. */
  batch(file, lang, onProgress) {
    const id = this.nextId;
    this.progress.set(id, onProgress);
    return this.call({ type: "batch", file, lang });
  }

  /** Calls `listener(response)` with the open assessment's latest screening response (now, if any, and on every new one); returns the unsubscribe. */
  subscribeAssessment(listener) {
    this.assessmentListeners.add(listener);
    if (this.assessment.response) listener(this.assessment.response);
    return () => this.assessmentListeners.delete(listener);
  }

  /** Lists older than `days` are flagged (kept in IndexedDB). */
  setMaxListAge(days) {
    return this.call({ type: "maxListAge", days });
  }

  /** The company register's entries. */
  register() {
    return this.call({ type: "register" });
  }

  /** Adds `{name, list_key, entry_id, entry_fingerprint, reason, decided_by, decided_on, expires_on?}`. */
  registerAdd(entry) {
    return this.call({ type: "registerAdd", entry });
  }

  registerRemove(name, listKey, entryId) {
    return this.call({ type: "registerRemove", name, listKey, entryId });
  }

  /** A register file's text → `{new, changed: [[mine, theirs]], unchanged}`; nothing applied. */
  registerPreview(text) {
    return this.call({ type: "registerPreview", text });
  }

  registerImport(text, replaceChanged) {
    return this.call({ type: "registerImport", text, replaceChanged });
  }

  /** The last lead batch's result, kept until cleared (null when none). */
  lastBatch() {
    return this.call({ type: "lastBatch" });
  }

  clearBatch() {
    return this.call({ type: "clearBatch" });
  }

  /** Every lead of the last lead file with its status, as CSV text. */
  leadsCsv() {
    return this.call({ type: "leadsCsv" });
  }

  /** The register file's text (JSON). */
  registerExport() {
    return this.call({ type: "registerExport" });
  }

  // ── Lead triage (the worker reads the file and triages; see the worker).

  /** `{memberState, memberStates: [[code, en, de]], links: {leadKey: draftId}}`. */
  triageSettings() {
    return this.call({ type: "triageSettings" });
  }

  /** A lead file (CSV or .xlsx) → `{label, format, read_as, header, columns, rows, preview, guess, problem}`. */
  triageRead(file) {
    return this.call({ type: "triageRead", file });
  }

  /** A column mapping → what is missing (a string), or null. */
  triageCheck(mapping) {
    return this.call({ type: "triageCheck", mapping });
  }

  /**
   * Triages the file read last; `onProgress` gets `{type: "start", leads,
   * bad, today}` then `{type: "progress", done, total, rows}` (the rows of
   * that slice); resolves to `{done, total, cancelled, today, lists}`.
   */
  triage(mapping, memberState, lang, onProgress) {
    const id = this.nextId;
    this.progress.set(id, onProgress);
    return this.call({ type: "triage", mapping, memberState, lang });
  }

  cancelTriage() {
    this.worker?.postMessage({ type: "cancelTriage" });
  }

  /** The triage as CSV text. */
  triageCsv() {
    return this.call({ type: "triageCsv" });
  }

  /** The triage as .xlsx bytes (Uint8Array). */
  triageXlsx() {
    return this.call({ type: "triageXlsx" });
  }

  /** Row `index` opened for `product`: `{key, id, work, existing}` (work: the draft in the saved-work format). */
  triageDraft(index, product) {
    return this.call({ type: "triageDraft", index, product });
  }

  /** The questionnaire's saved work → `{leadKey: {id, outcome, exists}}` for the assessments opened from leads. */
  triageOutcomes(work) {
    return this.call({ type: "triageOutcomes", work });
  }

  /** Opens a lead's assessment in the questionnaire (set by the host page). */
  openAssessment(draft) {
    if (!this.onOpenAssessment) return Promise.reject(new Error("the questionnaire is not available on this page"));
    return this.onOpenAssessment(draft);
  }

  /** Calls `listener(work)` with the questionnaire's saved work now and on every change (set by the host page); returns the unsubscribe. */
  subscribeWork(listener) {
    if (!this.onSubscribeWork) return () => {};
    return this.onSubscribeWork(listener);
  }

  /** The product catalogue's file (JSON text). */
  catalogue() {
    return this.call({ type: "catalogue" });
  }

  /** Validates and stores a whole catalogue file; resolves to `{json, stored}`. */
  setCatalogue(json) {
    return this.call({ type: "setCatalogue", json });
  }

  cancelBatch() {
    this.worker?.postMessage({ type: "cancel" });
  }

  /**
   * The questionnaire's party screening: `request` is the object the app
   * passes to `onScreen` (null when no party is named); the response goes
   * to `this.assessment.onResult`, a failure's message to `onError`.
   */
  screenAssessment(request) {
    this.assessment.request = request;
    clearTimeout(this.assessment.timer);
    const key = request ? JSON.stringify(request) : "";
    if (!key || this.state.status !== "ready" || key === this.assessment.sent) return;
    this.assessment.timer = setTimeout(async () => {
      this.assessment.sent = key;
      let response;
      try {
        response = await this.call({ type: "screen", request });
      } catch (err) {
        if (this.assessment.sent === key) this.assessment.onError?.(err.message);
        return;
      }
      // Only the answer to the latest request counts.
      const latest = this.assessment.request ? JSON.stringify(this.assessment.request) : "";
      if (key === latest) {
        this.assessment.onResult?.(response);
        this.assessment.response = response;
        for (const listener of this.assessmentListeners) listener(response);
      }
    }, DEBOUNCE_MS);
  }
}

// The iframe mode's protocol, version 1 (issue 14): the host page talks to
// www/dist/export-assessor-frame.html, loaded in
// <iframe sandbox="allow-scripts">, by postMessage only. Started by that
// file's start script once main.js has mounted the questionnaire; imports
// nothing. Every message is { protocol: "export-assessor", version: 1,
// type, id?, ... }; only the parent window, from an origin in the frame's
// allowlist (#export-assessor-frame-config), is answered. Types:
// export-assessor-frame.d.ts; the table: README "iframe mode".
// Notices are text only (textContent), never markup.

export const PROTOCOL = "export-assessor";
export const VERSION = 1;
// The refusals the frame keeps on show (the count covers all of them).
const SHOWN_REFUSALS = 5;
// Bounds on what a host may post at once (a list file is a few MB).
const MAX_FILES = 20;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const FORMATS = ["", "un", "ofac", "eu", "uk", "csv"];

/**
 * The frame's config: the allowlist (exact origins, "self" meaning the
 * origin this file was served from, none when opened from disk) and the
 * opt-in `includeAnswers`. Returns { origins, includeAnswers, problems }; a
 * problem is a sentence for the notice.
 */
export function readConfig(doc, href) {
  const el = doc.getElementById("export-assessor-frame-config");
  if (!el) return { origins: [], problems: ["This frame has no #export-assessor-frame-config, so it answers no page. / Dieser Frame hat keine #export-assessor-frame-config und antwortet daher keiner Seite."] };
  let config;
  try {
    config = JSON.parse(el.textContent);
  } catch (err) {
    return { origins: [], problems: [`The frame's configuration (#export-assessor-frame-config) is not valid JSON (${err.message}), so it answers no page; fix the file or rebuild it. / Die Konfiguration des Frames ist kein gültiges JSON; er antwortet daher keiner Seite.`] };
  }
  const list = config && Array.isArray(config.allowedOrigins) ? config.allowedOrigins : null;
  if (!list) return { origins: [], problems: ["The frame's configuration has no \"allowedOrigins\" list, so it answers no page. / Die Konfiguration des Frames hat keine Liste \"allowedOrigins\"; er antwortet daher keiner Seite."] };
  const origins = new Set();
  const problems = [];
  const own = new URL(href);
  for (const entry of list) {
    if (entry === "self") {
      if (own.protocol === "http:" || own.protocol === "https:") origins.add(own.origin);
      else problems.push(`"self" in allowedOrigins means nothing for a file opened from ${own.protocol}: name the intranet's origin instead. / "self" gilt nicht für eine Datei von ${own.protocol}; nennen Sie den Ursprung des Intranets.`);
      continue;
    }
    const origin = originOf(entry);
    if (origin) origins.add(origin);
    else problems.push(`${JSON.stringify(entry)} in allowedOrigins is not an origin (scheme, host and port only, as in https plus the intranet's host name; no path); it was skipped. / ${JSON.stringify(entry)} ist kein Ursprung (nur Schema, Host und Port, ohne Pfad) und wurde übergangen.`);
  }
  const includeAnswers = config.includeAnswers === true;
  if (origins.size === 0) problems.push("This frame's allowlist is empty: it refuses every message and tells no page anything. Add the intranet's origin to allowedOrigins. / Die Erlaubnisliste dieses Frames ist leer: er lehnt jede Nachricht ab. Tragen Sie den Ursprung des Intranets in allowedOrigins ein.");
  return { origins: [...origins], includeAnswers, problems };
}

/** `text` when it is exactly an http(s) origin, else null. */
function originOf(text) {
  if (typeof text !== "string") return null;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === text ? url.origin : null;
  } catch {
    return null;
  }
}

/** Whether this frame can keep anything (a sandboxed frame cannot: access throws). */
function storageWorks() {
  try {
    const s = globalThis.localStorage;
    s.getItem("export-assessor-probe");
    return typeof indexedDB !== "undefined";
  } catch {
    return false;
  }
}

/** A notice area before `anchor`: info(text) adds a line; refusal(origin) keeps the last few. */
function notices(anchor) {
  const doc = anchor.ownerDocument;
  const box = doc.createElement("div");
  box.className = "ea-frame-notices";
  box.dataset.testid = "frame-notices";
  anchor.before(box);
  const info = doc.createElement("ul");
  info.className = "ea-notice";
  info.setAttribute("role", "alert");
  info.hidden = true;
  const refused = doc.createElement("div");
  refused.className = "ea-notice";
  refused.setAttribute("role", "status");
  refused.dataset.testid = "frame-refusals";
  refused.hidden = true;
  const count = doc.createElement("p");
  const recent = doc.createElement("ul");
  refused.append(count, recent);
  box.append(info, refused);
  let total = 0;
  return {
    info(text) {
      const li = doc.createElement("li");
      li.textContent = text;
      info.append(li);
      info.hidden = false;
    },
    refusal(origin) {
      total++;
      refused.hidden = false;
      refused.dataset.count = String(total);
      count.textContent = `${total} message(s) refused. / ${total} Nachricht(en) abgelehnt.`;
      const li = doc.createElement("li");
      li.textContent = `A message from ${origin || "an unknown origin"} was refused: not in this frame's allowlist. / Eine Nachricht von ${origin || "unbekanntem Ursprung"} wurde abgelehnt: nicht in der Erlaubnisliste dieses Frames.`;
      recent.append(li);
      while (recent.childElementCount > SHOWN_REFUSALS) recent.firstElementChild.remove();
    },
  };
}

/**
 * A frame sandboxed without allow-forms fires no "submit": the browser
 * blocks the submission before the event, so the app's forms (the name
 * check, the product editor) would do nothing. They never navigate (their
 * handlers prevent it; the policy has form-action 'none'), so a submit
 * button's click — Enter in a field clicks it too — becomes a plain submit
 * event, which the app handles as usual.
 */
function submitWithoutForms(doc) {
  doc.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button, input[type=submit]") : null;
    if (!button || button.type !== "submit" || !button.form || button.disabled) return;
    event.preventDefault();
    button.form.dispatchEvent(new SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: button }));
  }, true);
}

/** An error a reply carries: `code` for programs, `message` for people. */
class ProtocolError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** A value as a reply quotes it: JSON, at most 80 characters. */
const shown = (value) => {
  let text;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(typeof value);
  }
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

const bytesOf = (value) => {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
};

/** The files of a "lists" message, checked; throws a ProtocolError naming the first problem. */
function listFiles(files) {
  if (!Array.isArray(files) || files.length === 0) throw new ProtocolError("malformed", "\"lists\" needs files: [{ name, bytes, format? }, …] with at least one file");
  if (files.length > MAX_FILES) throw new ProtocolError("malformed", `"lists" takes at most ${MAX_FILES} files at once; post them in several messages`);
  return files.map((f, i) => {
    const where = `files[${i}]`;
    if (!f || typeof f !== "object") throw new ProtocolError("malformed", `${where} must be an object { name, bytes, format? }`);
    if (typeof f.name !== "string" || f.name.length === 0 || f.name.length > 200) throw new ProtocolError("malformed", `${where}.name must be the file's name (1 to 200 characters)`);
    const bytes = bytesOf(f.bytes);
    if (!bytes) throw new ProtocolError("malformed", `${where}.bytes must be an ArrayBuffer or a Uint8Array (the file's contents)`);
    if (bytes.byteLength > MAX_FILE_BYTES) throw new ProtocolError("malformed", `${where} (${f.name}) has ${bytes.byteLength} bytes; at most ${MAX_FILE_BYTES} are taken`);
    const format = f.format ?? "";
    if (!FORMATS.includes(format)) throw new ProtocolError("malformed", `${where}.format ${shown(format)} is not one of ${FORMATS.filter(Boolean).join(", ")} (or leave it out to detect it)`);
    return { name: f.name, bytes, format };
  });
}

/**
 * Starts the protocol. `app`: { handle (the questionnaire), bytes (the data
 * bundle), followWork(listener) (main.js's one watcher of the saved work),
 * loadScreening() → the screening client, records() → the records wasm
 * module, initialised }. Resolves once "ready" has been posted.
 */
export async function startFrame(app, win = window) {
  const doc = win.document;
  const root = doc.getElementById("app");
  const show = notices(root);
  const { origins, includeAnswers, problems } = readConfig(doc, win.location.href);
  for (const p of problems) show.info(p);
  const embedded = win.parent !== win;
  if (!embedded) show.info("This page is made for a sandboxed iframe on an intranet page; opened on its own, it talks to no page. / Diese Seite ist für einen iframe auf einer Intranetseite gedacht; allein geöffnet spricht sie mit keiner Seite.");
  const storage = storageWorks();
  submitWithoutForms(doc);

  // Frame → host: to every allowed origin, each by its exact targetOrigin
  // (the browser drops it unless the parent is on that origin).
  const broadcast = (message) => {
    if (!embedded) return;
    for (const origin of origins) win.parent.postMessage({ protocol: PROTOCOL, version: VERSION, ...message }, origin);
  };
  // A reply goes to the origin the request came from (an allowed one).
  const reply = (origin, message) => win.parent.postMessage({ protocol: PROTOCOL, version: VERSION, ...message }, origin);

  const handlers = {
    report: async () => ({ type: "report", outcome: app.handle.outcome() }),
    assess: async (msg) => {
      const text = typeof msg.answers === "string" ? msg.answers : msg.answers && typeof msg.answers === "object" && !Array.isArray(msg.answers) ? JSON.stringify(msg.answers) : null;
      if (text === null) throw new ProtocolError("malformed", "\"assess\" needs answers: the answers file's JSON, as text or as an object");
      if (msg.created !== undefined && typeof msg.created !== "string") throw new ProtocolError("malformed", "\"created\" must be a timestamp such as 2026-11-25T09:30:00Z");
      const created = msg.created ?? new Date().toISOString().replace(/\.\d+Z$/, "Z");
      const records = await app.records();
      try {
        return { type: "assessed", result: records.assess(app.bytes, text, { created, ...(msg.lang ? { lang: String(msg.lang) } : {}) }) };
      } catch (err) {
        throw new ProtocolError("assess", err && err.message ? err.message : String(err));
      }
    },
    lists: async (msg) => {
      const files = listFiles(msg.files);
      const client = await app.loadScreening();
      if (!client) throw new ProtocolError("screening", "the screening engine did not start in this frame");
      const loaded = [];
      const errors = [];
      for (const f of files) {
        // As if dropped: the engine reads the file; it stays in this
        // frame's memory for the session (no storage here).
        const result = await client.addFiles([new File([f.bytes], f.name)], f.format);
        for (const a of result.added) loaded.push({ name: f.name, key: a.list.key, format: a.list.format, entries: a.list.entries ?? null });
        for (const e of result.errors) errors.push({ name: e.file, message: e.message });
      }
      return { type: "lists", loaded, errors };
    },
  };

  const handle = async (event) => {
    const msg = event.data;
    const given = msg && typeof msg === "object" ? msg.id : undefined;
    // Only a well-formed id is echoed.
    const id = typeof given === "string" || (typeof given === "number" && Number.isFinite(given)) ? given : undefined;
    const answer = (message) => {
      try {
        reply(event.origin, id === undefined ? message : { ...message, id });
      } catch (err) {
        reply(event.origin, { type: "error", ...(id === undefined ? {} : { id }), code: "failed", message: `the reply could not be sent: ${err && err.message ? err.message : err}` });
      }
    };
    try {
      if (!msg || typeof msg !== "object" || Array.isArray(msg) || msg.protocol !== PROTOCOL) throw new ProtocolError("malformed", `a message to this frame is an object { protocol: "${PROTOCOL}", version: ${VERSION}, type, id? }`);
      if (given !== undefined && id === undefined) throw new ProtocolError("malformed", "id, when given, must be a string or a finite number");
      if (msg.version !== VERSION) throw new ProtocolError("version", `protocol version ${shown(msg.version)} is not supported; this frame speaks version ${VERSION}`);
      const run = Object.hasOwn(handlers, msg.type) ? handlers[msg.type] : null;
      if (!run) throw new ProtocolError("unknown-type", `unknown type ${shown(msg.type)}; this frame takes ${Object.keys(handlers).join(", ")}`);
      answer(await run(msg));
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : "failed";
      answer({ type: "error", code, message: err && err.message ? err.message : String(err) });
    }
  };

  win.addEventListener("message", (event) => {
    // The frame's own scripts (none post here today) are no host.
    if (event.source === win) return;
    if (event.source !== win.parent || !embedded || !origins.includes(event.origin)) {
      show.refusal(event.origin);
      return;
    }
    handle(event);
  });

  // The open assessment's outcome, whenever it changes: the outcome only,
  // unless the frame's config opts in to the saved work (answers, names).
  let last = app.handle.outcome();
  let work = null;
  const emit = () => {
    const now = app.handle.outcome();
    if (now === last) return;
    last = now;
    broadcast(includeAnswers ? { type: "outcome", outcome: now, work } : { type: "outcome", outcome: now });
  };
  if (includeAnswers) app.followWork((snapshot) => {
    work = snapshot.work;
    emit();
  });
  new MutationObserver(emit).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });

  let versions = null;
  try {
    versions = (await app.records()).bundleVersions(app.bytes);
  } catch (err) {
    show.info(`The data bundle's versions could not be read: ${err && err.message ? err.message : err}`);
  }
  broadcast({ type: "ready", storage, ...(versions ?? {}), accepts: Object.keys(handlers), outcome: last });
  doc.documentElement.dataset.frame = origins.length ? "ready" : "closed";
}

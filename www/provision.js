// Host provisioning (issue 14): a page, or the <export-assessor> element's
// options, may name same-origin sanctions list files, a shared decisions
// register, the list age limit, a company rule-set extension and updated
// destination data. Used by main.js and export-assessor.js; imports
// nothing (the offline single file maps this module to a blob: URL; the
// records wasm, which composes the bundle, is passed in). Notices are text
// only (textContent), never markup, in English or German.

// Every text this module shows, by language. A reason (`why`) from the
// engine or the rule-set loader stays as it comes.
const MESSAGES = {
  en: {
    configInvalid: (why) => `The page's configuration (#export-assessor-config) is not valid JSON: ${why}. Ask whoever maintains this page to fix it; you can still add your own lists.`,
    notLoaded: (what, url, why) => `${what} ${url} was not loaded: ${why}. The other lists keep working; you can still add files yourself.`,
    register: "The decisions register",
    list: "The list",
    listNoUrl: (entry) => `A configured list has no "url": ${entry}`,
    ageNotApplied: (why) => `The configured list age limit (maxListAgeDays) was not applied: ${why}`,
    rulesRejected: (url, why) => `The company rule-set extension ${url} was not applied: ${why}. The built-in rules are used instead.`,
    destinationsRejected: (url, why) => `The destination data ${url} were not applied: ${why}. The built-in destination data are used instead.`,
    composeFailed: (why) => `The company rules and destination data could not be applied: ${why}. The built-in rules and destination data are used instead.`,
    rulesApplied: (id, version, url, sum) => `Company rules in force: ${id} ${version}, from ${url} (sha256:${sum}).`,
    destinationsApplied: (asOf, url, sum) => `Destination data as of ${asOf} in force, from ${url} (sha256:${sum}).`,
    badUrl: "not a valid URL",
    foreign: (here, there) => `only files from this site (${here}) are loaded; this one is on ${there}, so it was not fetched`,
    status: (code) => `the server answered ${code}`,
    tooLarge: (limit) => `the file is larger than ${limit} bytes`,
  },
  de: {
    configInvalid: (why) => `Die Konfiguration der Seite (#export-assessor-config) ist kein gültiges JSON: ${why}. Bitten Sie die für diese Seite Verantwortlichen, sie zu korrigieren; eigene Listen können Sie weiterhin hinzufügen.`,
    notLoaded: (what, url, why) => `${what} ${url} wurde nicht geladen: ${why}. Die übrigen Listen funktionieren weiter; eigene Dateien können Sie weiterhin hinzufügen.`,
    register: "Das Entscheidungsregister",
    list: "Die Liste",
    listNoUrl: (entry) => `Eine konfigurierte Liste hat keine "url": ${entry}`,
    ageNotApplied: (why) => `Das konfigurierte Höchstalter der Listen (maxListAgeDays) wurde nicht übernommen: ${why}`,
    rulesRejected: (url, why) => `Die Regelwerk-Erweiterung des Unternehmens ${url} wurde nicht angewendet: ${why}. Stattdessen gilt das eingebaute Regelwerk.`,
    destinationsRejected: (url, why) => `Die Bestimmungslanddaten ${url} wurden nicht angewendet: ${why}. Stattdessen gelten die eingebauten Bestimmungslanddaten.`,
    composeFailed: (why) => `Unternehmensregeln und Bestimmungslanddaten konnten nicht angewendet werden: ${why}. Stattdessen gelten das eingebaute Regelwerk und die eingebauten Bestimmungslanddaten.`,
    rulesApplied: (id, version, url, sum) => `Geltende Unternehmensregeln: ${id} ${version}, aus ${url} (sha256:${sum}).`,
    destinationsApplied: (asOf, url, sum) => `Geltende Bestimmungslanddaten: Stand ${asOf}, aus ${url} (sha256:${sum}).`,
    badUrl: "keine gültige URL",
    foreign: (here, there) => `es werden nur Dateien dieser Website (${here}) geladen; diese liegt auf ${there} und wurde daher nicht abgerufen`,
    status: (code) => `der Server antwortete ${code}`,
    tooLarge: (limit) => `die Datei ist größer als ${limit} Bytes`,
  },
};

// The limit bundle::compose applies; refused here before the bytes are read whole.
const MAX_PROVISIONED_BYTES = 4 * 1024 * 1024;

/** "en" or "de" for a language code such as "de-AT"; English otherwise. */
export function provisionLang(code) {
  return String(code ?? "").toLowerCase().split(/[-_]/)[0] === "de" ? "de" : "en";
}

const texts = (lang) => MESSAGES[provisionLang(lang)];
const reason = (err) => String(err && err.message ? err.message : err).replace(/\.+$/, "");

/**
 * The page's provisioning config from
 * <script type="application/json" id="export-assessor-config">: the
 * `provision` object, null when the page names none. A config that cannot
 * be read is reported through `notice` and ignored.
 */
export function readProvision(notice, doc = document, lang = "en") {
  const el = doc.getElementById("export-assessor-config");
  if (!el) return null;
  try {
    const config = JSON.parse(el.textContent);
    const provision = config?.provision ?? config;
    return provision && typeof provision === "object" ? provision : null;
  } catch (err) {
    notice(texts(lang).configInvalid(err.message));
    return null;
  }
}

/**
 * A function adding one text line to a <ul> live region (`role`: "alert"
 * or "status") placed before `anchor`, created on the first line. (The
 * element's stylesheet styles the list itself, class and all.)
 */
function lineList(anchor, id, className, role) {
  const doc = anchor.ownerDocument;
  let list = null;
  return (text) => {
    if (!list) {
      list = doc.createElement("ul");
      list.id = id;
      list.className = className;
      list.setAttribute("role", role);
      list.dataset.testid = id;
      anchor.before(list);
    }
    const item = doc.createElement("li");
    item.textContent = text;
    list.append(item);
  };
}

/**
 * A notice function that lists problems in one alert region placed
 * before `anchor` (created on the first problem).
 */
export function noticeList(anchor) {
  return lineList(anchor, "provision-notices", "ea-provision-notices", "alert");
}

/**
 * A status function that lists what the host's provisioning put in force
 * (company rules, destination data) in one status region placed before
 * `anchor`: users see which company rules apply, not only the problems.
 */
export function statusList(anchor) {
  return lineList(anchor, "provision-status", "ea-provision-status", "status");
}

/** Same-origin GET of one provisioned file: a Response, or an Error saying why not. */
export async function fetchProvisioned(url, lang = "en") {
  const t = texts(lang);
  let target;
  try {
    target = new URL(url, location.href);
  } catch {
    throw new Error(t.badUrl);
  }
  if (target.origin !== location.origin) throw new Error(t.foreign(location.origin, target.origin));
  const response = await fetch(target, { method: "GET", credentials: "same-origin" });
  if (!response.ok) throw new Error(t.status(`${response.status} ${response.statusText}`.trim()));
  return response;
}

/**
 * Loads the provisioned register, lists and age limit into the screening
 * engine (`client`: a ScreeningClient), as if the user had chosen them;
 * every problem goes to `notice(text)` and the rest keeps working.
 */
export async function provisionScreening(client, provision, notice, lang = "en") {
  const t = texts(lang);
  const report = (what, url, err) => notice(t.notLoaded(what, url, reason(err)));
  const days = provision.maxListAgeDays;
  if (days !== undefined) {
    try {
      await client.setMaxListAge(days);
    } catch (err) {
      notice(t.ageNotApplied(err.message));
    }
  }
  if (provision.register) {
    try {
      const text = await (await fetchProvisioned(provision.register, lang)).text();
      await client.registerImport(text, true);
    } catch (err) {
      report(t.register, provision.register, err);
    }
  }
  for (const entry of Array.isArray(provision.lists) ? provision.lists : []) {
    const url = typeof entry === "string" ? entry : entry && entry.url;
    if (typeof url !== "string") {
      notice(t.listNoUrl(JSON.stringify(entry)));
      continue;
    }
    try {
      const blob = await (await fetchProvisioned(url, lang)).blob();
      // The list panel shows a list's file name: here its path on this
      // site, so the user sees where the company's list came from.
      const name = new URL(url, location.href).pathname;
      const result = await client.addFiles([new File([blob], name)], entry.format || "");
      for (const e of result.errors) report(t.list, url, new Error(e.message));
    } catch (err) {
      report(t.list, url, err);
    }
  }
}

/** Whether the config names a rule-set extension or destination data (then the bundle is composed before mounting). */
export function provisionsBundle(provision) {
  return Boolean(provision && (provision.rules !== undefined || provision.destinations !== undefined));
}

/** The lowercase hex SHA-256 of `bytes`. */
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** One provisioned JSON file's bytes, bounded; null when the config names none. */
async function fetchBytes(url, lang) {
  if (url === undefined) return null;
  if (typeof url !== "string") throw new Error(texts(lang).badUrl);
  const response = await fetchProvisioned(url, lang);
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_PROVISIONED_BYTES) throw new Error(texts(lang).tooLarge(MAX_PROVISIONED_BYTES));
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Applies the host's company rule-set extension (`provision.rules`) and
 * destination data (`provision.destinations`), same-origin URLs of JSON
 * files, to the shipped data bundle `baseBytes`. `loadRecords()` resolves
 * to the records module, initialised (its `composeBundle` does the work).
 * Each file that cannot be fetched or is refused goes to `notice(text)`
 * with its URL and reason, and the built-in part is kept. Resolves to
 * `{ bytes, applied }`: the bundle for every app, and per applied file
 * `{ file: "rules"|"destinations", url, sha256, text }` plus
 * `ruleSet: { id, version }` or `asOf`, `text` being the status line.
 * Never rejects: on any failure the base bytes come back.
 */
export async function provisionBundle(baseBytes, provision, notice, loadRecords, lang = "en") {
  const t = texts(lang);
  const wanted = [["rules", provision?.rules, t.rulesRejected], ["destinations", provision?.destinations, t.destinationsRejected]];
  const fetched = {};
  await Promise.all(wanted.map(async ([file, url, rejected]) => {
    try {
      const bytes = await fetchBytes(url, lang);
      if (bytes) fetched[file] = { url, bytes, sha256: await sha256(bytes) };
    } catch (err) {
      notice(rejected(typeof url === "string" ? url : JSON.stringify(url), reason(err)));
    }
  }));
  if (!fetched.rules && !fetched.destinations) return { bytes: baseBytes, applied: [] };
  let composed;
  try {
    const records = await loadRecords();
    composed = records.composeBundle(baseBytes, fetched.rules?.bytes ?? null, fetched.destinations?.bytes ?? null);
  } catch (err) {
    notice(t.composeFailed(reason(err)));
    return { bytes: baseBytes, applied: [] };
  }
  for (const r of composed.rejected) {
    const [, , rejected] = wanted.find(([file]) => file === r.file);
    notice(rejected(fetched[r.file].url, reason(r.message)));
    delete fetched[r.file];
  }
  const applied = [];
  if (fetched.rules) {
    const { id, version } = composed.ruleSet;
    const { url, sha256: sum } = fetched.rules;
    applied.push({ file: "rules", url, sha256: sum, ruleSet: { id, version }, text: t.rulesApplied(id, version, url, sum) });
  }
  if (fetched.destinations) {
    const { url, sha256: sum } = fetched.destinations;
    applied.push({ file: "destinations", url, sha256: sum, asOf: composed.destinationsAsOf, text: t.destinationsApplied(composed.destinationsAsOf, url, sum) });
  }
  return { bytes: applied.length ? composed.bytes : baseBytes, applied };
}

/** Whether the config names anything for the screening engine (lists, register, age limit); only then is the engine started for it. */
export function provisionsScreening(provision) {
  return Boolean(provision && (provision.lists !== undefined || provision.register !== undefined || provision.maxListAgeDays !== undefined));
}

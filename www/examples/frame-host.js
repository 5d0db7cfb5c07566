// The host side of the iframe mode (issue 14), as an intranet page would
// write it: it waits for the frame's "ready", posts the company's list
// (fetched from its own origin: the frame cannot fetch), shows every
// outcome the frame reports and asks for the outcome on a click. Protocol:
// README "iframe mode"; types: ../export-assessor-frame.d.ts. Text only.
const PROTOCOL = "export-assessor";
const VERSION = 1;
// The company's lists, on this site (the host fetches them, same origin).
const LISTS = [{ url: "lists/un-mini.xml", format: "un" }];

const frame = document.getElementById("assessor");
const log = document.getElementById("log");
const outcome = document.getElementById("outcome");
const reportButton = document.getElementById("report");

const waiting = new Map();
let nextId = 1;
const events = [];

function note(text) {
  const li = document.createElement("li");
  li.textContent = text;
  log.append(li);
}

/** Posts `message` to the frame and resolves with its reply (matched by id). */
function ask(message) {
  const id = `host-${nextId++}`;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    // The sandboxed frame's origin is opaque ("null"), so no targetOrigin
    // can name it: "*", to this iframe's window only, after its "ready".
    frame.contentWindow.postMessage({ protocol: PROTOCOL, version: VERSION, id, ...message }, "*");
  });
}

async function postLists() {
  const files = [];
  for (const { url, format } of LISTS) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      files.push({ name: new URL(url, location.href).pathname, bytes: await response.arrayBuffer(), format });
    } catch (err) {
      note(`The list ${url} could not be fetched: ${err.message}`);
    }
  }
  if (files.length === 0) return;
  const reply = await ask({ type: "lists", files });
  if (reply.type === "error") note(`The frame did not take the lists: ${reply.message}`);
  else note(`Lists loaded in the frame: ${reply.loaded.map((l) => `${l.name} (${l.entries} entries)`).join(", ") || "none"}${reply.errors.length ? `; problems: ${reply.errors.map((e) => `${e.name}: ${e.message}`).join("; ")}` : ""}`);
}

window.addEventListener("message", (event) => {
  // Only this iframe speaks the protocol to this page; its origin is "null".
  if (event.source !== frame.contentWindow) return;
  const msg = event.data;
  if (!msg || msg.protocol !== PROTOCOL) return;
  events.push(msg);
  if (msg.id !== undefined && waiting.has(msg.id)) {
    waiting.get(msg.id)(msg);
    waiting.delete(msg.id);
  }
  if (msg.type === "ready") {
    note(`Ready: rule set ${msg.ruleSet?.id} ${msg.ruleSet?.version}, destination data as of ${msg.destinationDataAsOf}, storage ${msg.storage ? "kept" : "none (this session only)"}`);
    reportButton.disabled = false;
    postLists();
  } else if (msg.type === "outcome") {
    outcome.textContent = msg.outcome ? `Outcome: ${msg.outcome}` : "Undecided.";
    note(`Outcome: ${msg.outcome ?? "undecided"}`);
  } else if (msg.type === "error") {
    note(`Error (${msg.code}): ${msg.message}`);
  }
});

reportButton.addEventListener("click", async () => {
  const reply = await ask({ type: "report" });
  note(`Report: ${reply.outcome ?? "undecided"}`);
});

// For tests and for trying the protocol from the console.
window.exportAssessorFrame = { ask, events };

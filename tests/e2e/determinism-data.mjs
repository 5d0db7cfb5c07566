// The determinism corpus, shared by tests/e2e/determinism.test.mjs (the
// wasm in Node's V8) and tests/firefox/determinism.test.mjs (the wasm in
// Firefox's SpiderMonkey): every answers file, the names to screen, the list
// sets, RFC 8785 canonical JSON, and the native CLI.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

export const CLI = process.env.EA_CLI ?? join(ROOT, "target", "debug", "export-assessor");
export const CREATED = "2026-11-25T10:00:00Z";
export const TODAY = "2026-11-25";
export const FIXTURES = join(ROOT, "tests/fixtures/screening");

/** RFC 8785 for the values a report holds (as record.test.mjs). */
export function jcs(v) {
  if (Array.isArray(v)) return `[${v.map(jcs).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

export function cli(args) {
  const r = spawnSync(CLI, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `export-assessor ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** Every answers file: the scenarios, and each screening case's answers over its scenario. */
export function answerFiles() {
  const dir = mkdtempSync(join(tmpdir(), "ea-determinism-"));
  const files = [];
  const scenarios = join(ROOT, "tests/scenarios");
  for (const f of readdirSync(scenarios).filter((f) => f.endsWith(".json")).sort()) {
    files.push({ name: `scenarios/${f}`, path: join(scenarios, f) });
  }
  const cases = join(ROOT, "tests/screening-cases");
  for (const f of readdirSync(cases).filter((f) => f.endsWith(".json")).sort()) {
    const c = JSON.parse(readFileSync(join(cases, f), "utf8"));
    if (!c.scenario || !c.answers) continue;
    const answers = { ...JSON.parse(readFileSync(join(scenarios, c.scenario), "utf8")).answers };
    for (const [k, v] of Object.entries(c.answers)) {
      if (v === null) delete answers[k];
      else answers[k] = v;
    }
    const path = join(dir, f);
    writeFileSync(path, JSON.stringify({ answers }));
    files.push({ name: `screening-cases/${f}`, path });
  }
  return files;
}

/** Names to screen: listed names, aliases, reorderings, typos, other scripts, near misses and clean names. */
export const NAMES = [
  "Ivan Petrovich Sidorov", "Sidorov Ivan", "Иван Петрович Сидоров", "Ivan Petrovitch Sidorof", "Iwan Sidorow",
  "Tekhnopribor LLC", "OOO Tekhnopribor", "Technopribor", "TP",
  "Zoe Muller-Lukasiewicz", "Zoë Müller Łukasiewicz", "Mueller Lukasiewicz",
  "Abdul Rahman Al-Khalil", "Abdul Rahman", "Abu Khalil", "Abdel Rahman Khalil", "Doctor",
  "Korea Zeus Trading Corporation", "Zeus Trading Co", "Korea Zeus Trading",
  "Banco Nacional de Cuba", "National Bank of Cuba", "BNC", "Banco Nacional",
  "Sergei Ivanovich Petrov", "Serguei Petroff", "Sergey Petrov", "Serge",
  "Nordlicht Logistik GmbH", "NL Logistik", "Nordlicht Logistics", 'Acme "Shadow" Ltd', "Acme Shadow",
  "Müller Maschinenbau GmbH", "Siemens AG", "X",
];

function csvField(s) {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The lead files: NAMES (every third with country RU), and the two lead fixtures. */
export function leadFiles() {
  const dir = mkdtempSync(join(tmpdir(), "ea-determinism-screen-"));
  const leads = join(dir, "leads.csv");
  writeFileSync(leads, `id,name,country\n${NAMES.map((n, i) => `${i + 1},${csvField(n)},${i % 3 === 0 ? "RU" : ""}`).join("\n")}\n`);
  return [leads, join(FIXTURES, "leads-cr.csv"), join(FIXTURES, "leads-headerless.csv")];
}

/** Each test list alone (OFAC's sdn.csv with its alt.csv) and all of them. */
export const LIST_SETS = [
  { label: "eu-mini", lists: [["eu-mini.xml"]] },
  { label: "un-mini", lists: [["un-mini.xml"]] },
  { label: "ofac", lists: [["sdn.csv", "alt.csv"]] },
  { label: "watchlist", lists: [["watchlist.csv"]] },
  { label: "all", lists: [["eu-mini.xml"], ["un-mini.xml"], ["sdn.csv", "alt.csv"], ["watchlist.csv"]] },
];
export const THRESHOLDS = [0.85, 0.7];

/** The CLI's arguments for one screening run. */
export function screenArgs(set, threshold, leadFile) {
  return ["screen", ...set.lists.flatMap(([f]) => ["--list", join(FIXTURES, f)]), "--threshold", String(threshold), "--today", TODAY, leadFile];
}

/** Hit rows of a lead CSV (any status but clean). */
export function hitRows(csv) {
  return csv.split("\n").filter((l) => /,hit,|,review_again,|,suppressed_by_register,/.test(l)).length;
}

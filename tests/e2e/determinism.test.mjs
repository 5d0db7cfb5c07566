// Determinism: the wasm the browser runs and the native build give the same
// bytes. Every scenario (tests/scenarios/*.json, and the screening cases'
// answers laid over their base scenario) is assessed by the records wasm's
// `assess` (www/pkg/records.js, instantiated in Node from the built wasm
// bytes) and by the CLI (`export-assessor report --created T`), in English
// and German: the reports must be identical in RFC 8785 form (the bytes the
// fingerprint is computed over), the fingerprints equal, and equal to the
// SHA-256 this test computes itself. The screening engine
// (www/pkg/screening.js's ScreeningEngine) and `export-assessor screen`
// screen a fixed set of names against each test list and all of them, at
// two thresholds: the CSV (entry ids, scores as printed, statuses,
// explanations) must be byte-identical.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { requireBuild, ROOT, WWW } from "./harness.mjs";

const CLI = process.env.EA_CLI ?? join(ROOT, "target", "debug", "export-assessor");
const CREATED = "2026-11-25T10:00:00Z";
const TODAY = "2026-11-25";
const FIXTURES = join(ROOT, "tests/fixtures/screening");

let records, screening, data;
before(async () => {
  requireBuild();
  assert.ok(existsSync(CLI), `${CLI} is built by cargo test (or set EA_CLI)`);
  data = readFileSync(join(WWW, "pkg", "assessor-data.bin"));
  records = await import(pathToFileURL(join(WWW, "pkg", "records.js")).href);
  records.initSync({ module: readFileSync(join(WWW, "pkg", "records_bg.wasm")) });
  screening = await import(pathToFileURL(join(WWW, "pkg", "screening.js")).href);
  screening.initSync({ module: readFileSync(join(WWW, "pkg", "screening_bg.wasm")) });
});

/** RFC 8785 for the values a report holds (as record.test.mjs). */
function jcs(v) {
  if (Array.isArray(v)) return `[${v.map(jcs).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

function cli(args) {
  const r = spawnSync(CLI, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `export-assessor ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** Every answers file: the scenarios, and each screening case's answers over its scenario. */
function answerFiles() {
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

test("every scenario: the wasm's report is the CLI's, byte for byte in canonical form, with the same fingerprint (en, de)", () => {
  const files = answerFiles();
  assert.ok(files.length >= 98, `found ${files.length} answer files`);
  const outcomes = new Set();
  const started = Date.now();
  for (const { name, path } of files) {
    const text = readFileSync(path, "utf8");
    for (const lang of ["en", "de"]) {
      const native = JSON.parse(cli(["report", path, "--created", CREATED, "--lang", lang]));
      const wasm = records.assess(data, text, { created: CREATED, lang });
      const where = `${name} (${lang})`;
      assert.equal(wasm.fingerprint, native.fingerprint, `${where}: fingerprint`);
      assert.equal(jcs(wasm.report), jcs(native), `${where}: report`);
      const { fingerprint: _, ...body } = native;
      assert.equal(native.fingerprint, `sha256:${createHash("sha256").update(jcs(body)).digest("hex")}`, `${where}: the fingerprint is the SHA-256 of the canonical report`);
      assert.equal(wasm.outcome, native.outcome, `${where}: outcome`);
      assert.deepEqual(wasm.decidedBy, native.decided_by.map((r) => r.id), `${where}: decided by`);
      outcomes.add(native.outcome);
    }
  }
  // The corpus covers every outcome, so the comparison is not of one kind of report.
  assert.ok(outcomes.size >= 6, `outcomes covered: ${[...outcomes].join(", ")}`);
  console.log(`determinism: ${files.length} answer files × 2 languages identical in ${Date.now() - started} ms`);
});

/** Names to screen: listed names, aliases, reorderings, typos, other scripts, near misses and clean names. */
const NAMES = [
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

const LIST_SETS = [
  { label: "eu-mini", lists: [["eu-mini.xml"]] },
  { label: "un-mini", lists: [["un-mini.xml"]] },
  { label: "ofac", lists: [["sdn.csv", "alt.csv"]] },
  { label: "watchlist", lists: [["watchlist.csv"]] },
  { label: "all", lists: [["eu-mini.xml"], ["un-mini.xml"], ["sdn.csv", "alt.csv"], ["watchlist.csv"]] },
];

test("the screening engine: the wasm's hits are the CLI's for a fixed set of names on every test list", () => {
  const dir = mkdtempSync(join(tmpdir(), "ea-determinism-screen-"));
  const leads = join(dir, "leads.csv");
  const leadText = `id,name,country\n${NAMES.map((n, i) => `${i + 1},${csvField(n)},${i % 3 === 0 ? "RU" : ""}`).join("\n")}\n`;
  writeFileSync(leads, leadText);
  const leadFiles = [leads, join(FIXTURES, "leads-cr.csv"), join(FIXTURES, "leads-headerless.csv")];
  let compared = 0, hits = 0;
  for (const set of LIST_SETS) {
    for (const threshold of [0.85, 0.7]) {
      for (const leadFile of leadFiles) {
        const args = ["screen", ...set.lists.flatMap(([f]) => ["--list", join(FIXTURES, f)]), "--threshold", String(threshold), "--today", TODAY, leadFile];
        const native = cli(args);
        const engine = new screening.ScreeningEngine(data);
        for (const [file, alt] of set.lists) {
          engine.addList(file, readFileSync(join(FIXTURES, file)), alt ? readFileSync(join(FIXTURES, alt)) : undefined, "");
        }
        engine.setThreshold(threshold);
        const read = engine.loadLeads(leadFile.split("/").pop(), readFileSync(leadFile));
        assert.ok(read.count > 0, `${leadFile}: ${JSON.stringify(read)}`);
        engine.screenLeads(0, read.count, "en", TODAY);
        const wasm = engine.leadsCsv();
        engine.free();
        const where = `${set.label}, threshold ${threshold}, ${leadFile.split("/").pop()}`;
        assert.equal(wasm.replace(/^\uFEFF/, ""), native.replace(/^\uFEFF/, ""), where);
        compared++;
        hits += native.split("\n").filter((l) => /,hit,|,review_again,|,suppressed_by_register,/.test(l)).length;
      }
    }
  }
  // The comparison saw real hits, not only clean rows.
  assert.ok(hits >= 40, `hit rows compared: ${hits}`);
  console.log(`determinism: ${compared} screening runs identical, ${hits} hit rows`);
});

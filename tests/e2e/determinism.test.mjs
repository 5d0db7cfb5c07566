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
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { requireBuild, WWW } from "./harness.mjs";
import { answerFiles, cli, CLI, CREATED, FIXTURES, hitRows, jcs, leadFiles, LIST_SETS, screenArgs, THRESHOLDS, TODAY } from "./determinism-data.mjs";

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

test("the screening engine: the wasm's hits are the CLI's for a fixed set of names on every test list", () => {
  let compared = 0, hits = 0;
  const leads = leadFiles();
  for (const set of LIST_SETS) {
    for (const threshold of THRESHOLDS) {
      for (const leadFile of leads) {
        const native = cli(screenArgs(set, threshold, leadFile));
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
        hits += hitRows(native);
      }
    }
  }
  // The comparison saw real hits, not only clean rows.
  assert.ok(hits >= 40, `hit rows compared: ${hits}`);
  console.log(`determinism: ${compared} screening runs identical, ${hits} hit rows`);
});

// Determinism in Firefox's engine: the corpus of tests/e2e/determinism.test.mjs
// (which runs the wasm in Node's V8) run by the same wasm files in Firefox
// ESR (SpiderMonkey), loaded by the page from its own origin, against the
// native CLI. Every answers file in English and German: the report in
// RFC 8785 form and its fingerprint; the screening engine's lead CSV for the
// fixed names on every test list at two thresholds: byte-identical.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { answerFiles, cli, CLI, CREATED, FIXTURES, hitRows, jcs, leadFiles, LIST_SETS, screenArgs, THRESHOLDS, TODAY } from "../e2e/determinism-data.mjs";
import { appReady, launch, privacyProblems, serveLogged, session } from "./harness.mjs";

let browser, server, origin, log, s;
before(async () => {
  assert.ok(existsSync(CLI), `${CLI} is built by cargo test (or set EA_CLI)`);
  ({ server, origin, log } = await serveLogged());
  browser = await launch();
  s = await session(browser, origin, log);
  await s.page.goto(`${origin}/?lang=en`);
  await appReady(s.page);
});
after(async () => {
  await s?.context.close();
  await browser?.close();
  server?.close();
});

test("every scenario assessed by the records wasm in Firefox: the CLI's report and fingerprint (en, de)", async () => {
  const files = answerFiles();
  const inputs = files.flatMap(({ path }) => ["en", "de"].map((lang) => ({ text: readFileSync(path, "utf8"), lang })));
  const started = Date.now();
  const results = await s.page.evaluate(async (inputs, created) => {
    const m = await import("/pkg/records.js");
    await m.default({ module_or_path: "/pkg/records_bg.wasm" });
    const data = new Uint8Array(await (await fetch("/pkg/assessor-data.bin")).arrayBuffer());
    return inputs.map(({ text, lang }) => {
      try {
        const a = m.assess(data, text, { created, lang });
        return JSON.stringify({ fingerprint: a.fingerprint, outcome: a.outcome, report: a.report });
      } catch (e) {
        return JSON.stringify({ error: String(e) });
      }
    });
  }, inputs, CREATED);
  const inFirefox = Date.now() - started;
  assert.equal(results.length, inputs.length);
  files.forEach(({ name, path }, i) => {
    ["en", "de"].forEach((lang, j) => {
      const got = JSON.parse(results[i * 2 + j]);
      const where = `${name} (${lang})`;
      assert.equal(got.error, undefined, where);
      const native = JSON.parse(cli(["report", path, "--created", CREATED, "--lang", lang]));
      assert.equal(got.fingerprint, native.fingerprint, `${where}: fingerprint`);
      assert.equal(got.outcome, native.outcome, `${where}: outcome`);
      assert.equal(jcs(got.report), jcs(native), `${where}: report`);
    });
  });
  assert.deepEqual(privacyProblems(s.rec, origin, log), []);
  assert.deepEqual(s.rec.errors, []);
  console.log(`determinism (Firefox): ${inputs.length} reports identical to the CLI's; assessed in Firefox in ${inFirefox} ms`);
});

test("the screening engine in Firefox: the CLI's lead CSV for the fixed names on every test list", async () => {
  const files = Object.fromEntries(["eu-mini.xml", "un-mini.xml", "sdn.csv", "alt.csv", "watchlist.csv"]
    .map((f) => [f, [...readFileSync(join(FIXTURES, f))]]));
  const runs = [];
  for (const set of LIST_SETS) {
    for (const threshold of THRESHOLDS) {
      for (const leadFile of leadFiles()) {
        runs.push({ set, threshold, leadFile, lead: { name: leadFile.split("/").pop(), bytes: [...readFileSync(leadFile)] } });
      }
    }
  }
  const csvs = await s.page.evaluate(async (files, runs, today) => {
    const m = await import("/pkg/screening.js");
    await m.default({ module_or_path: "/pkg/screening_bg.wasm" });
    const data = new Uint8Array(await (await fetch("/pkg/assessor-data.bin")).arrayBuffer());
    const bytes = (a) => new Uint8Array(a);
    return runs.map(({ set, threshold, lead }) => {
      const engine = new m.ScreeningEngine(data);
      try {
        for (const [file, alt] of set.lists) engine.addList(file, bytes(files[file]), alt ? bytes(files[alt]) : undefined, "");
        engine.setThreshold(threshold);
        const read = engine.loadLeads(lead.name, bytes(lead.bytes));
        engine.screenLeads(0, read.count, "en", today);
        return engine.leadsCsv();
      } catch (e) {
        return `error: ${e}`;
      } finally {
        engine.free();
      }
    });
  }, files, runs.map(({ set, threshold, lead }) => ({ set, threshold, lead })), TODAY);
  let hits = 0;
  runs.forEach(({ set, threshold, leadFile }, i) => {
    const native = cli(screenArgs(set, threshold, leadFile));
    assert.equal(csvs[i], native, `${set.label}, threshold ${threshold}, ${leadFile.split("/").pop()}`);
    hits += hitRows(native);
  });
  assert.ok(hits >= 40, `hit rows compared: ${hits}`);
  console.log(`determinism (Firefox): ${runs.length} screening runs identical, ${hits} hit rows`);
});

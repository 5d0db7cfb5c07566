// Test data for the screening tests, made here (deterministic): lead files,
// a large synthetic watchlist, changed versions of the fixture lists, and
// names taken from the real UN list when it is present.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { ROOT } from "./harness.mjs";

export const FIXTURES = join(ROOT, "tests", "fixtures", "screening");
export const UN_FILE = join(ROOT, "..", "shared", "data", "un-consolidated-2026-02-27.xml");
export const hasUn = () => existsSync(UN_FILE);

export const fixture = (name) => join(FIXTURES, name);
export const sha256 = (bytes) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/** A small deterministic generator (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "ven", "dor", "bel", "sin", "gar", "tal", "mon", "rek", "vis", "zan", "pol", "dur", "fen", "hal", "jor"];

/** An invented word of 2–4 syllables. */
export function word(next) {
  const n = 2 + Math.floor(next() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return w[0].toUpperCase() + w.slice(1);
}

/** A CSV field, quoted when it needs to be. */
export const field = (s) => (/[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A company watchlist (name,aliases,country,note) of `n` invented names. */
export function watchlist(n, seed = 7) {
  const next = rng(seed);
  const names = [];
  const lines = ["name,aliases,country,note"];
  for (let i = 0; i < n; i++) {
    const name = `${word(next)} ${word(next)} ${["Trading", "Systems", "Holding", "Logistics"][i % 4]} ${["LLC", "GmbH", "Ltd", "JSC"][i % 4]}`;
    names.push(name);
    lines.push(`${field(name)},${field(`${word(next)} ${word(next)}`)},${["RU", "IR", "CN", "AE"][i % 4]},synthetic`);
  }
  return { csv: lines.join("\n") + "\n", names };
}

/** Leads: ids L1…; every `every`-th lead is a listed name, the rest invented. */
export function leads(count, listed, seed = 11, every = 10) {
  const next = rng(seed);
  const rows = ["id,name,country"];
  const expected = new Set();
  for (let i = 1; i <= count; i++) {
    if (listed.length && i % every === 0) {
      rows.push(`L${i},${field(listed[Math.floor(next() * listed.length)])},`);
      expected.add(`L${i}`);
    } else {
      rows.push(`L${i},${field(`${word(next)} ${word(next)} Consulting`)},DE`);
    }
  }
  return { csv: rows.join("\n") + "\n", expected };
}

/** Names from the real UN list (its FIRST_NAME fields of entities and people). */
export function unNames() {
  const xml = readFileSync(UN_FILE, "utf8");
  const entities = [...xml.matchAll(/<ENTITY>[\s\S]*?<FIRST_NAME>([^<]+)<\/FIRST_NAME>/g)].map((m) => m[1].trim());
  const people = [...xml.matchAll(/<INDIVIDUAL>[\s\S]*?<FIRST_NAME>([^<]+)<\/FIRST_NAME>\s*<SECOND_NAME>([^<]+)<\/SECOND_NAME>/g)].map((m) => `${m[1].trim()} ${m[2].trim()}`);
  return { entities, people };
}

/** A misspelling: two neighbouring letters swapped in the longest word. */
export function typo(name) {
  const words = name.split(" ");
  let i = 0;
  words.forEach((w, j) => {
    if (w.length > words[i].length) i = j;
  });
  const w = words[i];
  if (w.length > 5) words[i] = w.slice(0, 2) + w[3] + w[2] + w.slice(4);
  return words.join(" ");
}

//! Property tests of the screening index (a fixed-seed generator, so a
//! failure is reproducible): over random and perturbed queries against the
//! test lists, the hits at threshold t are the hits at threshold 0 that
//! score t or more, and the index finds exactly the hits of scoring every
//! alias (the pre-filter never decides a hit).

use std::path::PathBuf;

use export_assessor::core::screening::index::{Hit, Query, Screener, MIN_THRESHOLD};
use export_assessor::core::screening::lists::{load, ListFormat, SanctionsList};

/// xorshift64*: small and deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/screening/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture_lists() -> Vec<SanctionsList> {
    let eu = load(
        ListFormat::EuFsf,
        "eu-mini.xml",
        &fixture("eu-mini.xml"),
        None,
    );
    let un = load(ListFormat::Un, "un-mini.xml", &fixture("un-mini.xml"), None);
    let ofac = load(
        ListFormat::Ofac,
        "sdn.csv",
        &fixture("sdn.csv"),
        Some(&fixture("alt.csv")),
    );
    let csv = load(
        ListFormat::Csv,
        "watchlist.csv",
        &fixture("watchlist.csv"),
        None,
    );
    [eu, un, ofac, csv]
        .into_iter()
        .map(|l| l.expect("fixture list"))
        .collect()
}

const NOISE: &[&str] = &[
    "al", "bin", "trading", "co", "llc", "ltd", "mohammed", "x", "a", "global", "de", "ivan",
    "\u{200b}", "\u{00ad}", "-", "'", ".",
];

/// A name as screening meets it: letters dropped, doubled, swapped or
/// replaced, tokens dropped, moved or added, invisible characters, case.
fn perturbed(rng: &mut Rng, name: &str) -> String {
    let mut tokens: Vec<String> = name.split_whitespace().map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        if tokens.is_empty() {
            tokens.push(NOISE[rng.below(NOISE.len())].to_string());
        }
        let t = rng.below(tokens.len());
        let mut chars: Vec<char> = tokens[t].chars().collect();
        match rng.below(9) {
            0 if !chars.is_empty() => {
                chars.remove(rng.below(chars.len()));
            }
            1 if !chars.is_empty() => {
                let i = rng.below(chars.len());
                chars.insert(i, chars[i]);
            }
            2 if chars.len() > 1 => {
                let i = rng.below(chars.len() - 1);
                chars.swap(i, i + 1);
            }
            3 if !chars.is_empty() => {
                let i = rng.below(chars.len());
                chars[i] = (b'a' + rng.below(26) as u8) as char;
            }
            4 if tokens.len() > 1 => {
                tokens.remove(t);
                continue;
            }
            5 => {
                let i = rng.below(tokens.len() + 1);
                tokens.insert(i, NOISE[rng.below(NOISE.len())].to_string());
                continue;
            }
            6 if tokens.len() > 1 => {
                let moved = tokens.remove(t);
                tokens.push(moved);
                continue;
            }
            7 => chars.insert(rng.below(chars.len() + 1), '\u{200b}'),
            _ => chars = chars.iter().flat_map(|c| c.to_uppercase()).collect(),
        }
        tokens[t] = chars.into_iter().collect();
    }
    tokens.join(" ")
}

fn key(h: &Hit) -> (usize, String, String, u64) {
    (
        h.list,
        h.entry_id.clone(),
        h.matched_name.clone(),
        (h.score * 1000.0).round() as u64,
    )
}

/// Random and perturbed queries drawn from the lists' own names.
fn queries(lists: &[SanctionsList], seed: u64, n: usize) -> Vec<Query> {
    let names: Vec<&str> = lists
        .iter()
        .flat_map(|l| l.entries.iter())
        .flat_map(|e| e.names.iter().map(|a| a.name.as_str()))
        .collect();
    let countries = ["", "KP", "Iran", "DE", "Russian Federation", "Syria"];
    let mut rng = Rng(seed);
    (0..n)
        .map(|i| {
            let name = match i % 4 {
                // words from several names mixed
                0 => (0..1 + rng.below(4))
                    .map(|_| {
                        let n = names[rng.below(names.len())];
                        let w: Vec<&str> = n.split_whitespace().collect();
                        w.get(rng.below(w.len()))
                            .copied()
                            .unwrap_or("x")
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => {
                    let name = names[rng.below(names.len())];
                    perturbed(&mut rng, name)
                }
            };
            let country = countries[rng.below(countries.len())];
            Query {
                name,
                countries: if country.is_empty() {
                    vec![]
                } else {
                    vec![country.to_string()]
                },
                birth_year: rng.chance(20).then(|| 1950 + rng.below(40) as u16),
            }
        })
        .collect()
}

fn check_properties(screener: &Screener, queries: &[Query]) -> usize {
    let mut hits_seen = 0;
    for q in queries {
        let all = screener.screen(q, 0.0);
        let every_alias = screener.screen_exhaustive(q, MIN_THRESHOLD);
        for t in [MIN_THRESHOLD, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95] {
            let at_t: Vec<_> = screener.screen(q, t).iter().map(key).collect();
            let filtered: Vec<_> = all.iter().filter(|h| h.score >= t).map(key).collect();
            assert_eq!(at_t, filtered, "threshold {t} changed the hits of {q:?}");
            let exhaustive: Vec<_> = every_alias
                .iter()
                .filter(|h| h.score >= t)
                .map(key)
                .collect();
            assert_eq!(
                at_t, exhaustive,
                "the index missed or invented a hit at {t} for {q:?}"
            );
            hits_seen += at_t.len();
        }
    }
    hits_seen
}

#[test]
fn hits_do_not_depend_on_the_threshold_or_the_pre_filter_on_the_fixtures() {
    let lists = fixture_lists();
    let qs = queries(&lists, 0x9e37_79b9_7f4a_7c15, 1500);
    let screener = Screener::new(lists);
    let hits = check_properties(&screener, &qs);
    // The queries must reach real hits, or the property says nothing.
    assert!(hits > 1000, "only {hits} hits over {} queries", qs.len());
}

#[test]
fn hits_do_not_depend_on_the_threshold_or_the_pre_filter_on_the_un_list() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/un-consolidated-2026-02-27.xml");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let un = load(ListFormat::Un, "un.xml", &bytes, None).expect("UN list");
    let qs = queries(std::slice::from_ref(&un), 0x2545_f491_4f6c_dd1d, 60);
    let screener = Screener::new(vec![un]);
    let hits = check_properties(&screener, &qs);
    assert!(hits > 50, "only {hits} hits over {} queries", qs.len());
}

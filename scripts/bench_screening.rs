//! Screening benchmark (run by `scripts/bench.sh`; prints figures, asserts
//! nothing). Builds a synthetic EU-format file of 6,018 entities and more
//! than 60,000 aliases from the real UN list, times loading and indexing,
//! times queries, and measures recall and false positives on a
//! perturbation set. Writes the aliases and queries for the rapidfuzz
//! comparison (`scripts/bench_screening.py`).
//!
//! Usage: bench-screening UN.xml OUT_DIR

use std::fmt::Write as _;
use std::time::Instant;

use export_assessor::core::screening::batch::{lead_rows, screen_leads_marked};
use export_assessor::core::screening::index::{Query, Screener, DEFAULT_THRESHOLD};
use export_assessor::core::screening::leads::Lead;
use export_assessor::core::screening::lists::{load, EntryKind, ListFormat};
use export_assessor::core::text::Lang;

#[path = "../tests/support/perturb.rs"]
mod perturb;
use perturb::invented_names as negatives;

fn rss_mb() -> f64 {
    status_mb("VmRSS:")
}

/// Peak resident memory of this process so far.
fn peak_mb() -> f64 {
    status_mb("VmHWM:")
}

fn status_mb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(un_path), Some(out_dir)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: bench-screening UN.xml OUT_DIR");
        std::process::exit(2);
    };
    let un_bytes = std::fs::read(un_path).expect("read the UN list");
    let rss0 = rss_mb();
    let t = Instant::now();
    let un = load(ListFormat::Un, "un.xml", &un_bytes, None).expect("UN list");
    let un_load = t.elapsed();
    let t = Instant::now();
    let un_index = Screener::new(vec![un.clone()]);
    let un_indexing = t.elapsed();

    // A synthetic EU FSF v1.1 file: every UN entry six times, each copy with
    // a distinguishing token and extra alias spellings, padded with the
    // usual regulation, address and identification elements.
    let fillers = ["NORTH", "EAST", "WEST", "SOUTH", "GLOBAL", "UNITED"];
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" generationDate=\"2026-07-31T18:40:51.000+02:00\" globalFileId=\"1\">\n");
    let mut entities = 0;
    let mut aliases = 0;
    for (i, e) in un.entries.iter().enumerate() {
        for (k, filler) in fillers.iter().enumerate() {
            entities += 1;
            let kind = if e.kind == EntryKind::Person {
                ("person", "P")
            } else {
                ("enterprise", "E")
            };
            let _ = write!(xml, "  <sanctionEntity designationDate=\"2022-03-15\" designationDetails=\"\" unitedNationId=\"\" euReferenceNumber=\"EU.{i}.{k}\" logicalId=\"{}\">\n    <regulation regulationType=\"regulation\" organisationType=\"council\" publicationDate=\"2022-03-15\" entryIntoForceDate=\"2022-03-15\" numberTitle=\"2022/{k}\" programme=\"SYN\" logicalId=\"{}\"><publicationUrl>https://eur-lex.invalid/legal-content/EN/TXT/?uri=OJ:L:2022:{i}:FULL</publicationUrl></regulation>\n    <subjectType code=\"{}\" classificationCode=\"{}\"/>\n", i * 10 + k, i * 10 + k, kind.0, kind.1);
            let mut names: Vec<String> = e
                .names
                .iter()
                .map(|a| format!("{} {filler}", a.name))
                .collect();
            let base = names[0].clone();
            names.push(base.to_lowercase());
            names.push(base.split_whitespace().rev().collect::<Vec<_>>().join(" "));
            names.push(base.replace(' ', "-"));
            names.push(format!("{base} (a.k.a.)"));
            names.push(base.to_uppercase().replace('A', "AA"));
            names.push(base.replace("AL ", "EL "));
            while names.len() < 10 {
                names.push(format!("{base} {}", names.len()));
            }
            for n in &names {
                aliases += 1;
                let _ = writeln!(xml, "    <nameAlias firstName=\"\" middleName=\"\" lastName=\"\" wholeName=\"{}\" function=\"\" gender=\"\" title=\"\" nameLanguage=\"\" strong=\"true\" regulationLanguage=\"en\" logicalId=\"{aliases}\"><regulationSummary regulationType=\"regulation\" publicationDate=\"2022-03-15\" numberTitle=\"2022/{k}\" publicationUrl=\"https://eur-lex.invalid/{i}\"/></nameAlias>", xml_escape(n));
            }
            let _ = write!(xml, "    <address city=\"City {i}\" street=\"Street {k}\" poBox=\"\" zipCode=\"{i}{k}\" region=\"\" place=\"\" asAtListingTime=\"true\" contactInfo=\"\" countryIso2Code=\"AF\" countryDescription=\"AFGHANISTAN\" logicalId=\"{i}\"><regulationSummary regulationType=\"regulation\" publicationDate=\"2022-03-15\" numberTitle=\"2022/{k}\" publicationUrl=\"https://eur-lex.invalid/{i}\"/></address>\n    <identification diplomatic=\"false\" knownExpired=\"false\" knownFalse=\"false\" reportedLost=\"false\" revokedByIssuer=\"false\" issuedBy=\"\" latinNumber=\"\" nameOnDocument=\"\" number=\"P{i}{k}\" region=\"\" countryIso2Code=\"AF\" countryDescription=\"AFGHANISTAN\" identificationTypeCode=\"passport\" identificationTypeDescription=\"National passport\" logicalId=\"{i}\"><regulationSummary regulationType=\"regulation\" publicationDate=\"2022-03-15\" numberTitle=\"2022/{k}\" publicationUrl=\"https://eur-lex.invalid/{i}\"/></identification>\n  </sanctionEntity>\n");
        }
    }
    xml.push_str("</export>\n");
    std::fs::create_dir_all(out_dir).expect("out dir");
    let eu_path = format!("{out_dir}/eu-synthetic.xml");
    std::fs::write(&eu_path, &xml).expect("write");

    let t = Instant::now();
    let eu = load(ListFormat::EuFsf, "eu-synthetic.xml", xml.as_bytes(), None).expect("EU list");
    let eu_load = t.elapsed();
    let t = Instant::now();
    let eu_index = Screener::new(vec![eu]);
    let eu_indexing = t.elapsed();
    let rss1 = rss_mb();
    let peak1 = peak_mb();

    // Queries: two perturbation sets of UN names (with the entry they
    // must find; set B from another generator and seed) and invented negatives.
    let entries: Vec<(&str, bool, &str)> = un
        .entries
        .iter()
        .map(|e| {
            (
                e.names[0].name.as_str(),
                e.kind == EntryKind::Person,
                e.id.as_str(),
            )
        })
        .collect();
    let set_a = perturb::set_a(entries.iter().copied());
    let set_b = perturb::set_b(entries.iter().copied(), perturb::SEED_B);
    let cases: Vec<(String, String)> = set_a
        .iter()
        .map(|c| (c.query.clone(), c.entry_id.clone()))
        .collect();
    let mut rng = perturb::Rng(perturb::SEED_B ^ 1);
    let negs_b = perturb::invented_names_b(&mut rng, 400);
    let negs = negatives();
    let mut lines = String::new();
    for (q, id) in &cases {
        let _ = writeln!(lines, "P\t{id}\t{q}");
    }
    for n in &negs {
        let _ = writeln!(lines, "N\t-\t{n}");
    }
    std::fs::write(format!("{out_dir}/queries.tsv"), lines).expect("write");
    let mut lines_b = String::new();
    for c in &set_b {
        let _ = writeln!(lines_b, "P\t{}\t{}", c.entry_id, c.query);
    }
    for n in &negs_b {
        let _ = writeln!(lines_b, "N\t-\t{n}");
    }
    std::fs::write(format!("{out_dir}/queries-b.tsv"), lines_b).expect("write");
    let mut alias_lines = String::new();
    for e in &un.entries {
        for a in &e.names {
            let _ = writeln!(
                alias_lines,
                "{}\t{}",
                e.id,
                a.name.replace(['\t', '\n', '\r'], " ")
            );
        }
    }
    std::fs::write(format!("{out_dir}/un-aliases.tsv"), alias_lines).expect("write");

    let time_queries = |s: &Screener| -> f64 {
        let mut per = Vec::new();
        for (q, _) in cases.iter().chain(
            negs.iter()
                .map(|n| (n.clone(), String::new()))
                .collect::<Vec<_>>()
                .iter(),
        ) {
            let query = Query {
                name: q.clone(),
                ..Default::default()
            };
            let t = Instant::now();
            std::hint::black_box(s.screen(&query, DEFAULT_THRESHOLD));
            per.push(t.elapsed().as_secs_f64() * 1e3);
        }
        median(per)
    };
    let un_ms = time_queries(&un_index);
    // A mean over all queries, as the browser benchmark measures it.
    let all: Vec<Query> = cases
        .iter()
        .map(|(q, _)| q.clone())
        .chain(negs.iter().cloned())
        .map(|name| Query {
            name,
            ..Default::default()
        })
        .collect();
    // `PROFILE_UN_QUERIES=N`: only screen the UN queries N times (for a profiler).
    if let Some(n) = std::env::var("PROFILE_UN_QUERIES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        let names: Vec<String> = all.iter().map(|q| q.name.clone()).collect();
        let t = Instant::now();
        for _ in 0..n {
            for name in &names {
                std::hint::black_box(un_index.screen(
                    &Query {
                        name: name.clone(),
                        ..Default::default()
                    },
                    DEFAULT_THRESHOLD,
                ));
            }
        }
        let per = t.elapsed().as_secs_f64() * 1e3 / (n * names.len()) as f64;
        println!("{per:.4} ms/query over {} queries", n * names.len());
        return;
    }
    let t = Instant::now();
    for _ in 0..5 {
        for q in &all {
            std::hint::black_box(un_index.screen(q, DEFAULT_THRESHOLD));
        }
    }
    let un_mean = t.elapsed().as_secs_f64() * 1e3 / (5 * all.len()) as f64;
    let t = Instant::now();
    for _ in 0..5 {
        for q in &all {
            std::hint::black_box(eu_index.screen(q, DEFAULT_THRESHOLD));
        }
    }
    let eu_mean = t.elapsed().as_secs_f64() * 1e3 / (5 * all.len()) as f64;
    let eu_ms = time_queries(&eu_index);
    // The worker's path per lead, without the hand-over to JavaScript:
    // screening, the recorded hit, the register's marks and the table rows
    // (what the wasm benchmark times, so its ratio compares like with like).
    let destinations = export_assessor::core::Destinations::builtin().expect("destination data");
    let leads: Vec<Lead> = all
        .iter()
        .enumerate()
        .map(|(i, q)| Lead {
            id: format!("Q{i}"),
            name: q.name.clone(),
            country: None,
            birth_year: None,
        })
        .collect();
    let batch_mean = |s: &Screener| {
        let t = Instant::now();
        for _ in 0..5 {
            let marked =
                screen_leads_marked(s, &leads, &destinations, DEFAULT_THRESHOLD, Lang::En, None);
            std::hint::black_box(lead_rows(&leads, &marked));
        }
        t.elapsed().as_secs_f64() * 1e3 / (5 * leads.len()) as f64
    };
    let un_batch = batch_mean(&un_index);
    let eu_batch = batch_mean(&eu_index);
    let quality = |cases: &[perturb::Case], negs: &[String]| {
        let hits = |name: &str| {
            un_index.screen(
                &Query {
                    name: name.to_string(),
                    ..Default::default()
                },
                DEFAULT_THRESHOLD,
            )
        };
        let mut per_class: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        for c in cases {
            let found = hits(&c.query).iter().any(|h| h.entry_id == c.entry_id);
            let e = per_class.entry(c.class).or_default();
            e.0 += usize::from(found);
            e.1 += 1;
        }
        let found: usize = per_class.values().map(|v| v.0).sum();
        let flagged = negs.iter().filter(|n| !hits(n).is_empty()).count();
        (found, flagged, per_class)
    };
    let (found_a, flagged_a, classes_a) = quality(&set_a, &negs);
    let (found_b, flagged_b, classes_b) = quality(&set_b, &negs_b);
    println!("screening benchmark (native, release; threshold {DEFAULT_THRESHOLD})");
    println!("  UN list: {} bytes, {} entries, {} aliases: load {:.1} ms + index {:.1} ms; median {:.3} ms/query", un_bytes.len(), un_index.entry_count(), un_index.alias_count(), un_load.as_secs_f64() * 1e3, un_indexing.as_secs_f64() * 1e3, un_ms);
    println!("  synthetic EU FSF file: {} bytes, {entities} entities, {aliases} aliases: load {:.0} ms + index {:.0} ms = {:.2} s (target ≤ 1.5 s); median {:.3} ms/query", xml.len(), eu_load.as_secs_f64() * 1e3, eu_indexing.as_secs_f64() * 1e3, (eu_load + eu_indexing).as_secs_f64(), eu_ms);
    println!(
        "  memory: {:.0} MB resident after loading both (from {:.0} MB); peak {:.0} MB (the EU-size file, its parse and its index included)",
        rss1, rss0, peak1
    );
    for (set, found, n, flagged, negatives, classes) in [
        (
            "A (fixed classes by position)",
            found_a,
            set_a.len(),
            flagged_a,
            negs.len(),
            &classes_a,
        ),
        (
            "B (random classes, seed 0x5eedb0b51234abcd)",
            found_b,
            set_b.len(),
            flagged_b,
            negs_b.len(),
            &classes_b,
        ),
    ] {
        println!("  quality on the UN list, set {set}: recall {found}/{n} = {:.3} (target ≥ 0.97); negatives flagged {flagged}/{negatives} = {:.3} (target ≤ 0.01)", found as f64 / n as f64, flagged as f64 / negatives as f64);
        let per: Vec<String> = classes
            .iter()
            .map(|(c, (f, n))| format!("{c} {f}/{n}"))
            .collect();
        println!("    per class: {}", per.join("; "));
    }
    println!("  files for the rapidfuzz comparison: {out_dir}/queries.tsv, {out_dir}/un-aliases.tsv, {eu_path}");
    println!("  mean over all queries (compare with the browser benchmark): UN {un_mean:.4} ms/query, EU {eu_mean:.4} ms/query");
    println!("  the worker's path per lead natively (screening, recorded hit, table rows): UN {un_batch:.4} ms, EU {eu_batch:.4} ms");
    println!("EXPORT_ASSESSOR_BATCH_MS_PER_LEAD_UN={un_batch:.4}");
    println!("EXPORT_ASSESSOR_BATCH_MS_PER_LEAD_EU={eu_batch:.4}");
    println!("EXPORT_ASSESSOR_MS_PER_QUERY_UN={un_ms:.4}");
    println!("EXPORT_ASSESSOR_MEAN_MS_PER_QUERY_UN={un_mean:.4}");
    println!("EXPORT_ASSESSOR_MEAN_MS_PER_QUERY_EU={eu_mean:.4}");
    println!("EXPORT_ASSESSOR_MS_PER_QUERY_EU={eu_ms:.4}");
}

//! Benchmark of the assessment core (run by `scripts/bench.sh`; prints
//! figures, asserts nothing). Native, release build.

use std::time::Instant;

use export_assessor::core::answers::load_answers;
use export_assessor::core::evaluate::{evaluate, next_steps};
use export_assessor::core::report::{verify, Report};
use export_assessor::core::{Destinations, Lang, RuleSet};

fn median_ns(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(|a, b| a.total_cmp(b));
    (
        samples[samples.len() / 2],
        samples[samples.len() * 95 / 100],
    )
}

/// Times `f` in batches; returns (median, p95) nanoseconds per call.
fn time<F: FnMut()>(batches: usize, per_batch: usize, mut f: F) -> (f64, f64) {
    for _ in 0..per_batch {
        f(); // warm-up
    }
    let samples = (0..batches)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            t.elapsed().as_nanos() as f64 / per_batch as f64
        })
        .collect();
    median_ns(samples)
}

fn main() {
    let t = Instant::now();
    let _rules =
        RuleSet::load(export_assessor::core::ruleset::DEFAULT_JSON.as_bytes()).expect("rule set");
    let load_rules = t.elapsed(); // the parse-validate-compile cost, timed once
    let t = Instant::now();
    let dest = Destinations::builtin().expect("destinations");
    let load_dest = t.elapsed();
    let rules_de = RuleSet::eu_default().expect("rule set");

    let full = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/001-proceed-cs-item-no-red-flags.json"
    ))
    .unwrap();
    let answers = load_answers(&full, rules_de, &dest).unwrap();
    let a = evaluate(rules_de, &dest, &answers);
    assert!(
        a.missing.is_empty(),
        "the benchmark assessment must be complete"
    );

    println!("export-assessor core benchmark (native, release; median and p95 of batches)");
    println!(
        "  load + validate rule set:      {:>9.1} µs (once)",
        load_rules.as_secs_f64() * 1e6
    );
    println!(
        "  load + validate destinations:  {:>9.1} µs (once)",
        load_dest.as_secs_f64() * 1e6
    );
    let (m, p) = time(200, 200, || {
        std::hint::black_box(evaluate(rules_de, &dest, std::hint::black_box(&answers)));
    });
    println!("  evaluate a full assessment:    {:>9.2} µs median, {:.2} µs p95  ({} questions answered; budget 50 µs)", m / 1e3, p / 1e3, answers.len());
    let (m, p) = time(100, 100, || {
        let a = evaluate(rules_de, &dest, &answers);
        std::hint::black_box(next_steps(rules_de, &dest, &answers, &a, Lang::En));
    });
    println!(
        "  evaluate + next steps:         {:>9.2} µs median, {:.2} µs p95",
        m / 1e3,
        p / 1e3
    );
    let (m, p) = time(50, 50, || {
        std::hint::black_box(
            Report::build(
                rules_de,
                &dest,
                &answers,
                &a,
                Lang::En,
                "2026-11-25T10:00:00Z",
                "2026-11-25T10:00:00Z",
            )
            .unwrap(),
        );
    });
    println!(
        "  build + seal report:           {:>9.2} µs median, {:.2} µs p95",
        m / 1e3,
        p / 1e3
    );
    let report = Report::build(
        rules_de,
        &dest,
        &answers,
        &a,
        Lang::En,
        "2026-11-25T10:00:00Z",
        "2026-11-25T10:00:00Z",
    )
    .unwrap()
    .to_json_pretty();
    let (m, p) = time(50, 50, || {
        std::hint::black_box(verify(report.as_bytes()).unwrap());
    });
    println!(
        "  verify report ({} bytes):    {:>9.2} µs median, {:.2} µs p95",
        report.len(),
        m / 1e3,
        p / 1e3
    );
}

//! Party screening: loaders on small fixtures, malformed input, matching
//! behaviour, and quality on a perturbation set built from the real UN
//! list (skipped, with a message, when ../shared/data is absent).

use std::path::PathBuf;

use export_assessor::core::screening::index::{Query, Screener, DEFAULT_THRESHOLD};
use export_assessor::core::screening::leads::load_leads;
use export_assessor::core::screening::lists::{detect, load, EntryKind, ListFormat, SanctionsList};
use export_assessor::core::screening::normalize::normalize;

mod support;
use support::perturb::{self, invented_names};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/screening/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn un_file() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/un-consolidated-2026-02-27.xml");
    p.exists().then_some(p)
}

fn fixtures() -> Vec<SanctionsList> {
    vec![
        load(
            ListFormat::EuFsf,
            "eu-mini.xml",
            &fixture("eu-mini.xml"),
            None,
        )
        .unwrap(),
        load(ListFormat::Un, "un-mini.xml", &fixture("un-mini.xml"), None).unwrap(),
        load(
            ListFormat::Ofac,
            "sdn.csv",
            &fixture("sdn.csv"),
            Some(&fixture("alt.csv")),
        )
        .unwrap(),
        load(
            ListFormat::Csv,
            "watchlist.csv",
            &fixture("watchlist.csv"),
            None,
        )
        .unwrap(),
    ]
}

/// The one helper for matching: the best hit for `name` (with optional
/// country and birth year) must be `expected` (None: no hit at all).
fn check(s: &Screener, name: &str, countries: &[&str], year: Option<u16>, expected: Option<&str>) {
    let q = Query {
        name: name.into(),
        countries: countries.iter().map(|c| c.to_string()).collect(),
        birth_year: year,
    };
    let hits = s.screen(&q, DEFAULT_THRESHOLD);
    match expected {
        Some(id) => {
            let best = hits
                .first()
                .unwrap_or_else(|| panic!("{name}: no hit, expected {id}"));
            assert_eq!(
                best.entry_id,
                id,
                "{name}: best hit {} ({})",
                best.entry_id,
                best.explanation.text()
            );
            assert!(
                best.explanation.text().contains("alias"),
                "every hit is explained"
            );
        }
        None => assert!(
            hits.is_empty(),
            "{name}: unexpected hit {} ({})",
            hits[0].entry_id,
            hits[0].explanation.text()
        ),
    }
}

#[test]
fn every_format_loads_with_ids_names_dates_and_checksums() {
    let lists = fixtures();
    let eu = &lists[0];
    assert_eq!(
        eu.generated.as_deref(),
        Some("2026-07-31T18:40:51.000+02:00")
    );
    assert_eq!(
        eu.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["13", "27", "31"]
    );
    assert_eq!(eu.entries[0].kind, EntryKind::Entity);
    assert!(
        !eu.entries[0].names[3].strong,
        "strong=\"false\" marks a weak alias"
    );
    assert_eq!(eu.entries[1].birth_years, [1961]);
    assert_eq!(eu.entries[1].countries, ["RU"]);
    assert!(eu.entries[2].countries.is_empty(), "\"00\" is no country");
    let un = &lists[1];
    assert_eq!(un.generated.as_deref(), Some("2026-02-27T00:00:09.554Z"));
    assert_eq!(un.entries[0].id, "QDi.900");
    assert_eq!(un.entries[0].names[0].name, "ABDUL RAHMAN AL-KHALIL");
    assert!(
        un.entries[0]
            .names
            .iter()
            .any(|a| a.name == "Doctor" && !a.strong),
        "QUALITY Low is weak"
    );
    assert_eq!(un.entries[0].birth_years, [1970]);
    assert_eq!(un.entries[1].kind, EntryKind::Entity);
    let ofac = &lists[2];
    assert_eq!(ofac.entries.len(), 2);
    assert_eq!(
        ofac.entries[1].names.len(),
        3,
        "sdn.csv name plus two alt.csv aliases"
    );
    assert!(!ofac.entries[1].names[2].strong);
    let csv = &lists[3];
    assert_eq!(csv.entries[0].names.len(), 3);
    assert_eq!(csv.entries[1].names[0].name, "Acme \"Shadow\" Ltd");
    for l in &lists {
        assert!(l.sha256.starts_with("sha256:") && l.sha256.len() == 71);
    }
    assert_eq!(detect(&fixture("eu-mini.xml")), Some(ListFormat::EuFsf));
    assert_eq!(detect(&fixture("un-mini.xml")), Some(ListFormat::Un));
    assert_eq!(detect(&fixture("sdn.csv")), Some(ListFormat::Ofac));
    assert_eq!(detect(&fixture("watchlist.csv")), Some(ListFormat::Csv));
}

#[test]
fn malformed_lists_get_a_precise_error_and_no_panic() {
    let eu = fixture("eu-mini.xml");
    for cut in [40, eu.len() / 3, eu.len() / 2, eu.len() - 12] {
        let e = load(ListFormat::EuFsf, "eu.xml", &eu[..cut], None).expect_err("truncated");
        assert!(e.location.starts_with("eu.xml: line"), "{e}");
    }
    let e = load(ListFormat::Un, "x.xml", &fixture("eu-mini.xml"), None).expect_err("wrong format");
    assert!(e.problem.contains("<CONSOLIDATED_LIST> is missing"), "{e}");
    let e = load(
        ListFormat::Csv,
        "w.csv",
        b"name,country\n\"open quote,DE\n",
        None,
    )
    .expect_err("quote");
    assert!(
        e.location == "w.csv: line 2" && e.problem.contains("not closed"),
        "{e}"
    );
    let e = load(ListFormat::Csv, "w.csv", b"who,country\nX,DE\n", None).expect_err("no name");
    assert!(e.problem.contains("no \"name\" column"), "{e}");
    let e = load(ListFormat::Ofac, "sdn.csv", b"abc,\"NAME\"\n", None).expect_err("ent_num");
    assert!(e.problem.contains("not a number"), "{e}");
    let e = load(
        ListFormat::EuFsf,
        "e.xml",
        b"<export generationDate=\"x\"></export>",
        None,
    )
    .expect_err("empty");
    assert!(e.problem.contains("no entries"), "{e}");
    assert!(load(ListFormat::Un, "bin", &[0xff, 0x00, 0x3c, 0x3c, 0xfe], None).is_err());
}

#[test]
fn normalisation_folds_case_diacritics_scripts_punctuation_and_legal_forms() {
    assert_eq!(
        normalize("Zoë Müller-Łukasiewicz").tokens,
        ["zoe", "muller", "lukasiewicz"]
    );
    assert_eq!(
        normalize("Иван Петрович Сидоров").tokens,
        ["ivan", "petrovich", "sidorov"]
    );
    assert_eq!(
        normalize("Αλέξανδρος Παπαδόπουλος").tokens,
        ["alexandros", "papadopoulos"]
    );
    assert_eq!(normalize("O'Brien, U.S.A.").tokens, ["obrien", "usa"]);
    let n = normalize("Tekhnopribor LLC");
    assert_eq!(
        (n.tokens.clone(), n.forms.clone()),
        (vec!["tekhnopribor".to_string()], vec!["llc"])
    );
    assert_eq!(
        normalize("OOO Техноприбор").forms,
        ["llc"],
        "OOO and LLC are one form"
    );
    assert_eq!(normalize("Alfa S.p.A.").forms, ["sa"]);
    assert_eq!(
        normalize("Limited").tokens,
        ["limited"],
        "a name that is only a form keeps it"
    );
    assert_eq!(
        normalize("محمد علي").tokens,
        ["محمد", "علي"],
        "other scripts are kept"
    );
}

#[test]
fn matching_tolerates_order_typos_forms_scripts_and_uses_country_and_birth_year() {
    let s = Screener::new(fixtures());
    check(&s, "Sidorov Ivan Petrovich", &[], None, Some("27"));
    check(&s, "Ivan Sidorov", &[], None, Some("27"));
    check(&s, "Ivan Sidorow", &[], None, Some("27"));
    check(&s, "Сидоров Иван", &[], None, Some("27"));
    check(&s, "OOO Tekhnopribor", &[], None, Some("13"));
    check(
        &s,
        "Tekhnopribor Limited Liability Company",
        &[],
        None,
        Some("13"),
    );
    check(&s, "Zoe Mueller Lukasiewicz", &[], None, Some("31"));
    check(&s, "National Bank of Cuba", &[], None, Some("306"));
    check(&s, "Serguei Petroff", &[], None, Some("10001"));
    check(&s, "Nordlicht Logistics", &["DE"], None, Some("row 2"));
    check(
        &s,
        "Abdul Rahman Al Khalil",
        &[],
        Some(1970),
        Some("QDi.900"),
    );
    check(&s, "Zeus Trading Co", &[], None, Some("KPe.900"));
    // Not matches.
    check(&s, "Anna Schmidt", &[], None, None);
    check(&s, "Ivan Petrov Construction Ltd", &[], None, None);
    check(&s, "Doctor", &[], None, None);
    // Country and year of birth raise or lower the score, and say so.
    let score = |countries: &[&str], year| {
        let q = Query {
            name: "Abdul Rahman Al Kalil".into(),
            countries: countries.iter().map(|c| c.to_string()).collect(),
            birth_year: year,
        };
        s.screen(&q, 0.0)
            .into_iter()
            .find(|h| h.entry_id == "QDi.900")
            .map(|h| (h.score, h.explanation.text()))
            .unwrap()
    };
    let (plain, _) = score(&[], None);
    let (same_year, why) = score(&[], Some(1970));
    let (other_year, why_not) = score(&[], Some(1990));
    let (same_country, _) = score(&["Syrian Arab Republic"], None);
    assert!(
        same_year > plain && why.contains("year of birth matches"),
        "{why}"
    );
    assert!(
        other_year < plain && why_not.contains("year of birth differs"),
        "{why_not}"
    );
    assert!(same_country > plain);
}

#[test]
fn leads_files_are_read_with_header_detection_delimiters_and_encodings() {
    let leads = load_leads(
        "l.csv",
        b"\xef\xbb\xbfid;name;country\r\n1;M\xc3\xbcller GmbH;DE\r\n2;Anna;\r\n",
    )
    .unwrap();
    assert_eq!(leads.len(), 2);
    assert_eq!(leads[0].name, "Müller GmbH");
    assert_eq!(leads[0].country.as_deref(), Some("DE"));
    assert_eq!(leads[1].country, None);
    let leads = load_leads("l.csv", b"7,M\xfcller AG,AT\n").unwrap(); // Windows-1252, no header
    assert_eq!(
        (leads[0].id.as_str(), leads[0].name.as_str()),
        ("7", "Müller AG")
    );
    assert!(load_leads("l.csv", b"id,name\n1,\n")
        .unwrap_err()
        .problem
        .contains("name is empty"));
}

#[test]
fn quality_on_the_un_list_recall_and_false_positives() {
    let Some(path) = un_file() else {
        eprintln!("SKIPPED: ../shared/data/un-consolidated-2026-02-27.xml is absent");
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let list = load(ListFormat::Un, "un.xml", &bytes, None).unwrap();
    assert_eq!(
        list.entries
            .iter()
            .filter(|e| e.kind == EntryKind::Person)
            .count(),
        730
    );
    assert_eq!(
        list.entries
            .iter()
            .filter(|e| e.kind == EntryKind::Entity)
            .count(),
        273
    );
    assert_eq!(list.generated.as_deref(), Some("2026-02-27T00:00:09.554Z"));
    let entries: Vec<(&str, bool, &str)> = list
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
    let mut rng = perturb::Rng(perturb::SEED_B ^ 1);
    let negatives_b = perturb::invented_names_b(&mut rng, 400);
    // Every country the UN list writes maps to an ISO code (with the
    // destination data's names), so the country adjustment compares codes.
    {
        use export_assessor::core::screening::batch::country_codes;
        let dest = export_assessor::core::Destinations::builtin().unwrap();
        let s = Screener::with_country_codes(vec![], country_codes(&dest));
        let mut unknown: Vec<&str> = list
            .entries
            .iter()
            .flat_map(|e| e.countries.iter())
            .map(String::as_str)
            .filter(|c| s.country_code(c).is_none())
            .filter(|c| !matches!(*c, "former Soviet Union" | "na"))
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        assert!(unknown.is_empty(), "no ISO code for {unknown:?}");
    }
    let s = Screener::new(vec![list.clone()]);
    let hit = |name: &str| {
        s.screen(
            &Query {
                name: name.to_string(),
                ..Default::default()
            },
            DEFAULT_THRESHOLD,
        )
    };
    for (set, cases, negatives) in [("A", &set_a, invented_names()), ("B", &set_b, negatives_b)] {
        let mut per_class: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        let mut missed = Vec::new();
        for c in cases.iter() {
            let found = hit(&c.query).iter().any(|h| h.entry_id == c.entry_id);
            let e = per_class.entry(c.class).or_default();
            e.0 += usize::from(found);
            e.1 += 1;
            if !found {
                missed.push(format!("{} {}: {}", c.class, c.entry_id, c.query));
            }
        }
        let found: usize = per_class.values().map(|v| v.0).sum();
        let recall = found as f64 / cases.len() as f64;
        eprintln!("set {set}: recall {found}/{} = {recall:.3}", cases.len());
        for (class, (f, n)) in &per_class {
            eprintln!("  {class}: {f}/{n}");
        }
        if std::env::var("SHOW_MISSED").is_ok() {
            for m in &missed {
                eprintln!("  missed {m}");
            }
        }
        let flagged: Vec<&String> = negatives.iter().filter(|n| !hit(n).is_empty()).collect();
        let rate = flagged.len() as f64 / negatives.len() as f64;
        eprintln!(
            "set {set}: false positives {}/{} = {rate:.3}: {flagged:?}",
            flagged.len(),
            negatives.len()
        );
        assert!(
            cases.len() > 800,
            "set {set} has only {} cases",
            cases.len()
        );
        assert!(recall >= 0.97, "set {set}: recall {recall:.3} below 0.97");
        assert!(
            rate <= 0.01,
            "set {set}: false-positive rate {rate:.3} above 0.01: {flagged:?}"
        );
    }
}

#[test]
fn not_a_match_decisions_hold_until_the_list_entry_changes() {
    use export_assessor::core::screening::decisions::{status, HitStatus};
    use export_assessor::core::screening::parties::answer;
    use export_assessor::core::screening::record::{ScreeningRecord, Verdict};
    let request = &export_assessor::core::screening::record::Request::parse(r#"{"ref":"a1","lang":"en","parties":[{"question":"end_user_name","name":"Ivan Sidorov","country":""}]}"#).unwrap();
    let no_names = |_: &str| Vec::new();
    let lists = fixtures();
    let mut record = ScreeningRecord::default();
    // The first hit of the first party, and its status.
    fn first(record: &ScreeningRecord) -> HitStatus<'_> {
        let p = &record.parties[0];
        status(record, p, &p.hits[0])
    }
    record.apply(
        &answer(
            &Screener::new(lists.clone()),
            request,
            DEFAULT_THRESHOLD,
            &no_names,
        )
        .unwrap(),
        "2026-11-25T09:00:00Z",
    );
    let party = &record.parties[0];
    let hit = &party.hits[0];
    assert_eq!(
        (hit.list_key.as_str(), hit.entry_id.as_str()),
        ("eu-fsf", "27")
    );
    let (party, hit) = (party.key(), hit.key());
    assert_eq!(first(&record), HitStatus::Open);
    assert!(
        !record.decide(
            &party,
            &hit,
            Verdict::NotAMatch,
            "  ",
            "2026-11-25T10:00:00Z"
        ),
        "a dismissal needs a reason"
    );
    assert!(record.decide(
        &party,
        &hit,
        Verdict::NotAMatch,
        "different person: born 1985, Tallinn",
        "2026-11-25T10:00:00Z"
    ));
    assert!(
        matches!(first(&record), HitStatus::Dismissed(d) if d.reason.starts_with("different person"))
    );

    // Screening again with the same list keeps the decision.
    record.apply(
        &answer(
            &Screener::new(lists.clone()),
            request,
            DEFAULT_THRESHOLD,
            &no_names,
        )
        .unwrap(),
        "2026-11-26T09:00:00Z",
    );
    assert!(matches!(first(&record), HitStatus::Dismissed(_)));
    // An engine without lists changes nothing (the evidence is kept).
    let before = record.clone();
    record.apply(
        &answer(
            &Screener::new(vec![]),
            request,
            DEFAULT_THRESHOLD,
            &no_names,
        )
        .unwrap(),
        "2026-11-26T10:00:00Z",
    );
    assert_eq!(record, before);

    // A new version of the list adds an alias to the entry: raised again.
    let mut changed = lists;
    changed[0].entries[1]
        .names
        .push(export_assessor::core::screening::lists::Alias {
            name: "Ivan Sidorov-Petrov".into(),
            strong: true,
        });
    record.apply(
        &answer(
            &Screener::new(changed),
            request,
            DEFAULT_THRESHOLD,
            &no_names,
        )
        .unwrap(),
        "2026-11-27T09:00:00Z",
    );
    assert!(
        matches!(first(&record), HitStatus::Reopened(d) if d.decided_at == "2026-11-25T10:00:00Z"),
        "a changed entry reopens the hit"
    );
    assert!(first(&record).is_open());
    // Withdrawing the decision leaves the hit open.
    assert!(record.undecide(&party, &hit));
    assert_eq!(first(&record), HitStatus::Open);
    assert!(!record.undecide(&party, &hit));
}

#[test]
fn the_index_grows_and_shrinks_list_by_list() {
    let lists = fixtures();
    let mut s = Screener::new(vec![lists[0].clone()]);
    let q = Query {
        name: "Ivan Sidorov".into(),
        ..Default::default()
    };
    assert_eq!(s.screen(&q, DEFAULT_THRESHOLD).len(), 1);
    for l in &lists[1..] {
        s.add(l.clone());
    }
    let all = Screener::new(lists.clone());
    assert_eq!(
        (s.entry_count(), s.alias_count()),
        (all.entry_count(), all.alias_count())
    );
    let removed = s.remove(0).unwrap();
    assert_eq!(removed.label, "eu-mini.xml");
    assert!(s
        .screen(&q, DEFAULT_THRESHOLD)
        .iter()
        .all(|h| s.lists[h.list].label != "eu-mini.xml"));
    assert_eq!(s.lists.len(), 3);
    assert!(s.remove(7).is_none());
    // What remains still finds its own entries.
    let rest = Screener::new(lists[1..].to_vec());
    assert_eq!(
        (s.entry_count(), s.alias_count()),
        (rest.entry_count(), rest.alias_count())
    );
}

#[test]
fn batch_results_filter_sort_and_page_as_the_table_shows_them() {
    use export_assessor::core::screening::batch::{to_csv, HitRow, CSV_HEADER};
    use export_assessor::core::screening::table::{Column, TableView, PAGE_ROWS};
    let row = |id: &str, name: &str, list: &str, score: f64| HitRow {
        query_id: id.into(),
        query: name.into(),
        country: None,
        list: list.into(),
        list_key: list.into(),
        entry_id: format!("E-{id}"),
        matched_name: name.to_uppercase(),
        score,
        explanation: "alias".into(),
        status: "hit".into(),
        entry_fingerprint: String::new(),
    };
    let rows = vec![
        row("L10", "Anna", "un.xml", 0.9),
        row("L2", "Boris", "sdn.csv", 0.97),
        row("L1", "Carla", "un.xml", 0.86),
    ];
    let mut view = TableView::default();
    let ids = |v: &TableView| {
        v.rows(&rows)
            .iter()
            .map(|r| r.query_id.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&view), ["L2", "L10", "L1"], "best score first");
    view.sort_by(Column::Lead);
    assert_eq!(ids(&view), ["L1", "L2", "L10"], "lead ids in natural order");
    view.sort_by(Column::Lead);
    assert_eq!(
        ids(&view),
        ["L10", "L2", "L1"],
        "a second click turns the order round"
    );
    view.filter = "UN.XML".into();
    assert_eq!(ids(&view), ["L10", "L1"], "the filter ignores case");
    view.filter = "nobody".into();
    assert!(ids(&view).is_empty());
    let many: Vec<HitRow> = (0..250)
        .map(|i| row(&format!("L{i}"), "x", "l", 0.9))
        .collect();
    let all = TableView::default();
    let shown = all.rows(&many);
    assert_eq!(all.page_of(&shown).2, 3);
    let last = TableView {
        page: 99,
        ..TableView::default()
    };
    let (page, at, pages) = last.page_of(&shown);
    assert_eq!(
        (page.len(), at, pages),
        (250 - 2 * PAGE_ROWS, 2, 3),
        "a page out of range shows the last"
    );
    // The CSV has the CLI's header and quotes what needs it; a cell that a
    // spreadsheet would run as a formula is defused.
    let csv = to_csv([&row("=1+1", "A, \"B\"", "un.xml", 0.9)]);
    assert_eq!(csv.lines().next(), Some(CSV_HEADER));
    assert!(csv.contains("'=1+1,\"A, \"\"B\"\"\""), "{csv}");
}

/// The normalisation corpus (tests/fixtures/screening/normalization-corpus.json):
/// every class of invisible, compatibility, diacritic, homoglyph and
/// transcription trick folds to the tokens a person would read.
#[test]
fn the_normalisation_corpus_folds_what_people_cannot_see() {
    let corpus: serde_json::Value =
        serde_json::from_slice(&fixture("normalization-corpus.json")).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let want: Vec<&str> = case["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let got = normalize(name).tokens;
        if got != want {
            failures.push(format!(
                "{}: {name:?} → {got:?}, want {want:?}",
                case["class"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // And a hidden character changes neither the hit nor its score.
    let s = Screener::new(fixtures());
    let score = |name: &str| {
        s.screen(
            &Query {
                name: name.into(),
                ..Default::default()
            },
            DEFAULT_THRESHOLD,
        )
        .first()
        .map(|h| (h.entry_id.clone(), h.score))
    };
    let clean = score("Ivan Sidorov");
    assert!(clean.is_some());
    for hidden in [
        "\u{200b}",
        "\u{200c}",
        "\u{200d}",
        "\u{2060}",
        "\u{feff}",
        "\u{ad}",
        "\u{200e}",
        "\u{202e}",
        "\u{180e}",
        "\u{e0072}",
    ] {
        assert_eq!(score(&format!("Ivan Sido{hidden}rov")), clean, "{hidden:?}");
    }
}

/// Hostile sizes cost bounded time and memory: a 5 MB name, a name of
/// 100,000 words, and an entry with more than 65,535 aliases (whose last
/// alias must be reported as itself).
#[test]
fn long_names_and_many_aliases_are_bounded_and_reported_right() {
    let huge = "Ivan Sidorov ".repeat(400_000); // 5.2 MB, 800,000 words
    let n = normalize(&huge);
    assert!(n.truncated);
    assert!(n.tokens.len() <= 32, "{} tokens", n.tokens.len());
    let s = Screener::new(fixtures());
    let started = std::time::Instant::now();
    let hits = s.screen(
        &Query {
            name: huge.clone(),
            ..Default::default()
        },
        DEFAULT_THRESHOLD,
    );
    let words = "word ".repeat(100_000);
    let _ = s.screen(
        &Query {
            name: words,
            ..Default::default()
        },
        0.5,
    );
    assert!(
        started.elapsed().as_secs_f64() < 5.0,
        "took {:?}",
        started.elapsed()
    );
    drop(hits);

    // A list name cut for comparison is counted in the list's warnings
    // (once, also after another list is removed).
    let csv = format!("id,name\nW9,{}\nW10,Short Name\n", "Long ".repeat(300));
    let cut = load(ListFormat::Csv, "cut.csv", csv.as_bytes(), None).unwrap();
    let mut s = Screener::new(vec![cut]);
    s.add(fixtures().remove(0));
    s.remove(1);
    use export_assessor::core::screening::lists::ListWarning;
    assert_eq!(
        s.lists[0]
            .warnings
            .iter()
            .filter(|w| matches!(w, ListWarning::NamesCut { names: 1 }))
            .count(),
        1,
        "{:?}",
        s.lists[0].warnings
    );

    // One watchlist entry with 70,000 aliases; the last one is the match.
    let mut aliases: Vec<String> = (0..70_000).map(|i| format!("Filler Name {i}")).collect();
    aliases.push("Quentin Zebulon Marchbanks".into());
    let csv = format!(
        "id,name,aliases\nW1,Placeholder Entry,{}\n",
        aliases.join(";")
    );
    let list = load(ListFormat::Csv, "many.csv", csv.as_bytes(), None).unwrap();
    let s = Screener::new(vec![list]);
    let hits = s.screen(
        &Query {
            name: "Quentin Zebulon Marchbanks".into(),
            ..Default::default()
        },
        DEFAULT_THRESHOLD,
    );
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].matched_name, "Quentin Zebulon Marchbanks");
    assert_eq!(hits[0].score, 1.0, "an exact match scores 1.00");
}

/// What a user sees is right: list country names map to ISO codes, an
/// unmatched query token keeps a hit below a full match and is named, and
/// 1.00 is only for an exact match.
#[test]
fn scores_say_what_was_compared() {
    let s = Screener::new(fixtures());
    let best = |name: &str, countries: &[&str]| {
        s.screen(
            &Query {
                name: name.into(),
                countries: countries.iter().map(|c| c.to_string()).collect(),
                birth_year: None,
            },
            0.5,
        )
        .into_iter()
        .next()
        .unwrap()
    };
    // A misspelt name never shows 1.00, even with a matching country.
    let typo = best("Ivan Petrovich Sidorow", &[]);
    assert!(typo.score < 1.0, "{}", typo.score);
    let exact = best("Ivan Petrovich Sidorov", &[]);
    assert!(exact.score > typo.score);
    // A query token of real weight that matches nothing is named.
    let extra = best("Ivan Petrovich Sidorov Quarterback", &[]);
    assert!(extra.score < exact.score);
    assert!(
        extra
            .explanation
            .unmatched_query
            .contains(&"quarterback".to_string()),
        "{:?}",
        extra.explanation
    );
    // A country written out by the list matches its ISO code, however the
    // apostrophe is written.
    for written in [
        "Democratic People's Republic of Korea",
        "Democratic People\u{2019}s Republic of Korea",
        "Korea, Democratic People's Republic of",
        "Iran (Islamic Republic of)",
    ] {
        let csv = format!("id,name,country\nK1,Paektu Trading Company,\"{written}\"\n");
        let list = load(ListFormat::Csv, "c.csv", csv.as_bytes(), None).unwrap();
        let s = Screener::new(vec![list]);
        let code = if written.starts_with("Iran") {
            "IR"
        } else {
            "KP"
        };
        let hit = s
            .screen(
                &Query {
                    name: "Paektu Trading Company".into(),
                    countries: vec![code.into()],
                    birth_year: None,
                },
                0.5,
            )
            .remove(0);
        assert!(
            hit.explanation
                .adjustments
                .iter()
                .any(|(_, a)| *a
                    == export_assessor::core::screening::index::Adjustment::CountryMatches),
            "{written}: {:?}",
            hit.explanation.adjustments
        );
    }
}

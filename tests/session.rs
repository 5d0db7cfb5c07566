//! The archive the app keeps (drafts, export, validated import), the web
//! data bundle, and the draft notification.

use export_assessor::core::answers::{load_answers, AnswerValue};
use export_assessor::core::bundle;
use export_assessor::core::evaluate::evaluate;
use export_assessor::core::notification::{draft_notification, NotificationInput};
use export_assessor::core::report::Report;
use export_assessor::core::session::{
    Archive, ConflictChoice, Decided, Draft, MadeUnder, SavedWork,
};
use export_assessor::core::{Destinations, Lang, RuleSet};

fn ctx() -> (RuleSet, Destinations) {
    (
        RuleSet::eu_default().unwrap().clone(),
        Destinations::builtin().unwrap(),
    )
}

fn scenario_answers(name: &str) -> export_assessor::core::Answers {
    let (r, d) = ctx();
    let bytes = std::fs::read(format!(
        "{}/tests/scenarios/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    load_answers(&bytes, &r, &d).unwrap()
}

fn archive_with_two() -> Archive {
    let mut a = Archive::default();
    a.add(Draft {
        answers: scenario_answers("001-proceed-cs-item-no-red-flags.json"),
        ..Draft::new("a1", "2026-11-25T08:00:00Z", "transaction")
    });
    a.add(Draft {
        answers: scenario_answers("018-notify-art5-2-egypt-emotion-recognition.json"),
        ..Draft::new("a2", "2026-11-25T09:00:00Z", "item")
    });
    a
}

#[test]
fn drafts_are_edited_duplicated_listed_searched_and_deleted() {
    let (r, d) = ctx();
    let mut a = archive_with_two();
    assert!(a.set_answer(
        "a1",
        "item_name",
        Some(AnswerValue::One("Renamed".into())),
        "2026-11-25T10:00:00Z"
    ));
    assert_eq!(a.get("a1").unwrap().item_name(), "Renamed");
    assert_eq!(a.listing()[0].id, "a1", "the last changed comes first");
    assert!(a.duplicate("a2", "a3", "2026-11-25T11:00:00Z"));
    assert_eq!(a.get("a3").unwrap().answers, a.get("a2").unwrap().answers);
    assert_eq!(a.get("a3").unwrap().created_at, "2026-11-25T11:00:00Z");
    let hits: Vec<&str> = a
        .drafts
        .iter()
        .filter(|x| x.matches("ägypten", &r, &d, Lang::De))
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(hits, vec!["a2", "a3"]);
    assert!(
        a.drafts
            .iter()
            .filter(|x| x.matches("renamed", &r, &d, Lang::En))
            .count()
            == 1
    );
    assert!(a.delete("a2"));
    assert!(!a.delete("a2"));
    assert!(a.set_answer("a1", "item_name", None, "2026-11-25T12:00:00Z"));
    assert!(!a.get("a1").unwrap().answers.contains_key("item_name"));
}

#[test]
fn a_draft_records_the_versions_it_was_made_under() {
    let (r, d) = ctx();
    let mut a = archive_with_two();
    assert_eq!(a.get("a1").unwrap().made_under, None);
    let under = MadeUnder::of(&r, &d);
    assert!(a.stamp("a1", &under));
    assert!(!a.stamp("missing", &under));
    assert_eq!(
        a.get("a1")
            .unwrap()
            .made_under
            .as_ref()
            .unwrap()
            .rule_set_version,
        r.version
    );
    // It survives the app's storage and the exchange format.
    let text = SavedWork::new(Lang::En, Some("a1".into()), &a).to_json();
    let (_, current, back) = SavedWork::parse(&text).unwrap().into_parts();
    assert_eq!(back, a);
    assert_eq!(current.as_deref(), Some("a1"));
    assert!(a
        .export(None)
        .contains(&format!("\"rule_set_version\": \"{}\"", r.version)));
    let bad = text.replace("\"rule_set_version\"", "\"rule_set_versio\"");
    let e = SavedWork::parse(&bad).unwrap_err();
    assert!(e.to_string().contains("made_under"), "{e}");
}

#[test]
fn export_then_import_into_an_empty_archive_compares_equal() {
    let (r, d) = ctx();
    let a = archive_with_two();
    let json = a.export(None);
    let mut b = Archive::default();
    let plan = b.plan_import(json.as_bytes(), &r, &d).unwrap();
    assert_eq!(plan.add.len(), 2);
    b.apply(&plan, &[], &mut |id| format!("{id}-copy"));
    let mut x = a.drafts.clone();
    let mut y = b.drafts.clone();
    x.sort_by(|p, q| p.id.cmp(&q.id));
    y.sort_by(|p, q| p.id.cmp(&q.id));
    assert_eq!(x, y);
    // Exporting one draft holds just that one.
    assert!(
        a.export(Some(&["a2".to_string()])).contains("\"a2\"")
            && !a.export(Some(&["a2".to_string()])).contains("\"a1\"")
    );
}

#[test]
fn import_never_overwrites_silently() {
    let (r, d) = ctx();
    let mut a = archive_with_two();
    let mut changed = a.clone();
    changed.set_answer(
        "a1",
        "item_name",
        Some(AnswerValue::One("Other".into())),
        "2026-11-26T00:00:00Z",
    );
    let plan = a
        .plan_import(changed.export(None).as_bytes(), &r, &d)
        .unwrap();
    assert_eq!(plan.unchanged, vec!["a2".to_string()]);
    assert_eq!(plan.conflicts.len(), 1);
    assert!(plan.add.is_empty());
    let added = a.apply(&plan, &[], &mut |id| format!("{id}-imported"));
    assert_eq!(added, vec!["a1-imported".to_string()]);
    assert_eq!(
        a.get("a1").unwrap().item_name(),
        "FleetTrace Analytics 4",
        "the original is kept"
    );
    assert_eq!(a.get("a1-imported").unwrap().item_name(), "Other");
}

#[test]
fn bad_imports_are_refused_precisely() {
    let (r, d) = ctx();
    let a = Archive::default();
    let check = |bytes: &[u8], location: &str, problem: &str| {
        let e = a.plan_import(bytes, &r, &d).expect_err("must be refused");
        assert!(
            e.location.contains(location) && e.problem.contains(problem),
            "{e}"
        );
    };
    check(
        b"{\"format\": \"x\", \"version\": 1, \"assessments\": []}",
        "format",
        "not an export-assessor archive",
    );
    check(
        b"{\"format\": \"export-assessor-archive\", \"version\": 9, \"assessments\": []}",
        "version",
        "not supported",
    );
    check(b"{\"format\": \"export-assessor-archive\", \"version\": 1, \"assessments\": [{\"id\": \"x\", \"created_at\": \"t\", \"updated_at\": \"t\", \"section\": \"item\", \"answers\": {\"cs_covert\": \"maybe\"}}]}", "assessments[0] (id \"x\").answers.cs_covert", "not a possible answer");
    check(b"{\"format\": \"export-assessor-archive\", \"version\": 1, \"assessments\": [{\"id\": \"x\", \"created_at\": \"t\", \"updated_at\": \"t\", \"section\": \"nowhere\", \"answers\": {}}]}", "section", "no section");
    check(
        b"{\"format\": \"export-assessor-archive\", \"version\": 1, \"assess",
        "line 1",
        "EOF while parsing",
    );
}

#[test]
fn the_web_bundle_round_trips_in_full_and_rejects_foreign_bytes() {
    let (r, d) = ctx();
    let app = bundle::Messages {
        keys: vec!["Back".into()],
        texts: vec![["Back".into(), "Zurück".into()]],
    };
    let screening = bundle::Messages::default();
    let bytes = bundle::encode(&r, &d, &app, &screening);
    let bundle::Contents {
        rules: r2,
        destinations: d2,
        app_messages,
        screening_messages,
    } = bundle::decode(&bytes).unwrap();
    assert_eq!((app_messages, screening_messages), (app, screening));
    // Everything, field by field: a swapped pair of fields cannot pass.
    assert_eq!(
        serde_json::to_value(&r2).unwrap(),
        serde_json::to_value(&r).unwrap()
    );
    assert_eq!(
        serde_json::to_value(d2.to_file()).unwrap(),
        serde_json::to_value(d.to_file()).unwrap()
    );
    let answers = scenario_answers("018-notify-art5-2-egypt-emotion-recognition.json");
    assert_eq!(evaluate(&r, &d, &answers), evaluate(&r2, &d2, &answers));
    assert!(bundle::decode(b"not a bundle")
        .unwrap_err()
        .fix
        .contains("rebuild"));
    for cut in [8, 100, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            bundle::decode(&bytes[..cut]).is_err(),
            "a truncated bundle must be refused"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(
        bundle::decode(&longer).is_err(),
        "trailing bytes are refused"
    );
}

#[test]
fn the_draft_notification_names_the_authority_item_and_findings() {
    let (r, d) = ctx();
    let answers = scenario_answers("018-notify-art5-2-egypt-emotion-recognition.json");
    let a = evaluate(&r, &d, &answers);
    let report = Report::build(
        &r,
        &d,
        &answers,
        &a,
        Lang::En,
        "2026-11-25T10:00:00Z",
        "2026-11-25T10:00:00Z",
    )
    .unwrap();
    let text = draft_notification(&r, &d, &report, Lang::En, &NotificationInput::default());
    let authority = &d
        .country(answers["exporter_member_state"].as_one().unwrap())
        .unwrap()
        .competent_authority
        .as_ref()
        .unwrap()
        .name;
    for part in [
        authority.as_str(),
        "Article 5(2)",
        "AffectScan Interview",
        "Egypt (EG)",
        &report.fingerprint,
        "Aware of a repressive end-use",
    ] {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
    let de = draft_notification(&r, &d, &report, Lang::De, &NotificationInput::default());
    assert!(de.contains("Artikel 5 Absatz 2") && de.contains("Ägypten"));
}

// The apps' message keys, read from the same lists the apps compile.
macro_rules! messages {
    ($($name:ident),* $(,)?) => { pub const KEYS: &[&str] = &[$(stringify!($name)),*]; };
}
mod app_keys {
    include!("../src/ui/msg_list.rs");
}
mod screening_keys {
    include!("../src/ui/screening/msg_list.rs");
}

#[test]
fn the_ui_message_catalogue_is_complete_in_both_languages() {
    check_catalogue(app_keys::KEYS, "src/ui/messages.json", "src/ui");
}

#[test]
fn the_screening_page_catalogue_is_complete_in_both_languages() {
    check_catalogue(
        screening_keys::KEYS,
        "src/ui/screening/messages.json",
        "src/ui/screening",
    );
}

/// The Rust files under `dir`, with its subdirectories but for the
/// screening page's (which has its own catalogue).
fn rust_sources(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() && !p.ends_with("screening") {
            out.extend(rust_sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// Every key has a text in English and German, no text lacks a key, and
/// every message is used by the code in `dir`.
fn check_catalogue(keys: &[&str], file: &str, dir: &str) {
    let keys: Vec<&str> = keys.to_vec();
    let text = std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let cat: serde_json::Value = serde_json::from_str(&text).unwrap();
    for lang in ["en", "de"] {
        let table = cat[lang]
            .as_object()
            .unwrap_or_else(|| panic!("no {lang} catalogue"));
        for k in &keys {
            let v = table
                .get(*k)
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| panic!("{lang}: missing {k}"));
            assert!(!v.trim().is_empty(), "{lang}: {k} is empty");
        }
        let extra: Vec<&String> = table
            .keys()
            .filter(|k| !keys.contains(&k.as_str()))
            .collect();
        assert!(extra.is_empty(), "{lang}: keys no code uses: {extra:?}");
    }
    // Most texts differ between the languages ("Format" need not).
    let same = keys
        .iter()
        .filter(|k| cat["en"][**k] == cat["de"][**k])
        .count();
    assert!(
        same * 10 < keys.len(),
        "{same} of {} texts are the same in English and German",
        keys.len()
    );
    // Every message is shown somewhere: no dead entries in the catalogue.
    let ui: String = rust_sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .iter()
        .filter(|p| !p.ends_with("msg_list.rs"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let unused: Vec<&&str> = keys
        .iter()
        .filter(|k| !ui.contains(&format!("Msg::{k}")))
        .collect();
    assert!(unused.is_empty(), "messages no component uses: {unused:?}");
}

#[test]
fn an_import_with_a_duplicate_key_is_refused() {
    let (r, d) = ctx();
    let text = archive_with_two().export(None).replacen(
        "\"section\":",
        "\"section\": \"item\",\n      \"section\":",
        1,
    );
    let e = Archive::default()
        .plan_import(text.as_bytes(), &r, &d)
        .unwrap_err();
    assert!(e.problem.contains("duplicate field `section`"), "{e}");
    let text = archive_with_two().export(None).replacen(
        "\"item_name\":",
        "\"item_name\": \"x\",\n        \"item_name\":",
        1,
    );
    let e = Archive::default()
        .plan_import(text.as_bytes(), &r, &d)
        .unwrap_err();
    assert!(e.problem.contains("\"item_name\" appears twice"), "{e}");
}

#[test]
fn saved_work_of_the_previous_build_still_loads_and_damage_is_named() {
    // As the app of rule set 2.0.0 stored it (and the load benchmark seeds it).
    let old = r#"{"archive":[{"answers":{"item_name":"Probe X"},"created_at":"2026-11-25T10:00:00Z","id":"bench","section":"transaction","updated_at":"2026-11-25T10:00:00Z"}],"current":"bench","lang":"de"}"#;
    let (lang, current, archive) = SavedWork::parse(old).unwrap().into_parts();
    assert_eq!(lang, Lang::De);
    assert_eq!(current.as_deref(), Some("bench"));
    assert_eq!(archive.get("bench").unwrap().item_name(), "Probe X");

    let dup = old.replace(r#""lang":"de""#, r#""lang":"de","lang":"en""#);
    let e = SavedWork::parse(&dup).unwrap_err().to_string();
    assert!(e.contains("lang"), "{e}");
    let unknown = old.replace(r#""lang":"de""#, r#""lang":"fr""#);
    let e = SavedWork::parse(&unknown).unwrap_err().to_string();
    assert!(e.contains("lang"), "{e}");
    // A current draft that no longer exists is dropped, not an error.
    let gone = old.replace(r#""current":"bench""#, r#""current":"other""#);
    assert_eq!(SavedWork::parse(&gone).unwrap().into_parts().1, None);
}

#[test]
fn the_downloaded_answers_file_reads_back_through_the_cli_loaders() {
    let (r, d) = ctx();
    let a = archive_with_two();
    let draft = a.drafts.first().unwrap();
    let effective = draft.effective_answers(&r, &d);
    let assessment = evaluate(&r, &d, &effective);
    let under = MadeUnder::of(&r, &d);
    let text = draft.answers_file(&r, &assessment.visible, &under);
    let back = load_answers(text.as_bytes(), &r, &d).unwrap();
    // Only the answers to questions shown are written.
    for (id, v) in &back {
        assert_eq!(draft.answers.get(id), Some(v), "{id}");
        let i = r.questions.iter().position(|q| &q.id == id).unwrap();
        assert!(assessment.visible[i], "{id} is not shown");
    }
    assert!(!back.is_empty());
    assert!(text.contains(&format!("\"rule_set_version\": \"{}\"", r.version)));
    let record =
        export_assessor::core::screening::record::from_answers_file(text.as_bytes()).unwrap();
    assert_eq!(record, draft.screening);
}

#[test]
fn country_choices_are_sorted_by_name_in_the_language_and_can_be_eu_only() {
    let (_, d) = ctx();
    let all = d.choices(Lang::De, false);
    let eu = d.choices(Lang::De, true);
    assert_eq!(all.len(), d.countries.len());
    assert_eq!(eu.len(), 27);
    assert!(all.windows(2).all(|w| w[0].1 <= w[1].1));
    let de = all.iter().find(|(c, _)| c == "DE").unwrap();
    assert_eq!(de.1, "Deutschland (DE)");
}

#[test]
fn a_conflicting_import_is_replaced_or_skipped_only_when_chosen() {
    let (r, d) = ctx();
    let base = archive_with_two();
    let mut changed = base.clone();
    for id in ["a1", "a2"] {
        changed.set_answer(
            id,
            "item_name",
            Some(AnswerValue::One(format!("{id} changed"))),
            "2026-11-26T00:00:00Z",
        );
    }
    let plan = base
        .plan_import(changed.export(None).as_bytes(), &r, &d)
        .unwrap();
    assert_eq!(plan.conflicts.len(), 2);
    let order: Vec<&str> = plan.conflicts.iter().map(|d| d.id.as_str()).collect();
    let mut a = base.clone();
    let choices: Vec<ConflictChoice> = order
        .iter()
        .map(|id| {
            if *id == "a1" {
                ConflictChoice::Replace
            } else {
                ConflictChoice::Skip
            }
        })
        .collect();
    let added = a.apply(&plan, &choices, &mut |id| format!("{id}-copy"));
    assert_eq!(added, vec!["a1".to_string()]);
    assert_eq!(a.drafts.len(), 2);
    assert_eq!(a.get("a1").unwrap().item_name(), "a1 changed");
    assert_eq!(
        a.get("a2").unwrap().item_name(),
        base.get("a2").unwrap().item_name()
    );
}

#[test]
fn an_assessment_under_older_rules_says_what_changed_and_is_reassessed_as_a_new_version() {
    let (r, d) = ctx();
    let now = MadeUnder::of(&r, &d);
    let old = MadeUnder {
        rule_set_version: "1.0.0".into(),
        ..now.clone()
    };
    let mut a = archive_with_two();
    a.stamp("a1", &old);
    a.record_decided(
        "a1",
        Decided {
            outcome: export_assessor::core::Outcome::Escalate,
            findings: vec!["gone_finding".into()],
        },
    );
    let draft = a.get("a1").unwrap().clone();
    assert!(!draft.editable(&now));
    let assessment = evaluate(&r, &d, &draft.answers);
    let c = draft
        .currency(&now, &assessment)
        .expect("made under older rules");
    assert_eq!(c.made_under, old);
    assert_eq!(
        c.outcome_changed(),
        assessment.outcome != export_assessor::core::Outcome::Escalate
    );
    let (_, gone) = c.finding_changes();
    assert_eq!(gone, vec!["gone_finding".to_string()]);

    assert!(a.reassess("a1", "a1v2", "2026-12-01T00:00:00Z", &now));
    let v2 = a.get("a1v2").unwrap();
    assert_eq!(v2.previous.as_deref(), Some("a1"));
    assert!(v2.editable(&now) && v2.currency(&now, &assessment).is_none());
    assert_eq!(
        a.get("a1").unwrap(),
        &draft,
        "the old version is kept unchanged"
    );
}

#[test]
fn titles_default_to_item_and_destination_and_are_searched() {
    let (r, d) = ctx();
    let mut a = archive_with_two();
    let t = a.get("a1").unwrap().display_title(&r, &d, Lang::En);
    assert!(t.starts_with("FleetTrace Analytics 4 – "), "{t}");
    a.set_title("a1", "Deal 42 <b>", "2026-11-27T00:00:00Z");
    let d1 = a.get("a1").unwrap();
    assert_eq!(d1.display_title(&r, &d, Lang::En), "Deal 42 <b>");
    assert!(d1.matches("deal 42", &r, &d, Lang::En));
    assert_eq!(
        Draft::new("x", "t", "s").display_title(&r, &d, Lang::En),
        ""
    );
}

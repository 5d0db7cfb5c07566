//! `export-assessor`: the native command line for the assessment engine.
//! Exit codes: 0 success; 1 a report's fingerprint does not hold or it does
//! not state what the rules give for its answers; 2 bad usage or bad input,
//! an unreadable report included (with a message saying what and where).

use std::io::Write;
use std::process::ExitCode;

use export_assessor::core::answers::load_answers;
use export_assessor::core::audit::{audit, versions, Consistency, Difference};
use export_assessor::core::destinations::Destinations;
use export_assessor::core::evaluate::{evaluate, next_steps, Assessment, Because};
use export_assessor::core::notification::{
    draft_notification, notification_basis, NotificationInput,
};
use export_assessor::core::report::Report;
use export_assessor::core::ruleset::{QuestionKind, RuleSet};
use export_assessor::core::screening::record::{self, ScreeningRecord};
use export_assessor::core::screening::{batch, decisions, freshness, index, parties, register};
use export_assessor::core::triage;
use export_assessor::core::vars::TextVars;
use export_assessor::core::{Answers, Lang};

const USAGE: &str = "\
export-assessor — due diligence for exports of possible cyber-surveillance items
(Regulation (EU) 2021/821, Art. 3 and 5; Recommendation (EU) 2024/2659)

USAGE:
  export-assessor evaluate ANSWERS.json [--format text|json] [--lang en|de] [--list FILE …] [OPTIONS]
  export-assessor report ANSWERS.json --created TIMESTAMP [--updated TIMESTAMP] [--lang en|de] [OPTIONS]
  export-assessor verify REPORT.json [OPTIONS]   (the fingerprint, and the outcome re-checked under the rule set the report names)
  export-assessor questions [--format text|json] [--lang en|de] [OPTIONS]
  export-assessor changelog [--format text|json] [OPTIONS]   (what changed in the rule set and destination data, why, from which text)
  export-assessor notification ANSWERS.json --created TIMESTAMP [--lang en|de] [--exporter TEXT] [--contact TEXT]
                 [--remarks TEXT] [--place-date TEXT] [--signatory TEXT] [OPTIONS]
                 (draft to the authority under Art. 4(2) / Art. 5(2); parts not given stay in [brackets])
  export-assessor screen --list FILE [--list FILE …] [--format eu-fsf|un|ofac|csv] [--threshold T]
                 (CSV on stdout: every lead with its status clean|hit|review_again|suppressed_by_register)
                 [--register REGISTER.json] [--today YYYY-MM-DD] LEADS.csv
  export-assessor triage --catalogue PRODUCTS.json --member-state CC [--list FILE …]
                 [--list-format eu-fsf|un|ofac|csv] [--register REGISTER.json] [--today YYYY-MM-DD]
                 [--threshold T] [--columns company=1,country=2,products=3,end_user_type=4,consignee=5,note=6]
                 [--lang en|de] [--xlsx OUT.xlsx] LEADS.csv|LEADS.xlsx
                 (each lead and product classed stop|licence_needed|assess|low_risk|not_in_scope with
                  the rules and reasons; CSV on stdout, or the workbook to --xlsx; bad rows and the
                  counts per class on stderr; without --list the screening question stays open)
  (evaluate, report and notification take --list FILE and --register REGISTER.json too: the company
   register of \"not a match\" decisions; --today is the day its expiry dates and the lists' ages
   are checked on; --max-list-age-days N flags lists older than N days, default 7)
  export-assessor bundle OUT.bin [OPTIONS]     (the web app's data file; scripts/build.sh runs it)

OPTIONS:
  --rules EXTENSION.json      extend the built-in EU rule set with a company extension
  --destinations FILE.json    use this destination-data file instead of the built-in one

ANSWERS.json is {\"answers\": {\"question_id\": \"value\" | [\"values\"]}}; `questions` lists the ids.
Exit codes: 0 success; 1 the report's fingerprint does not hold, or the report does not state
what the rules give for its answers; 2 bad usage or input (a report that cannot be read included).";

/// The web apps' message catalogues and their message lists: the bundle
/// carries the texts in list order.
const UI_MESSAGES: &str = include_str!("../ui/messages.json");
const SCREENING_MESSAGES: &str = include_str!("../ui/screening/messages.json");
mod app_keys {
    macro_rules! messages {
        ($($name:ident),* $(,)?) => { pub const KEYS: &[&str] = &[$(stringify!($name)),*]; };
    }
    include!("../ui/msg_list.rs");
}
mod screening_keys {
    macro_rules! messages {
        ($($name:ident),* $(,)?) => { pub const KEYS: &[&str] = &[$(stringify!($name)),*]; };
    }
    include!("../ui/screening/msg_list.rs");
}

/// The catalogue's keys and texts in the order of `keys`; a missing text
/// is an error.
fn texts(
    name: &str,
    catalogue: &str,
    keys: &[&str],
) -> Result<export_assessor::core::bundle::Messages, Failure> {
    let v: serde_json::Value =
        serde_json::from_str(catalogue).map_err(|e| Failure::Usage(format!("{name}: {e}")))?;
    keys.iter()
        .map(|k| {
            let get = |lang: &str| {
                v.get(lang)
                    .and_then(|l| l.get(k))
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| {
                        Failure::Usage(format!(
                            "{name}: no {lang} text for \"{k}\"; add it to the catalogue"
                        ))
                    })
            };
            Ok([get("en")?, get("de")?])
        })
        .collect::<Result<Vec<_>, Failure>>()
        .map(|texts| export_assessor::core::bundle::Messages {
            keys: keys.iter().map(|k| k.to_string()).collect(),
            texts,
        })
}

enum Failure {
    /// Bad usage or input: message, exit 2.
    Usage(String),
    /// A check that ran and failed: exit 1.
    Check,
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Check) => ExitCode::from(1),
        Err(Failure::Usage(msg)) => {
            let _ = writeln!(std::io::stderr(), "export-assessor: {msg}");
            ExitCode::from(2)
        }
    }
}

struct Opts {
    positional: Vec<String>,
    format: Format,
    lang: Lang,
    rules: Option<String>,
    destinations: Option<String>,
    created: Option<String>,
    updated: Option<String>,
    lists: Vec<String>,
    list_format: Option<String>,
    threshold: Option<String>,
    /// The company register of "not a match" decisions (`--register`).
    register: Option<String>,
    /// The day registers and list ages are checked on (`--today`; else
    /// the date of `--created`, else the clock).
    today: Option<String>,
    /// Lists older than this are flagged (`--max-list-age-days`).
    max_list_age: Option<String>,
    /// What `notification` fills in for the exporter.
    notification: NotificationInput,
    /// `triage`: the product catalogue, the exporter's Member State, the
    /// lead file's columns, the workbook to write.
    catalogue: Option<String>,
    member_state: Option<String>,
    columns: Option<String>,
    xlsx: Option<String>,
}

#[derive(PartialEq)]
enum Format {
    Text,
    Json,
}

fn parse_opts(args: &[String]) -> Result<Opts, Failure> {
    let mut o = Opts {
        positional: vec![],
        format: Format::Text,
        lang: Lang::En,
        rules: None,
        destinations: None,
        created: None,
        updated: None,
        lists: vec![],
        list_format: None,
        threshold: None,
        register: None,
        today: None,
        max_list_age: None,
        notification: NotificationInput::default(),
        catalogue: None,
        member_state: None,
        columns: None,
        xlsx: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next().cloned().ok_or_else(|| {
                Failure::Usage(format!("{name} needs a value; see 'export-assessor help'"))
            })
        };
        match a.as_str() {
            "--format" => {
                let v = value("--format")?;
                o.format = match v.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => {
                        // `screen` takes the list format here.
                        o.list_format = Some(other.to_string());
                        Format::Text
                    }
                }
            }
            "--list" => o.lists.push(value("--list")?),
            "--list-format" => o.list_format = Some(value("--list-format")?),
            "--catalogue" => o.catalogue = Some(value("--catalogue")?),
            "--member-state" => o.member_state = Some(value("--member-state")?),
            "--columns" => o.columns = Some(value("--columns")?),
            "--xlsx" => o.xlsx = Some(value("--xlsx")?),
            "--threshold" => o.threshold = Some(value("--threshold")?),
            "--register" => o.register = Some(value("--register")?),
            "--today" => o.today = Some(value("--today")?),
            "--max-list-age-days" => o.max_list_age = Some(value("--max-list-age-days")?),
            "--lang" => {
                let v = value("--lang")?;
                o.lang = Lang::from_code(&v)
                    .ok_or_else(|| Failure::Usage(format!("--lang {v}: use en or de")))?;
            }
            "--rules" => o.rules = Some(value("--rules")?),
            "--destinations" => o.destinations = Some(value("--destinations")?),
            "--created" => o.created = Some(value("--created")?),
            "--updated" => o.updated = Some(value("--updated")?),
            "--exporter" => o.notification.exporter = value("--exporter")?,
            "--contact" => o.notification.contact = value("--contact")?,
            "--remarks" => o.notification.remarks = value("--remarks")?,
            "--place-date" => o.notification.place_date = value("--place-date")?,
            "--signatory" => o.notification.signatory = value("--signatory")?,
            s if s.starts_with("--") => {
                return Err(Failure::Usage(format!(
                    "unknown option {s}; see 'export-assessor help'"
                )))
            }
            _ => o.positional.push(a.clone()),
        }
    }
    Ok(o)
}

fn read(path: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))
}

fn one_file<'a>(o: &'a Opts, what: &str) -> Result<&'a str, Failure> {
    match o.positional.as_slice() {
        [f] => Ok(f),
        [] => Err(Failure::Usage(format!(
            "missing {what} file; see 'export-assessor help'"
        ))),
        _ => Err(Failure::Usage(format!(
            "expected one {what} file, got {}",
            o.positional.len()
        ))),
    }
}

fn context(o: &Opts) -> Result<(RuleSet, Destinations), Failure> {
    let base =
        RuleSet::eu_default().map_err(|e| Failure::Usage(format!("built-in rule set: {e}")))?;
    let rules = match &o.rules {
        Some(path) => base
            .extended_with(&read(path)?)
            .map_err(|e| Failure::Usage(format!("{path}: {e}")))?,
        None => base.clone(),
    };
    let destinations = match &o.destinations {
        Some(path) => {
            Destinations::load(&read(path)?).map_err(|e| Failure::Usage(format!("{path}: {e}")))?
        }
        None => Destinations::builtin()
            .map_err(|e| Failure::Usage(format!("built-in destination data: {e}")))?,
    };
    Ok((rules, destinations))
}

fn out(text: &str) {
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// A JSON value, pretty-printed, as one output.
fn out_json(value: &serde_json::Value) {
    out(&format!(
        "{}\n",
        serde_json::to_string_pretty(value).unwrap_or_default()
    ));
}

fn run(args: &[String]) -> Result<(), Failure> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(Failure::Usage(format!("no command given\n\n{USAGE}")));
    };
    match cmd.as_str() {
        "help" | "--help" | "-h" => {
            out(&format!("{USAGE}\n"));
            Ok(())
        }
        "evaluate" => cmd_evaluate(&parse_opts(rest)?),
        "report" => cmd_report(&parse_opts(rest)?),
        "verify" => cmd_verify(&parse_opts(rest)?),
        "questions" => cmd_questions(&parse_opts(rest)?),
        "changelog" => cmd_changelog(&parse_opts(rest)?),
        "bundle" => cmd_bundle(&parse_opts(rest)?),
        "notification" => cmd_notification(&parse_opts(rest)?),
        "screen" => cmd_screen(&parse_opts(rest)?),
        "triage" => cmd_triage(&parse_opts(rest)?),
        other => Err(Failure::Usage(format!(
            "unknown command '{other}'\n\n{USAGE}"
        ))),
    }
}

/// The answers file: answers, and the screening record the app saved
/// with them (empty when there is none). With `--list`, the parties are
/// screened again here and the record updated (decisions are kept).
fn load(o: &Opts) -> Result<(RuleSet, Destinations, Answers, ScreeningRecord), Failure> {
    let path = one_file(o, "answers")?;
    let (rules, destinations) = context(o)?;
    let bytes = read(path)?;
    let answers = load_answers(&bytes, &rules, &destinations)
        .map_err(|e| Failure::Usage(format!("{path}: {e}")))?;
    let mut record =
        record::from_answers_file(&bytes).map_err(|e| Failure::Usage(format!("{path}: {e}")))?;
    screen_parties(o, &rules, &destinations, &answers, &mut record)?;
    Ok((rules, destinations, answers, record))
}

/// Only `screen` takes a list format after --format.
fn text_or_json(o: &Opts) -> Result<(), Failure> {
    match &o.list_format {
        Some(f) => Err(Failure::Usage(format!("--format {f}: use text or json"))),
        None => Ok(()),
    }
}

/// With `--list`: screens the rule set's party names (end-user, consignee)
/// against the lists and records the result.
fn screen_parties(
    o: &Opts,
    rules: &RuleSet,
    destinations: &Destinations,
    answers: &Answers,
    record: &mut ScreeningRecord,
) -> Result<(), Failure> {
    if o.lists.is_empty() {
        return Ok(());
    }
    let screener = screener_for(load_lists(o, None)?, destinations);
    let request = record::request(rules, answers, o.lang, "").unwrap_or(record::Request {
        reference: String::new(),
        lang: o.lang,
        parties: vec![],
    });
    let response = parties::answer(&screener, &request, index::DEFAULT_THRESHOLD, &|c| {
        batch::country_names(destinations, c)
    })
    .map_err(|e| Failure::Usage(e.to_string()))?;
    let mut response = response;
    if let Some((reg, today)) = company_register(o)? {
        reg.apply(&mut response, &today, o.lang);
    }
    freshness::flag_stale(&mut response.lists, &today(o)?, max_list_age(o)?, o.lang);
    record.apply(&response, o.created.as_deref().unwrap_or(""));
    Ok(())
}

/// `--register FILE` read, with the day it is checked on: `--today`, else
/// the date of `--created`, else today's date (UTC) from the clock.
fn company_register(o: &Opts) -> Result<Option<(register::Register, String)>, Failure> {
    let Some(path) = &o.register else {
        return Ok(None);
    };
    let reg = register::Register::parse(&read(path)?)
        .map_err(|e| Failure::Usage(format!("{path}: {e}")))?;
    Ok(Some((reg, today(o)?)))
}

/// The day expiry dates and list ages are checked on: `--today`, else the
/// date of `--created`, else today's date (UTC) from the clock.
fn today(o: &Opts) -> Result<String, Failure> {
    Ok(
        match (&o.today, o.created.as_deref().and_then(register::date_of)) {
            (Some(t), _) => {
                register::days(t).ok_or_else(|| {
                    Failure::Usage(format!("--today {t}: write the date as YYYY-MM-DD"))
                })?;
                t.clone()
            }
            (None, Some(created)) => created.to_string(),
            (None, None) => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                register::date((secs / 86_400) as i64)
            }
        },
    )
}

/// `--max-list-age-days N` (default 7).
fn max_list_age(o: &Opts) -> Result<u32, Failure> {
    match &o.max_list_age {
        None => Ok(freshness::DEFAULT_MAX_LIST_AGE_DAYS),
        Some(n) => n.parse().map_err(|_| {
            Failure::Usage(format!(
                "--max-list-age-days {n}: give a whole number of days (0 or more)"
            ))
        }),
    }
}

/// The screening record as text: lists, then each party's hits and what
/// was decided about them.
fn screening_text(
    rules: &RuleSet,
    destinations: &Destinations,
    answers: &Answers,
    record: &ScreeningRecord,
) -> String {
    if record.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "\nSanctions screening (threshold {}, {}):\n",
        record::score_text(record.threshold),
        record.screened_at
    );
    for l in &record.lists {
        s += &format!(
            "  list {} ({}), generated {}, {} entries, {}\n",
            l.label,
            l.format,
            l.generated.as_deref().unwrap_or("(no date in the file)"),
            l.entries,
            l.sha256
        );
    }
    for w in record.lists.iter().filter_map(|l| l.warning.as_ref()) {
        s += &format!("  WARNING: {w}\n");
    }
    if let Some(r) = &record.register_sha256 {
        s += &format!("  company register applied: {r}\n");
    }
    for p in &record.parties {
        s += &format!("  {} \"{}\": {} hit(s)\n", p.question, p.name, p.hits.len());
        for h in &p.hits {
            let st = decisions::status(record, p, h);
            s += &format!(
                "    {} {} \"{}\" score {} [{}]: {}\n",
                h.list_key,
                h.entry_id,
                h.matched_name,
                record::score_text(h.score),
                st.name(),
                h.explanation
            );
            match st {
                decisions::HitStatus::Dismissed(d) | decisions::HitStatus::Confirmed(d) => s += &format!("      decided {}: {}\n", d.decided_at, d.reason),
                decisions::HitStatus::Reopened(d) => s += &format!("      marked not a match on {} (\"{}\"), but the list entry has changed since\n", d.decided_at, d.reason),
                decisions::HitStatus::Registered(n) => s += &format!("      {n}\n"),
                decisions::HitStatus::Open => {}
            }
        }
    }
    if let Some(d) = decisions::derive(rules, destinations, answers, record) {
        s += &format!(
            "  → screening answer: {}\n",
            match (d.answer, rules.party_screening.as_ref()) {
                (Some(a), Some(spec)) => spec.answers.id(a).to_string(),
                _ => "none (a named party has not been screened)".to_string(),
            }
        );
    }
    s
}

fn cmd_evaluate(o: &Opts) -> Result<(), Failure> {
    text_or_json(o)?;
    let (rules, destinations, answers, record) = load(o)?;
    let effective = decisions::effective_answers(&rules, &destinations, &answers, &record);
    let a = evaluate(&rules, &destinations, &effective);
    let steps = next_steps(&rules, &destinations, &effective, &a, o.lang);
    let vars = TextVars::new(&rules, &destinations, &effective, o.lang);
    let grounds = decisions::grounds(&rules, &destinations, &answers, &record);
    if o.format == Format::Json {
        let screening: serde_json::Value = if record.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::to_value(&record).unwrap_or_default()
        };
        let rule = |r: &export_assessor::core::evaluate::FiredRule| {
            let spec = rules.outcome_rule(&r.id);
            serde_json::json!({
                "id": r.id,
                "outcome": r.outcome,
                "explanation": spec.map(|x| vars.text(&x.explanation)),
                "citation": spec.map(|x| vars.text(&x.citation)),
                "provenance": spec.map(|x| x.provenance),
                "unconfirmed": spec.and_then(|x| x.unconfirmed.as_ref()).map(|u| vars.text(u)),
                "because": r.because,
            })
        };
        let findings: Vec<serde_json::Value> = a
            .findings
            .iter()
            .map(|f| {
                let spec = rules.finding(&f.id);
                serde_json::json!({
                    "id": f.id,
                    "kind": f.kind,
                    "category": f.category,
                    "weight": f.weight,
                    "title": spec.map(|x| vars.text(&x.title)),
                    "explanation": spec.map(|x| vars.text(&x.explanation)),
                    "citation": spec.map(|x| vars.text(&x.citation)),
                    "provenance": spec.map(|x| x.provenance),
                    "unconfirmed": spec.and_then(|x| x.unconfirmed.as_ref()).map(|u| vars.text(u)),
                    "because": f.because,
                })
            })
            .collect();
        let grounds_json: Vec<serde_json::Value> = grounds
            .iter()
            .map(|g| {
                serde_json::json!({
                    "question": g.question, "party": g.party, "list": g.list_label, "list_format": g.list_format,
                    "list_generated": g.list_generated, "entry_id": g.entry_id, "matched_name": g.matched_name,
                    "programme": g.programme, "act": g.ground.act, "eu_law": g.ground.eu_law, "provenance": g.ground.status,
                })
            })
            .collect();
        let json = serde_json::json!({
            "outcome": a.outcome,
            "undecided": a.undecided,
            "rule_set": { "id": rules.id, "version": rules.version },
            "destination_data_as_of": destinations.as_of,
            "decided_by": a.decided_by.iter().map(rule).collect::<Vec<_>>(),
            "also_fired": a.also_fired.iter().map(rule).collect::<Vec<_>>(),
            "findings": findings,
            "destination_facts": a.destination_basis,
            "sanctions_grounds": grounds_json,
            "missing": a.missing,
            "score": { "total": a.score.total, "categories": a.score.categories, "note": rules.score.note.get(o.lang) },
            "next_steps": steps,
            "screening": screening,
        });
        out_json(&json);
    } else {
        let mut text = render_text(&rules, &destinations, &a, &steps, &vars, &grounds);
        text += &screening_text(&rules, &destinations, &answers, &record);
        out(&text);
    }
    Ok(())
}

fn because_text(b: &Because) -> String {
    let mut parts: Vec<String> = b
        .answers
        .iter()
        .map(|a| format!("{} = {}", a.question, a.value.values().join(", ")))
        .collect();
    parts.extend(b.findings.iter().map(|f| format!("finding {f}")));
    parts.extend(
        b.destination_facts
            .iter()
            .map(|f| format!("destination fact {}", f.name())),
    );
    parts.join("; ")
}

/// "Source: binding text (confirmed)" and, where there is one, what is unconfirmed.
fn source_text(
    provenance: export_assessor::core::SourceClass,
    unconfirmed: Option<&export_assessor::core::Text>,
    vars: &TextVars,
) -> String {
    let label = match vars.lang {
        Lang::En => "Source",
        Lang::De => "Quelle",
    };
    let mut s = format!("    {label}: {}\n", provenance.label(vars.lang));
    if let Some(u) = unconfirmed {
        s += &format!(
            "    {}: {}\n",
            if vars.lang == Lang::En {
                "UNCONFIRMED"
            } else {
                "NICHT BESTÄTIGT"
            },
            vars.text(u)
        );
    }
    s
}

fn render_text(
    rules: &RuleSet,
    destinations: &Destinations,
    a: &Assessment,
    steps: &[String],
    vars: &TextVars,
    grounds: &[decisions::MatchGround],
) -> String {
    let lang = vars.lang;
    let mut s = String::new();
    s += &format!(
        "Outcome: {} ({})\n",
        a.outcome.name().replace('_', " ").to_uppercase(),
        a.outcome.name()
    );
    s += &format!(
        "Rule set: {} {} · destination data as of {}\n",
        rules.id, rules.version, destinations.as_of
    );
    if a.undecided {
        s += "  No rule reached a decision; the safe default is a compliance review.\n";
    }
    for r in &a.decided_by {
        if let Some(rule) = rules.outcome_rule(&r.id) {
            s += &format!(
                "  Decided by {}: {}\n    Citation: {}\n",
                r.id,
                vars.text(&rule.explanation),
                vars.text(&rule.citation)
            );
            s += &source_text(rule.provenance, rule.unconfirmed.as_ref(), vars);
            s += &format!("    Because: {}\n", because_text(&r.because));
        }
    }
    if !grounds.is_empty() {
        s += "\nConfirmed sanctions-list matches and their grounds:\n";
        for g in grounds {
            s += &format!(
                "  - {} [{}{}]\n",
                g.describe(lang),
                g.ground.status.label(lang),
                if g.ground.eu_law {
                    ""
                } else {
                    "; no EU prohibition"
                }
            );
            if let Some(n) = &g.ground.note {
                s += &format!("    {}\n", n.get(lang));
            }
        }
    }
    if !a.destination_basis.is_empty() {
        s += "\nDestination facts:\n";
        for f in &a.destination_basis {
            s += &format!(
                "  - {} ({}): {} [{}]\n",
                f.fact.name(),
                f.country,
                f.citation,
                f.status.label(lang)
            );
            if let Some(note) = fact_note(destinations, &f.country, f.fact, lang) {
                s += &format!("    {note}\n");
            }
        }
    }
    if !a.missing.is_empty() {
        s += "\nMissing answers:\n";
        for m in &a.missing {
            let text = rules.question(m).map(|q| q.text.get(lang)).unwrap_or("");
            s += &format!("  - {m}: {text}\n");
        }
    }
    if !a.findings.is_empty() {
        s += "\nFindings:\n";
        for f in &a.findings {
            let Some(rule) = rules.finding(&f.id) else {
                continue;
            };
            let cat = f
                .category
                .as_deref()
                .map(|c| format!(", {c} {:+}", f.weight))
                .unwrap_or_default();
            s += &format!(
                "  [{}{}] {}: {}\n    {}\n    Citation: {}\n",
                f.kind.name(),
                cat,
                f.id,
                vars.text(&rule.title),
                vars.text(&rule.explanation),
                vars.text(&rule.citation)
            );
            s += &source_text(rule.provenance, rule.unconfirmed.as_ref(), vars);
            if !f.because.answers.is_empty()
                || !f.because.findings.is_empty()
                || !f.because.destination_facts.is_empty()
            {
                s += &format!("    Because: {}\n", because_text(&f.because));
            }
        }
    }
    s += &format!(
        "\nRisk score: {}/100 (total = sum of weight × category value / 100)\n",
        a.score.total
    );
    for c in &a.score.categories {
        let label = rules
            .category(&c.id)
            .map(|x| x.label.get(lang))
            .unwrap_or(&c.id);
        s += &format!(
            "  {label:<24} weight {:>3}  value {:>3}/100  (points {:+})\n",
            c.weight, c.value, c.points
        );
    }
    s += &format!("  {}\n", rules.score.note.get(lang));
    if !steps.is_empty() {
        s += "\nNext steps:\n";
        for (i, step) in steps.iter().enumerate() {
            s += &format!("  {}. {step}\n", i.saturating_add(1));
        }
    }
    s
}

/// The destination row's note on the regime behind `fact`, where it has one.
fn fact_note(
    destinations: &Destinations,
    country: &str,
    fact: export_assessor::core::destinations::DestFact,
    lang: Lang,
) -> Option<String> {
    use export_assessor::core::destinations::DestFact::*;
    let c = destinations.country(country)?;
    match fact {
        MonitoringRegime | MonitoringAuthorisation | MonitoringUnclear | MonitoringCatchAll => c
            .monitoring_regime
            .as_ref()
            .and_then(|m| m.note.as_ref())
            .map(|n| n.get(lang).to_string()),
        DualUseBan | DualUseBanConditional | EnhancementGoodsBan | BanCyberSecurityException => c
            .dual_use_ban
            .as_ref()
            .and_then(|b| b.note.as_ref())
            .map(|n| n.get(lang).to_string()),
        ArmsEmbargo | ArmsEmbargoOther => c.arms_embargo.as_ref().and_then(|e| e.note.clone()),
        EuMember | ThirdCountry => None,
    }
}

fn cmd_report(o: &Opts) -> Result<(), Failure> {
    let created = o.created.as_deref().ok_or_else(|| {
        Failure::Usage("report needs --created TIMESTAMP (the tool reads no clock)".into())
    })?;
    let (rules, destinations, answers, record) = load(o)?;
    let updated = o.updated.as_deref().unwrap_or(created);
    let effective = decisions::effective_answers(&rules, &destinations, &answers, &record);
    let a = evaluate(&rules, &destinations, &effective);
    let report = Report::build(
        &rules,
        &destinations,
        &effective,
        &a,
        o.lang,
        created,
        updated,
    )
    .map_err(|e| Failure::Usage(e.to_string()))?
    .with_screening(&rules, &destinations, &record);
    // The same bytes the browser downloads when it seals the report.
    out(&report.to_json_pretty());
    Ok(())
}

fn cmd_verify(o: &Opts) -> Result<(), Failure> {
    let path = one_file(o, "report")?;
    let (rules, destinations) = context(o)?;
    let bytes = read(path)?;
    let a = audit(&bytes, &rules, &destinations)
        .map_err(|e| Failure::Usage(format!("{path} cannot be verified: {e}")))?;
    let v = &a.verification;
    let r = &v.report;
    let rechecked = match &a.consistency {
        Consistency::Checked(_) => format!(
            "outcome re-checked under rule set {}",
            versions(&rules.id, &rules.version, &destinations.as_of)
        ),
        Consistency::HashOnly { named, carried } => format!(
            "outcome not re-checked: this build carries rule set {carried}, but the report names {named}; only the fingerprint was checked (verify it with the tool version that carries those)"
        ),
    };
    if a.holds() {
        out(&format!(
            "OK: the fingerprint holds ({})\n  outcome {} · rule set {} {} · destination data as of {} · created {} · updated {}{}\n  {rechecked}{}\n",
            v.stated,
            r.outcome.name(),
            r.rule_set.id,
            r.rule_set.version,
            r.destination_data_as_of,
            r.created_at,
            r.updated_at,
            if v.original_schema < export_assessor::core::report::SCHEMA_VERSION { format!(" · migrated from schema {}", v.original_schema) } else { String::new() },
            if matches!(a.consistency, Consistency::Checked(_)) { ": consistent" } else { "" },
        ));
        return Ok(());
    }
    let mut s = if v.holds() {
        format!("FAILED: {path} does not state what the rules give for its own answers, although its fingerprint holds (it was changed and sealed again, or written by a faulty tool). {rechecked}:\n")
    } else {
        format!("FAILED: {path} has been changed since it was sealed.\n")
    };
    for d in a.differences() {
        s += &format!("  - {}\n", difference_text(&d));
    }
    if let Consistency::HashOnly { .. } = a.consistency {
        s += &format!("  {rechecked}\n");
    }
    let _ = std::io::stderr().write_all(s.as_bytes());
    Err(Failure::Check)
}

/// One difference of an audited report, in plain words.
fn difference_text(d: &Difference) -> String {
    let list = |ids: &[String]| ids.join(", ");
    match d {
        Difference::Fingerprint { stated, computed } => format!(
            "fingerprint: the report states {stated}, but its content gives {computed}"
        ),
        Difference::Outcome { stated, recomputed } => format!(
            "outcome: the report states {}, but the rules give {} for its answers",
            stated.name(),
            recomputed.name()
        ),
        Difference::Findings {
            only_stated,
            only_recomputed,
        } => {
            let mut parts = Vec::new();
            if !only_stated.is_empty() {
                parts.push(format!(
                    "in the report but not given by the rules: {}",
                    list(only_stated)
                ));
            }
            if !only_recomputed.is_empty() {
                parts.push(format!(
                    "given by the rules but missing from the report: {}",
                    list(only_recomputed)
                ));
            }
            format!("findings: {}", parts.join("; "))
        }
        Difference::Score { stated, recomputed } => format!(
            "risk score: the report states {stated}/100, but the rules give {recomputed}/100"
        ),
        Difference::Field { name } if name == "answers" => "answers: the report holds answers the tool does not seal (answers to hidden questions, or a screening answer its screening record does not support)".to_string(),
        Difference::Field { name } => format!(
            "{name}: differs from what the rules give for the report's answers"
        ),
    }
}

fn cmd_questions(o: &Opts) -> Result<(), Failure> {
    text_or_json(o)?;
    if !o.positional.is_empty() {
        return Err(Failure::Usage("questions takes no file".into()));
    }
    let (rules, _) = context(o)?;
    if o.format == Format::Json {
        let json = serde_json::json!({
            "rule_set": { "id": rules.id, "version": rules.version },
            "sections": rules.sections,
            "questions": rules.questions,
        });
        out_json(&json);
        return Ok(());
    }
    let lang = o.lang;
    let mut s = format!("{} {}\n", rules.id, rules.version);
    for section in &rules.sections {
        s += &format!("\n== {} ==\n", section.title.get(lang));
        for q in rules.questions_in(&section.id) {
            let answers = match &q.kind {
                QuestionKind::YesNo => "yes | no".to_string(),
                QuestionKind::YesNoUnknown => "yes | no | unknown".to_string(),
                QuestionKind::Single { options } => options
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                QuestionKind::Multi { options, .. } => format!(
                    "[{}]",
                    options
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                QuestionKind::Country { .. } => "ISO country code".to_string(),
                QuestionKind::Text { max_len, .. } => format!("text (≤ {max_len} characters)"),
            };
            s += &format!(
                "{}{} {}\n    {}\n    answers: {}\n    citation: {}\n",
                q.id,
                if q.required { "" } else { " (optional)" },
                if q.show_if.is_some() {
                    "(conditional)"
                } else {
                    ""
                },
                q.text.get(lang),
                answers,
                q.citation.get(lang)
            );
        }
    }
    out(&s);
    Ok(())
}

fn cmd_changelog(o: &Opts) -> Result<(), Failure> {
    text_or_json(o)?;
    if !o.positional.is_empty() {
        return Err(Failure::Usage("changelog takes no file".into()));
    }
    let (rules, destinations) = context(o)?;
    if o.format == Format::Json {
        let json = serde_json::json!({
            "rule_set": { "id": rules.id, "version": rules.version, "changelog": rules.changelog },
            "destination_data": { "as_of": destinations.as_of, "changelog": destinations.changelog },
        });
        out_json(&json);
        return Ok(());
    }
    let mut s = String::new();
    for (title, log) in [
        (
            format!("Rule set {} {}", rules.id, rules.version),
            &rules.changelog,
        ),
        (
            format!("Destination data as of {}", destinations.as_of),
            &destinations.changelog,
        ),
    ] {
        s += &format!("{title}\n");
        for entry in log {
            s += &format!("\n  {} ({})\n", entry.version, entry.date);
            for c in &entry.changes {
                s += &format!(
                    "  - {}\n    Why: {}\n    Read in: {}\n",
                    c.what, c.why, c.source
                );
            }
        }
        s += "\n";
    }
    out(&s);
    Ok(())
}

fn cmd_bundle(o: &Opts) -> Result<(), Failure> {
    let path = one_file(o, "output")?;
    let (rules, destinations) = context(o)?;
    let app = texts("src/ui/messages.json", UI_MESSAGES, app_keys::KEYS)?;
    let screening = texts(
        "src/ui/screening/messages.json",
        SCREENING_MESSAGES,
        screening_keys::KEYS,
    )?;
    let bytes = export_assessor::core::bundle::encode(&rules, &destinations, &app, &screening);
    std::fs::write(path, &bytes)
        .map_err(|e| Failure::Usage(format!("cannot write {path}: {e}")))?;
    out(&format!(
        "wrote {path}: {} bytes (rule set {} {}, destination data as of {})\n",
        bytes.len(),
        rules.id,
        rules.version,
        destinations.as_of
    ));
    Ok(())
}

fn cmd_notification(o: &Opts) -> Result<(), Failure> {
    let created = o.created.as_deref().ok_or_else(|| {
        Failure::Usage("notification needs --created TIMESTAMP (the tool reads no clock)".into())
    })?;
    let (rules, destinations, answers, record) = load(o)?;
    let effective = decisions::effective_answers(&rules, &destinations, &answers, &record);
    let a = evaluate(&rules, &destinations, &effective);
    let report = Report::build(
        &rules,
        &destinations,
        &effective,
        &a,
        o.lang,
        created,
        o.updated.as_deref().unwrap_or(created),
    )
    .map_err(|e| Failure::Usage(e.to_string()))?
    .with_screening(&rules, &destinations, &record);
    if notification_basis(&report).is_none() {
        let _ = writeln!(
            std::io::stderr(),
            "export-assessor: the outcome is {}, not notify_authority: no notification is due; the draft below claims no legal basis",
            report.outcome.name()
        );
    }
    out(&draft_notification(
        &rules,
        &destinations,
        &report,
        o.lang,
        &o.notification,
    ));
    Ok(())
}

fn cmd_screen(o: &Opts) -> Result<(), Failure> {
    use export_assessor::core::screening::{leads, lists, normalize};
    if o.lists.is_empty() {
        return Err(Failure::Usage(
            "screen needs at least one --list FILE".into(),
        ));
    }
    let forced =
        match o.list_format.as_deref() {
            None => None,
            Some(f) => Some(lists::ListFormat::from_name(f).ok_or_else(|| {
                Failure::Usage(format!("--format {f}: use eu-fsf, un, ofac or csv"))
            })?),
        };
    let threshold = threshold(o)?;
    let loaded = load_lists(o, forced)?;
    let leads_path = one_file(o, "leads")?;
    let leads = leads::load_leads(leads_path, &read(leads_path)?)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let destinations = Destinations::builtin().map_err(|e| Failure::Usage(e.to_string()))?;
    let screener = screener_for(loaded, &destinations);
    let reg = company_register(o)?;
    let marked = batch::screen_leads_marked(
        &screener,
        &leads,
        &destinations,
        threshold,
        Lang::En,
        reg.as_ref().map(|(r, t)| (r, t.as_str())),
    );
    // Every lead with its status; a hit the register suppresses stays in
    // the CSV with the status and the register's decision.
    out(&batch::leads_csv(&leads, &marked));
    let rows: Vec<&batch::MarkedHit> = marked.iter().filter(|m| !m.suppressed()).collect();
    // What the CSV was made from, beside it (stdout stays plain CSV).
    let mut note = format!(
        "export-assessor: {} lead(s) screened, {} open hit(s), threshold {threshold}, against:\n",
        leads.len(),
        rows.len()
    );
    if let Some((r, today)) = &reg {
        let suppressed: Vec<&batch::MarkedHit> = marked.iter().filter(|m| m.suppressed()).collect();
        let review = marked
            .iter()
            .filter(|m| m.register.is_some() && !m.suppressed())
            .count();
        note += &format!(
            "  company register {} ({} entries, checked on {today}): {} hit(s) suppressed as decided \"not a match\" (status suppressed_by_register), {review} to review again\n",
            r.sha256(),
            r.entries.len(),
            suppressed.len()
        );
        for m in suppressed {
            note += &format!(
                "    suppressed: {} \"{}\" — {} {} \"{}\": {}\n",
                m.row.query_id,
                m.row.query,
                m.row.list_key,
                m.row.entry_id,
                m.row.matched_name,
                m.register.as_ref().map_or("", |n| n.1.as_str())
            );
        }
    }
    let stamps = parties::stamps(&screener);
    for w in freshness::stale_warnings(&stamps, &today(o)?, max_list_age(o)?, Lang::En) {
        note += &format!("  WARNING: {w}\n");
    }
    for l in &screener.lists {
        note += &format!(
            "  {} ({}), generated {}, {} entries, {} names ({}), {}\n",
            l.label,
            l.format.name(),
            l.generated.as_deref().unwrap_or("(no date in the file)"),
            l.entries,
            l.aliases,
            match l.declared {
                Some(k) => format!("file declares {k}"),
                None => "the file declares no count".into(),
            },
            l.sha256
        );
        for w in &l.warnings {
            note += &format!("  WARNING: {}: {}\n", l.label, w.describe(Lang::En));
        }
    }
    let long = leads
        .iter()
        .filter(|l| normalize::normalize(&l.name).truncated)
        .count();
    if long > 0 {
        note += &format!(
            "warning: {long} lead name(s) are longer than {} characters or {} words; only their beginning was compared\n",
            normalize::MAX_NAME_CHARS,
            normalize::MAX_TOKENS
        );
    }
    let _ = std::io::stderr().write_all(note.as_bytes());
    Ok(())
}

/// `--threshold T` (default: the screening default).
fn threshold(o: &Opts) -> Result<f64, Failure> {
    Ok(match &o.threshold {
        None => index::DEFAULT_THRESHOLD,
        Some(t) => t
            .parse::<f64>()
            .ok()
            .filter(|t| (index::MIN_THRESHOLD..=1.0).contains(t))
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "--threshold {t}: use a number from {} to 1 (every name that can score {} or more is compared)",
                    index::MIN_THRESHOLD,
                    index::MIN_THRESHOLD
                ))
            })?,
    })
}

/// `--columns company=1,country=2,…` (1-based, as a spreadsheet counts).
fn columns(spec: &str) -> Result<triage::mapping::ColumnMapping, Failure> {
    let mut m = triage::mapping::ColumnMapping::default();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || {
            Failure::Usage(format!(
                "--columns {spec}: \"{part}\" is not FIELD=N; fields are company, country, products, end_user_type, consignee, note and N counts from 1"
            ))
        };
        let (field, n) = part.split_once('=').ok_or_else(bad)?;
        let n: usize = n.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(bad)?;
        let slot = match field.trim() {
            "company" => &mut m.company,
            "country" => &mut m.country,
            "products" | "product" => &mut m.products,
            "end_user_type" => &mut m.end_user_type,
            "consignee" => &mut m.consignee,
            "note" => &mut m.note,
            _ => return Err(bad()),
        };
        *slot = Some(n.saturating_sub(1)); // n ≥ 1 (checked above)
    }
    Ok(m)
}

/// `triage`: a lead file against the product catalogue, the lists and the
/// register; the same rows as the app's export (`triage::export`).
fn cmd_triage(o: &Opts) -> Result<(), Failure> {
    use export_assessor::core::screening::lists;
    let leads_path = one_file(o, "leads")?;
    let (rules, destinations) = context(o)?;
    let profile = triage::profile::TriageProfile::eu_default(&rules)
        .map_err(|e| Failure::Usage(format!("triage profile: {e}")))?;
    let catalogue_path = o.catalogue.as_deref().ok_or_else(|| {
        Failure::Usage(
            "triage needs --catalogue PRODUCTS.json (exported from the Products page)".into(),
        )
    })?;
    let catalogue = triage::catalogue::Catalogue::parse(
        &read(catalogue_path)?,
        &rules,
        &destinations,
        &profile,
    )
    .map_err(|e| Failure::Usage(format!("{catalogue_path}: {e}")))?;
    let member_state = o
        .member_state
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_uppercase();
    if !destinations
        .country(&member_state)
        .is_some_and(|c| c.eu_member)
    {
        return Err(Failure::Usage(format!(
            "--member-state \"{member_state}\": give the two-letter code of the EU Member State you export from (e.g. DE)"
        )));
    }
    let forced = match o.list_format.as_deref() {
        None => None,
        Some(f) => Some(lists::ListFormat::from_name(f).ok_or_else(|| {
            Failure::Usage(format!("--list-format {f}: use eu-fsf, un, ofac or csv"))
        })?),
    };
    let threshold = threshold(o)?;
    let today = today(o)?;
    let screener = if o.lists.is_empty() {
        None
    } else {
        Some(screener_for(load_lists(o, forced)?, &destinations))
    };
    let reg = company_register(o)?;
    let sheet = triage::sheet::read_sheet_in(leads_path, &read(leads_path)?, &destinations)
        .map_err(|e| Failure::Usage(format!("{leads_path}: {e}")))?;
    if sheet.blank_rows > 0 {
        eprintln!("{leads_path}: {} blank rows skipped", sheet.blank_rows);
    }
    let mapping = match &o.columns {
        Some(spec) => columns(spec)?,
        None => triage::mapping::guess(&sheet),
    };
    triage::mapping::check(&sheet, &mapping).map_err(|e| {
        Failure::Usage(format!(
            "{leads_path}: {e}; name the columns with --columns company=N,country=N,products=N"
        ))
    })?;
    let types = triage::mapping::end_user_types(&rules, &profile.lead_questions.end_user_type);
    let (leads, bad) = triage::mapping::apply(&sheet, &mapping, &catalogue, &destinations, &types);
    let cx = triage::engine::TriageContext {
        rules: &rules,
        destinations: &destinations,
        profile: &profile,
        catalogue: &catalogue,
        screener: screener.as_ref(),
        register: reg.as_ref().map(|(r, _)| r),
        threshold,
        member_state,
        today: today.clone(),
        lang: o.lang,
    };
    let rows = triage::engine::triage_leads(&cx, &leads);
    let stamps = screener.as_ref().map(parties::stamps).unwrap_or_default();
    let head = triage::export::ExportHead {
        rule_set: &rules.id,
        rule_set_version: &rules.version,
        lists: &stamps,
        today: &today,
    };
    match &o.xlsx {
        Some(path) => {
            let bytes = triage::export::to_xlsx(&rows, &bad, &head).map_err(|e| {
                Failure::Usage(format!("{path}: the workbook cannot be written: {e}"))
            })?;
            std::fs::write(path, bytes)
                .map_err(|e| Failure::Usage(format!("cannot write {path}: {e}")))?;
        }
        None => out(&triage::export::to_csv(&rows, &bad, &head)),
    }
    let mut note = format!(
        "export-assessor: {} lead(s) triaged from {leads_path} ({}), {} bad row(s)\n",
        rows.len(),
        sheet.read_as,
        bad.len()
    );
    let counts = triage::engine::counts(&rows);
    for (class, n) in triage::TriageClass::ALL.iter().zip(counts) {
        note += &format!("  {}: {n}\n", class.name());
    }
    for b in &bad {
        note += &format!("  bad row {} ({}): {}\n", b.row, b.kind, b.reason);
    }
    match &screener {
        None => note += "  not screened: no --list given; the screening question stays open and no lead is low risk\n",
        Some(s) => {
            for l in &s.lists {
                note += &format!(
                    "  list {} generated {}, {}\n",
                    l.label,
                    l.generated.as_deref().unwrap_or("(no date in the file)"),
                    l.sha256
                );
            }
            for w in freshness::stale_warnings(&stamps, &today, max_list_age(o)?, Lang::En) {
                note += &format!("  WARNING: {w}\n");
            }
        }
    }
    if let Some((r, day)) = &reg {
        note += &format!(
            "  company register {} ({} entries, checked on {day})\n",
            r.sha256(),
            r.entries.len()
        );
    }
    let _ = std::io::stderr().write_all(note.as_bytes());
    Ok(())
}

fn load_lists(
    o: &Opts,
    forced: Option<export_assessor::core::screening::lists::ListFormat>,
) -> Result<Vec<export_assessor::core::screening::lists::SanctionsList>, Failure> {
    use export_assessor::core::screening::lists;
    let mut loaded = Vec::new();
    for path in &o.lists {
        let bytes = read(path)?;
        let format = match forced.or_else(|| lists::detect(&bytes)) {
            Some(f) => f,
            None => {
                return Err(Failure::Usage(format!(
                    "{path}: the list format cannot be detected; give --format eu-fsf|un|ofac|csv"
                )))
            }
        };
        // OFAC's aliases live in alt.csv beside sdn.csv.
        let alt = if format == lists::ListFormat::Ofac {
            let p = std::path::Path::new(path).with_file_name("alt.csv");
            std::fs::read(&p).ok()
        } else {
            None
        };
        let label = std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| path.clone());
        let list = lists::load(format, &label, &bytes, alt.as_deref())
            .map_err(|e| Failure::Usage(e.to_string()))?;
        // Loud, at once and for every command: a list loaded with gaps
        // must not pass unnoticed (`screen` repeats them in its summary).
        for w in &list.warnings {
            eprintln!(
                "export-assessor: WARNING: {label}: {}",
                w.describe(Lang::En)
            );
        }
        loaded.push(list);
    }
    Ok(loaded)
}

/// A screener whose country names and ISO codes compare through the destination data.
fn screener_for(
    lists: Vec<export_assessor::core::screening::lists::SanctionsList>,
    destinations: &Destinations,
) -> index::Screener {
    index::Screener::with_country_codes(lists, batch::country_codes(destinations))
}

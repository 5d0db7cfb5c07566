//! The engine's side of party screening: the stamps of the loaded lists and
//! the answer to a screening request from the questionnaire (see
//! `record::request` and `record::Response`).

use super::index::{Hit, Query, Screener};
use super::lists::ListFormat;
use super::record::{ListStamp, PartyResult, RecordedHit, Response};
use crate::core::error::LoadError;
use crate::core::json::{self, Fields};
use crate::core::text::Lang;

const INPUT: &str = "screening request";
const MAX_PARTIES: usize = 50;
const MAX_NAME: usize = 1000;

/// Identifies a list across versions: a newer file of the same official
/// list replaces the older one, and decisions about its entries carry over.
pub fn list_key(format: ListFormat, label: &str) -> String {
    match format {
        ListFormat::Csv => format!("csv:{label}"),
        other => other.name().to_string(),
    }
}

pub fn stamps(screener: &Screener) -> Vec<ListStamp> {
    screener
        .lists
        .iter()
        .map(|l| ListStamp {
            key: list_key(l.format, &l.label),
            label: l.label.clone(),
            format: l.format.name().to_string(),
            generated: l.generated.clone(),
            sha256: l.sha256.clone(),
            entries: l.entries as u32,
        })
        .collect()
}

pub fn thousandths(x: f64) -> u32 {
    (x.clamp(0.0, 1.0) * 1000.0).round() as u32
}

pub fn recorded(screener: &Screener, hit: &Hit, lang: Lang) -> RecordedHit {
    let list = &screener.lists[hit.list];
    RecordedHit {
        list_key: list_key(list.format, &list.label),
        entry_id: hit.entry_id.clone(),
        entry_fingerprint: hit.entry_fingerprint.clone(),
        matched_name: hit.matched_name.clone(),
        score: thousandths(hit.score),
        explanation: hit.explanation.text_in(lang),
        programme: hit.programme.clone(),
        regulation: hit.regulation.clone(),
    }
}

/// Screens the parties of a request (`{"ref", "lang", "parties":
/// [{"question", "name", "country"}]}`) at `threshold`; `spellings` gives a
/// country code's names, so lists that write names compare.
pub fn answer(
    screener: &Screener,
    request: &str,
    threshold: f64,
    spellings: &dyn Fn(&str) -> Vec<String>,
) -> Result<Response, LoadError> {
    let v = json::parse(INPUT, request.as_bytes(), 1 << 20)?;
    let f = Fields::of(INPUT, "", &v)?;
    f.only(&["ref", "lang", "parties"])?;
    let reference = f.opt_string("ref")?.unwrap_or_default();
    let lang = f.name("lang", Lang::from_code, "en, de")?;
    let items = f.list("parties")?;
    if items.len() > MAX_PARTIES {
        return Err(LoadError::new(
            INPUT,
            "parties",
            format!(
                "{} parties; at most {MAX_PARTIES} are screened at once",
                items.len()
            ),
            "screen the parties in smaller groups",
        ));
    }
    let mut parties: Vec<PartyResult> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = Fields::of(INPUT, format!("parties[{i}]"), item)?;
        p.only(&["question", "name", "country"])?;
        let name = p.string("name")?;
        if name.len() > MAX_NAME {
            return Err(LoadError::new(
                INPUT,
                p.path("name"),
                format!(
                    "the name has {} bytes; at most {MAX_NAME} are screened",
                    name.len()
                ),
                "shorten the name",
            ));
        }
        let countries: Vec<String> = match p.opt_string("country")?.filter(|c| !c.trim().is_empty())
        {
            Some(code) => std::iter::once(code.clone())
                .chain(spellings(&code))
                .collect(),
            None => vec![],
        };
        let query = Query {
            name: name.clone(),
            countries: countries.clone(),
            birth_year: None,
        };
        let hits = screener
            .screen(&query, threshold)
            .iter()
            .map(|h| recorded(screener, h, lang))
            .collect();
        parties.push(PartyResult {
            question: p.string("question")?,
            name,
            countries,
            hits,
        });
    }
    Ok(Response::new(
        &reference,
        &stamps(screener),
        thousandths(threshold),
        &parties,
    ))
}

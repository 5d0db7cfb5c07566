//! The engine's side of party screening: the stamps of the loaded lists and
//! the answer to a screening request from the questionnaire (see
//! `record::request` and `record::Response`).

use super::index::{Hit, Query, Screener};
use super::lists::ListFormat;
use super::record::{Hit as RecordedHit, ListStamp, Party, Request, Response, Thousandths};
use crate::core::error::LoadError;
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
            warning: None,
        })
        .collect()
}

pub fn thousandths(x: f64) -> Thousandths {
    Thousandths::new((x.clamp(0.0, 1.0) * 1000.0).round() as u32)
}

pub fn recorded(screener: &Screener, hit: &Hit, lang: Lang) -> RecordedHit {
    RecordedHit {
        // A hit names a list of the screener that found it.
        list_key: screener
            .lists
            .get(hit.list)
            .map(|list| list_key(list.format, &list.label))
            .unwrap_or_default(),
        entry_id: hit.entry_id.clone(),
        entry_fingerprint: hit.entry_fingerprint.clone(),
        matched_name: hit.matched_name.clone(),
        score: thousandths(hit.score),
        explanation: hit.explanation.text_in(lang),
        programme: hit.programme.clone(),
        regulation: hit.regulation.clone(),
        register_note: None,
    }
}

/// Screens the parties of a request at `threshold`; `spellings` gives a
/// country code's names, so lists that write names compare.
pub fn answer(
    screener: &Screener,
    request: &Request,
    threshold: f64,
    spellings: &dyn Fn(&str) -> Vec<String>,
) -> Result<Response, LoadError> {
    if request.parties.len() > MAX_PARTIES {
        return Err(LoadError::new(
            INPUT,
            "parties",
            format!(
                "{} parties; at most {MAX_PARTIES} are screened at once",
                request.parties.len()
            ),
            "screen the parties in smaller groups",
        ));
    }
    let mut parties: Vec<Party> = Vec::new();
    for (i, p) in request.parties.iter().enumerate() {
        if p.name.len() > MAX_NAME {
            return Err(LoadError::new(
                INPUT,
                format!("parties[{i}].name"),
                format!(
                    "the name has {} bytes; at most {MAX_NAME} are screened",
                    p.name.len()
                ),
                "shorten the name",
            ));
        }
        let countries: Vec<String> = match p
            .country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(code) => std::iter::once(code.to_string())
                .chain(spellings(code))
                .collect(),
            None => vec![],
        };
        let query = Query {
            name: p.name.clone(),
            countries: countries.clone(),
            birth_year: None,
        };
        let hits = screener
            .screen(&query, threshold)
            .iter()
            .map(|h| recorded(screener, h, request.lang))
            .collect();
        parties.push(Party {
            question: p.question.clone(),
            name: p.name.clone(),
            countries,
            hits,
        });
    }
    Ok(Response {
        reference: request.reference.clone(),
        lists: stamps(screener),
        threshold: thousandths(threshold),
        parties,
        register_sha256: None,
    })
}

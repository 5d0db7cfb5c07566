//! Lead files to screen: CSV with columns `id`, `name` and optionally
//! `country` (and `birth_year`). The header is detected; without one the
//! columns are id, name, country. Delimiter and encoding are sniffed.
//! A file in which no column can be the names is refused, so a header
//! such as `id,firma,land` is never screened as a lead.

use super::csv;
use super::index::Query;
use crate::core::error::LoadError;

const INPUT: &str = "leads";
const MAX_BYTES: usize = 64 * 1024 * 1024;
const MAX_LEADS: usize = 1_000_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lead {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub birth_year: Option<u16>,
}

impl Lead {
    pub fn query(&self, country_names: impl Fn(&str) -> Vec<String>) -> Query {
        let countries = match &self.country {
            Some(c) => {
                let mut all = vec![c.clone()];
                all.extend(country_names(c));
                all
            }
            None => vec![],
        };
        Query {
            name: self.name.clone(),
            countries,
            birth_year: self.birth_year,
        }
    }
}

/// A lead file as read: the leads and what was sniffed, to show the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadsFile {
    pub leads: Vec<Lead>,
    pub delimiter: char,
    pub encoding: &'static str,
    pub header: bool,
}

pub fn load_leads(label: &str, bytes: &[u8]) -> Result<Vec<Lead>, LoadError> {
    read_leads(label, bytes).map(|f| f.leads)
}

/// Reads a lead file and says how it was read (delimiter, encoding, header).
pub fn read_leads(label: &str, bytes: &[u8]) -> Result<LeadsFile, LoadError> {
    if bytes.len() > MAX_BYTES {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: whole file"),
            format!(
                "the file has {} bytes; at most {MAX_BYTES} are read",
                bytes.len()
            ),
            "split the file into smaller ones",
        ));
    }
    // One more row than leads, for a header; more is refused while reading.
    let csv::Sniffed {
        encoding,
        delimiter: delim,
        records,
    } = csv::sniff_and_parse(INPUT, label, bytes, MAX_LEADS + 1, "close the quote")?;
    let Some(first) = records.first() else {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: whole file"),
            "the file is empty",
            "give one lead per line: id,name[,country]",
        ));
    };
    let is_header = first
        .fields
        .iter()
        .any(|f| f.trim().eq_ignore_ascii_case("name"));
    if !is_header {
        headerless_names(label, &records)?;
    }
    let col = |n: &str, default: Option<usize>| {
        if is_header {
            first
                .fields
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(n))
        } else {
            default
        }
    };
    let (id_col, name_col, country_col, year_col) = (
        col("id", Some(0)),
        col("name", Some(1)),
        col("country", Some(2)),
        col("birth_year", None),
    );
    let Some(name_col) = name_col else {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: line 1"),
            "no \"name\" column",
            "use the header id,name,country",
        ));
    };
    let mut leads = Vec::new();
    for r in records.iter().skip(usize::from(is_header)) {
        let get = |c: Option<usize>| {
            c.and_then(|c| r.fields.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let Some(name) = get(Some(name_col)) else {
            return Err(LoadError::new(
                INPUT,
                format!("{label}: line {}", r.line),
                "the name is empty",
                "give every lead a name or remove the line",
            ));
        };
        leads.push(Lead {
            id: get(id_col).unwrap_or_else(|| format!("line {}", r.line)),
            name,
            country: get(country_col),
            birth_year: get(year_col).and_then(|y| y.parse().ok()),
        });
    }
    if leads.len() > MAX_LEADS {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: whole file"),
            format!(
                "{} leads; at most {MAX_LEADS} are screened at once",
                leads.len()
            ),
            "split the file into smaller ones",
        ));
    }
    Ok(LeadsFile {
        leads,
        delimiter: delim as char,
        encoding,
        header: is_header,
    })
}

/// Words that mark a first row as a header (English and German), though
/// it has no "name" column.
const HEADER_WORDS: [&str; 14] = [
    "id",
    "country",
    "birth_year",
    "firma",
    "company",
    "land",
    "nr",
    "no",
    "kunde",
    "customer",
    "lead",
    "partner",
    "bezeichnung",
    "nummer",
];

/// Without a "name" header the columns are id, name, country: refuse a
/// file where that cannot be so — one column only, a first row that is a
/// header all the same, or a second column holding no letters (numbers or
/// nothing are not names).
fn headerless_names(label: &str, records: &[csv::Record]) -> Result<(), LoadError> {
    let fix = "start the file with a header that has a \"name\" column, e.g. id,name,country";
    let Some(first) = records.first() else {
        return Ok(());
    };
    if first.fields.len() < 2 {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: line {}", first.line),
            "no name column: the first line is not a header with \"name\" and has one column \
             only, so the names cannot be told from the ids",
            fix,
        ));
    }
    if first.fields.iter().any(|f| {
        HEADER_WORDS
            .iter()
            .any(|w| f.trim().eq_ignore_ascii_case(w))
    }) {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: line {}", first.line),
            format!(
                "the first line looks like a header ({}) but has no \"name\" column",
                first.fields.join(", ")
            ),
            "name the column with the names to screen \"name\"",
        ));
    }
    if let Some(r) = records.iter().find(|r| {
        r.fields
            .get(1)
            .is_some_and(|n| !n.trim().is_empty() && !n.chars().any(char::is_alphabetic))
    }) {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: line {}", r.line),
            format!(
                "no name column: without a header the second column holds the names, but here \
                 it is \"{}\", which has no letters",
                r.fields.get(1).map_or("", |f| f.trim())
            ),
            fix,
        ));
    }
    Ok(())
}

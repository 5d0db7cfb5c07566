//! Lead files to screen: CSV with columns `id`, `name` and optionally
//! `country` (and `birth_year`). The header is detected; without one the
//! columns are id, name, country. Delimiter and encoding are sniffed.

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
    let encoding = csv::encoding_of(bytes);
    let text = csv::decode_text(bytes);
    let delim = csv::sniff_delimiter(&text);
    let records = csv::parse(&text, delim).map_err(|(line, p)| {
        LoadError::new(INPUT, format!("{label}: line {line}"), p, "close the quote")
    })?;
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

//! Destination facts: every ISO 3166-1 country with EU membership, arms
//! embargoes, monitoring-equipment regimes, dual-use bans and (for Member
//! States) the competent authority. Each row carries its sources; rows the
//! reference could not confirm say so.

// The web build skips validation (bundles are validated natively).
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::error::{parse_json, LoadError};
use super::text::Lang;

const INPUT: &str = "destination data";
const MAX_BYTES: usize = 4 * 1024 * 1024;
pub const SCHEMA_VERSION: u32 = 1;

/// The destination data, compiled into the native build; the web build
/// receives the same file from `mount`.
#[cfg(not(target_arch = "wasm32"))]
pub const DEFAULT_JSON: &str = include_str!("data/destinations.json");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DestFact {
    EuMember,
    ThirdCountry,
    /// A binding UN or EU arms embargo.
    ArmsEmbargo,
    /// A politically binding, Council-conclusion or OSCE embargo only.
    ArmsEmbargoOther,
    MonitoringRegime,
    MonitoringBan,
    MonitoringAuthorisation,
    MonitoringRestriction,
    MonitoringUnclear,
    DualUseBan,
}

impl DestFact {
    pub const ALL: [DestFact; 10] = [
        DestFact::EuMember,
        DestFact::ThirdCountry,
        DestFact::ArmsEmbargo,
        DestFact::ArmsEmbargoOther,
        DestFact::MonitoringRegime,
        DestFact::MonitoringBan,
        DestFact::MonitoringAuthorisation,
        DestFact::MonitoringRestriction,
        DestFact::MonitoringUnclear,
        DestFact::DualUseBan,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DestFact::EuMember => "eu_member",
            DestFact::ThirdCountry => "third_country",
            DestFact::ArmsEmbargo => "arms_embargo",
            DestFact::ArmsEmbargoOther => "arms_embargo_other",
            DestFact::MonitoringRegime => "monitoring_regime",
            DestFact::MonitoringBan => "monitoring_ban",
            DestFact::MonitoringAuthorisation => "monitoring_authorisation",
            DestFact::MonitoringRestriction => "monitoring_restriction",
            DestFact::MonitoringUnclear => "monitoring_unclear",
            DestFact::DualUseBan => "dual_use_ban",
        }
    }

    pub fn from_name(s: &str) -> Option<DestFact> {
        DestFact::ALL.into_iter().find(|f| f.name() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Confirmed,
    Secondary,
    Unconfirmed,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryName {
    pub en: String,
    pub de: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub name: String,
    pub status: Status,
    pub note: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EuEmbargo {
    None,
    Binding,
    Political,
    Other,
    Osce,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmsEmbargo {
    pub un: bool,
    pub eu: EuEmbargo,
    pub internal_repression: bool,
    pub status: Status,
    pub note: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonitoringKind {
    Ban,
    Authorisation,
    Restriction,
    Unclear,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringRegime {
    pub kind: MonitoringKind,
    pub act: String,
    pub status: Status,
    pub note: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DualUseBan {
    pub act: String,
    pub status: Status,
    pub note: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    pub name: CountryName,
    pub eu_member: bool,
    pub competent_authority: Option<Authority>,
    pub arms_embargo: Option<ArmsEmbargo>,
    pub monitoring_regime: Option<MonitoringRegime>,
    pub dual_use_ban: Option<DualUseBan>,
    pub sources: Vec<String>,
}

impl Country {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name.en,
            Lang::De => &self.name.de,
        }
    }

    pub fn has(&self, fact: DestFact) -> bool {
        let binding = self.arms_embargo.as_ref().is_some_and(|e| e.un || e.eu == EuEmbargo::Binding);
        let monitoring = self.monitoring_regime.as_ref().map(|m| m.kind);
        match fact {
            DestFact::EuMember => self.eu_member,
            DestFact::ThirdCountry => !self.eu_member,
            DestFact::ArmsEmbargo => binding,
            DestFact::ArmsEmbargoOther => {
                !binding && self.arms_embargo.as_ref().is_some_and(|e| e.eu != EuEmbargo::None)
            }
            DestFact::MonitoringRegime => monitoring.is_some(),
            DestFact::MonitoringBan => monitoring == Some(MonitoringKind::Ban),
            DestFact::MonitoringAuthorisation => monitoring == Some(MonitoringKind::Authorisation),
            DestFact::MonitoringRestriction => monitoring == Some(MonitoringKind::Restriction),
            DestFact::MonitoringUnclear => monitoring == Some(MonitoringKind::Unclear),
            DestFact::DualUseBan => self.dual_use_ban.is_some(),
        }
    }

    /// How sure the data is about `fact` for this country, with the legal act
    /// and note where the row has one.
    pub fn fact_basis(&self, fact: DestFact) -> Option<(Status, Option<&str>, Option<&str>)> {
        match fact {
            DestFact::EuMember | DestFact::ThirdCountry => None,
            DestFact::ArmsEmbargo | DestFact::ArmsEmbargoOther => {
                self.arms_embargo.as_ref().map(|e| (e.status, None, e.note.as_deref()))
            }
            DestFact::MonitoringRegime
            | DestFact::MonitoringBan
            | DestFact::MonitoringAuthorisation
            | DestFact::MonitoringRestriction
            | DestFact::MonitoringUnclear => {
                self.monitoring_regime.as_ref().map(|m| (m.status, Some(m.act.as_str()), Some(m.note.as_str())))
            }
            DestFact::DualUseBan => self.dual_use_ban.as_ref().map(|b| (b.status, Some(b.act.as_str()), b.note.as_deref())),
        }
    }
}

/// The file format; also the form carried in a web bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DestinationsFile {
    pub schema_version: u32,
    pub as_of: String,
    pub title: String,
    pub notice: String,
    pub sources: BTreeMap<String, String>,
    pub countries: Vec<Country>,
}

/// Validated destination data with an index by country code.
#[derive(Clone, Debug)]
pub struct Destinations {
    pub as_of: String,
    pub title: String,
    pub notice: String,
    pub sources: BTreeMap<String, String>,
    pub countries: Vec<Country>,
    index: HashMap<String, usize>,
}

impl Destinations {
    /// The compiled-in data. It is checked by the test suite, so a failure
    /// here is a build defect; it still surfaces as an error, not a panic.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn builtin() -> Result<Destinations, LoadError> {
        Destinations::load(DEFAULT_JSON.as_bytes())
    }

    /// Loads and validates a destination-data file (for example an updated
    /// one the user imports).
    pub fn load(bytes: &[u8]) -> Result<Destinations, LoadError> {
        let file: DestinationsFile = parse_json(INPUT, bytes, MAX_BYTES, "compare the field with the destination-data format in the README")?;
        Destinations::from_file(file)
    }

    /// Validates and indexes data already parsed (from a file or a bundle).
    pub fn from_file(file: DestinationsFile) -> Result<Destinations, LoadError> {
        // The web build reads only bundles validated natively when written.
        #[cfg(not(target_arch = "wasm32"))]
        validate(&file)?;
        let index = file.countries.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        Ok(Destinations {
            as_of: file.as_of,
            title: file.title,
            notice: file.notice,
            sources: file.sources,
            countries: file.countries,
            index,
        })
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.index.get(code).map(|&i| &self.countries[i])
    }

    pub fn eu_members(&self) -> impl Iterator<Item = &Country> {
        self.countries.iter().filter(|c| c.eu_member)
    }

    /// Serialises the data back to the file format (for export).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_file()).unwrap_or_default()
    }

    pub fn to_file(&self) -> DestinationsFile {
        DestinationsFile {
            schema_version: SCHEMA_VERSION,
            as_of: self.as_of.clone(),
            title: self.title.clone(),
            notice: self.notice.clone(),
            sources: self.sources.clone(),
            countries: self.countries.clone(),
        }
    }
}

fn err(location: String, problem: String, fix: &str) -> LoadError {
    LoadError::new(INPUT, location, problem, fix)
}

/// True for a calendar date written YYYY-MM-DD.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    if !b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()) {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1900 && (1..=days).contains(&d)
}

fn validate(file: &DestinationsFile) -> Result<(), LoadError> {
    if file.schema_version != SCHEMA_VERSION {
        return Err(err(
            "schema_version".into(),
            format!("schema version {} is not supported (this tool reads version {SCHEMA_VERSION})", file.schema_version),
            "use a destination-data file made for this version of export-assessor",
        ));
    }
    if !is_iso_date(&file.as_of) {
        return Err(err("as_of".into(), format!("\"{}\" is not a date in the form YYYY-MM-DD", file.as_of), "write the date the data is valid for, e.g. 2026-11-25"));
    }
    if file.countries.is_empty() {
        return Err(err("countries".into(), "the list of countries is empty".into(), "include every country, one row each"));
    }
    let mut seen = HashMap::new();
    for (i, c) in file.countries.iter().enumerate() {
        let at = |field: &str| format!("countries[{i}] (code \"{}\"){field}", c.code);
        if c.code.len() != 2 || !c.code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(at(".code"), format!("\"{}\" is not an ISO 3166-1 alpha-2 code", c.code), "use two capital letters, e.g. \"DE\""));
        }
        if let Some(first) = seen.insert(c.code.clone(), i) {
            return Err(err(at(".code"), format!("the code also appears at countries[{first}]"), "keep one row per country"));
        }
        if c.name.en.trim().is_empty() || c.name.de.trim().is_empty() {
            return Err(err(at(".name"), "a country name is empty".into(), "give the English and German names"));
        }
        match (c.eu_member, &c.competent_authority) {
            (true, None) => {
                return Err(err(at(".competent_authority"), "an EU Member State has no competent authority".into(), "name the authority that grants export authorisations, with its sources"))
            }
            (false, Some(_)) => {
                return Err(err(at(".competent_authority"), "a country outside the EU has a competent authority".into(), "remove it, or set eu_member to true if the country is a Member State"))
            }
            (true, Some(a)) if a.name.trim().is_empty() => {
                return Err(err(at(".competent_authority.name"), "the authority's name is empty".into(), "give the authority's name"))
            }
            _ => {}
        }
        if c.sources.is_empty() {
            return Err(err(at(".sources"), "the row has no source".into(), "list at least one key of the top-level \"sources\" object"));
        }
        let mut used: Vec<(&str, &Vec<String>)> = vec![("sources", &c.sources)];
        if let Some(a) = &c.competent_authority {
            used.push(("competent_authority.sources", &a.sources));
        }
        if let Some(e) = &c.arms_embargo {
            used.push(("arms_embargo.sources", &e.sources));
        }
        if let Some(m) = &c.monitoring_regime {
            used.push(("monitoring_regime.sources", &m.sources));
        }
        if let Some(b) = &c.dual_use_ban {
            used.push(("dual_use_ban.sources", &b.sources));
        }
        for (field, list) in used {
            for key in list {
                if !file.sources.contains_key(key) {
                    return Err(err(at(&format!(".{field}")), format!("source \"{key}\" is not defined"), "add it to the top-level \"sources\" object or correct the key"));
                }
            }
        }
    }
    Ok(())
}

//! Destination facts: every ISO 3166-1 country with EU membership, arms
//! embargoes, monitoring-equipment regimes, dual-use bans and (for Member
//! States) the competent authority. Each row carries its sources; rows the
//! reference could not confirm say so.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::error::{parse_json, LoadError};
use super::provenance::{ChangelogEntry, SourceClass};
use super::text::{Lang, Text};

const INPUT: &str = "destination data";
const MAX_BYTES: usize = 4 * 1024 * 1024;
pub const SCHEMA_VERSION: u32 = 2;

/// The destination data, compiled into the native build; the web build
/// receives the same file from `mount`.
#[cfg(not(target_arch = "wasm32"))]
pub const DEFAULT_JSON: &str = include_str!("data/destinations.json");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DestFact {
    EuMember,
    ThirdCountry,
    /// An arms embargo in the sense of Art. 2(19) of Reg. (EU) 2021/821:
    /// imposed by the UN Security Council, a Council decision or common
    /// position, or an OSCE decision.
    ArmsEmbargo,
    /// A politically binding declaration or Council conclusions only: not
    /// an arms embargo in the sense of Art. 2(19).
    ArmsEmbargoOther,
    /// Any regime on monitoring and interception equipment.
    MonitoringRegime,
    /// A regime whose mechanism is prior authorisation with a refusal test.
    MonitoringAuthorisation,
    /// A regime whose current status is not settled.
    MonitoringUnclear,
    /// The regime also catches unlisted items intended for internal
    /// repression in the country.
    MonitoringCatchAll,
    /// A ban on all Annex I dual-use items to the country.
    DualUseBan,
    /// A ban on Annex I dual-use items for military use or military end-users only.
    DualUseBanConditional,
    /// A ban on further goods (beyond Annex I) that could contribute to the
    /// country's military and technological enhancement.
    EnhancementGoodsBan,
    /// The ban excepts cyber-security for non-government users outright
    /// (elsewhere that purpose needs an authorisation under a derogation).
    BanCyberSecurityException,
}

impl DestFact {
    pub const ALL: [DestFact; 12] = [
        DestFact::EuMember,
        DestFact::ThirdCountry,
        DestFact::ArmsEmbargo,
        DestFact::ArmsEmbargoOther,
        DestFact::MonitoringRegime,
        DestFact::MonitoringAuthorisation,
        DestFact::MonitoringUnclear,
        DestFact::MonitoringCatchAll,
        DestFact::DualUseBan,
        DestFact::DualUseBanConditional,
        DestFact::EnhancementGoodsBan,
        DestFact::BanCyberSecurityException,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DestFact::EuMember => "eu_member",
            DestFact::ThirdCountry => "third_country",
            DestFact::ArmsEmbargo => "arms_embargo",
            DestFact::ArmsEmbargoOther => "arms_embargo_other",
            DestFact::MonitoringRegime => "monitoring_regime",
            DestFact::MonitoringAuthorisation => "monitoring_authorisation",
            DestFact::MonitoringUnclear => "monitoring_unclear",
            DestFact::MonitoringCatchAll => "monitoring_catch_all",
            DestFact::DualUseBan => "dual_use_ban",
            DestFact::DualUseBanConditional => "dual_use_ban_conditional",
            DestFact::EnhancementGoodsBan => "enhancement_goods_ban",
            DestFact::BanCyberSecurityException => "ban_cyber_security_exception",
        }
    }

    pub fn from_name(s: &str) -> Option<DestFact> {
        DestFact::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// How sure a destination fact is. The same classes as the rule set's.
pub type Status = SourceClass;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryName {
    pub en: String,
    pub de: String,
}

/// An authority of a Member State: the dual-use licensing authority, or
/// the authority for authorisations under EU sanctions regimes.
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

impl ArmsEmbargo {
    /// Art. 2(19): UN Security Council, Council decision or common position, OSCE decision.
    pub fn is_art_2_19(&self) -> bool {
        self.un || matches!(self.eu, EuEmbargo::Binding | EuEmbargo::Osce)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonitoringKind {
    /// Prior authorisation, refused where the refusal test is met.
    Authorisation,
    /// The regime's current status could not be settled.
    Unclear,
}

/// An EU regime on monitoring and interception equipment for one country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringRegime {
    pub kind: MonitoringKind,
    /// The legal act, e.g. "Council Regulation (EU) No 359/2011".
    pub act: String,
    /// The article on the equipment, e.g. "Art. 1b".
    pub article: String,
    /// The annex listing the equipment, e.g. "Annex IV".
    pub annex: String,
    /// The annex's categories, as option ids of the rule set's
    /// monitoring-equipment question (condition `annex_lists`).
    pub categories: Vec<String>,
    /// The article extending the regime to unlisted items intended for
    /// internal repression, where the act has one (e.g. "Art. 5").
    pub catch_all_article: Option<String>,
    /// The article on services (technical assistance, brokering, financing,
    /// installation, operation, updating, monitoring services).
    pub services_article: String,
    /// The annex of websites naming the competent authorities.
    pub authorities_annex: String,
    /// When an authorisation is refused, in words.
    pub refusal_test: Text,
    pub status: Status,
    pub note: Option<Text>,
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BanKind {
    /// All Annex I items to any person in, or for use in, the country.
    General,
    /// Annex I items only for military use, military end-users or named bodies.
    Conditional,
}

/// A ban on dual-use exports to one country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DualUseBan {
    pub kind: BanKind,
    pub act: String,
    pub article: String,
    /// What is banned, in words (and, for a conditional ban, when).
    pub scope: Text,
    /// The exceptions and derogations, in words; `None` where the act has none.
    pub exceptions: Option<Text>,
    /// The provision banning further goods beyond Annex I, e.g. "Art. 2a and Annex VII".
    pub enhancement_goods: Option<String>,
    /// Whether cyber-security for non-government users is an exception (no
    /// authorisation needed) rather than a derogation.
    pub cyber_security_exception: bool,
    pub status: Status,
    pub note: Option<Text>,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    pub name: CountryName,
    pub eu_member: bool,
    pub competent_authority: Option<Authority>,
    /// The authority for authorisations under EU sanctions regimes, as the
    /// regimes' annexes of websites identify it (Member States only).
    pub sanctions_authority: Option<Authority>,
    pub arms_embargo: Option<ArmsEmbargo>,
    pub monitoring_regime: Option<MonitoringRegime>,
    pub dual_use_ban: Option<DualUseBan>,
    pub sources: Vec<String>,
}

/// What a destination fact rests on: the act and article, how sure it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactRef {
    pub fact: DestFact,
    pub country: String,
    /// The act, article and annex in words, e.g. "Council Regulation (EC)
    /// No 765/2006, Art. 1c and Annex IV (services: Art. 1d)".
    pub citation: String,
    pub status: Status,
}

impl Country {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name.en,
            Lang::De => &self.name.de,
        }
    }

    pub fn has(&self, fact: DestFact) -> bool {
        let embargo = self.arms_embargo.as_ref();
        let art_2_19 = embargo.is_some_and(ArmsEmbargo::is_art_2_19);
        let monitoring = self.monitoring_regime.as_ref();
        let ban = self.dual_use_ban.as_ref();
        match fact {
            DestFact::EuMember => self.eu_member,
            DestFact::ThirdCountry => !self.eu_member,
            DestFact::ArmsEmbargo => art_2_19,
            DestFact::ArmsEmbargoOther => {
                !art_2_19 && embargo.is_some_and(|e| e.eu != EuEmbargo::None)
            }
            DestFact::MonitoringRegime => monitoring.is_some(),
            DestFact::MonitoringAuthorisation => {
                monitoring.is_some_and(|m| m.kind == MonitoringKind::Authorisation)
            }
            DestFact::MonitoringUnclear => {
                monitoring.is_some_and(|m| m.kind == MonitoringKind::Unclear)
            }
            DestFact::MonitoringCatchAll => {
                monitoring.is_some_and(|m| m.catch_all_article.is_some())
            }
            DestFact::DualUseBan => ban.is_some_and(|b| b.kind == BanKind::General),
            DestFact::DualUseBanConditional => ban.is_some_and(|b| b.kind == BanKind::Conditional),
            DestFact::EnhancementGoodsBan => ban.is_some_and(|b| b.enhancement_goods.is_some()),
            DestFact::BanCyberSecurityException => ban.is_some_and(|b| b.cyber_security_exception),
        }
    }

    /// What `fact` rests on for this country: the act and article in words
    /// and how sure the data is. None for a fact the country lacks.
    pub fn fact_ref(&self, fact: DestFact) -> Option<FactRef> {
        if !self.has(fact) {
            return None;
        }
        let (citation, status) = match fact {
            DestFact::EuMember | DestFact::ThirdCountry => (
                "EU membership (Treaty on European Union, Art. 52)".to_string(),
                Status::Confirmed,
            ),
            DestFact::ArmsEmbargo | DestFact::ArmsEmbargoOther => {
                let e = self.arms_embargo.as_ref()?;
                let mut by = Vec::new();
                if e.un {
                    by.push("UN Security Council");
                }
                by.push(match e.eu {
                    EuEmbargo::Binding => "EU Council decision",
                    EuEmbargo::Osce => "OSCE decision",
                    EuEmbargo::Political => "EU political declaration",
                    EuEmbargo::Other => "EU Council conclusions",
                    EuEmbargo::None => "",
                });
                by.retain(|s| !s.is_empty());
                let within = if fact == DestFact::ArmsEmbargo {
                    "an arms embargo within Reg. (EU) 2021/821, Art. 2(19)"
                } else {
                    "not an arms embargo within Reg. (EU) 2021/821, Art. 2(19)"
                };
                (
                    format!("Embargo by {} ({within})", by.join(" and ")),
                    e.status,
                )
            }
            DestFact::MonitoringRegime
            | DestFact::MonitoringAuthorisation
            | DestFact::MonitoringUnclear => {
                let m = self.monitoring_regime.as_ref()?;
                (
                    format!(
                        "{}, {} and {} (services: {})",
                        m.act, m.article, m.annex, m.services_article
                    ),
                    m.status,
                )
            }
            DestFact::MonitoringCatchAll => {
                let m = self.monitoring_regime.as_ref()?;
                (
                    format!(
                        "{}, {} (unlisted items for internal repression)",
                        m.act,
                        m.catch_all_article.as_deref()?
                    ),
                    m.status,
                )
            }
            DestFact::DualUseBan
            | DestFact::DualUseBanConditional
            | DestFact::BanCyberSecurityException => {
                let b = self.dual_use_ban.as_ref()?;
                (format!("{}, {}", b.act, b.article), b.status)
            }
            DestFact::EnhancementGoodsBan => {
                let b = self.dual_use_ban.as_ref()?;
                (
                    format!("{}, {}", b.act, b.enhancement_goods.as_deref()?),
                    b.status,
                )
            }
        };
        Some(FactRef {
            fact,
            country: self.code.clone(),
            citation,
            status,
        })
    }
}

/// How a sanctions list's entries are grounded in law: for a list format
/// and a programme (the list's own code for the regime, or "*" for any),
/// the act that makes a match a prohibition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListBasis {
    /// `eu-fsf`, `un`, `ofac` or `csv`.
    pub list: String,
    pub programme: String,
    /// The act, e.g. "Council Regulation (EU) 2017/1509".
    pub act: String,
    /// Whether a confirmed match is prohibited by EU law (false for
    /// non-EU lists and a company's own list).
    pub eu_law: bool,
    pub status: Status,
    pub note: Option<Text>,
    pub sources: Vec<String>,
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
    /// The legal ground of each sanctions list's entries.
    pub list_bases: Vec<ListBasis>,
    /// What changed in each release of the data, newest first.
    pub changelog: Vec<ChangelogEntry>,
    pub countries: Vec<Country>,
}

/// Validated destination data with an index by country code.
#[derive(Clone, Debug)]
pub struct Destinations {
    pub as_of: String,
    pub title: String,
    pub notice: String,
    pub sources: BTreeMap<String, String>,
    pub list_bases: Vec<ListBasis>,
    pub changelog: Vec<ChangelogEntry>,
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
        let file: DestinationsFile = parse_json(
            INPUT,
            bytes,
            MAX_BYTES,
            "compare the field with the destination-data format in the README",
        )?;
        Destinations::from_file(file)
    }

    /// Validates and indexes data already parsed (from a file or a bundle).
    pub fn from_file(file: DestinationsFile) -> Result<Destinations, LoadError> {
        validate(&file)?;
        let index = file
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), i))
            .collect();
        Ok(Destinations {
            as_of: file.as_of,
            title: file.title,
            notice: file.notice,
            sources: file.sources,
            list_bases: file.list_bases,
            changelog: file.changelog,
            countries: file.countries,
            index,
        })
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.index.get(code).and_then(|&i| self.countries.get(i))
    }

    /// The countries as a chooser lists them: (code, "Name (CODE)") sorted
    /// by name in `lang`; `eu_only` keeps the Member States.
    pub fn choices(&self, lang: Lang, eu_only: bool) -> Vec<(String, String)> {
        let mut list: Vec<(String, String)> = self
            .countries
            .iter()
            .filter(|c| !eu_only || c.eu_member)
            .map(|c| (c.code.clone(), format!("{} ({})", c.name(lang), c.code)))
            .collect();
        list.sort_by(|a, b| a.1.cmp(&b.1));
        list
    }

    /// The legal ground of a list entry: the row for its list format and
    /// programme, else the list format's catch-all row ("*").
    pub fn list_basis(&self, list: &str, programme: Option<&str>) -> Option<&ListBasis> {
        let exact = programme.and_then(|p| {
            self.list_bases
                .iter()
                .find(|b| b.list == list && b.programme.eq_ignore_ascii_case(p.trim()))
        });
        exact.or_else(|| {
            self.list_bases
                .iter()
                .find(|b| b.list == list && b.programme == "*")
        })
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
            list_bases: self.list_bases.clone(),
            changelog: self.changelog.clone(),
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
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    if !b
        .iter()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
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
            format!(
                "schema version {} is not supported (this tool reads version {SCHEMA_VERSION})",
                file.schema_version
            ),
            "use a destination-data file made for this version of export-assessor",
        ));
    }
    if !is_iso_date(&file.as_of) {
        return Err(err(
            "as_of".into(),
            format!("\"{}\" is not a date in the form YYYY-MM-DD", file.as_of),
            "write the date the data is valid for, e.g. 2026-11-25",
        ));
    }
    if file.countries.is_empty() {
        return Err(err(
            "countries".into(),
            "the list of countries is empty".into(),
            "include every country, one row each",
        ));
    }
    let mut seen = HashMap::new();
    for (i, c) in file.countries.iter().enumerate() {
        let at = |field: &str| format!("countries[{i}] (code \"{}\"){field}", c.code);
        if c.code.len() != 2 || !c.code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(
                at(".code"),
                format!("\"{}\" is not an ISO 3166-1 alpha-2 code", c.code),
                "use two capital letters, e.g. \"DE\"",
            ));
        }
        if let Some(first) = seen.insert(c.code.clone(), i) {
            return Err(err(
                at(".code"),
                format!("the code also appears at countries[{first}]"),
                "keep one row per country",
            ));
        }
        if c.name.en.trim().is_empty() || c.name.de.trim().is_empty() {
            return Err(err(
                at(".name"),
                "a country name is empty".into(),
                "give the English and German names",
            ));
        }
        match (c.eu_member, &c.competent_authority) {
            (true, None) => {
                return Err(err(
                    at(".competent_authority"),
                    "an EU Member State has no competent authority".into(),
                    "name the authority that grants export authorisations, with its sources",
                ))
            }
            (false, Some(_)) => {
                return Err(err(
                    at(".competent_authority"),
                    "a country outside the EU has a competent authority".into(),
                    "remove it, or set eu_member to true if the country is a Member State",
                ))
            }
            (true, Some(a)) if a.name.trim().is_empty() => {
                return Err(err(
                    at(".competent_authority.name"),
                    "the authority's name is empty".into(),
                    "give the authority's name",
                ))
            }
            _ => {}
        }
        match (c.eu_member, &c.sanctions_authority) {
            (false, Some(_)) => {
                return Err(err(
                    at(".sanctions_authority"),
                    "a country outside the EU has a sanctions authority".into(),
                    "remove it; only Member States grant authorisations under EU sanctions regimes",
                ))
            }
            (true, Some(a)) if a.name.trim().is_empty() => {
                return Err(err(
                    at(".sanctions_authority.name"),
                    "the authority's name is empty".into(),
                    "give the authority's name or website as the regimes' annexes list it",
                ))
            }
            _ => {}
        }
        if c.sources.is_empty() {
            return Err(err(
                at(".sources"),
                "the row has no source".into(),
                "list at least one key of the top-level \"sources\" object",
            ));
        }
        if let Some(m) = &c.monitoring_regime {
            for (field, value) in [
                ("act", &m.act),
                ("article", &m.article),
                ("annex", &m.annex),
                ("services_article", &m.services_article),
                ("authorities_annex", &m.authorities_annex),
            ] {
                if value.trim().is_empty() {
                    return Err(err(
                        at(&format!(".monitoring_regime.{field}")),
                        "the field is empty".into(),
                        "give the act, article and annexes as the regulation numbers them",
                    ));
                }
            }
            if m.categories.is_empty() || m.categories.iter().any(|c| c.trim().is_empty()) {
                return Err(err(at(".monitoring_regime.categories"), "the annex's categories are missing or empty".into(), "list the option ids of the monitoring-equipment question that the annex covers"));
            }
            if m.refusal_test.is_blank() {
                return Err(err(
                    at(".monitoring_regime.refusal_test"),
                    "the refusal test is empty".into(),
                    "say in words when the authority refuses an authorisation",
                ));
            }
        }
        if let Some(b) = &c.dual_use_ban {
            if b.act.trim().is_empty() || b.article.trim().is_empty() {
                return Err(err(
                    at(".dual_use_ban.act"),
                    "the act or article is empty".into(),
                    "give the act and the article that bans the exports",
                ));
            }
            if b.scope.is_blank() {
                return Err(err(
                    at(".dual_use_ban.scope"),
                    "the scope is empty".into(),
                    "say in words what the ban covers",
                ));
            }
        }
        let mut used: Vec<(&str, &Vec<String>)> = vec![("sources", &c.sources)];
        if let Some(a) = &c.competent_authority {
            used.push(("competent_authority.sources", &a.sources));
        }
        if let Some(a) = &c.sanctions_authority {
            used.push(("sanctions_authority.sources", &a.sources));
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
                    return Err(err(
                        at(&format!(".{field}")),
                        format!("source \"{key}\" is not defined"),
                        "add it to the top-level \"sources\" object or correct the key",
                    ));
                }
            }
        }
    }
    let mut bases = HashMap::new();
    for (i, b) in file.list_bases.iter().enumerate() {
        let at = format!("list_bases[{i}]");
        if !matches!(b.list.as_str(), "eu-fsf" | "un" | "ofac" | "csv") {
            return Err(err(
                format!("{at}.list"),
                format!("\"{}\" is not a list format", b.list),
                "use eu-fsf, un, ofac or csv",
            ));
        }
        if b.programme.trim().is_empty() || b.act.trim().is_empty() {
            return Err(err(
                format!("{at}.programme"),
                "the programme or the act is empty".into(),
                "give the list's programme code (or \"*\") and the act",
            ));
        }
        if let Some(first) = bases.insert((b.list.as_str(), b.programme.to_ascii_uppercase()), i) {
            return Err(err(
                format!("{at}.programme"),
                format!("the list and programme also appear at list_bases[{first}]"),
                "keep one row per list and programme",
            ));
        }
        for key in &b.sources {
            if !file.sources.contains_key(key) {
                return Err(err(
                    format!("{at}.sources"),
                    format!("source \"{key}\" is not defined"),
                    "add it to the top-level \"sources\" object or correct the key",
                ));
            }
        }
    }
    for (i, entry) in file.changelog.iter().enumerate() {
        if !is_iso_date(&entry.date) || entry.version.trim().is_empty() || entry.changes.is_empty()
        {
            return Err(err(
                format!("changelog[{i}]"),
                "a changelog entry needs a version, a date (YYYY-MM-DD) and at least one change"
                    .into(),
                "complete the entry",
            ));
        }
    }
    Ok(())
}

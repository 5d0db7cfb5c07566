//! Sanctions-list loaders: EU Financial Sanctions Files XML v1.1, the UN
//! Security Council consolidated list XML, OFAC SDN CSV (`sdn.csv` with
//! `alt.csv`), and a plain CSV watchlist. Each keeps the list's generation
//! date and the SHA-256 of its file. Streaming, tolerant of empty elements
//! and missing optional parts; a precise error (file, line, reason) and no
//! panic on anything else.

use quick_xml::events::Event;
use quick_xml::Reader;
use sha2::{Digest, Sha256};

use super::csv;
use crate::core::error::LoadError;

const INPUT: &str = "sanctions list";
/// Refuse files that cannot be a sanctions list (the EU file is ~26 MB).
const MAX_BYTES: usize = 256 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    EuFsf,
    Un,
    Ofac,
    Csv,
}

impl ListFormat {
    pub fn name(self) -> &'static str {
        match self {
            ListFormat::EuFsf => "eu-fsf",
            ListFormat::Un => "un",
            ListFormat::Ofac => "ofac",
            ListFormat::Csv => "csv",
        }
    }
    pub fn from_name(s: &str) -> Option<ListFormat> {
        [
            ListFormat::EuFsf,
            ListFormat::Un,
            ListFormat::Ofac,
            ListFormat::Csv,
        ]
        .into_iter()
        .find(|f| f.name() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Person,
    Entity,
    Other,
}

impl EntryKind {
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Person => "Person",
            EntryKind::Entity => "Entity",
            EntryKind::Other => "Other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    pub name: String,
    /// False for aliases the list itself calls weak or low quality.
    pub strong: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub kind: EntryKind,
    pub names: Vec<Alias>,
    /// ISO codes where the list gives them, else country names as written.
    pub countries: Vec<String>,
    pub birth_years: Vec<u16>,
    /// The list's own code for the regime (EU programme, UN list type,
    /// OFAC program), where it gives one: it decides the legal ground.
    pub programme: Option<String>,
    /// The act that lists the entry, where the list names it (the EU file does).
    pub regulation: Option<String>,
}

impl Entry {
    /// `sha256:<hex>` over the entry's names, kind, countries and years of
    /// birth: a decision about a hit is raised again when this changes.
    pub fn fingerprint(&self) -> String {
        // Written out, not with `{:?}`: the wasm is built without Debug
        // formatting, and a fingerprint must be the same everywhere.
        let mut text = format!("{}\u{1f}{}", self.id, self.kind.name());
        for a in &self.names {
            text.push('\u{1f}');
            text.push_str(&a.name);
            text.push(if a.strong { '+' } else { '-' });
        }
        for c in &self.countries {
            text.push('\u{1e}');
            text.push_str(c);
        }
        for y in &self.birth_years {
            text.push_str(&format!("\u{1d}{y}"));
        }
        sha256_hex(text.as_bytes())
    }
}

#[derive(Clone, Debug)]
pub struct SanctionsList {
    /// What the user calls the list (usually the file name).
    pub label: String,
    pub format: ListFormat,
    /// The list's own generation date, where it states one.
    pub generated: Option<String>,
    /// `sha256:<hex>` of the file (for OFAC: of sdn.csv).
    pub sha256: String,
    pub entries: Vec<Entry>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::from("sha256:");
    for b in digest {
        s.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        s.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
    }
    s
}

/// Guesses the format from the content.
pub fn detect(bytes: &[u8]) -> Option<ListFormat> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    if head.contains("<export") && head.contains("fsd/export") || head.contains("<sanctionentity") {
        Some(ListFormat::EuFsf)
    } else if head.contains("<consolidated_list") {
        Some(ListFormat::Un)
    } else if head.trim_start().starts_with('<') {
        None
    } else if head.lines().next().is_some_and(|l| l.contains("name")) {
        Some(ListFormat::Csv)
    } else if head.lines().next().is_some_and(|l| {
        l.split(',')
            .next()
            .is_some_and(|f| f.trim().parse::<u64>().is_ok())
    }) {
        Some(ListFormat::Ofac)
    } else {
        None
    }
}

fn err(file: &str, location: String, problem: impl Into<String>, fix: &str) -> LoadError {
    LoadError::new(INPUT, format!("{file}: {location}"), problem, fix)
}

/// Loads a list. `alt` is OFAC's alt.csv (aliases), when there is one.
pub fn load(
    format: ListFormat,
    label: &str,
    bytes: &[u8],
    alt: Option<&[u8]>,
) -> Result<SanctionsList, LoadError> {
    if bytes.len() > MAX_BYTES {
        return Err(err(
            label,
            "whole file".into(),
            format!("the file has {} bytes", bytes.len()),
            "check that this is a sanctions list",
        ));
    }
    let (generated, entries) = match format {
        ListFormat::EuFsf => xml(label, bytes, &EU)?,
        ListFormat::Un => xml(label, bytes, &UN)?,
        ListFormat::Ofac => (None, ofac(label, bytes, alt)?),
        ListFormat::Csv => (None, watchlist(label, bytes)?),
    };
    if entries.is_empty() {
        return Err(err(
            label,
            "whole file".into(),
            format!("no entries found for the {} format", format.name()),
            "check the file and its format (--format eu-fsf|un|ofac|csv)",
        ));
    }
    Ok(SanctionsList {
        label: label.to_string(),
        format,
        generated,
        sha256: sha256_hex(bytes),
        entries,
    })
}

/// What an XML format calls its parts.
struct XmlSchema {
    root_date: (&'static [u8], &'static [u8]),
    entries: &'static [(&'static [u8], EntryKind)],
}

const UN: XmlSchema = XmlSchema {
    root_date: (b"CONSOLIDATED_LIST", b"dateGenerated"),
    entries: &[
        (b"INDIVIDUAL", EntryKind::Person),
        (b"ENTITY", EntryKind::Entity),
    ],
};
const EU: XmlSchema = XmlSchema {
    root_date: (b"export", b"generationDate"),
    entries: &[(b"sanctionEntity", EntryKind::Other)],
};

fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn year_of(s: &str) -> Option<u16> {
    let y: u16 = s.get(..4)?.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// One streaming pass for both XML formats: element names decide what a
/// text or attribute means.
fn xml(
    label: &str,
    bytes: &[u8],
    schema: &XmlSchema,
) -> Result<(Option<String>, Vec<Entry>), LoadError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut generated = None;
    let mut entries = Vec::new();
    let mut current: Option<Entry> = None;
    let mut name_parts: Vec<String> = Vec::new();
    let mut alias_quality_low = false;
    let mut saw_root = false;
    let is_un = schema.root_date.0 == b"CONSOLIDATED_LIST";
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            err(
                label,
                format!("line {}", line_of(bytes, pos)),
                format!("the XML is malformed ({e})"),
                "use the file exactly as published",
            )
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_vec();
                let attr = |key: &[u8]| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| a.unescape_value().ok())
                        .map(|v| v.into_owned())
                };
                if name == schema.root_date.0 {
                    saw_root = true;
                    generated = attr(schema.root_date.1);
                }
                if let Some((_, kind)) = schema.entries.iter().find(|(n, _)| *n == name.as_slice())
                {
                    if path.len() <= 2 {
                        let id = if is_un {
                            String::new()
                        } else {
                            attr(b"logicalId").unwrap_or_default()
                        };
                        current = Some(Entry {
                            id,
                            kind: *kind,
                            names: vec![],
                            countries: vec![],
                            birth_years: vec![],
                            programme: None,
                            regulation: None,
                        });
                        name_parts.clear();
                    }
                }
                if let Some(entry) = current.as_mut() {
                    match name.as_slice() {
                        // EU
                        b"nameAlias" => {
                            let whole = attr(b"wholeName")
                                .filter(|s| !s.trim().is_empty())
                                .or_else(|| {
                                    let parts: Vec<String> =
                                        [b"firstName".as_slice(), b"middleName", b"lastName"]
                                            .iter()
                                            .filter_map(|k| attr(k))
                                            .filter(|s| !s.trim().is_empty())
                                            .collect();
                                    (!parts.is_empty()).then(|| parts.join(" "))
                                });
                            if let Some(n) = whole {
                                entry.names.push(Alias {
                                    name: n,
                                    strong: attr(b"strong").as_deref() != Some("false"),
                                });
                            }
                        }
                        b"citizenship" | b"address" => {
                            if let Some(c) =
                                attr(b"countryIso2Code").filter(|c| c.len() == 2 && c != "00")
                            {
                                entry.countries.push(if c == "CS" {
                                    "RS".into()
                                } else {
                                    c.to_uppercase()
                                });
                            }
                        }
                        b"birthdate" => {
                            if let Some(y) = attr(b"year")
                                .and_then(|y| year_of(&y))
                                .or_else(|| attr(b"birthdate").and_then(|d| year_of(&d)))
                            {
                                entry.birth_years.push(y);
                            }
                        }
                        // The entity's own regulation (aliases and addresses carry one too).
                        b"regulation"
                            if path
                                .last()
                                .is_some_and(|p| p.as_slice() == b"sanctionEntity") =>
                        {
                            if entry.programme.is_none() {
                                entry.programme = attr(b"programme")
                                    .map(|p| p.trim().to_string())
                                    .filter(|p| !p.is_empty());
                            }
                            if entry.regulation.is_none() {
                                entry.regulation = attr(b"numberTitle")
                                    .map(|p| p.trim().to_string())
                                    .filter(|p| !p.is_empty());
                            }
                        }
                        b"subjectType" => {
                            entry.kind = match attr(b"code").as_deref() {
                                Some("person") => EntryKind::Person,
                                Some("enterprise") => EntryKind::Entity,
                                _ => EntryKind::Other,
                            }
                        }
                        // UN
                        b"INDIVIDUAL_ALIAS" | b"ENTITY_ALIAS" => alias_quality_low = false,
                        _ => {}
                    }
                }
                if !empty {
                    path.push(name);
                }
            }
            Event::Text(t) => {
                let Some(entry) = current.as_mut() else {
                    continue;
                };
                let text = t
                    .unescape()
                    .map_err(|e| {
                        err(
                            label,
                            format!("line {}", line_of(bytes, pos)),
                            format!("bad text ({e})"),
                            "use the file exactly as published",
                        )
                    })?
                    .trim()
                    .to_string();
                if text.is_empty() {
                    continue;
                }
                let Some(el) = path.last() else { continue };
                let parent = path.len().checked_sub(2).map(|i| path[i].as_slice());
                match el.as_slice() {
                    b"REFERENCE_NUMBER" => entry.id = text,
                    b"UN_LIST_TYPE" => entry.programme = Some(text),
                    b"FIRST_NAME" | b"SECOND_NAME" | b"THIRD_NAME" | b"FOURTH_NAME" => {
                        name_parts.push(text)
                    }
                    b"NAME_ORIGINAL_SCRIPT" => entry.names.push(Alias {
                        name: text,
                        strong: true,
                    }),
                    b"QUALITY" => alias_quality_low = text.eq_ignore_ascii_case("low"),
                    b"ALIAS_NAME" => entry.names.push(Alias {
                        name: text,
                        strong: !alias_quality_low,
                    }),
                    b"VALUE" if parent == Some(b"NATIONALITY") => entry.countries.push(text),
                    b"COUNTRY"
                        if matches!(parent, Some(b"INDIVIDUAL_ADDRESS" | b"ENTITY_ADDRESS")) =>
                    {
                        entry.countries.push(text)
                    }
                    b"YEAR" | b"DATE" if parent == Some(b"INDIVIDUAL_DATE_OF_BIRTH") => {
                        entry.birth_years.extend(year_of(&text))
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_vec();
                path.pop();
                if schema.entries.iter().any(|(n, _)| *n == name.as_slice()) && current.is_some() {
                    if let Some(mut entry) = current.take() {
                        if !name_parts.is_empty() {
                            entry.names.insert(
                                0,
                                Alias {
                                    name: name_parts.join(" "),
                                    strong: true,
                                },
                            );
                        }
                        entry.countries.sort();
                        entry.countries.dedup();
                        if entry.id.is_empty() {
                            return Err(err(
                                label,
                                format!("line {}", line_of(bytes, pos)),
                                "an entry has no id",
                                "use the file exactly as published",
                            ));
                        }
                        if !entry.names.is_empty() {
                            entries.push(entry);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_root {
        return Err(err(
            label,
            "line 1".into(),
            format!(
                "the root element <{}> is missing",
                String::from_utf8_lossy(schema.root_date.0)
            ),
            "check that the file and the format (--format) match",
        ));
    }
    if !path.is_empty() {
        return Err(err(
            label,
            format!("line {}", line_of(bytes, bytes.len())),
            "the file ends inside an element: it is truncated",
            "use the complete file",
        ));
    }
    Ok((generated, entries))
}

fn ofac_field(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty() && s != "-0-").then_some(s)
}

/// OFAC SDN: sdn.csv (ent_num, SDN_Name, SDN_Type, …) plus alt.csv
/// (ent_num, alt_num, alt_type, alt_name, alt_remarks). No header rows.
fn ofac(label: &str, sdn: &[u8], alt: Option<&[u8]>) -> Result<Vec<Entry>, LoadError> {
    let text = csv::decode_text(sdn);
    let records = csv::parse(&text, b',').map_err(|(line, p)| {
        err(
            label,
            format!("line {line}"),
            p,
            "use the file exactly as published",
        )
    })?;
    let mut entries: Vec<Entry> = Vec::new();
    for r in records {
        if r.fields
            .iter()
            .all(|f| f.trim().is_empty() || f.trim() == "\u{1a}")
        {
            continue; // the trailing end-of-file marker
        }
        let (Some(id), Some(name)) = (
            r.fields.first().and_then(|f| ofac_field(f)),
            r.fields.get(1).and_then(|f| ofac_field(f)),
        ) else {
            return Err(err(
                label,
                format!("line {}", r.line),
                "a row lacks ent_num or SDN_Name",
                "use sdn.csv exactly as published",
            ));
        };
        if id.parse::<u64>().is_err() {
            return Err(err(
                label,
                format!("line {}", r.line),
                format!("ent_num \"{id}\" is not a number"),
                "use sdn.csv exactly as published (it has no header row)",
            ));
        }
        let kind = match r.fields.get(2).and_then(|f| ofac_field(f)) {
            Some("individual") => EntryKind::Person,
            None => EntryKind::Entity,
            _ => EntryKind::Other,
        };
        let programme = r
            .fields
            .get(3)
            .and_then(|f| ofac_field(f))
            .map(str::to_string);
        entries.push(Entry {
            id: id.to_string(),
            kind,
            names: vec![Alias {
                name: name.replace(',', " "),
                strong: true,
            }],
            countries: vec![],
            birth_years: vec![],
            programme,
            regulation: None,
        });
    }
    if let Some(alt) = alt {
        let text = csv::decode_text(alt);
        let records = csv::parse(&text, b',').map_err(|(line, p)| {
            err(
                &format!("{label} (alt.csv)"),
                format!("line {line}"),
                p,
                "use alt.csv exactly as published",
            )
        })?;
        let index: std::collections::HashMap<String, usize> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        for r in records {
            let (Some(id), Some(name)) = (
                r.fields.first().and_then(|f| ofac_field(f)),
                r.fields.get(3).and_then(|f| ofac_field(f)),
            ) else {
                continue;
            };
            if let Some(&i) = index.get(id) {
                let weak = r
                    .fields
                    .get(2)
                    .and_then(|f| ofac_field(f))
                    .is_some_and(|t| t.eq_ignore_ascii_case("weak"))
                    || r.fields
                        .get(4)
                        .is_some_and(|f| f.to_lowercase().contains("weak"));
                entries[i].names.push(Alias {
                    name: name.replace(',', " "),
                    strong: !weak,
                });
            }
        }
    }
    Ok(entries)
}

/// A company's own list: a header row with `name` and optionally
/// `aliases` (separated by ';' or '|'), `country`, `note`, `id`.
fn watchlist(label: &str, bytes: &[u8]) -> Result<Vec<Entry>, LoadError> {
    let text = csv::decode_text(bytes);
    let delim = csv::sniff_delimiter(&text);
    let records = csv::parse(&text, delim)
        .map_err(|(line, p)| err(label, format!("line {line}"), p, "close the quote"))?;
    let Some((header, rows)) = records.split_first() else {
        return Ok(vec![]);
    };
    let col = |n: &str| {
        header
            .fields
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let Some(name_col) = col("name") else {
        return Err(err(
            label,
            format!("line {}", header.line),
            "the header has no \"name\" column",
            "start the file with a header such as: name,aliases,country,note",
        ));
    };
    let (alias_col, country_col, id_col) = (col("aliases"), col("country"), col("id"));
    let mut entries = Vec::new();
    for r in rows {
        let get = |c: Option<usize>| {
            c.and_then(|c| r.fields.get(c))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let name = get(Some(name_col));
        if name.is_empty() {
            return Err(err(
                label,
                format!("line {}", r.line),
                "the name is empty",
                "give every row a name or remove the row",
            ));
        }
        let mut names = vec![Alias {
            name: name.to_string(),
            strong: true,
        }];
        names.extend(
            get(alias_col)
                .split(['|', ';'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| Alias {
                    name: a.to_string(),
                    strong: true,
                }),
        );
        let id = match get(id_col) {
            "" => format!("row {}", r.line),
            id => id.to_string(),
        };
        let country = get(country_col);
        entries.push(Entry {
            id,
            kind: EntryKind::Other,
            names,
            countries: if country.is_empty() {
                vec![]
            } else {
                vec![country.to_string()]
            },
            birth_years: vec![],
            programme: None,
            regulation: None,
        });
    }
    Ok(entries)
}

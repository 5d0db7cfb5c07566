//! Sanctions-list loaders: EU Financial Sanctions Files XML v1.1, the UN
//! Security Council consolidated list XML, OFAC SDN CSV (`sdn.csv` with
//! `alt.csv`), and a plain CSV watchlist. Each keeps the list's generation
//! date and the SHA-256 of its file. Streaming, tolerant of empty elements
//! and missing optional parts; a precise error (file, line, reason) and no
//! panic on anything else.

use std::borrow::Cow;
use std::collections::HashSet;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::csv;
use crate::core::error::LoadError;
use crate::core::text::Lang;

const INPUT: &str = "sanctions list";
/// Refuse files that cannot be a sanctions list (the EU file is ~26 MB).
const MAX_BYTES: usize = 256 * 1024 * 1024;
/// Entries (and CSV rows) a list may have: the largest official list has
/// under 20,000 entries, and 256 MB of tiny rows would take gigabytes.
const MAX_ENTRIES: usize = 2_000_000;

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
    /// What was loaded differently from the file (damaged names, skipped
    /// rows, a missing alt.csv): shown to the user, never dropped silently.
    pub warnings: Vec<ListWarning>,
    /// The number of entries the file itself declares, where it declares
    /// one. None of the supported formats does today (the UN, EU FSF and
    /// OFAC CSV files state no count), so this is `None` for them.
    pub declared: Option<usize>,
}

/// Something a loader did not load as written, with how often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListWarning {
    /// Entries with a value that could not be decoded (an unknown entity,
    /// `&#0;`, invalid UTF-8): the damaged part was replaced by U+FFFD.
    Undecodable { entries: usize, first: String },
    /// Entries without any name: they cannot be screened and were skipped.
    Nameless { entries: usize, first: String },
    /// OFAC's sdn.csv without alt.csv: the aliases are missing.
    /// `akas_in_remarks` counts the "a.k.a." mentions in sdn.csv's remarks.
    NoAltFile { akas_in_remarks: usize },
    /// alt.csv rows whose ent_num is not in sdn.csv (skipped).
    AliasWithoutEntry { rows: usize, first_line: usize },
    /// alt.csv rows without an ent_num or a name (skipped).
    AliasUnreadable { rows: usize, first_line: usize },
    /// Names longer than screening compares (`normalize::MAX_NAME_CHARS`
    /// characters, `MAX_TOKENS` words): only their beginning is compared.
    NamesCut { names: usize },
}

impl ListWarning {
    /// How many entries or rows the warning is about.
    pub fn count(&self) -> usize {
        match self {
            ListWarning::Undecodable { entries, .. } | ListWarning::Nameless { entries, .. } => {
                *entries
            }
            ListWarning::NoAltFile { akas_in_remarks } => *akas_in_remarks,
            ListWarning::AliasWithoutEntry { rows, .. }
            | ListWarning::AliasUnreadable { rows, .. } => *rows,
            ListWarning::NamesCut { names } => *names,
        }
    }

    pub fn describe(&self, lang: Lang) -> String {
        use super::normalize::{MAX_NAME_CHARS, MAX_TOKENS};
        match (self, lang) {
            (ListWarning::NamesCut { names }, Lang::En) => format!(
                "{names} names are longer than {MAX_NAME_CHARS} characters or {MAX_TOKENS} words; \
                 only their beginning is compared."
            ),
            (ListWarning::NamesCut { names }, Lang::De) => format!(
                "{names} Namen sind länger als {MAX_NAME_CHARS} Zeichen oder {MAX_TOKENS} Wörter; \
                 nur ihr Anfang wird verglichen."
            ),
            (ListWarning::Undecodable { entries, first }, Lang::En) => format!(
                "{entries} entries contain characters that could not be decoded (an unknown \
                 entity, &#0; or invalid UTF-8); they were loaded with \u{FFFD} in their place \
                 (first: {first}). Get a fresh copy of the file from its publisher."
            ),
            (ListWarning::Undecodable { entries, first }, Lang::De) => format!(
                "{entries} Einträge enthalten Zeichen, die nicht dekodiert werden konnten \
                 (unbekannte Entität, &#0; oder ungültiges UTF-8); sie wurden mit \u{FFFD} an \
                 deren Stelle geladen (zuerst: {first}). Laden Sie die Datei neu beim Herausgeber."
            ),
            (ListWarning::Nameless { entries, first }, Lang::En) => format!(
                "{entries} entries have no name and were not loaded (first: {first})."
            ),
            (ListWarning::Nameless { entries, first }, Lang::De) => format!(
                "{entries} Einträge haben keinen Namen und wurden nicht geladen (zuerst: {first})."
            ),
            (ListWarning::NoAltFile { akas_in_remarks }, Lang::En) => format!(
                "alt.csv is missing: OFAC's aliases (in the published list roughly 40% of all \
                 names) are NOT loaded, so a lead known under an alias is not found. sdn.csv's \
                 remarks mention {akas_in_remarks} a.k.a. names; the aliases themselves are only \
                 in alt.csv. Load sdn.csv together with alt.csv."
            ),
            (ListWarning::NoAltFile { akas_in_remarks }, Lang::De) => format!(
                "alt.csv fehlt: Die Aliasnamen der OFAC (in der veröffentlichten Liste etwa 40 % \
                 aller Namen) sind NICHT geladen; ein Name, der nur als Alias gelistet ist, wird \
                 nicht gefunden. Die Bemerkungen in sdn.csv nennen {akas_in_remarks} a.k.a.-Namen; \
                 die Aliasnamen selbst stehen nur in alt.csv. Laden Sie sdn.csv zusammen mit alt.csv."
            ),
            (ListWarning::AliasWithoutEntry { rows, first_line }, Lang::En) => format!(
                "{rows} rows of alt.csv name an ent_num that is not in sdn.csv and were not \
                 loaded (first: line {first_line}). Use sdn.csv and alt.csv of the same date."
            ),
            (ListWarning::AliasWithoutEntry { rows, first_line }, Lang::De) => format!(
                "{rows} Zeilen in alt.csv nennen eine ent_num, die in sdn.csv fehlt, und wurden \
                 nicht geladen (zuerst: Zeile {first_line}). Verwenden Sie sdn.csv und alt.csv \
                 vom selben Datum."
            ),
            (ListWarning::AliasUnreadable { rows, first_line }, Lang::En) => format!(
                "{rows} rows of alt.csv have no ent_num or no name and were not loaded (first: \
                 line {first_line})."
            ),
            (ListWarning::AliasUnreadable { rows, first_line }, Lang::De) => format!(
                "{rows} Zeilen in alt.csv haben keine ent_num oder keinen Namen und wurden nicht \
                 geladen (zuerst: Zeile {first_line})."
            ),
        }
    }
}

/// Counts occurrences of one kind of problem and remembers where the first was.
/// `T` is the place (a description, or a line).
struct Tally<T> {
    count: usize,
    first: Option<T>,
}

impl<T> Default for Tally<T> {
    fn default() -> Self {
        Tally {
            count: 0,
            first: None,
        }
    }
}

impl<T> Tally<T> {
    /// `first` is called once only: finding a line costs a pass over the file.
    fn add(&mut self, first: impl FnOnce() -> T) {
        self.count = self.count.saturating_add(1);
        if self.first.is_none() {
            self.first = Some(first());
        }
    }
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
    let head = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes)).to_lowercase();
    // The first line, whether lines end in LF, CRLF or CR alone.
    let first_line = head.split(['\r', '\n']).next();
    if head.contains("<export") && head.contains("fsd/export") || head.contains("<sanctionentity") {
        Some(ListFormat::EuFsf)
    } else if head.contains("<consolidated_list") {
        Some(ListFormat::Un)
    } else if head.trim_start().starts_with('<') {
        None
    } else if first_line.is_some_and(|l| l.contains("name")) {
        Some(ListFormat::Csv)
    } else if first_line.is_some_and(|l| {
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
    let mut warnings = Vec::new();
    let (generated, entries) = match format {
        ListFormat::EuFsf => xml(label, bytes, &EU, &mut warnings)?,
        ListFormat::Un => xml(label, bytes, &UN, &mut warnings)?,
        ListFormat::Ofac => (None, ofac(label, bytes, alt, &mut warnings)?),
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
        warnings,
        declared: None,
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

/// The line of the first non-blank byte at or after `pos` (the reader's
/// position before an event is before the blanks it skips).
fn line_of(bytes: &[u8], pos: usize) -> usize {
    let mut pos = pos.min(bytes.len());
    while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos = pos.saturating_add(1);
    }
    bytes
        .iter()
        .take(pos)
        .filter(|&&b| b == b'\n')
        .count()
        .saturating_add(1)
}

fn year_of(s: &str) -> Option<u16> {
    let y: u16 = s.get(..4)?.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// Decodes an attribute value or a text as XML escapes it. What cannot be
/// decoded (invalid UTF-8, an unknown entity, `&#0;`, a `&` without `;`)
/// becomes U+FFFD; the flag says whether anything was replaced.
fn decode_lossy(raw: &[u8]) -> (String, bool) {
    let text = String::from_utf8_lossy(raw);
    let mut damaged = matches!(text, Cow::Owned(_));
    if let Ok(s) = quick_xml::escape::unescape(&text) {
        return (s.into_owned(), damaged);
    }
    // Entity by entity, so one bad reference does not take the rest with
    // it. An entity ends at `;`; `&`, whitespace or the end first means it
    // is unterminated. Every byte is looked at at most twice: linear.
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        // The entity's name: up to `;`, `&`, whitespace or the end.
        let name_len = after
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .unwrap_or(after.len());
        let (name, from_end) = after.split_at_checked(name_len).unwrap_or((after, ""));
        match from_end.strip_prefix(';') {
            Some(next) => {
                match quick_xml::escape::unescape(&format!("&{name};")) {
                    Ok(s) => out.push_str(&s),
                    Err(_) => {
                        out.push('\u{FFFD}');
                        damaged = true;
                    }
                }
                rest = next;
            }
            None => {
                out.push('\u{FFFD}');
                damaged = true;
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, damaged)
}

/// The attributes the loaders read (of any element).
const KEYS: [&[u8]; 13] = [
    b"generationDate",
    b"dateGenerated",
    b"logicalId",
    b"wholeName",
    b"firstName",
    b"middleName",
    b"lastName",
    b"strong",
    b"countryIso2Code",
    b"year",
    b"birthdate",
    b"programme",
    b"numberTitle",
];
const CODE: &[u8] = b"code";

/// An element's attributes of interest, read in one pass.
#[derive(Default)]
struct Attrs {
    values: Vec<(&'static [u8], String)>,
    /// A value could not be decoded completely.
    damaged: bool,
}

impl Attrs {
    fn get(&self, key: &[u8]) -> Option<String> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    }
}

/// Reads an element's attributes once: malformed and duplicate attributes
/// are an error (the problem text), and only the values of interest are
/// decoded. Duplicates are found with a set, so 500,000 attributes cost
/// what they weigh (quick-xml's own check compares each key with all before).
fn read_attrs(e: &BytesStart) -> Result<Attrs, String> {
    let mut attrs = Attrs::default();
    let mut keys: Vec<&[u8]> = Vec::new();
    let mut set: HashSet<&[u8]> = HashSet::new();
    let mut iter = e.attributes();
    iter.with_checks(false);
    for a in iter {
        let a = a.map_err(|err| format!("an attribute is malformed ({err})"))?;
        let local = a.key.local_name().into_inner();
        let key = a.key.into_inner();
        let duplicate = if keys.len() < 16 {
            keys.contains(&key)
        } else {
            if set.is_empty() {
                set.extend(keys.iter().copied());
            }
            !set.insert(key)
        };
        if duplicate {
            return Err(format!(
                "the attribute \"{}\" appears twice in one element",
                String::from_utf8_lossy(key)
            ));
        }
        keys.push(key);
        let wanted = if local == CODE {
            Some(CODE)
        } else {
            KEYS.iter().copied().find(|k| *k == local)
        };
        if let Some(k) = wanted {
            let (v, damaged) = decode_lossy(&a.value);
            attrs.damaged |= damaged;
            attrs.values.push((k, v));
        }
    }
    Ok(attrs)
}

/// One streaming pass for both XML formats: element names decide what a
/// text or attribute means.
fn xml(
    label: &str,
    bytes: &[u8],
    schema: &XmlSchema,
    warnings: &mut Vec<ListWarning>,
) -> Result<(Option<String>, Vec<Entry>), LoadError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut generated = None;
    let mut entries = Vec::new();
    let mut current: Option<Entry> = None;
    // Where the current entry starts, and where its first damaged value is.
    let mut entry_pos = 0;
    let mut damaged_at: Option<usize> = None;
    let mut undecodable = Tally::<String>::default();
    let mut nameless = Tally::<String>::default();
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
                let attrs = read_attrs(e).map_err(|problem| {
                    err(
                        label,
                        format!("line {}", line_of(bytes, pos)),
                        format!("<{}>: {problem}", String::from_utf8_lossy(&name)),
                        "use the file exactly as published",
                    )
                })?;
                let attr = |key: &[u8]| attrs.get(key);
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
                        entry_pos = pos;
                        damaged_at = None;
                    }
                }
                if let Some(entry) = current.as_mut() {
                    if attrs.damaged && damaged_at.is_none() {
                        damaged_at = Some(pos);
                    }
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
                            // Two ASCII letters only: "ß" upper-cases to "SS".
                            if let Some(c) = attr(b"countryIso2Code").filter(|c| {
                                c.len() == 2
                                    && c.bytes().all(|b| b.is_ascii_alphabetic())
                                    && c != "00"
                            }) {
                                entry.countries.push(if c.eq_ignore_ascii_case("CS") {
                                    "RS".into()
                                } else {
                                    c.to_ascii_uppercase()
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
                            entry.kind = match attr(CODE).as_deref() {
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
                let (text, damaged) = decode_lossy(&t);
                if damaged && damaged_at.is_none() {
                    damaged_at = Some(pos);
                }
                let text = text.trim().to_string();
                if text.is_empty() {
                    continue;
                }
                let Some(el) = path.last() else { continue };
                let parent = path
                    .len()
                    .checked_sub(2)
                    .and_then(|i| path.get(i))
                    .map(Vec::as_slice);
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
                        // Lines are counted for the first case only: linear.
                        if let Some(at) = damaged_at {
                            undecodable
                                .add(|| format!("entry {}, line {}", entry.id, line_of(bytes, at)));
                        }
                        if entries.len() == MAX_ENTRIES {
                            return Err(err(
                                label,
                                format!("line {}", line_of(bytes, pos)),
                                format!("the file has more than {MAX_ENTRIES} entries"),
                                "check that this is a sanctions list",
                            ));
                        }
                        if entry.names.is_empty() {
                            nameless.add(|| {
                                format!("entry {}, line {}", entry.id, line_of(bytes, entry_pos))
                            });
                        } else {
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
    if let Some(first) = undecodable.first {
        warnings.push(ListWarning::Undecodable {
            entries: undecodable.count,
            first,
        });
    }
    if let Some(first) = nameless.first {
        warnings.push(ListWarning::Nameless {
            entries: nameless.count,
            first,
        });
    }
    Ok((generated, entries))
}

fn ofac_field(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty() && s != "-0-").then_some(s)
}

/// OFAC SDN: sdn.csv (ent_num, SDN_Name, SDN_Type, …) plus alt.csv
/// (ent_num, alt_num, alt_type, alt_name, alt_remarks). No header rows.
fn ofac(
    label: &str,
    sdn: &[u8],
    alt: Option<&[u8]>,
    warnings: &mut Vec<ListWarning>,
) -> Result<Vec<Entry>, LoadError> {
    let text = csv::decode_text(sdn);
    let records = csv::parse_at_most(&text, b',', MAX_ENTRIES).map_err(|(line, p)| {
        err(
            label,
            format!("line {line}"),
            p,
            "use the file exactly as published",
        )
    })?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut akas_in_remarks = 0;
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
        if let Some(remarks) = r.fields.get(11) {
            akas_in_remarks = usize::saturating_add(
                akas_in_remarks,
                remarks.to_lowercase().matches("a.k.a.").count(),
            );
        }
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
        let records = csv::parse_at_most(&text, b',', MAX_ENTRIES).map_err(|(line, p)| {
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
        let (mut orphans, mut unreadable) = (Tally::<usize>::default(), Tally::default());
        for r in records {
            if r.fields
                .iter()
                .all(|f| f.trim().is_empty() || f.trim() == "\u{1a}")
            {
                continue; // the trailing end-of-file marker
            }
            let (Some(id), Some(name)) = (
                r.fields.first().and_then(|f| ofac_field(f)),
                r.fields.get(3).and_then(|f| ofac_field(f)),
            ) else {
                unreadable.add(|| r.line);
                continue;
            };
            let Some(&i) = index.get(id) else {
                orphans.add(|| r.line);
                continue;
            };
            if let Some(entry) = entries.get_mut(i) {
                let weak = r
                    .fields
                    .get(2)
                    .and_then(|f| ofac_field(f))
                    .is_some_and(|t| t.eq_ignore_ascii_case("weak"))
                    || r.fields
                        .get(4)
                        .is_some_and(|f| f.to_lowercase().contains("weak"));
                entry.names.push(Alias {
                    name: name.replace(',', " "),
                    strong: !weak,
                });
            }
        }
        if let Some(first_line) = orphans.first {
            warnings.push(ListWarning::AliasWithoutEntry {
                rows: orphans.count,
                first_line,
            });
        }
        if let Some(first_line) = unreadable.first {
            warnings.push(ListWarning::AliasUnreadable {
                rows: unreadable.count,
                first_line,
            });
        }
    } else {
        warnings.push(ListWarning::NoAltFile { akas_in_remarks });
    }
    Ok(entries)
}

/// A company's own list: a header row with `name` and optionally
/// `aliases` (separated by ';' or '|'), `country`, `note`, `id`.
fn watchlist(label: &str, bytes: &[u8]) -> Result<Vec<Entry>, LoadError> {
    let text = csv::decode_text(bytes);
    let delim = csv::sniff_delimiter(&text);
    let records = csv::parse_at_most(&text, delim, MAX_ENTRIES + 1).map_err(|(line, p)| {
        let fix = if p.contains("more than") {
            "check that this is a sanctions list"
        } else {
            "close the quote"
        };
        err(label, format!("line {line}"), p, fix)
    })?;
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

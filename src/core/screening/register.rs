//! The company register of "not a match" decisions, shared across
//! assessments and lead batches (a JSON file a compliance team can pass
//! round). An entry is about a name as screened and one list entry as it
//! was (its fingerprint). It suppresses the hit while the entry is
//! unchanged and the decision has not expired; otherwise the hit is raised
//! again with "review again" and why. Dates are `YYYY-MM-DD`; "today" is
//! the caller's (the core reads no clock).

use serde::{Deserialize, Serialize};

use super::record::{Hit, RegisterState, Response};
use crate::core::error::{parse_json, LoadError};
use crate::core::text::Lang;

pub const REGISTER_VERSION: u32 = 1;
const INPUT: &str = "company register";
const FIX: &str = "use a register file exported by export-assessor, or correct the value named";
/// A register larger than this is refused (about 50,000 entries).
const MAX_BYTES: usize = 32 << 20;
const MAX_TEXT: usize = 2000;

/// The register file: `{"version": 1, "entries": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub version: u32,
    pub entries: Vec<RegisterEntry>,
}

/// One "not a match" decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterEntry {
    /// The name as screened.
    pub name: String,
    /// The list (`eu-fsf`, `un`, `ofac`, `csv:<file>`) and its entry.
    pub list_key: String,
    pub entry_id: String,
    /// The entry's fingerprint when decided (`Hit::entry_fingerprint`).
    pub entry_fingerprint: String,
    pub reason: String,
    /// Who decided (free text).
    pub decided_by: String,
    /// `YYYY-MM-DD`.
    pub decided_on: String,
    /// `YYYY-MM-DD`; the last day the decision holds.
    pub expires_on: String,
}

/// How a register entry bears on a hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The hit is suppressed: decided "not a match".
    Holds,
    /// The decision expired before today: review again.
    Expired,
    /// The list entry changed since the decision: review again.
    EntryChanged,
}

impl RegisterState {
    fn of(s: Standing) -> RegisterState {
        match s {
            Standing::Holds => RegisterState::Suppressed,
            Standing::Expired => RegisterState::Expired,
            Standing::EntryChanged => RegisterState::FingerprintChanged,
        }
    }
}

/// The key a name is compared by: case and spacing do not matter.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date; None when it is not one.
pub fn days(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = date.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > month_days(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Howard Hinnant's days_from_civil. An exception to the arithmetic lint
/// (RELIABILITY.md, "No panic from input"): the caller passes a year of
/// four digits (0..=9999), a month 1..=12 and a day 1..=31, so no step
/// comes near the bounds of i64.
#[allow(clippy::arithmetic_side_effects)]
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The first and last day `date` writes: 0000-01-01 and 9999-12-31.
const DAYS_RANGE: std::ops::RangeInclusive<i64> = -719_528..=2_932_896;

/// The `YYYY-MM-DD` date of a day count since 1970-01-01 (a count outside
/// the years 0000–9999 gives the nearest of them).
// An exception to the arithmetic lint (RELIABILITY.md): `days` is clamped
// to `DAYS_RANGE` first, so no step comes near the bounds of i64.
#[allow(clippy::arithmetic_side_effects)]
pub fn date(days: i64) -> String {
    let days = days.clamp(*DAYS_RANGE.start(), *DAYS_RANGE.end());
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn month_days(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One year after `decided_on` (29 February → 28 February); None when
/// `decided_on` is not a date.
pub fn default_expiry(decided_on: &str) -> Option<String> {
    days(decided_on)?;
    let y: i64 = decided_on.get(0..4)?.parse().ok()?;
    let rest = decided_on.get(4..)?;
    // `days` accepted the date, so the year has four digits.
    let y = y.saturating_add(1);
    let next = format!("{y:04}{rest}");
    if days(&next).is_some() {
        Some(next)
    } else {
        Some(format!("{y:04}-02-28"))
    }
}

/// The date part of a timestamp (`2026-12-03T10:00:00Z` → `2026-12-03`),
/// when it starts with a date.
pub fn date_of(timestamp: &str) -> Option<&str> {
    let d = timestamp.get(0..10)?;
    days(d).map(|_| d)
}

impl RegisterEntry {
    fn same_decision(&self, other: &RegisterEntry) -> bool {
        self.list_key == other.list_key
            && self.entry_id == other.entry_id
            && name_key(&self.name) == name_key(&other.name)
    }

    /// How this entry bears on a hit of `name` on an entry with
    /// `fingerprint`, on `today` (`YYYY-MM-DD`). A today that is not a
    /// date counts every decision as expired: nothing is suppressed on a
    /// date nobody can check.
    pub fn standing(&self, fingerprint: &str, today: &str) -> Standing {
        if self.entry_fingerprint != fingerprint {
            return Standing::EntryChanged;
        }
        match (days(today), days(&self.expires_on)) {
            (Some(t), Some(e)) if t <= e => Standing::Holds,
            _ => Standing::Expired,
        }
    }

    /// The decision in words, as it bears on a hit: what the register
    /// decided, by whom, until when, and whether it still holds.
    pub fn describe(&self, state: RegisterState, lang: Lang) -> String {
        let (by, on, until, reason) = (
            &self.decided_by,
            &self.decided_on,
            &self.expires_on,
            &self.reason,
        );
        match (state, lang) {
            (RegisterState::Suppressed, Lang::En) => format!("Not a match according to the company register (decided by {by} on {on}, valid until {until}): \"{reason}\""),
            (RegisterState::Suppressed, Lang::De) => format!("Laut Firmenregister keine Übereinstimmung (entschieden von {by} am {on}, gültig bis {until}): „{reason}“"),
            (RegisterState::Expired, Lang::En) => format!("Review again: the company register's decision (by {by} on {on}: \"{reason}\") expired on {until}"),
            (RegisterState::Expired, Lang::De) => format!("Erneut prüfen: die Entscheidung im Firmenregister (von {by} am {on}: „{reason}“) ist am {until} abgelaufen"),
            (RegisterState::FingerprintChanged, Lang::En) => format!("Review again: the list entry has changed since the company register's decision (by {by} on {on}: \"{reason}\")"),
            (RegisterState::FingerprintChanged, Lang::De) => format!("Erneut prüfen: der Listeneintrag hat sich seit der Entscheidung im Firmenregister geändert (von {by} am {on}: „{reason}“)"),
        }
    }
}

/// What importing one register into another would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merge {
    /// Entries the register does not have yet.
    pub new: Vec<RegisterEntry>,
    /// Entries about a decision the register has, that differ from it:
    /// (the register's, the imported).
    pub changed: Vec<(RegisterEntry, RegisterEntry)>,
    /// Entries the register already has as they are.
    pub unchanged: usize,
}

impl Register {
    pub fn new() -> Register {
        Register {
            version: REGISTER_VERSION,
            entries: vec![],
        }
    }

    /// Reads a register file; an error names the entry and field, and
    /// says what to do.
    pub fn parse(bytes: &[u8]) -> Result<Register, LoadError> {
        let r: Register = parse_json(INPUT, bytes, MAX_BYTES, FIX)?;
        if r.version != REGISTER_VERSION {
            return Err(LoadError::new(
                INPUT,
                "version",
                format!(
                    "version {} is not known (this tool reads version {REGISTER_VERSION})",
                    r.version
                ),
                "export the register again with this version of export-assessor",
            ));
        }
        for (i, e) in r.entries.iter().enumerate() {
            e.check().map_err(|(field, problem, fix)| {
                LoadError::new(INPUT, format!("entries[{i}].{field}"), problem, fix)
            })?;
            if let Some(j) = r.entries.iter().take(i).position(|o| o.same_decision(e)) {
                return Err(LoadError::new(
                    INPUT,
                    format!("entries[{i}]"),
                    format!(
                        "a second decision about \"{}\" and {} entry {} (the first is entries[{j}])",
                        e.name, e.list_key, e.entry_id
                    ),
                    "keep one of the two entries",
                ));
            }
        }
        Ok(r)
    }

    /// The register as its file: pretty JSON, entries in their canonical
    /// order (list, entry, name).
    pub fn to_json(&self) -> String {
        let mut r = self.clone();
        r.sort();
        serde_json::to_string_pretty(&r).unwrap_or_default() + "\n"
    }

    fn sort(&mut self) {
        self.entries.sort_by(|a, b| {
            (&a.list_key, &a.entry_id, name_key(&a.name), &a.decided_on).cmp(&(
                &b.list_key,
                &b.entry_id,
                name_key(&b.name),
                &b.decided_on,
            ))
        });
    }

    /// `sha256:<hex>` of the canonical file: the same register gives the
    /// same hash whatever the order of its entries or its formatting.
    pub fn sha256(&self) -> String {
        super::lists::sha256_hex(self.to_json().as_bytes())
    }

    /// The entry about `name`'s hit on `list_key`/`entry_id`, if any.
    pub fn find(&self, name: &str, list_key: &str, entry_id: &str) -> Option<&RegisterEntry> {
        let key = name_key(name);
        self.entries
            .iter()
            .find(|e| e.list_key == list_key && e.entry_id == entry_id && name_key(&e.name) == key)
    }

    /// What the register says of a hit of `name` on `today`: the state
    /// and the decision in words (in `lang`).
    pub fn mark(
        &self,
        name: &str,
        hit: &Hit,
        today: &str,
        lang: Lang,
    ) -> Option<(RegisterState, String)> {
        self.find(name, &hit.list_key, &hit.entry_id).map(|e| {
            let state = RegisterState::of(e.standing(&hit.entry_fingerprint, today));
            (state, e.describe(state, lang))
        })
    }

    /// Marks each hit of the response with what the register says of it
    /// on `today`, and records the register's hash in the response.
    pub fn apply(&self, response: &mut Response, today: &str, lang: Lang) {
        for party in &mut response.parties {
            for hit in &mut party.hits {
                match self.mark(&party.name, hit, today, lang) {
                    Some((RegisterState::Suppressed, note)) => hit.register_note = Some(note),
                    Some((_, note)) => hit.explanation = format!("{note}. {}", hit.explanation),
                    None => {}
                }
            }
        }
        response.register_sha256 = Some(self.sha256());
    }

    /// Adds a decision, replacing an earlier one about the same name and
    /// entry. Refused (with the field and why) when a field is not valid.
    pub fn add(&mut self, entry: RegisterEntry) -> Result<(), LoadError> {
        entry.check().map_err(|(field, problem, fix)| {
            LoadError::new(INPUT, field.to_string(), problem, fix)
        })?;
        self.entries.retain(|e| !e.same_decision(&entry));
        self.entries.push(entry);
        Ok(())
    }

    /// Removes the decision about `name` and the entry; whether there was one.
    pub fn remove(&mut self, name: &str, list_key: &str, entry_id: &str) -> bool {
        let before = self.entries.len();
        let key = name_key(name);
        self.entries.retain(|e| {
            !(e.list_key == list_key && e.entry_id == entry_id && name_key(&e.name) == key)
        });
        before != self.entries.len()
    }

    /// What importing `other` would add and change; nothing is applied.
    pub fn preview(&self, other: &Register) -> Merge {
        let mut m = Merge::default();
        for e in &other.entries {
            match self.entries.iter().find(|o| o.same_decision(e)) {
                None => m.new.push(e.clone()),
                Some(o) if o == e => m.unchanged = m.unchanged.saturating_add(1),
                Some(o) => m.changed.push((o.clone(), e.clone())),
            }
        }
        m
    }

    /// Imports `other`: new entries are added; changed ones replace the
    /// register's only when `replace_changed`.
    pub fn import(&mut self, other: &Register, replace_changed: bool) {
        for e in &other.entries {
            match self.entries.iter_mut().find(|o| o.same_decision(e)) {
                None => self.entries.push(e.clone()),
                Some(o) if replace_changed => *o = e.clone(),
                Some(_) => {}
            }
        }
    }

    /// Entries whose name, list, entry, reason or decider contain `query`
    /// (case-insensitive), in the canonical order.
    pub fn search(&self, query: &str) -> Vec<&RegisterEntry> {
        let q = name_key(query);
        let mut out: Vec<&RegisterEntry> = self
            .entries
            .iter()
            .filter(|e| {
                q.is_empty()
                    || [&e.name, &e.list_key, &e.entry_id, &e.reason, &e.decided_by]
                        .iter()
                        .any(|f| name_key(f).contains(&q))
            })
            .collect();
        out.sort_by_key(|e| (name_key(&e.name), e.list_key.clone(), e.entry_id.clone()));
        out
    }
}

type Problem = (&'static str, String, &'static str);

impl RegisterEntry {
    /// The first field that is not valid: (field, problem, what to do).
    pub fn check(&self) -> Result<(), Problem> {
        for (field, value) in [
            ("name", &self.name),
            ("list_key", &self.list_key),
            ("entry_id", &self.entry_id),
            ("entry_fingerprint", &self.entry_fingerprint),
            ("reason", &self.reason),
            ("decided_by", &self.decided_by),
        ] {
            if value.trim().is_empty() {
                return Err((
                    field,
                    "it is empty".into(),
                    "every decision needs the name, the list entry, the reason and who decided",
                ));
            }
            if value.len() > MAX_TEXT {
                return Err((
                    field,
                    format!("{} bytes; at most {MAX_TEXT}", value.len()),
                    "shorten the text",
                ));
            }
        }
        let decided = days(&self.decided_on).ok_or((
            "decided_on",
            format!("\"{}\" is not a date", self.decided_on),
            "write the date as YYYY-MM-DD",
        ))?;
        let expires = days(&self.expires_on).ok_or((
            "expires_on",
            format!("\"{}\" is not a date", self.expires_on),
            "write the date as YYYY-MM-DD",
        ))?;
        if expires < decided {
            return Err((
                "expires_on",
                format!(
                    "{} is before the decision date {}",
                    self.expires_on, self.decided_on
                ),
                "give an expiry date on or after the decision date",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, id: &str) -> RegisterEntry {
        RegisterEntry {
            name: name.into(),
            list_key: "ofac".into(),
            entry_id: id.into(),
            entry_fingerprint: "sha256:aa".into(),
            reason: "Different person: born 1990".into(),
            decided_by: "A. Officer".into(),
            decided_on: "2026-01-10".into(),
            expires_on: "2027-01-10".into(),
        }
    }

    #[test]
    fn civil_dates_round_trip_and_invalid_dates_are_refused() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("2024-02-29").map(date).as_deref(), Some("2024-02-29"));
        for n in [-1000, 0, 59, 60, 11_016, 20_000, 100_000] {
            assert_eq!(days(&date(n)), Some(n), "{n}");
        }
        for (n, want) in [
            (*DAYS_RANGE.start(), "0000-01-01"),
            (*DAYS_RANGE.end(), "9999-12-31"),
            (i64::MIN, "0000-01-01"),
            (i64::MAX, "9999-12-31"),
        ] {
            assert_eq!(date(n), want, "{n}");
        }
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-1-01",
            "2026-01-32",
            "20260101xx",
            "+026-01-01",
            "",
        ] {
            assert_eq!(days(bad), None, "{bad}");
        }
        assert_eq!(default_expiry("2026-01-10").as_deref(), Some("2027-01-10"));
        assert_eq!(default_expiry("2028-02-29").as_deref(), Some("2029-02-28"));
        assert_eq!(default_expiry("soon"), None);
        assert_eq!(date_of("2026-12-03T10:00:00Z"), Some("2026-12-03"));
        assert_eq!(date_of("yesterday"), None);
    }

    #[test]
    fn an_entry_holds_until_it_expires_or_the_list_entry_changes() {
        let e = entry("Serguei Petroff", "10001");
        assert_eq!(e.standing("sha256:aa", "2026-06-01"), Standing::Holds);
        assert_eq!(e.standing("sha256:aa", "2027-01-10"), Standing::Holds);
        assert_eq!(e.standing("sha256:aa", "2027-01-11"), Standing::Expired);
        assert_eq!(
            e.standing("sha256:bb", "2026-06-01"),
            Standing::EntryChanged
        );
        assert_eq!(e.standing("sha256:aa", "not a date"), Standing::Expired);
        let mut r = Register::new();
        r.add(e).unwrap();
        assert!(r.find("  serguei   PETROFF ", "ofac", "10001").is_some());
        assert!(r.find("Serguei Petrov", "ofac", "10001").is_none());
        assert!(r.find("Serguei Petroff", "un", "10001").is_none());
    }

    #[test]
    fn the_file_round_trips_and_its_hash_ignores_order_and_formatting() {
        let mut a = Register::new();
        a.add(entry("B", "2")).unwrap();
        a.add(entry("A", "1")).unwrap();
        let mut b = Register::new();
        b.add(entry("A", "1")).unwrap();
        b.add(entry("B", "2")).unwrap();
        assert_eq!(a.sha256(), b.sha256());
        assert!(a.sha256().starts_with("sha256:"));
        let text = a.to_json();
        let back = Register::parse(text.as_bytes()).unwrap();
        assert_eq!(back.to_json(), text);
        let compact = serde_json::to_string(&back).unwrap();
        assert_eq!(
            Register::parse(compact.as_bytes()).unwrap().sha256(),
            a.sha256()
        );
        a.entries[0].reason.push('!');
        assert_ne!(a.sha256(), b.sha256(), "a changed reason changes the hash");
    }

    #[test]
    fn bad_files_are_refused_with_the_place_and_what_to_do() {
        let good = Register {
            version: 1,
            entries: vec![entry("A", "1")],
        };
        let text = serde_json::to_string(&good).unwrap();
        for (bad, at, says) in [
            (
                text.replace("\"version\":1", "\"version\":2"),
                "version",
                "not known",
            ),
            (
                text.replace("2027-01-10", "2027-13-10"),
                "entries[0].expires_on",
                "not a date",
            ),
            (
                text.replace("2027-01-10", "2025-01-10"),
                "entries[0].expires_on",
                "before",
            ),
            (
                text.replace("A. Officer", " "),
                "entries[0].decided_by",
                "empty",
            ),
            (
                text.replace("\"reason\"", "\"reasons\""),
                "entries[0]",
                "unknown field",
            ),
            (
                text.replace("\"entry_id\":\"1\"", "\"entry_id\":1"),
                "entries[0].entry_id",
                "invalid type",
            ),
            ("[]".to_string(), "line 1", "JSON object"),
            (text[..text.len() - 3].to_string(), "line 1", "EOF"),
        ] {
            let e = Register::parse(bad.as_bytes()).unwrap_err();
            assert!(
                e.location.contains(at) && e.to_string().contains(says),
                "{bad}: {e}"
            );
            assert!(!e.fix.is_empty());
        }
        let twice = format!(
            r#"{{"version":1,"entries":[{e},{e}]}}"#,
            e = serde_json::to_string(&entry("A", "1")).unwrap()
        );
        let e = Register::parse(twice.as_bytes()).unwrap_err();
        assert!(
            e.location == "entries[1]" && e.problem.contains("entries[0]"),
            "{e}"
        );
    }

    #[test]
    fn import_previews_new_and_changed_entries_and_never_overwrites_silently() {
        let mut mine = Register::new();
        mine.add(entry("A", "1")).unwrap();
        mine.add(entry("B", "2")).unwrap();
        let mut theirs = Register::new();
        theirs.add(entry("A", "1")).unwrap();
        let mut changed = entry("B", "2");
        changed.reason = "Other company, other country".into();
        theirs.add(changed.clone()).unwrap();
        theirs.add(entry("C", "3")).unwrap();
        let m = mine.preview(&theirs);
        assert_eq!((m.new.len(), m.changed.len(), m.unchanged), (1, 1, 1));
        assert_eq!(m.changed[0].1, changed);
        let mut kept = mine.clone();
        kept.import(&theirs, false);
        assert_eq!(kept.entries.len(), 3);
        assert_ne!(kept.find("B", "ofac", "2"), Some(&changed));
        mine.import(&theirs, true);
        assert_eq!(mine.find("B", "ofac", "2"), Some(&changed));
        assert!(mine.remove("b", "ofac", "2") && !mine.remove("b", "ofac", "2"));
        assert_eq!(mine.search("officer").len(), 2);
        assert_eq!(mine.search("nobody").len(), 0);
        assert_eq!(mine.search("  a ")[0].name, "A");
    }
}

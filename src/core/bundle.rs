//! The web bundle: the validated rule set (with its translations), the
//! destination data and the UI message catalogues in one compact binary
//! file, postcard through serde on both sides. `export-assessor bundle`
//! writes it at build time; the wasm reads it at mount and validates it
//! again, on the same code path as the CLI.

use serde::{Deserialize, Serialize};

use super::destinations::{Destinations, DestinationsFile};
use super::error::LoadError;
use super::ruleset::RuleSet;

const INPUT: &str = "data bundle";
/// Bumped whenever the bundled types change shape.
pub const FORMAT: u32 = 6;
const MAGIC: &[u8; 8] = b"EXPASSv6";
const REBUILD: &str = "rebuild the app (bash scripts/build.sh) so the data bundle matches the wasm";

/// A UI message catalogue: the keys of a message list and, per key,
/// `[English, German]`. The wasm compares the keys with its own list, so a
/// stale bundle beside a new wasm is refused instead of showing blank texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Messages {
    pub keys: Vec<String>,
    pub texts: Vec<[String; 2]>,
}

impl Messages {
    /// The texts in the order of `expected`, or an error naming the first
    /// key that differs.
    pub fn for_list(self, which: &str, expected: &[&str]) -> Result<Vec<[String; 2]>, LoadError> {
        let mismatch = self.keys.len() != expected.len()
            || self.texts.len() != self.keys.len()
            || self.keys.iter().zip(expected).any(|(a, b)| a != b);
        if mismatch {
            let first = self
                .keys
                .iter()
                .zip(expected)
                .position(|(a, b)| a != b)
                .unwrap_or(self.keys.len().min(expected.len()));
            return Err(LoadError::new(
                INPUT,
                format!("{which} messages, key {first}"),
                format!("the bundle has {} messages where this build expects {} (first difference at key {first})", self.keys.len(), expected.len()),
                REBUILD,
            ));
        }
        Ok(self.texts)
    }
}

/// What a bundle holds, as written.
#[derive(Serialize, Deserialize)]
struct Bundle {
    format: u32,
    rules: RuleSet,
    destinations: DestinationsFile,
    app_messages: Messages,
    screening_messages: Messages,
}

/// Writes a bundle.
pub fn encode(
    rules: &RuleSet,
    destinations: &Destinations,
    app_messages: &Messages,
    screening_messages: &Messages,
) -> Vec<u8> {
    let bundle = Bundle {
        format: FORMAT,
        rules: rules.clone(),
        destinations: destinations.to_file(),
        app_messages: app_messages.clone(),
        screening_messages: screening_messages.clone(),
    };
    let mut out = MAGIC.to_vec();
    out.extend(postcard::to_allocvec(&bundle).unwrap_or_default());
    out
}

/// What a bundle holds, validated.
#[derive(Debug)]
pub struct Contents {
    pub rules: RuleSet,
    pub destinations: Destinations,
    pub app_messages: Messages,
    pub screening_messages: Messages,
}

/// Reads a bundle. A bundle from another build gets an error that says to
/// rebuild, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Contents, LoadError> {
    let Some(body) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err(LoadError::new(
            INPUT,
            "header",
            "this is not an export-assessor data bundle of this version",
            REBUILD,
        ));
    };
    let (bundle, rest): (Bundle, &[u8]) = postcard::take_from_bytes(body).map_err(|e| {
        LoadError::new(
            INPUT,
            "body",
            format!("the bundle is damaged or from another build ({e})"),
            REBUILD,
        )
    })?;
    if bundle.format != FORMAT || !rest.is_empty() {
        return Err(LoadError::new(
            INPUT,
            "body",
            "the bundle is damaged or from another build",
            REBUILD,
        ));
    }
    Ok(Contents {
        rules: bundle.rules.finish()?,
        destinations: Destinations::from_file(bundle.destinations)?,
        app_messages: bundle.app_messages,
        screening_messages: bundle.screening_messages,
    })
}

/// The largest provisioned file `compose` reads; a bigger one is refused
/// before it is parsed.
pub const MAX_PROVISIONED_BYTES: usize = 4 * 1024 * 1024;

/// A file a host provides at run time on top of the shipped bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provisioned {
    /// A company extension of the bundle's rule set.
    Rules,
    /// A destination-data file that replaces the bundle's.
    Destinations,
}

impl Provisioned {
    pub fn name(self) -> &'static str {
        match self {
            Provisioned::Rules => "rules",
            Provisioned::Destinations => "destinations",
        }
    }
}

/// A provisioned file that was not applied, and why.
#[derive(Debug)]
pub struct Rejected {
    pub file: Provisioned,
    pub error: LoadError,
}

/// A bundle composed at run time, with what is in force and what was refused.
#[derive(Debug)]
pub struct Composed {
    pub bytes: Vec<u8>,
    pub rule_set_id: String,
    pub rule_set_version: String,
    pub destinations_as_of: String,
    pub rejected: Vec<Rejected>,
}

/// The shipped bundle with a company rule-set extension and/or updated
/// destination data applied, as `export-assessor bundle --rules
/// --destinations` would have built it. Each file stands alone: a bad one
/// is reported in `rejected` and the bundle's own part is kept. When
/// nothing is applied the bytes are `base` unchanged. Only a damaged base
/// is an error.
pub fn compose(
    base: &[u8],
    rules_extension: Option<&[u8]>,
    destinations: Option<&[u8]>,
) -> Result<Composed, LoadError> {
    let mut contents = decode(base)?;
    let mut rejected = Vec::new();
    let mut changed = false;
    if let Some(bytes) = rules_extension {
        match bounded("rule-set extension", bytes).and_then(|b| contents.rules.extended_with(b)) {
            Ok(rules) => {
                contents.rules = rules;
                changed = true;
            }
            Err(error) => rejected.push(Rejected {
                file: Provisioned::Rules,
                error,
            }),
        }
    }
    if let Some(bytes) = destinations {
        match bounded("destination data", bytes).and_then(Destinations::load) {
            Ok(d) => {
                contents.destinations = d;
                changed = true;
            }
            Err(error) => rejected.push(Rejected {
                file: Provisioned::Destinations,
                error,
            }),
        }
    }
    let bytes = if changed {
        encode(
            &contents.rules,
            &contents.destinations,
            &contents.app_messages,
            &contents.screening_messages,
        )
    } else {
        base.to_vec()
    };
    Ok(Composed {
        bytes,
        rule_set_id: contents.rules.id,
        rule_set_version: contents.rules.version,
        destinations_as_of: contents.destinations.as_of,
        rejected,
    })
}

/// Refuses an oversized file before any parsing (the parsers have their
/// own, smaller limits; this one bounds what reaches them at all).
fn bounded<'a>(input: &'static str, bytes: &'a [u8]) -> Result<&'a [u8], LoadError> {
    if bytes.len() > MAX_PROVISIONED_BYTES {
        return Err(LoadError::too_large(
            input,
            bytes.len(),
            MAX_PROVISIONED_BYTES,
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages() -> Messages {
        Messages {
            keys: vec!["Back".into(), "Next".into()],
            texts: vec![
                ["Back".into(), "Zurück".into()],
                ["Next".into(), "Weiter".into()],
            ],
        }
    }

    const EXTENSION: &str = include_str!("../../www/examples/rules/acme-extension.json");
    const DESTINATIONS: &str = include_str!("../../www/examples/rules/destinations.json");

    fn base() -> Vec<u8> {
        let rules = RuleSet::eu_default().unwrap();
        encode(
            rules,
            &Destinations::builtin().unwrap(),
            &messages(),
            &messages(),
        )
    }

    fn problems(c: &Composed) -> String {
        let lines: Vec<String> = c
            .rejected
            .iter()
            .map(|r| format!("{}: {}", r.file.name(), r.error))
            .collect();
        lines.join("\n")
    }

    fn only(c: &Composed, file: Provisioned, location: &str, problem: &str) {
        assert_eq!(c.rejected.len(), 1, "{}", problems(c));
        let r = &c.rejected[0];
        assert_eq!(r.file, file);
        assert!(
            r.error.location.contains(location) && r.error.problem.contains(problem),
            "{}",
            r.error
        );
        assert!(!r.error.fix.is_empty());
    }

    #[test]
    fn neither_file_leaves_the_bytes_unchanged() {
        let base = base();
        let c = compose(&base, None, None).unwrap();
        assert_eq!(c.bytes, base);
        assert_eq!(c.rule_set_id, "eu-2021-821-art5");
        assert!(c.rejected.is_empty());
    }

    #[test]
    fn an_extension_is_applied_to_the_bundled_rules() {
        let c = compose(&base(), Some(EXTENSION.as_bytes()), None).unwrap();
        assert!(c.rejected.is_empty(), "{}", problems(&c));
        assert_eq!(c.rule_set_id, "acme-export-rules");
        assert!(c
            .rule_set_version
            .starts_with("2026.4 (on eu-2021-821-art5"));
        let back = decode(&c.bytes).unwrap();
        assert!(back.rules.question("acme_board_approval").is_some());
        assert_eq!(back.app_messages, messages());
        assert_eq!(
            back.destinations.as_of,
            Destinations::builtin().unwrap().as_of
        );
    }

    #[test]
    fn a_bad_extension_keeps_the_bundled_rules_and_still_applies_destinations() {
        let base = base();
        let c = compose(
            &base,
            Some(b"{\"extends\": "),
            Some(DESTINATIONS.as_bytes()),
        )
        .unwrap();
        only(&c, Provisioned::Rules, "line 1", "EOF");
        assert_eq!(c.rule_set_id, "eu-2021-821-art5");
        assert_eq!(c.destinations_as_of, "2026-12-10");
        let back = decode(&c.bytes).unwrap();
        assert_eq!(back.destinations.as_of, "2026-12-10");
        assert_eq!(back.rules.id, "eu-2021-821-art5");

        let invalid = br#"{"extends": "eu-2021-821-art5", "id": "acme", "version": "1", "weights": {"categories": {"item": 99}}}"#;
        let c = compose(&base, Some(invalid), None).unwrap();
        only(&c, Provisioned::Rules, "score.categories", "add up to");
        assert_eq!(c.bytes, base);
    }

    #[test]
    fn bad_destination_data_keeps_the_bundled_data_and_still_applies_the_extension() {
        let base = base();
        let stale =
            DESTINATIONS.replacen("\"as_of\": \"2026-12-10\"", "\"as_of\": \"10.12.2026\"", 1);
        let c = compose(&base, Some(EXTENSION.as_bytes()), Some(stale.as_bytes())).unwrap();
        only(&c, Provisioned::Destinations, "as_of", "not a date");
        assert_eq!(c.rule_set_id, "acme-export-rules");
        assert_eq!(c.destinations_as_of, Destinations::builtin().unwrap().as_of);
        let c = compose(&base, None, Some(b"[]")).unwrap();
        only(&c, Provisioned::Destinations, "", "");
        assert_eq!(c.bytes, base);
    }

    #[test]
    fn both_files_apply_together() {
        let c = compose(
            &base(),
            Some(EXTENSION.as_bytes()),
            Some(DESTINATIONS.as_bytes()),
        )
        .unwrap();
        assert!(c.rejected.is_empty(), "{}", problems(&c));
        let back = decode(&c.bytes).unwrap();
        assert_eq!(
            (back.rules.id.as_str(), back.destinations.as_of.as_str()),
            ("acme-export-rules", "2026-12-10")
        );
    }

    #[test]
    fn oversized_and_hostile_inputs_are_refused_without_panic() {
        let base = base();
        let huge = vec![b' '; MAX_PROVISIONED_BYTES + 1];
        let c = compose(&base, Some(&huge), Some(&huge)).unwrap();
        assert_eq!(c.rejected.len(), 2);
        assert!(c
            .rejected
            .iter()
            .all(|r| r.error.problem.contains("at most")));
        assert_eq!(c.bytes, base);
        for junk in [&b"\xff\xfe\x00"[..], b"null", b"{}", b"\"x\"", b"[[[[[[[["] {
            let c = compose(&base, Some(junk), Some(junk)).unwrap();
            assert_eq!(c.rejected.len(), 2);
        }
        assert!(compose(b"EXPASSv6\x06", None, None).is_err());
        assert!(compose(&base[..base.len() / 2], Some(EXTENSION.as_bytes()), None).is_err());
    }

    #[test]
    fn messages_must_match_the_build_key_by_key() {
        assert_eq!(
            messages().for_list("app", &["Back", "Next"]).unwrap()[1][1],
            "Weiter"
        );
        let e = messages()
            .for_list("app", &["Back", "Next", "Print"])
            .unwrap_err();
        assert!(
            e.problem.contains("expects 3") && e.fix.contains("rebuild"),
            "{e}"
        );
        let e = messages().for_list("app", &["Next", "Back"]).unwrap_err();
        assert!(e.location.contains("key 0"), "{e}");
    }
}

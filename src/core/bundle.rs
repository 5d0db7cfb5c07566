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

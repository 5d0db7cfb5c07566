//! The web bundle: the validated rule set (with its translations) and the
//! destination data and the UI message catalogue in one compact binary file (postcard), written by
//! `export-assessor bundle` at build time and read by the wasm at start-up.
//! Decoding it costs a fraction of the wasm that JSON parsing would.

use serde::{Deserialize, Serialize};

use super::destinations::{Destinations, DestinationsFile};
use super::error::LoadError;
use super::ruleset::RuleSet;

const INPUT: &str = "data bundle";
/// Bumped whenever the bundled types change shape.
pub const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"EXPASSv1";

#[derive(Serialize, Deserialize)]
struct Bundle {
    format: u32,
    rules: RuleSet,
    destinations: DestinationsFile,
    /// The web app's message catalogue (JSON text), opaque to the core.
    ui_messages: String,
}

pub fn encode(rules: &RuleSet, destinations: &Destinations, ui_messages: &str) -> Vec<u8> {
    let bundle = Bundle { format: FORMAT, rules: rules.clone(), destinations: destinations.to_file(), ui_messages: ui_messages.to_string() };
    let mut out = MAGIC.to_vec();
    out.extend(postcard::to_allocvec(&bundle).unwrap_or_default());
    out
}

/// Decodes and re-validates a bundle. A bundle from another build gets an
/// error that says to rebuild, never a panic.
pub fn decode(bytes: &[u8]) -> Result<(RuleSet, Destinations, String), LoadError> {
    let rebuild = "rebuild the app (bash scripts/build.sh) so the data bundle matches the wasm";
    let Some(body) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err(LoadError::new(INPUT, "header", "this is not an export-assessor data bundle of this version", rebuild));
    };
    let bundle: Bundle = postcard::from_bytes(body).map_err(|e| LoadError::new(INPUT, "body", format!("the bundle cannot be decoded ({e})"), rebuild))?;
    if bundle.format != FORMAT {
        return Err(LoadError::new(INPUT, "format", format!("bundle format {} (this build reads {FORMAT})", bundle.format), rebuild));
    }
    let rules = bundle.rules.finish()?;
    let destinations = Destinations::from_file(bundle.destinations)?;
    Ok((rules, destinations, bundle.ui_messages))
}

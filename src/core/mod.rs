//! The assessment engine. No web crates, no I/O, no clock, no randomness.

pub const PRODUCT_NAME: &str = "export-assessor";

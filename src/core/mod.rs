//! The assessment engine. No web crates, no I/O, no clock, no randomness:
//! callers pass bytes in and get values out. See ARCHITECTURE.md.

pub mod answers;
pub mod audit;
pub mod bundle;
pub mod condition;
pub mod destinations;
pub mod error;
pub mod evaluate;
pub mod notification;
pub mod outcome;
pub mod provenance;
pub mod report;
pub mod ruleset;
pub mod screening;
pub mod serde_util;
pub mod session;
pub mod text;
pub mod triage;
pub mod vars;

pub const PRODUCT_NAME: &str = "export-assessor";

pub use answers::{AnswerValue, Answers};
pub use destinations::Destinations;
pub use error::LoadError;
pub use evaluate::{evaluate, next_steps, Assessment};
pub use outcome::Outcome;
pub use provenance::SourceClass;
pub use ruleset::RuleSet;
pub use text::{Lang, Text};

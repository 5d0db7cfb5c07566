//! The outcome of one assessment. Exactly one per assessment; the most
//! severe wins.

use serde::{Deserialize, Serialize};

/// Ordered from least to most severe, so `max` picks the winner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Not a cyber-surveillance item and no other trigger, or an intra-EU transfer.
    NotInScope,
    /// A cyber-surveillance item without red flags: proceed, keep records (Art. 27).
    ProceedDocumented,
    /// Red flags or open points: enhanced due diligence and compliance review.
    Escalate,
    /// Required answers are missing and no definite outcome is reached yet.
    Incomplete,
    /// Art. 5(2): notify the competent authority; do not ship until it decides.
    NotifyAuthority,
    /// A listed item, an authority's notice, or a sanctions authorisation regime.
    AuthorisationRequired,
    /// A ban applies.
    Prohibited,
}

impl Outcome {
    pub const ALL: [Outcome; 7] = [
        Outcome::Prohibited,
        Outcome::AuthorisationRequired,
        Outcome::NotifyAuthority,
        Outcome::Incomplete,
        Outcome::Escalate,
        Outcome::ProceedDocumented,
        Outcome::NotInScope,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Outcome::Prohibited => "prohibited",
            Outcome::AuthorisationRequired => "authorisation_required",
            Outcome::NotifyAuthority => "notify_authority",
            Outcome::Incomplete => "incomplete",
            Outcome::Escalate => "escalate",
            Outcome::ProceedDocumented => "proceed_documented",
            Outcome::NotInScope => "not_in_scope",
        }
    }

    pub fn from_name(name: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.name() == name)
    }

    /// Definite outcomes stand even while other answers are missing: a ban
    /// or a duty to apply or notify does not depend on the rest.
    pub fn is_definite(self) -> bool {
        self >= Outcome::NotifyAuthority
    }
}

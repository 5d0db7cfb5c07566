//! How sure a rule or a fact is: the class of the source it rests on. Every
//! question, finding, outcome rule and destination fact carries one, and
//! every output shows it beside the citation.

use serde::{Deserialize, Serialize};

use super::text::Lang;

/// The class of a source, from most to least certain. Ordered so that
/// `max` over the sources a conclusion rests on gives its weakest link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceClass {
    /// The binding legal text was read and says this.
    Confirmed,
    /// Only secondary summaries (law-firm notes, trade press) say this.
    Secondary,
    /// Exporters' or other regimes' practice, cited for comparison; not
    /// what the EU texts require.
    Practice,
    /// No readable source confirms it.
    Unconfirmed,
}

impl SourceClass {
    pub const ALL: [SourceClass; 4] = [
        SourceClass::Confirmed,
        SourceClass::Secondary,
        SourceClass::Practice,
        SourceClass::Unconfirmed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SourceClass::Confirmed => "confirmed",
            SourceClass::Secondary => "secondary",
            SourceClass::Practice => "practice",
            SourceClass::Unconfirmed => "unconfirmed",
        }
    }

    pub fn from_name(s: &str) -> Option<SourceClass> {
        SourceClass::ALL.into_iter().find(|c| c.name() == s)
    }

    /// The class in words, as every output shows it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SourceClass::Confirmed, Lang::En) => "binding text (confirmed)",
            (SourceClass::Secondary, Lang::En) => "secondary summary",
            (SourceClass::Practice, Lang::En) => "exporter practice (for comparison)",
            (SourceClass::Unconfirmed, Lang::En) => "unconfirmed",
            (SourceClass::Confirmed, Lang::De) => "verbindlicher Text (bestätigt)",
            (SourceClass::Secondary, Lang::De) => "Sekundärquelle (Zusammenfassung)",
            (SourceClass::Practice, Lang::De) => "Exporteurspraxis (zum Vergleich)",
            (SourceClass::Unconfirmed, Lang::De) => "nicht bestätigt",
        }
    }
}

/// One release of a data file (rule set or destination data): what
/// changed, why, and which text it was read in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangelogEntry {
    pub version: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub what: String,
    pub why: String,
    /// The text the change was read in (act, article, consolidation date).
    pub source: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_order_runs_from_sure_to_unsure() {
        for c in SourceClass::ALL {
            assert_eq!(SourceClass::from_name(c.name()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.name())
            );
        }
        assert!(
            SourceClass::Confirmed < SourceClass::Secondary
                && SourceClass::Practice < SourceClass::Unconfirmed
        );
        assert_eq!(SourceClass::from_name("binding"), None);
    }
}

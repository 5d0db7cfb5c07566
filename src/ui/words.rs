//! Answers, facts, finding kinds and outcomes in words, in the user's
//! language (pure helpers for the components).

use super::context::Shared;
use super::i18n::{t, Lang, Msg};
use crate::core::destinations::DestFact;
use crate::core::ruleset::{FindingKind, QuestionKind};
use crate::core::{AnswerValue, Outcome};

/// An answer in words: yes/no and option labels, country names.
pub fn answer_text(shared: &Shared, lang: Lang, question: &str, value: &AnswerValue) -> String {
    let Some(q) = shared.rules.question(question) else {
        return value.values().join(", ");
    };
    let word = |v: &str| -> String {
        match (&q.kind, v) {
            (QuestionKind::YesNo | QuestionKind::YesNoUnknown, "yes") => t(lang, Msg::Yes).into(),
            (QuestionKind::YesNo | QuestionKind::YesNoUnknown, "no") => t(lang, Msg::No).into(),
            (QuestionKind::YesNoUnknown, "unknown") => t(lang, Msg::DontKnow).into(),
            (QuestionKind::Single { options } | QuestionKind::Multi { options, .. }, v) => options
                .iter()
                .find(|o| o.id == v)
                .map(|o| o.label.get(lang).to_string())
                .unwrap_or_else(|| v.to_string()),
            (QuestionKind::Country { .. }, code) => shared
                .dest
                .country(code)
                .map(|c| c.name(lang).to_string())
                .unwrap_or_else(|| code.to_string()),
            (_, v) => v.to_string(),
        }
    };
    value
        .values()
        .into_iter()
        .map(word)
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn fact_name(lang: Lang, fact: DestFact) -> &'static str {
    use DestFact::*;
    t(
        lang,
        match fact {
            EuMember => Msg::FactEuMember,
            ThirdCountry => Msg::FactThirdCountry,
            ArmsEmbargo => Msg::FactArmsEmbargo,
            ArmsEmbargoOther => Msg::FactArmsEmbargoOther,
            MonitoringRegime | MonitoringAuthorisation | MonitoringUnclear => Msg::FactMonitoring,
            MonitoringCatchAll => Msg::FactMonitoringCatchAll,
            DualUseBan | BanCyberSecurityException => Msg::FactDualUseBan,
            DualUseBanConditional => Msg::FactDualUseBanConditional,
            EnhancementGoodsBan => Msg::FactEnhancementGoods,
        },
    )
}

pub fn kind_label(lang: Lang, kind: FindingKind) -> &'static str {
    t(
        lang,
        match kind {
            FindingKind::RedFlag => Msg::KindRedFlag,
            FindingKind::Gap => Msg::KindGap,
            FindingKind::Trigger => Msg::KindTrigger,
            FindingKind::RiskFactor => Msg::KindRiskFactor,
            FindingKind::Mitigation => Msg::KindMitigation,
            FindingKind::Classification => Msg::KindClassification,
            FindingKind::Note => Msg::KindNote,
        },
    )
}

/// A symbol beside the outcome's name (never the only signal).
pub fn outcome_icon(o: Outcome) -> &'static str {
    match o {
        Outcome::Prohibited => "⛔",
        Outcome::AuthorisationRequired => "🔒",
        Outcome::NotifyAuthority => "✉",
        Outcome::Incomplete => "…",
        Outcome::Escalate => "⚠",
        Outcome::ProceedDocumented => "✔",
        Outcome::NotInScope => "○",
    }
}

/// A timestamp to the minute, as people read it.
pub fn minute(ts: &str) -> String {
    ts.get(..16).unwrap_or(ts).replace('T', " ")
}

//! The placeholders a rule set's texts may use, filled from the answers and
//! the destination data: `{authority}` is the dual-use licensing authority of
//! the exporter's Member State, `{regime}` the destination's sanctions act
//! and article, and so on. Legal facts stay in the data; the rule set's
//! texts name them through these placeholders.

use super::answers::{AnswerValue, Answers};
use super::destinations::{Country, Destinations};
use super::ruleset::RuleSet;
use super::text::{fill, Lang, Text};

/// Every placeholder a rule-set text may contain.
pub const PLACEHOLDERS: [&str; 10] = [
    "authority",
    "member_state",
    "sanctions_authority",
    "destination",
    "regime",
    "regime_services",
    "refusal_test",
    "ban",
    "ban_exceptions",
    "enhancement_goods",
];

/// The placeholder values for one assessment in one language.
#[derive(Clone, Debug)]
pub struct TextVars {
    pub lang: Lang,
    values: Vec<(&'static str, String)>,
}

fn generic(lang: Lang, en: &str, de: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::De => de.to_string(),
    }
}

impl TextVars {
    pub fn new(
        rules: &RuleSet,
        destinations: &Destinations,
        answers: &Answers,
        lang: Lang,
    ) -> TextVars {
        let country = |q: &str| {
            answers
                .get(q)
                .and_then(AnswerValue::as_one)
                .and_then(|code| destinations.country(code))
        };
        let member: Option<&Country> =
            country(&rules.member_state_question).filter(|c| c.eu_member);
        let dest: Option<&Country> = country(&rules.destination_question);
        let regime = dest.and_then(|c| c.monitoring_regime.as_ref());
        let ban = dest.and_then(|c| c.dual_use_ban.as_ref());
        let g = |en: &str, de: &str| generic(lang, en, de);
        let values = vec![
            (
                "authority",
                member.and_then(|c| c.competent_authority.as_ref()).map(|a| a.name.clone()).unwrap_or_else(|| g("the competent authority of your Member State", "die zuständige Behörde Ihres Mitgliedstaats")),
            ),
            ("member_state", member.map(|c| c.name(lang).to_string()).unwrap_or_else(|| g("your Member State", "Ihrem Mitgliedstaat"))),
            (
                "sanctions_authority",
                member
                    .and_then(|c| c.sanctions_authority.as_ref())
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| g("named in the regulation's annex of websites", "im Anhang der Verordnung mit Websites genannt")),
            ),
            ("destination", dest.map(|c| c.name(lang).to_string()).unwrap_or_else(|| g("the destination", "das Bestimmungsland"))),
            (
                "regime",
                regime.map(|m| format!("{}, {} and {}", m.act, m.article, m.annex)).unwrap_or_else(|| g("the destination's sanctions regulation", "die Sanktionsverordnung für das Bestimmungsland")),
            ),
            (
                "regime_services",
                regime.map(|m| format!("{}, {}", m.act, m.services_article)).unwrap_or_else(|| g("the destination's sanctions regulation", "die Sanktionsverordnung für das Bestimmungsland")),
            ),
            (
                "refusal_test",
                regime.map(|m| m.refusal_test.get(lang).to_string()).unwrap_or_else(|| g("(no refusal test: the destination has no such regime)", "(kein Versagungsgrund: für das Bestimmungsland gilt keine solche Regelung)")),
            ),
            ("ban", ban.map(|b| format!("{}, {}", b.act, b.article)).unwrap_or_else(|| g("the destination's sanctions regulation", "die Sanktionsverordnung für das Bestimmungsland"))),
            (
                "ban_exceptions",
                ban.and_then(|b| b.exceptions.as_ref()).map(|t| t.get(lang).to_string()).unwrap_or_else(|| g("(the act provides no exceptions)", "(die Verordnung sieht keine Ausnahmen vor)")),
            ),
            (
                "enhancement_goods",
                ban.and_then(|b| b.enhancement_goods.as_ref().map(|e| format!("{}, {e}", b.act))).unwrap_or_else(|| g("the destination's sanctions regulation", "die Sanktionsverordnung für das Bestimmungsland")),
            ),
        ];
        TextVars { lang, values }
    }

    pub fn get(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// A template with its placeholders filled (one pass; values are literal).
    pub fn fill(&self, template: &str) -> String {
        let vars: Vec<(&str, &str)> = self.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &vars)
    }

    /// A rule-set text in this language, filled.
    pub fn text(&self, text: &Text) -> String {
        self.fill(text.get(self.lang))
    }
}

#[cfg(test)]
mod tests {
    use super::PLACEHOLDERS;

    #[test]
    fn placeholders_are_distinct() {
        for (i, p) in PLACEHOLDERS.iter().enumerate() {
            assert!(!PLACEHOLDERS[..i].contains(p), "{p} twice");
        }
    }
}

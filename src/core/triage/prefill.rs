//! A lead opened as a new assessment: a draft whose answers come from the
//! product, the lead row, the screening and the settings, with a record of
//! which answer came from where (written into the draft, so the user sees
//! it and can change any answer), linked back to the lead.

use super::engine::{answers_for, TriageContext, SOURCE_LEAD, SOURCE_PRODUCT, SOURCE_SETTINGS};
use super::mapping::TriageLead;
use crate::core::answers::AnswerValue;
use crate::core::ruleset::QuestionKind;
use crate::core::session::{Draft, MadeUnder};
use crate::core::vars::TextVars;
use crate::core::Lang;

/// Question labels up to this length are quoted in the note; a section's
/// longer ones (more than one) are counted under the section's title.
const SHORT_LABEL: usize = 80;

/// The question the provenance note is written into.
pub const NOTES_QUESTION: &str = "record_notes";

/// The key that links a lead to the assessment opened from it: the lead
/// file's label, the row and the company.
pub fn lead_key(file: &str, lead: &TriageLead) -> String {
    format!("{file}#{}:{}", lead.row, lead.company)
}

/// Which answer of the pre-filled assessment came from where: (question
/// id, source: "product", "lead", "screening" or "settings").
pub fn provenance(
    cx: &TriageContext,
    lead: &TriageLead,
    product: &str,
    screening_answer: Option<&str>,
) -> Vec<(String, &'static str)> {
    answers_for(cx, lead, product, screening_answer)
        .into_iter()
        .map(|(q, _, source)| (q, source))
        .collect()
}

/// A new draft for `lead` and `product`, with id `id` and timestamps `now`.
/// Its answers are triage's, except the screening answer: the questionnaire
/// screens the parties itself when the assessment opens. The notes answer
/// says in `cx.lang` where each answer came from.
pub fn draft_for(
    cx: &TriageContext,
    lead: &TriageLead,
    product: &str,
    screening_answer: Option<&str>,
    id: &str,
    now: &str,
) -> Draft {
    let rules = cx.rules;
    let first = rules.sections.first().map_or("", |s| s.id.as_str());
    let mut draft = Draft::new(id, now, first);
    let screening_q = rules.party_screening.as_ref().map(|s| s.question.as_str());
    let given: Vec<_> = answers_for(cx, lead, product, screening_answer)
        .into_iter()
        .filter(|(q, _, _)| Some(q.as_str()) != screening_q)
        .collect();
    for (q, v, _) in &given {
        draft.answers.insert(q.clone(), v.clone());
    }
    let found = cx.catalogue.find(product);
    let product_name = found.map_or(product, |p| p.name.as_str());
    draft.title = format!("{product_name} – {} ({})", lead.company, lead.country);
    draft.made_under = Some(MadeUnder::of(rules, cx.destinations));

    let vars = TextVars::new(rules, cx.destinations, &draft.answers, cx.lang);
    // By question label where labels are short; a section of long
    // questions (the item tests) by its title and the number of answers.
    let labels = |source: &str| -> String {
        let mut parts: Vec<String> = Vec::new();
        for section in &rules.sections {
            let qs: Vec<&crate::core::ruleset::Question> = rules
                .questions_in(&section.id)
                .filter(|q| given.iter().any(|(id, _, s)| *s == source && *id == q.id))
                .collect();
            if qs.is_empty() {
                continue;
            }
            let texts: Vec<String> = qs
                .iter()
                .map(|q| vars.text(&q.text).trim().to_string())
                .collect();
            if texts.len() == 1 || texts.iter().all(|t| t.chars().count() <= SHORT_LABEL) {
                parts.extend(texts.into_iter().map(|t| match cx.lang {
                    Lang::De => format!("„{t}“"),
                    Lang::En => format!("“{t}”"),
                }));
            } else {
                let title = vars.text(&section.title);
                parts.push(match cx.lang {
                    Lang::De => format!("{} Antwort(en) im Abschnitt „{}“", qs.len(), title.trim()),
                    Lang::En => format!("{} answer(s) in the section “{}”", qs.len(), title.trim()),
                });
            }
        }
        parts.join(", ")
    };
    let (from_product, from_lead, from_settings) = (
        labels(SOURCE_PRODUCT),
        labels(SOURCE_LEAD),
        labels(SOURCE_SETTINGS),
    );
    let de = cx.lang == Lang::De;
    let mut note: Vec<String> = vec![if de {
        format!("Aus der Lead-Triage vom {} vorausgefüllt.", cx.today)
    } else {
        format!("Pre-filled from lead triage on {}.", cx.today)
    }];
    if let (Some(p), false) = (found, from_product.is_empty()) {
        note.push(if de {
            format!(
                "Aus dem Produkt „{}“ (ID {}, eingestuft am {} unter Regelwerk {} Version {}): {from_product}.",
                p.name, p.id, p.classified_on, p.rule_set, p.rule_set_version
            )
        } else {
            format!(
                "From the product “{}” (id {}, classified on {} under rule set {} version {}): {from_product}.",
                p.name, p.id, p.classified_on, p.rule_set, p.rule_set_version
            )
        });
    }
    if !from_lead.is_empty() {
        note.push(if de {
            format!(
                "Aus dem Lead (Zeile {} der Lead-Datei): {from_lead}.",
                lead.row
            )
        } else {
            format!(
                "From the lead (row {} of the lead file): {from_lead}.",
                lead.row
            )
        });
    }
    if !from_settings.is_empty() {
        note.push(if de {
            format!("Aus den Einstellungen: {from_settings}.")
        } else {
            format!("From the settings: {from_settings}.")
        });
    }
    note.push(if de {
        "Die Parteien werden beim Öffnen der Prüfung gegen die Sanktionslisten geprüft. Jede Antwort kann geändert werden.".to_string()
    } else {
        "The parties are screened against the sanctions lists when the assessment opens. Every answer can be changed.".to_string()
    });
    let max = rules
        .question(NOTES_QUESTION)
        .and_then(|q| match &q.kind {
            QuestionKind::Text { max_len, .. } => Some(*max_len),
            _ => None,
        })
        .unwrap_or(0);
    let text: String = note.join(" ").chars().take(max).collect();
    if !text.trim().is_empty() {
        draft
            .answers
            .insert(NOTES_QUESTION.to_string(), AnswerValue::One(text));
    }
    draft
}

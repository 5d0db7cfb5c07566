//! What the user decided about screening hits, and what the assessment
//! makes of them. A hit marked "not a match" (with a reason) stays dismissed
//! while the list entry is unchanged and is raised again when the entry
//! changes; a confirmed hit stays confirmed; any other hit is an open
//! potential match. The hits then answer the rule set's screening question:
//! a confirmed match on an entry that EU law makes binding (an EU list, or a
//! UN list the EU applies) → `confirmed_match`, a confirmed match on any
//! other entry (OFAC, a company's own list) → `confirmed_match_other`, an
//! open hit → `potential_match`, every named party screened without an open
//! hit → `no_match`. `grounds` names the act behind each confirmed match.

use std::borrow::Cow;

use super::record::{Decision, Hit, Party, ScreeningRecord, Verdict};
use crate::core::answers::{AnswerValue, Answers};
use crate::core::destinations::{Destinations, Status};
use crate::core::ruleset::{RuleSet, ScreeningAnswer};
use crate::core::text::{Lang, Text};

/// A hit and what happened to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitStatus<'a> {
    /// Not decided yet: a potential match.
    Open,
    /// Marked "not a match", and the entry is as it was.
    Dismissed(&'a Decision),
    /// Marked "not a match" once, but the entry has changed since: open again.
    Reopened(&'a Decision),
    /// Confirmed by the user.
    Confirmed(&'a Decision),
    /// Decided "not a match" in the company register, which holds for it.
    /// (The register's decision in words.)
    Registered(&'a str),
}

impl HitStatus<'_> {
    pub fn is_open(&self) -> bool {
        matches!(self, HitStatus::Open | HitStatus::Reopened(_))
    }
    pub fn name(&self) -> &'static str {
        match self {
            HitStatus::Open => "open",
            HitStatus::Dismissed(_) => "not_a_match",
            HitStatus::Reopened(_) => "reopened",
            HitStatus::Confirmed(_) => "confirmed_match",
            HitStatus::Registered(_) => "register_not_a_match",
        }
    }
}

/// The user's own decision in the assessment comes first; without one,
/// what the company register says of the hit (as applied when screened).
pub fn status<'a>(record: &'a ScreeningRecord, party: &Party, hit: &'a Hit) -> HitStatus<'a> {
    match record.decisions.iter().find(|d| d.concerns(party, hit)) {
        None => match &hit.register_note {
            Some(note) => HitStatus::Registered(note),
            None => HitStatus::Open,
        },
        Some(d) if d.verdict == Verdict::Confirmed => HitStatus::Confirmed(d),
        Some(d) if d.entry_fingerprint == hit.entry_fingerprint => HitStatus::Dismissed(d),
        Some(d) => HitStatus::Reopened(d),
    }
}

/// How many hits of the party named `name` in `question` are undecided
/// (open or reopened); 0 when it has no current result.
pub fn open_hits(record: &ScreeningRecord, question: &str, name: &str) -> usize {
    record.result_for(question, name).map_or(0, |p| {
        p.hits
            .iter()
            .filter(|h| status(record, p, h).is_open())
            .count()
    })
}

/// What the screening says about the assessment's parties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    /// The answer to the screening question the hits imply, when they
    /// imply one: None while a named party has not been screened and no
    /// hit is open or confirmed.
    pub answer: Option<ScreeningAnswer>,
    pub open: usize,
    /// Confirmed matches on entries EU law makes binding.
    pub confirmed: usize,
    /// Confirmed matches on other entries (no EU prohibition).
    pub confirmed_other: usize,
    pub dismissed: usize,
    /// Party questions with a name that has no current result (not
    /// screened yet, or renamed since).
    pub unscreened: Vec<String>,
}

/// The screening's verdict on the parties named in `answers`. None when the
/// rule set screens no parties, no list was used, or no party is named.
pub fn derive(
    rules: &RuleSet,
    destinations: &Destinations,
    answers: &Answers,
    record: &ScreeningRecord,
) -> Option<Derived> {
    let spec = rules.party_screening.as_ref()?;
    if !record.has_lists() {
        return None;
    }
    let mut d = Derived {
        answer: None,
        open: 0,
        confirmed: 0,
        confirmed_other: 0,
        dismissed: 0,
        unscreened: vec![],
    };
    let mut named = false;
    for (q, name) in spec.named(answers) {
        named = true;
        let Some(party) = record.result_for(q, name) else {
            d.unscreened.push(q.clone());
            continue;
        };
        for hit in &party.hits {
            let count = match status(record, party, hit) {
                HitStatus::Confirmed(_) if ground(destinations, record, hit).eu_law => {
                    &mut d.confirmed
                }
                HitStatus::Confirmed(_) => &mut d.confirmed_other,
                HitStatus::Dismissed(_) | HitStatus::Registered(_) => &mut d.dismissed,
                _ => &mut d.open,
            };
            *count = count.saturating_add(1);
        }
    }
    if !named {
        return None;
    }
    d.answer = if d.confirmed > 0 {
        Some(ScreeningAnswer::ConfirmedMatch)
    } else if d.confirmed_other > 0 {
        Some(ScreeningAnswer::ConfirmedMatchOther)
    } else if d.open > 0 {
        Some(ScreeningAnswer::PotentialMatch)
    } else if d.unscreened.is_empty() {
        Some(ScreeningAnswer::NoMatch)
    } else {
        None
    };
    Some(d)
}

/// How strongly an answer to the screening question calls for action:
/// the results in their order; any other option ("not screened", or one a
/// company extension adds) between no match and a potential match.
fn severity(answer: Option<ScreeningAnswer>) -> u8 {
    match answer {
        Some(ScreeningAnswer::NoMatch) => 0,
        None => 1,
        Some(ScreeningAnswer::PotentialMatch) => 2,
        Some(ScreeningAnswer::ConfirmedMatchOther) => 3,
        Some(ScreeningAnswer::ConfirmedMatch) => 4,
    }
}

/// The answers the assessment is evaluated on: the user's, with the
/// screening question answered from the hits where the user has not
/// answered it, and raised where the hits are more severe than the user's
/// answer (an open or confirmed hit cannot be answered away; a hit is
/// resolved by deciding it). A user's own more severe answer stands.
pub fn effective_answers<'a>(
    rules: &RuleSet,
    destinations: &Destinations,
    answers: &'a Answers,
    record: &ScreeningRecord,
) -> Cow<'a, Answers> {
    let (Some(spec), Some(derived)) = (
        rules.party_screening.as_ref(),
        derive(rules, destinations, answers, record),
    ) else {
        return Cow::Borrowed(answers);
    };
    let Some(implied) = derived.answer else {
        return Cow::Borrowed(answers);
    };
    let user = answers.get(&spec.question).and_then(AnswerValue::as_one);
    let take = match user {
        None => true,
        Some(u) => {
            implied != ScreeningAnswer::NoMatch
                && severity(Some(implied)) > severity(spec.answers.of(u))
        }
    };
    if !take {
        return Cow::Borrowed(answers);
    }
    let mut out = answers.clone();
    out.insert(
        spec.question.clone(),
        AnswerValue::One(spec.answers.id(implied).to_string()),
    );
    Cow::Owned(out)
}

/// The legal ground of a list entry: the act that makes a match with it a
/// prohibition (or says that none does), and how sure that is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ground {
    pub act: String,
    /// Whether a confirmed match is prohibited by EU law.
    pub eu_law: bool,
    pub status: Status,
    pub note: Option<Text>,
}

/// The ground of `hit`: the act the entry itself names (the EU file does),
/// else the destination data's row for the list format and programme.
/// Without a row, EU and UN entries count as binding, others not; the
/// ground then says it is unconfirmed.
pub fn ground(destinations: &Destinations, record: &ScreeningRecord, hit: &Hit) -> Ground {
    let format = record
        .list(&hit.list_key)
        .map(|l| l.format.as_str())
        .unwrap_or("");
    let basis = destinations.list_basis(format, hit.programme.as_deref());
    let binding_format = matches!(format, "eu-fsf" | "un");
    match (format, hit.regulation.as_deref(), basis) {
        ("eu-fsf", Some(reg), _) => Ground {
            act: format!("Regulation {reg} (as the list entry names it)"),
            eu_law: true,
            status: Status::Confirmed,
            note: None,
        },
        (_, _, Some(b)) => Ground {
            act: b.act.clone(),
            eu_law: b.eu_law,
            status: b.status,
            note: b.note.clone(),
        },
        _ => Ground {
            act: if binding_format {
                "The EU act that lists the entry (not named in the data)".into()
            } else {
                "No EU act: the list is not EU law".into()
            },
            eu_law: binding_format,
            status: Status::Unconfirmed,
            note: None,
        },
    }
}

/// A confirmed match and what it rests on: the reasons a prohibition (or an
/// escalation) names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchGround {
    pub question: String,
    pub party: String,
    pub list_label: String,
    pub list_format: String,
    pub list_generated: Option<String>,
    pub entry_id: String,
    pub matched_name: String,
    pub programme: Option<String>,
    pub ground: Ground,
}

impl MatchGround {
    /// One line in `lang`: who matched what, on which list, under which act.
    pub fn describe(&self, lang: Lang) -> String {
        let programme = self
            .programme
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        let generated = self.list_generated.as_deref().unwrap_or(match lang {
            Lang::En => "no date in the file",
            Lang::De => "ohne Datum in der Datei",
        });
        match lang {
            Lang::En => format!(
                "{} \"{}\" matches entry {} \"{}\" of {} ({}{programme}, {generated}); ground: {}",
                self.question, self.party, self.entry_id, self.matched_name, self.list_label, self.list_format, self.ground.act
            ),
            Lang::De => format!(
                "{} „{}“ entspricht Eintrag {} „{}“ der Liste {} ({}{programme}, {generated}); Grundlage: {}",
                self.question, self.party, self.entry_id, self.matched_name, self.list_label, self.list_format, self.ground.act
            ),
        }
    }
}

/// The confirmed matches of the parties named in `answers`, with their grounds.
pub fn grounds(
    rules: &RuleSet,
    destinations: &Destinations,
    answers: &Answers,
    record: &ScreeningRecord,
) -> Vec<MatchGround> {
    let Some(spec) = rules.party_screening.as_ref() else {
        return vec![];
    };
    let mut out = Vec::new();
    for (q, name) in spec.named(answers) {
        let Some(party) = record.result_for(q, name) else {
            continue;
        };
        for hit in &party.hits {
            if !matches!(status(record, party, hit), HitStatus::Confirmed(_)) {
                continue;
            }
            let list = record.list(&hit.list_key);
            out.push(MatchGround {
                question: q.clone(),
                party: name.to_string(),
                list_label: list
                    .map(|l| l.label.clone())
                    .unwrap_or_else(|| hit.list_key.clone()),
                list_format: list.map(|l| l.format.clone()).unwrap_or_default(),
                list_generated: list.and_then(|l| l.generated.clone()),
                entry_id: hit.entry_id.clone(),
                matched_name: hit.matched_name.clone(),
                programme: hit.programme.clone(),
                ground: ground(destinations, record, hit),
            });
        }
    }
    out
}

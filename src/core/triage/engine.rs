//! One lead triaged: for each product it names, the product's answers, the
//! lead's answers (destination, end-user, type, consignee, the exporter's
//! Member State) and the screening answer implied by the hits on company
//! and consignee (the register applied) are evaluated by `evaluate`; the
//! profile classes the result; the lead takes its most urgent product.

use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use super::mapping::TriageLead;
use super::profile::{Answerer, TriageProfile};
use super::TriageClass;
use crate::core::answers::{answer_is_valid, AnswerValue, Answers};
use crate::core::evaluate::{evaluate, FiredFinding, FiredRule};
use crate::core::outcome::Outcome;
use crate::core::screening::batch::country_names;
use crate::core::screening::index::{Query, Screener};
use crate::core::screening::parties::{recorded, thousandths};
use crate::core::screening::record::RegisterState;
use crate::core::screening::register::Register;
use crate::core::vars::TextVars;
use crate::core::{Destinations, Lang, RuleSet};

/// What triage needs besides the lead: fixed for a whole run.
pub struct TriageContext<'a> {
    pub rules: &'a RuleSet,
    pub destinations: &'a Destinations,
    pub profile: &'a TriageProfile,
    pub catalogue: &'a Catalogue,
    /// None: no lists loaded; the screening answer stays open.
    pub screener: Option<&'a Screener>,
    pub register: Option<&'a Register>,
    pub threshold: f64,
    /// The exporter's Member State (ISO code).
    pub member_state: String,
    /// Today (YYYY-MM-DD), for the register's expiry; given by the caller.
    pub today: String,
    pub lang: Lang,
}

/// A lead's triage: its class, and per product the evaluation behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriageRow {
    pub lead: TriageLead,
    pub class: TriageClass,
    pub products: Vec<ProductTriage>,
    /// Hits on company or consignee: (party, list label, entry id, matched name, score in thousandths, register note).
    pub hits: Vec<LeadHit>,
    /// The screening answer used (`no_match`, `potential_match`, … or none).
    pub screening_answer: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadHit {
    pub party: String,
    pub list: String,
    pub entry_id: String,
    pub matched_name: String,
    pub score: u32,
    pub suppressed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductTriage {
    pub product: String,
    pub class: TriageClass,
    pub outcome: Outcome,
    /// The outcome rules that decided it (or, for `incomplete`, that fired).
    pub rules: Vec<String>,
    /// The red flags and other findings that fired.
    pub findings: Vec<String>,
    /// Questions still open, by who answers them: product, lead, assessment.
    pub open_product: Vec<String>,
    pub open_lead: Vec<String>,
    pub open_assessment: Vec<String>,
    /// Why, in `lang`: the class rule's explanation, the explanations of
    /// the strongest outcome rules that fired, the red flags, and the
    /// product's review flag.
    pub reasons: Vec<String>,
    pub needs_review: bool,
}

/// The answers triage gives `evaluate` for one lead and product, each with
/// its source ("product", "lead", "screening", "settings"). `product` is
/// the product's internal id (or name) in the catalogue. Only valid
/// answers are given (an over-long company name, say, stays open).
pub fn answers_for(
    cx: &TriageContext,
    lead: &TriageLead,
    product: &str,
    screening_answer: Option<&str>,
) -> Vec<(String, crate::core::AnswerValue, &'static str)> {
    let rules = cx.rules;
    let lq = &cx.profile.lead_questions;
    let one = |v: &str| AnswerValue::One(v.to_string());
    let mut out: Vec<(String, AnswerValue, &'static str)> = Vec::new();
    if let Some(p) = cx.catalogue.find(product) {
        for (q, v) in &p.answers {
            if cx.profile.product_questions.contains(q) {
                out.push((q.clone(), v.clone(), SOURCE_PRODUCT));
            }
        }
        out.push((lq.product_name.clone(), one(&p.name), SOURCE_PRODUCT));
    }
    out.push((
        rules.destination_question.clone(),
        one(&lead.country),
        SOURCE_LEAD,
    ));
    out.push((lq.company.clone(), one(&lead.company), SOURCE_LEAD));
    if let Some(t) = &lead.end_user_type {
        out.push((lq.end_user_type.clone(), one(t), SOURCE_LEAD));
    }
    if let Some(c) = lead.consignee.as_deref().filter(|c| !c.trim().is_empty()) {
        out.push((lq.consignee.clone(), one(c), SOURCE_LEAD));
    }
    if !cx.member_state.is_empty() {
        out.push((
            rules.member_state_question.clone(),
            one(&cx.member_state),
            SOURCE_SETTINGS,
        ));
    }
    if let (Some(spec), Some(a)) = (&rules.party_screening, screening_answer) {
        out.push((spec.question.clone(), one(a), SOURCE_SCREENING));
    }
    out.retain(|(q, v, _)| {
        rules
            .compiled
            .question_index
            .get(q)
            .is_some_and(|&i| answer_is_valid(rules, cx.destinations, i, v))
    });
    out
}

pub const SOURCE_PRODUCT: &str = "product";
pub const SOURCE_LEAD: &str = "lead";
pub const SOURCE_SCREENING: &str = "screening";
pub const SOURCE_SETTINGS: &str = "settings";

/// Screens the lead's company and consignee (if any): the hits, each marked
/// suppressed when the company register decided it "not a match" and the
/// decision holds today, and the screening answer they imply: `no_match`
/// when every hit is suppressed (or there is none), `potential_match`
/// otherwise; none when no lists are loaded.
pub fn screen_lead(cx: &TriageContext, lead: &TriageLead) -> (Vec<LeadHit>, Option<String>) {
    screen_lead_cached(cx, lead, &mut ScreeningCache::new())
}

/// Hits already found per (party name, country): a name that recurs in a
/// lead file is screened once.
pub type ScreeningCache = std::collections::HashMap<(String, String), Vec<LeadHit>>;

/// As `screen_lead`, reusing (and filling) `cache`.
pub fn screen_lead_cached(
    cx: &TriageContext,
    lead: &TriageLead,
    cache: &mut ScreeningCache,
) -> (Vec<LeadHit>, Option<String>) {
    let (Some(screener), Some(spec)) = (cx.screener, cx.rules.party_screening.as_ref()) else {
        return (Vec::new(), None);
    };
    let parties = [
        (PARTY_COMPANY, Some(lead.company.as_str())),
        (PARTY_CONSIGNEE, lead.consignee.as_deref()),
    ];
    let mut hits = Vec::new();
    for (party, name) in parties {
        let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
            continue;
        };
        let key = (name.to_string(), lead.country.clone());
        let found = match cache.get(&key) {
            Some(found) => found.clone(),
            None => {
                let found = screen_party(cx, screener, name, &lead.country);
                cache.insert(key, found.clone());
                found
            }
        };
        hits.extend(found.into_iter().map(|mut h| {
            h.party = party.to_string();
            h
        }));
    }
    let answer = if hits.iter().all(|h| h.suppressed) {
        &spec.answers.no_match
    } else {
        &spec.answers.potential_match
    };
    (hits, Some(answer.clone()))
}

/// One party name screened, its hits marked by the register (`party` left
/// for the caller).
fn screen_party(
    cx: &TriageContext,
    screener: &Screener,
    name: &str,
    country: &str,
) -> Vec<LeadHit> {
    let mut countries = vec![country.to_string()];
    countries.extend(country_names(cx.destinations, country));
    let query = Query {
        name: name.to_string(),
        countries,
        birth_year: None,
    };
    screener
        .screen(&query, cx.threshold)
        .into_iter()
        .map(|hit| {
            let rec = recorded(screener, &hit, cx.lang);
            let suppressed = cx.register.is_some_and(|r| {
                matches!(
                    r.mark(name, &rec, &cx.today, cx.lang),
                    Some((RegisterState::Suppressed, _))
                )
            });
            LeadHit {
                party: String::new(),
                list: screener
                    .lists
                    .get(hit.list)
                    .map(|l| l.label.clone())
                    .unwrap_or_default(),
                entry_id: rec.entry_id,
                matched_name: rec.matched_name,
                score: thousandths(hit.score).get(),
                suppressed,
            }
        })
        .collect()
}

/// `LeadHit::party` for a hit on the lead's company.
pub const PARTY_COMPANY: &str = "company";
/// `LeadHit::party` for a hit on the lead's consignee.
pub const PARTY_CONSIGNEE: &str = "consignee";

/// Triages one lead.
pub fn triage_lead(cx: &TriageContext, lead: &TriageLead) -> TriageRow {
    triage_lead_cached(cx, lead, &mut ScreeningCache::new())
}

/// As `triage_lead`, screening names through `cache` (keep one cache for
/// a whole lead file; the app's worker keeps it across its slices).
pub fn triage_lead_cached(
    cx: &TriageContext,
    lead: &TriageLead,
    cache: &mut ScreeningCache,
) -> TriageRow {
    let (hits, screening_answer) = screen_lead_cached(cx, lead, cache);
    let products: Vec<ProductTriage> = lead
        .products
        .iter()
        .map(|p| triage_product(cx, lead, p, screening_answer.as_deref()))
        .collect();
    let class = products
        .iter()
        .map(|p| p.class)
        .min()
        .unwrap_or(TriageClass::Assess);
    TriageRow {
        lead: lead.clone(),
        class,
        products,
        hits,
        screening_answer,
    }
}

/// Triages leads in order, each name screened once.
pub fn triage_leads(cx: &TriageContext, leads: &[TriageLead]) -> Vec<TriageRow> {
    let mut cache = ScreeningCache::new();
    leads
        .iter()
        .map(|l| triage_lead_cached(cx, l, &mut cache))
        .collect()
}

/// One product of a lead, with the screening answer already found.
pub fn triage_product(
    cx: &TriageContext,
    lead: &TriageLead,
    product: &str,
    screening_answer: Option<&str>,
) -> ProductTriage {
    let given = answers_for(cx, lead, product, screening_answer);
    let answers = to_answers(&given);
    let a = evaluate(cx.rules, cx.destinations, &answers);
    let (class, rule) = cx.profile.classify(&a);
    let mut fired: Vec<&FiredRule> = a.decided_by.iter().chain(&a.also_fired).collect();
    fired.sort_by_key(|r| std::cmp::Reverse(r.outcome));
    let mut open = (Vec::new(), Vec::new(), Vec::new());
    for q in &a.missing {
        match cx.profile.answerer(q) {
            Answerer::Product => open.0.push(q.clone()),
            Answerer::Lead => open.1.push(q.clone()),
            Answerer::Assessment => open.2.push(q.clone()),
        }
    }
    let found = cx.catalogue.find(product);
    let needs_review = found.is_some_and(|p| p.needs_review(cx.rules));
    let mut reasons = vec![rule.explanation.get(cx.lang).to_string()];
    // The rule set's own words: the strongest rules that fired, and the
    // red flags. While answers are open, a rule that clears the export
    // (proceed, not in scope) speaks of a finished assessment, so only
    // rules that call for more are quoted then.
    let strongest = fired
        .first()
        .map(|r| r.outcome)
        .filter(|o| a.outcome != Outcome::Incomplete || *o >= Outcome::Escalate);
    let flags: Vec<&FiredFinding> = a.red_flags().collect();
    if strongest.is_some() || !flags.is_empty() {
        let vars = TextVars::new(cx.rules, cx.destinations, &answers, cx.lang);
        for r in fired.iter().filter(|r| Some(r.outcome) == strongest) {
            if let Some(o) = cx.rules.outcome_rule(&r.id) {
                let text = vars.text(&o.explanation);
                if !reasons.contains(&text) {
                    reasons.push(text);
                }
            }
        }
        let titles: Vec<String> = flags
            .iter()
            .filter_map(|f| cx.rules.finding(&f.id))
            .map(|f| vars.text(&f.title))
            .collect();
        if !titles.is_empty() {
            reasons.push(match cx.lang {
                Lang::En => format!("Red flags: {}.", titles.join(", ")),
                Lang::De => format!("Warnsignale: {}.", titles.join(", ")),
            });
        }
    }
    match found {
        None => reasons.push(match cx.lang {
            Lang::En => format!("The product \"{product}\" is not in the catalogue: classify it on the Products page."),
            Lang::De => format!("Das Produkt „{product}“ ist nicht im Katalog: auf der Seite Produkte einstufen."),
        }),
        Some(p) if needs_review => reasons.push(match cx.lang {
            Lang::En => format!(
                "Classified under rule set {} version {}: review the product's classification.",
                p.rule_set, p.rule_set_version
            ),
            Lang::De => format!(
                "Eingestuft unter Regelwerk {} Version {}: die Einstufung des Produkts überprüfen.",
                p.rule_set, p.rule_set_version
            ),
        }),
        Some(_) => {}
    }
    ProductTriage {
        product: found.map_or_else(|| product.to_string(), |p| p.id.clone()),
        class,
        outcome: a.outcome,
        rules: fired.iter().map(|r| r.id.clone()).collect(),
        findings: a.findings.iter().map(|f| f.id.clone()).collect(),
        open_product: open.0,
        open_lead: open.1,
        open_assessment: open.2,
        reasons,
        needs_review,
    }
}

/// Counts per class, in `TriageClass::ALL` order.
pub fn counts(rows: &[TriageRow]) -> [usize; 5] {
    let mut n = [0usize; 5];
    for r in rows {
        if let Some(c) = n.get_mut(r.class as usize) {
            *c = c.saturating_add(1);
        }
    }
    n
}

/// Answers as `evaluate` takes them.
pub fn to_answers(given: &[(String, crate::core::AnswerValue, &'static str)]) -> Answers {
    given
        .iter()
        .map(|(q, v, _)| (q.clone(), v.clone()))
        .collect()
}

//! One lead's reasons (shown on demand): per product its class, the
//! deciding rules, the findings, the questions still open by who answers
//! them, the review flag; the hits on company and consignee. And the
//! lead's assessments: one "open" per product, with the outcome of the
//! assessment once it is complete.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::requests::{self, Dispatcher};
use super::state::{Action, Linked};
use super::{class_icon, class_name, outcome_name};
use crate::core::outcome::Outcome;
use crate::core::text::{fill, Lang};
use crate::core::triage::engine::{ProductTriage, TriageRow};
use crate::core::triage::prefill::lead_key;
use crate::ui::screening::shared::use_shared;
use crate::ui::screening::{t, Msg};

#[derive(Properties, PartialEq)]
pub struct ReasonsProps {
    pub index: usize,
    pub row: Rc<TriageRow>,
    pub open: bool,
    pub lang: Lang,
    pub d: Dispatcher,
}

#[component]
pub fn Reasons(p: &ReasonsProps) -> Html {
    let (lang, r, index) = (p.lang, &p.row, p.index);
    let id = format!("triage-reasons-{index}");
    html! {
        <>
            <button type="button" aria-expanded={p.open.to_string()} aria-controls={id.clone()} onclick={p.d.to_callback().reform(move |_| Action::Expand(index))} data-testid="triage-reasons-toggle">
                { t(lang, Msg::TriShowReasons) }
            </button>
            if p.open {
                <div id={id} class="ea-triage-reasons" data-testid="triage-reasons">
                    { for r.products.iter().enumerate().map(|(i, pt)| html! { <ProductReasons key={i} product={Rc::new(pt.clone())} {lang} /> }) }
                    if let Some(a) = &r.screening_answer {
                        <p>{ format!("{}: {a}", t(lang, Msg::TriScreening)) }</p>
                    }
                    if !r.hits.is_empty() {
                        <p>{ t(lang, Msg::TriHits) }</p>
                        <ul data-testid="triage-hits">
                            { for r.hits.iter().enumerate().map(|(i, h)| html! {
                                <li key={i}>
                                    { format!("{} — {} {}: {} ({:.2})", h.party, h.list, h.entry_id, h.matched_name, f64::from(h.score) / 1000.0) }
                                    if h.suppressed { { format!(" — {}", t(lang, Msg::TriHitSuppressed)) } }
                                </li>
                            }) }
                        </ul>
                    }
                </div>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ProductProps {
    product: Rc<ProductTriage>,
    lang: Lang,
}

#[component]
fn ProductReasons(p: &ProductProps) -> Html {
    let (pt, lang) = (&p.product, p.lang);
    let list = |msg: Msg, items: &[String], testid: &'static str| {
        if items.is_empty() {
            return html! {};
        }
        html! {
            <p data-testid={testid}>{ format!("{}: {}", t(lang, msg), items.join(", ")) }</p>
        }
    };
    html! {
        <div class="ea-triage-product" data-product={pt.product.clone()}>
            <p><strong>{ &pt.product }</strong>{ ": " }<span aria-hidden="true">{ class_icon(pt.class) }</span>{ " " }{ class_name(lang, pt.class) }{ format!(" ({})", outcome_name(lang, pt.outcome)) }</p>
            <ul>{ for pt.reasons.iter().enumerate().map(|(i, x)| html! { <li key={i}>{ x }</li> }) }</ul>
            { list(Msg::TriRules, &pt.rules, "triage-rules") }
            { list(Msg::TriFindings, &pt.findings, "triage-findings") }
            { list(Msg::TriOpenProduct, &pt.open_product, "triage-open-product") }
            { list(Msg::TriOpenLead, &pt.open_lead, "triage-open-lead") }
            { list(Msg::TriOpenAssessment, &pt.open_assessment, "triage-open-assessment") }
            if pt.needs_review {
                <p class="ea-notice">{ t(lang, Msg::TriNeedsReview) }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AssessmentProps {
    pub index: usize,
    pub row: Rc<TriageRow>,
    /// The lead file's label (part of the lead's key).
    pub file: String,
    pub links: Rc<HashMap<String, Linked>>,
    pub lang: Lang,
    pub d: Dispatcher,
}

/// Per product: open (again) its assessment; its outcome once complete.
#[component]
pub fn AssessmentCell(p: &AssessmentProps) -> Html {
    let client = use_shared().client;
    let (lang, index) = (p.lang, p.index);
    let key = lead_key(&p.file, &p.row.lead);
    html! {
        <ul class="ea-plain">
            { for p.row.lead.products.iter().map(|product| {
                let linked = p.links.get(&format!("{key}|{product}")).filter(|l| l.exists);
                let onclick = {
                    let (d, client, product) = (p.d.clone(), client.clone(), product.clone());
                    Callback::from(move |_| requests::run(&d, requests::open(client.clone(), index, product.clone())))
                };
                let label = if linked.is_some() { Msg::TriOpenAgain } else { Msg::TriOpen };
                let outcome = linked.map(|l| match l.outcome.as_deref().and_then(Outcome::from_name) {
                    Some(o) => fill(t(lang, Msg::TriOutcome), &[("product", product), ("outcome", outcome_name(lang, o))]),
                    None => fill(t(lang, Msg::TriIncomplete), &[("product", product)]),
                });
                html! {
                    <li key={product.clone()}>
                        <button type="button" {onclick} data-testid="triage-open" data-product={product.clone()}>{ fill(t(lang, label), &[("product", product)]) }</button>
                        if let Some(o) = outcome {
                            <span class="ea-small" data-testid="triage-outcome">{ " " }{ o }</span>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}

//! The sealed report as a document: heading with the seal, outcome and its
//! reasons, findings, score, next steps, the answers in words, and the
//! signature block. Everything shown comes from the `Report`, so the page
//! shows what the file holds.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::core::evaluate::Score;
use crate::core::report::Report;
use crate::core::session::Signatures;
use crate::core::{Lang, SourceClass};
use crate::ui::context::Shared;
use crate::ui::i18n::{t, Msg};
use crate::ui::result::{Cite, OutcomeBox, ScoreChart};
use crate::ui::words::{answer_text, kind_label, minute};

#[derive(Properties, PartialEq)]
pub struct HeadingProps {
    pub lang: Lang,
    pub report: Rc<Report>,
    pub reference: String,
    pub id: String,
}

#[component]
pub fn Heading(p: &HeadingProps) -> Html {
    let (lang, r) = (p.lang, &p.report);
    let row = |label: Msg, value: String, testid: &'static str| {
        html! { <tr key={testid}><th scope="row">{ t(lang, label) }</th><td data-testid={testid}>{ value }</td></tr> }
    };
    let reference = if p.reference.is_empty() {
        t(lang, Msg::Untitled).to_string()
    } else {
        p.reference.clone()
    };
    html! { <>
        <h2 id="report-title" class="ea-h2">{ t(lang, Msg::ReportTitle) }</h2>
        <table class="ea-table ea-report-head"><tbody>
            { row(Msg::Reference, reference, "report-reference") }
            { row(Msg::AssessmentId, p.id.clone(), "report-id") }
            { row(Msg::Created, minute(&r.created_at), "report-created") }
            { row(Msg::LastChanged, minute(&r.updated_at), "report-updated") }
            { row(Msg::RuleSetLabel, format!("{} {}", r.rule_set.id, r.rule_set.version), "report-rules") }
            { row(Msg::DestinationDataLabel, r.destination_data_as_of.clone(), "report-dest") }
            { row(Msg::Fingerprint, r.fingerprint.clone(), "report-fingerprint") }
        </tbody></table>
    </> }
}

#[derive(Properties, PartialEq)]
pub struct BodyProps {
    pub lang: Lang,
    pub report: Rc<Report>,
}

/// Outcome, the deciding rules, grounds, findings, score, next steps, answers.
#[component]
pub fn Body(p: &BodyProps) -> Html {
    let (lang, r) = (p.lang, &p.report);
    let cite = |citation: &str, provenance: Option<SourceClass>, unconfirmed: &Option<String>| {
        html! {
            <Cite {lang} citation={citation.to_string()} provenance={provenance.unwrap_or(SourceClass::Unconfirmed)} unconfirmed={unconfirmed.clone()} />
        }
    };
    let rules = r.decided_by.iter().map(|rule| html! {
        <li key={rule.id.clone()} data-rule={rule.id.clone()}><p>{ &rule.explanation }</p>{ cite(&rule.citation, rule.provenance, &rule.unconfirmed) }</li>
    });
    let grounds = r.sanctions_grounds.iter().enumerate().map(|(i, g)| html! {
        <li key={i}>{ format!("{} – {} ({}, {}): {}", g.party, g.matched_name, g.list, g.entry_id, g.act) }</li>
    });
    let findings = r.findings.iter().map(|f| {
        html! {
            <li key={f.id.clone()} data-finding={f.id.clone()}>
                <p><strong>{ format!("{}: ", kind_label(lang, f.kind)) }</strong>{ &f.title }</p>
                <p>{ &f.explanation }</p>{ cite(&f.citation, f.provenance, &f.unconfirmed) }
            </li>
        }
    });
    let steps = r
        .next_steps
        .iter()
        .enumerate()
        .map(|(i, s)| html! { <li key={i}>{ s }</li> });
    let score = Score {
        total: r.score.total,
        categories: r.score.categories.clone(),
    };
    html! { <>
        <OutcomeBox {lang} outcome={r.outcome} />
        if r.undecided { <p class="ea-notice">{ t(lang, Msg::NoRuleDecided) }</p> }
        <h3 class="ea-h3">{ t(lang, Msg::DecidedBy) }</h3>
        <ul class="ea-rules" data-testid="report-rules">{ for rules }</ul>
        if !r.sanctions_grounds.is_empty() {
            <h3 class="ea-h3">{ t(lang, Msg::GroundsHeading) }</h3>
            <ul class="ea-grounds">{ for grounds }</ul>
        }
        <h3 class="ea-h3">{ t(lang, Msg::FindingsHeading) }</h3>
        <ul class="ea-findings" data-testid="report-findings">{ for findings }</ul>
        <ScoreChart {lang} {score} />
        <h3 class="ea-h3">{ t(lang, Msg::NextStepsHeading) }</h3>
        <ol data-testid="report-steps">{ for steps }</ol>
        <Answers {lang} report={p.report.clone()} />
    </> }
}

/// The answers in words, in the rule set's order.
#[component]
fn Answers(p: &BodyProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let lang = p.lang;
    let rows = shared.rules.questions.iter().filter_map(|q| {
        let v = p.report.answers.get(&q.id)?;
        Some(html! { <tr key={q.id.clone()}><td>{ q.text.get(lang) }</td><td>{ answer_text(&shared, lang, &q.id, v) }</td></tr> })
    });
    html! { <>
        <h3 class="ea-h3">{ t(lang, Msg::AnswersHeading) }</h3>
        <table class="ea-table ea-answers" data-testid="report-answers"><tbody>{ for rows }</tbody></table>
    </> }
}

#[derive(Properties, PartialEq)]
pub struct SignatureProps {
    pub lang: Lang,
    pub signatures: Signatures,
    pub on_change: Callback<Signatures>,
}

/// Prepared by / approved by (typed on screen, printed as text) and lines
/// to sign on paper.
#[component]
pub fn SignatureBlock(p: &SignatureProps) -> Html {
    let lang = p.lang;
    let field = |label: Msg,
                 value: &str,
                 testid: &'static str,
                 set: fn(&mut Signatures, String)| {
        let (sig, on_change) = (p.signatures.clone(), p.on_change.clone());
        let onchange = Callback::from(move |e: Event| {
            let mut s = sig.clone();
            set(
                &mut s,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            on_change.emit(s);
        });
        html! {
            <div class="ea-signature" key={testid}>
                <label><span>{ t(lang, label) }</span>
                    <input class="ea-no-print" type="text" maxlength="200" value={value.to_string()} {onchange} data-testid={testid} />
                </label>
                <p class="ea-print-only-block">{ value }</p>
                <p class="ea-sign-line">{ t(lang, Msg::SignatureLine) }</p>
            </div>
        }
    };
    html! {
        <section class="ea-signatures" data-testid="signatures">
            <h3 class="ea-h3">{ t(lang, Msg::SignaturesHeading) }</h3>
            { field(Msg::PreparedBy, &p.signatures.prepared_by, "prepared-by", |s, v| s.prepared_by = v) }
            { field(Msg::ApprovedBy, &p.signatures.approved_by, "approved-by", |s, v| s.approved_by = v) }
        </section>
    }
}

//! The live result: the outcome in words (and colour), the rules that
//! decided it with their reasons and citations, the grounds of confirmed
//! sanctions matches, missing answers, findings, the risk score as a
//! chart, the next steps, and what the printout adds.

mod explain;
mod findings;
mod print;
mod rules;

use yew::prelude::*;

#[cfg(feature = "record-app")]
pub use explain::Cite;
#[cfg(not(feature = "record-app"))]
pub use explain::SourceTag;
#[cfg(feature = "record-app")]
pub use findings::ScoreChart;

use super::context::DraftProps;
use super::i18n::{outcome, t, Msg};
use super::words::outcome_icon;
use crate::core::{Lang, Outcome};

#[derive(Properties, PartialEq)]
pub struct ResultPanelProps {
    pub d: DraftProps,
    /// A missing answer was chosen: go to its question (id).
    pub on_jump: Callback<String>,
}

#[component]
pub fn ResultPanel(p: &ResultPanelProps) -> Html {
    let (d, lang) = (&p.d, p.d.lang);
    let a = &d.view.assessment;
    html! {
        <aside class="ea-result" aria-labelledby="result-title" data-testid="result">
            <h2 id="result-title" class="ea-h2">{ t(lang, Msg::ResultHeading) }</h2>
            <OutcomeBox {lang} outcome={a.outcome} />
            if a.undecided {
                <p class="ea-notice">{ t(lang, Msg::NoRuleDecided) }</p>
            }
            <rules::Reason d={d.clone()} />
            <print::ResultActions d={d.clone()} />
            <findings::Missing {lang} missing={a.missing.clone()} on_jump={p.on_jump.clone()} />
            <details class="ea-details" open=true data-testid="details-why">
                <summary>{ t(lang, Msg::DetailsWhy) }</summary>
                <rules::DecidedBy d={d.clone()} />
                <rules::Grounds d={d.clone()} />
            </details>
            <details class="ea-details" open=true data-testid="details-findings">
                <summary>{ format!("{} ({})", t(lang, Msg::DetailsFindings), a.findings.len()) }</summary>
                <findings::Findings d={d.clone()} />
                <findings::ScoreChart {lang} score={a.score.clone()} />
            </details>
            <details class="ea-details" open=true data-testid="details-steps">
                <summary>{ t(lang, Msg::NextStepsHeading) }</summary>
                <findings::NextSteps d={d.clone()} />
            </details>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct OutcomeBoxProps {
    pub lang: Lang,
    pub outcome: Outcome,
}

/// The outcome box: a live region, so changes are announced.
#[component]
pub fn OutcomeBox(p: &OutcomeBoxProps) -> Html {
    let (name, meaning) = outcome(p.lang, p.outcome);
    let o = p.outcome.name();
    html! {
        <div class={classes!("ea-outcome", format!("ea-outcome-{o}"))} role="status" aria-live="polite" aria-atomic="true"
            data-testid="outcome" data-outcome={o}>
            <span class="ea-outcome-icon" aria-hidden="true">{ outcome_icon(p.outcome) }</span>
            <div>
                <p class="ea-outcome-name">{ name }</p>
                <p class="ea-outcome-meaning">{ meaning }</p>
            </div>
        </div>
    }
}

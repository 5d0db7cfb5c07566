//! Missing answers, findings, the risk score and the next steps.

use yew::prelude::*;

use super::explain::{BecauseList, Cite};
use super::rules::DraftOnly;
use crate::core::destinations::Status;
use crate::core::evaluate::{authority_for, next_steps, Score};
use crate::core::ruleset::FindingKind;
use crate::core::vars::TextVars;
use crate::core::Lang;
use crate::ui::context::Shared;
use crate::ui::i18n::{t, Msg};
use crate::ui::words::kind_label;

#[derive(Properties, PartialEq)]
pub struct MissingProps {
    pub lang: Lang,
    pub missing: Vec<String>,
    pub on_jump: Callback<String>,
}

/// Required answers not given yet; each a link to its question.
#[component]
pub fn Missing(p: &MissingProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let lang = p.lang;
    let items = p.missing.iter().filter_map(|id| shared.rules.question(id)).map(|q| {
        let onclick = {
            let (on_jump, id) = (p.on_jump.clone(), q.id.clone());
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                on_jump.emit(id.clone());
            })
        };
        html! { <li key={q.id.clone()}><a href={format!("#q-{}", q.id)} {onclick}>{ q.text.get(lang) }</a></li> }
    });
    html! { <>
        <h3 class="ea-h3">{ format!("{} ({})", t(lang, Msg::MissingHeading), p.missing.len()) }</h3>
        if p.missing.is_empty() {
            <p class="ea-muted">{ t(lang, Msg::MissingNone) }</p>
        } else {
            <ul class="ea-missing" data-testid="missing">{ for items }</ul>
        }
    </> }
}

/// The findings (classification findings are shown as rules, not here).
#[component]
pub fn Findings(p: &DraftOnly) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (a, lang) = (&p.d.view.assessment, p.d.lang);
    let vars = TextVars::new(&shared.rules, &shared.dest, &p.d.view.effective, lang);
    let shown: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.kind != FindingKind::Classification)
        .collect();
    let items = shown.iter().filter_map(|f| {
        let r = shared.rules.finding(&f.id)?;
        Some(html! {
            <li key={f.id.clone()} class={classes!("ea-finding", format!("ea-kind-{}", f.kind.name()))} data-finding={f.id.clone()}>
                <p>
                    <span class="ea-kind">{ kind_label(lang, f.kind) }</span>{ " " }<strong>{ vars.text(&r.title) }</strong>
                    if f.kind.scored() { <span class="ea-points">{ format!(" ({:+})", f.weight) }</span> }
                </p>
                <p>{ vars.text(&r.explanation) }</p>
                <Cite {lang} citation={vars.text(&r.citation)} provenance={r.provenance}
                    unconfirmed={r.unconfirmed.as_ref().map(|u| vars.text(u))} />
                <BecauseList {lang} because={f.because.clone()} basis={a.destination_basis.clone()} />
            </li>
        })
    });
    html! { <>
        <h3 class="ea-h3">{ t(lang, Msg::FindingsHeading) }</h3>
        if shown.is_empty() {
            <p class="ea-muted">{ t(lang, Msg::NoFindings) }</p>
        }
        <ul class="ea-findings" data-testid="findings">{ for items }</ul>
    </> }
}

#[derive(Properties, PartialEq)]
pub struct ScoreProps {
    pub lang: Lang,
    pub score: Score,
}

/// Bars per category with the value as text (an SVG drawn by Yew), the
/// formula and the rule set's note on what the score is not.
#[component]
pub fn ScoreChart(p: &ScoreProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (lang, s) = (p.lang, &p.score);
    // Sizes in the chart's units; a rule set has a handful of categories.
    let height = s
        .categories
        .len()
        .saturating_mul(26)
        .saturating_add(4)
        .to_string();
    let bars = s.categories.iter().enumerate().map(|(i, c)| {
        let y = i.saturating_mul(26).saturating_add(2);
        let label = shared.rules.category(&c.id).map_or(c.id.clone(), |x| x.label.get(lang).to_string());
        html! {
            <g key={c.id.clone()}>
                <text x="0" y={y.saturating_add(16).to_string()} class="ea-chart-label">{ format!("{label} ({} {})", t(lang, Msg::ScoreWeight), c.weight) }</text>
                <rect x="150" y={y.saturating_add(4).to_string()} width="120" height="16" class="ea-chart-track" />
                <rect x="150" y={y.saturating_add(4).to_string()} width={(c.value.min(100).saturating_mul(120) / 100).to_string()} height="16" class="ea-chart-bar" />
                <text x="276" y={y.saturating_add(16).to_string()} class="ea-chart-value">{ c.value }</text>
            </g>
        }
    });
    html! { <>
        <h3 class="ea-h3">{ format!("{}: {}/100", t(lang, Msg::ScoreHeading), s.total) }</h3>
        <svg class="ea-score-chart" viewBox={format!("0 0 330 {height}")} width="100%" role="img" aria-labelledby="score-chart-title">
            <title id="score-chart-title">{ format!("{}: {}/100", t(lang, Msg::ScoreHeading), s.total) }</title>
            <g>{ for bars }</g>
        </svg>
        <p class="ea-small ea-muted">{ t(lang, Msg::ScoreExplain) }</p>
        <p class="ea-small" data-testid="score-note">{ shared.rules.score.note.get(lang) }</p>
    </> }
}

/// The next steps, and the competent authority (flagged when its name is
/// not confirmed).
#[component]
pub fn NextSteps(p: &DraftOnly) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (lang, effective) = (p.d.lang, &p.d.view.effective);
    let steps = next_steps(
        &shared.rules,
        &shared.dest,
        effective,
        &p.d.view.assessment,
        lang,
    );
    let (authority, _) = authority_for(&shared.rules, &shared.dest, effective, lang);
    let unconfirmed = effective
        .get(&shared.rules.member_state_question)
        .and_then(|v| v.as_one())
        .and_then(|c| shared.dest.country(c))
        .and_then(|c| c.competent_authority.as_ref())
        .is_some_and(|a| a.status == Status::Unconfirmed);
    html! { <>
        <h3 class="ea-h3">{ t(lang, Msg::NextStepsHeading) }</h3>
        <ol class="ea-steps" data-testid="next-steps">
            { for steps.iter().enumerate().map(|(i, s)| html! { <li key={i}>{ s }</li> }) }
        </ol>
        <p class="ea-small">
            { t(lang, Msg::AuthorityLabel) }{ ": " }{ authority }
            if unconfirmed {
                { " " }<span class="ea-unconfirmed-tag">{ "[" }{ t(lang, Msg::UnconfirmedShort) }{ "]" }</span>
                { " " }{ t(lang, Msg::AuthorityUnconfirmed) }
            }
        </p>
    </> }
}

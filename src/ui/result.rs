//! The live result: outcome in words (and colour), the rules that fired
//! with their reasons and citations, missing answers, findings, the risk
//! score as an SVG chart, and the next steps.

use yew::prelude::*;

use super::app::Shared;
use super::i18n::{outcome, t, Lang, Msg};
use super::questions::DraftProps;
use super::state::Action;
use crate::core::destinations::{DestFact, Status};
use crate::core::evaluate::{authority_for, next_steps, Because};
use crate::core::ruleset::{FindingKind, QuestionKind};
use crate::core::{AnswerValue, Outcome};

/// An answer in words, in the user's language.
pub fn answer_text(shared: &Shared, lang: Lang, question: &str, value: &AnswerValue) -> String {
    let Some(q) = shared.rules.question(question) else { return value.values().join(", ") };
    let word = |v: &str| -> String {
        match (&q.kind, v) {
            (QuestionKind::YesNo | QuestionKind::YesNoUnknown, "yes") => t(lang, Msg::Yes).into(),
            (QuestionKind::YesNo | QuestionKind::YesNoUnknown, "no") => t(lang, Msg::No).into(),
            (QuestionKind::YesNoUnknown, "unknown") => t(lang, Msg::DontKnow).into(),
            (QuestionKind::Single { options } | QuestionKind::Multi { options, .. }, v) => {
                options.iter().find(|o| o.id == v).map(|o| o.label.get(lang).to_string()).unwrap_or_else(|| v.to_string())
            }
            (QuestionKind::Country { .. }, code) => shared.dest.country(code).map(|c| c.name(lang).to_string()).unwrap_or_else(|| code.to_string()),
            (_, v) => v.to_string(),
        }
    };
    value.values().into_iter().map(word).collect::<Vec<_>>().join("; ")
}

fn fact_name(lang: Lang, fact: DestFact) -> &'static str {
    use DestFact::*;
    match (lang, fact) {
        (Lang::En, EuMember) => "EU Member State",
        (Lang::En, ThirdCountry) => "outside the EU",
        (Lang::En, ArmsEmbargo) => "UN or EU arms embargo",
        (Lang::En, ArmsEmbargoOther) => "political, Council or OSCE arms embargo",
        (Lang::En, MonitoringRegime | MonitoringBan | MonitoringAuthorisation | MonitoringRestriction | MonitoringUnclear) => "EU restrictions on monitoring equipment",
        (Lang::En, DualUseBan) => "EU ban on dual-use exports",
        (Lang::De, EuMember) => "EU-Mitgliedstaat",
        (Lang::De, ThirdCountry) => "außerhalb der EU",
        (Lang::De, ArmsEmbargo) => "Waffenembargo der VN oder der EU",
        (Lang::De, ArmsEmbargoOther) => "politisches, Rats- oder OSZE-Waffenembargo",
        (Lang::De, MonitoringRegime | MonitoringBan | MonitoringAuthorisation | MonitoringRestriction | MonitoringUnclear) => "EU-Beschränkungen für Überwachungsausrüstung",
        (Lang::De, DualUseBan) => "EU-Ausfuhrverbot für Güter mit doppeltem Verwendungszweck",
    }
}

/// The answers, findings and destination facts behind a rule.
pub fn because_view(shared: &Shared, lang: Lang, because: &Because, destination: Option<&str>) -> Html {
    if because.answers.is_empty() && because.destination_facts.is_empty() && because.findings.is_empty() {
        return html! {};
    }
    let country = destination.and_then(|c| shared.dest.country(c));
    html! {
        <div class="ea-because">
            <span class="ea-because-label">{ t(lang, Msg::Because) }{ ": " }</span>
            <ul>
                { for because.answers.iter().map(|a| {
                    let q = shared.rules.question(&a.question).map(|q| q.text.get(lang)).unwrap_or(&a.question);
                    html! { <li>{ q }{ " → " }<strong>{ answer_text(shared, lang, &a.question, &a.value) }</strong></li> }
                }) }
                { for because.findings.iter().filter_map(|f| shared.rules.finding(f)).map(|f| html! { <li>{ f.title.get(lang) }</li> }) }
                { for because.destination_facts.iter().map(|fact| {
                    let basis = country.and_then(|c| c.fact_basis(*fact));
                    html! {
                        <li>
                            { t(lang, Msg::DestinationFacts) }{ ": " }{ fact_name(lang, *fact) }
                            if let Some((status, act, note)) = basis {
                                if let Some(act) = act { { " — " }{ act } }
                                if status == Status::Unconfirmed {
                                    <span class="ea-unconfirmed-tag">{ " [" }{ t(lang, Msg::UnconfirmedShort) }{ "]" }</span>
                                    if let Some(note) = note { <span class="ea-note">{ " " }{ note }</span> }
                                }
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

pub fn kind_label(lang: Lang, kind: FindingKind) -> &'static str {
    t(lang, match kind {
        FindingKind::RedFlag => Msg::KindRedFlag,
        FindingKind::Gap => Msg::KindGap,
        FindingKind::Trigger => Msg::KindTrigger,
        FindingKind::RiskFactor => Msg::KindRiskFactor,
        FindingKind::Mitigation => Msg::KindMitigation,
        FindingKind::Classification => Msg::KindClassification,
        FindingKind::Note => Msg::KindNote,
    })
}

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

/// Bars per category: value 0–100 and weight, with text beside each bar.
pub fn score_chart(shared: &Shared, lang: Lang, score: &crate::core::evaluate::Score) -> Html {
    let row_h = 26;
    let height = row_h * score.categories.len() as i32 + 4;
    html! {
        <svg class="ea-score-chart" viewBox={format!("0 0 320 {height}")} width="100%" role="img" aria-labelledby="score-chart-title">
            <title id="score-chart-title">{ t(lang, Msg::ScoreHeading) }{ ": " }{ score.total }{ "/100" }</title>
            { for score.categories.iter().enumerate().map(|(i, c)| {
                let y = i as i32 * row_h + 2;
                let label = shared.rules.category(&c.id).map(|x| x.label.get(lang)).unwrap_or(&c.id);
                let w = c.value as i32 * 120 / 100;
                html! {
                    <g>
                        <text x="0" y={(y + 16).to_string()} class="ea-chart-label">{ label }</text>
                        <rect x="150" y={(y + 4).to_string()} width="120" height="16" class="ea-chart-track" />
                        <rect x="150" y={(y + 4).to_string()} width={w.to_string()} height="16" class="ea-chart-bar" />
                        <text x="276" y={(y + 16).to_string()} class="ea-chart-value">{ format!("{}", c.value) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

pub fn score_table(shared: &Shared, lang: Lang, score: &crate::core::evaluate::Score) -> Html {
    html! {
        <table class="ea-score-table">
            <tbody>
            { for score.categories.iter().map(|c| {
                let label = shared.rules.category(&c.id).map(|x| x.label.get(lang)).unwrap_or(&c.id);
                html! { <tr><th scope="row">{ label }</th><td>{ format!("{} {} · {}/100", t(lang, Msg::ScoreWeight), c.weight, c.value) }</td></tr> }
            }) }
            </tbody>
        </table>
    }
}

#[component]
pub fn ResultPanel(p: &DraftProps) -> Html {
    let lang = p.lang;
    let a = &p.assessment;
    let shared = &p.shared;
    let (name, meaning) = outcome(lang, a.outcome);
    let destination = p.draft.answers.get(&shared.rules.destination_question).and_then(|v| v.as_one()).map(str::to_string);
    let steps = next_steps(&shared.rules, &shared.dest, &p.draft.answers, a, lang);
    let ms = p.draft.answers.get(&shared.rules.member_state_question).and_then(|v| v.as_one()).and_then(|c| shared.dest.country(c));
    let (authority, _) = authority_for(&shared.rules, &shared.dest, &p.draft.answers, lang);
    let authority_unconfirmed = ms.and_then(|c| c.competent_authority.as_ref()).is_some_and(|a| a.status == Status::Unconfirmed);
    let visible_findings: Vec<_> = a.findings.iter().filter(|f| f.kind != FindingKind::Classification).collect();
    html! {
        <aside class="ea-result" aria-labelledby="result-title" data-testid="result">
            <h2 id="result-title" class="ea-h2">{ t(lang, Msg::ResultHeading) }</h2>
            <div class={classes!("ea-outcome", format!("ea-outcome-{}", a.outcome.name()))} role="status" aria-live="polite" aria-atomic="true"
                data-testid="outcome" data-outcome={a.outcome.name()}>
                <span class="ea-outcome-icon" aria-hidden="true">{ outcome_icon(a.outcome) }</span>
                <div>
                    <p class="ea-outcome-name">{ name }</p>
                    <p class="ea-outcome-meaning">{ meaning }</p>
                </div>
            </div>
            if a.undecided { <p class="ea-notice">{ t(lang, Msg::NoRuleDecided) }</p> }
            if !a.decided_by.is_empty() {
                <h3 class="ea-h3">{ t(lang, Msg::DecidedBy) }</h3>
                <ul class="ea-rules" data-testid="decided-by">
                { for a.decided_by.iter().filter_map(|r| shared.rules.outcome_rule(&r.id).map(|rule| (r, rule))).map(|(r, rule)| html! {
                    <li data-rule={r.id.clone()}>
                        <p>{ rule.explanation.get(lang) }</p>
                        <p class="ea-cite">{ t(lang, Msg::Citation) }{ ": " }{ rule.citation.get(lang) }</p>
                        { because_view(shared, lang, &r.because, destination.as_deref()) }
                    </li>
                }) }
                </ul>
            }
            <h3 class="ea-h3">{ t(lang, Msg::MissingHeading) }{ format!(" ({})", a.missing.len()) }</h3>
            if a.missing.is_empty() {
                <p class="ea-muted">{ t(lang, Msg::MissingNone) }</p>
            } else {
                <ul class="ea-missing" data-testid="missing">
                { for a.missing.iter().filter_map(|m| shared.rules.question(m)).map(|q| {
                    let d = p.dispatch.clone();
                    let (section, question) = (q.section.clone(), q.id.clone());
                    let onclick = Callback::from(move |e: MouseEvent| { e.prevent_default(); d.emit(Action::JumpTo { section: section.clone(), question: question.clone() }) });
                    html! { <li><a href={format!("#q-{}", q.id)} {onclick}>{ q.text.get(lang) }</a></li> }
                }) }
                </ul>
            }
            <h3 class="ea-h3">{ t(lang, Msg::FindingsHeading) }</h3>
            if visible_findings.is_empty() { <p class="ea-muted">{ t(lang, Msg::NoFindings) }</p> }
            <ul class="ea-findings" data-testid="findings">
            { for visible_findings.iter().filter_map(|f| shared.rules.finding(&f.id).map(|r| (f, r))).map(|(f, rule)| html! {
                <li class={classes!("ea-finding", format!("ea-kind-{}", f.kind.name()))} data-finding={f.id.clone()}>
                    <p><span class="ea-kind">{ kind_label(lang, f.kind) }</span>{ " " }<strong>{ rule.title.get(lang) }</strong>
                        if f.kind.scored() { <span class="ea-points">{ format!(" ({:+})", f.weight) }</span> }</p>
                    <p>{ rule.explanation.get(lang) }</p>
                    <p class="ea-cite">{ t(lang, Msg::Citation) }{ ": " }{ rule.citation.get(lang) }</p>
                    if let Some(u) = &rule.unconfirmed { <p class="ea-unconfirmed"><strong>{ t(lang, Msg::Unconfirmed) }</strong>{ " " }{ u.get(lang) }</p> }
                    { because_view(shared, lang, &f.because, destination.as_deref()) }
                </li>
            }) }
            </ul>
            <h3 class="ea-h3">{ t(lang, Msg::ScoreHeading) }{ format!(": {}/100", a.score.total) }</h3>
            { score_chart(shared, lang, &a.score) }
            { score_table(shared, lang, &a.score) }
            <p class="ea-small ea-muted">{ t(lang, Msg::ScoreExplain) }</p>
            <h3 class="ea-h3">{ t(lang, Msg::NextStepsHeading) }</h3>
            <ol class="ea-steps" data-testid="next-steps">{ for steps.iter().map(|s| html! { <li>{ s }</li> }) }</ol>
            <p class="ea-small">{ t(lang, Msg::AuthorityLabel) }{ ": " }{ authority }
                if authority_unconfirmed { <span class="ea-unconfirmed-tag">{ " [" }{ t(lang, Msg::UnconfirmedShort) }{ "] " }</span>{ t(lang, Msg::AuthorityUnconfirmed) } }
            </p>
        </aside>
    }
}

//! The printable report (print CSS makes "Save as PDF" clean), the report
//! JSON download that `export-assessor verify` accepts, and the draft
//! notification to the competent authority.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::browser;
use super::i18n::{outcome, t, Msg};
use super::questions::DraftProps;
use super::result::{answer_text, because_view, kind_label, outcome_icon, score_chart, score_table};
use super::state::{Action, Screen};
use crate::core::notification::draft_notification;
use crate::core::report::Report;
use crate::core::Outcome;

fn build(p: &DraftProps) -> Option<Report> {
    Report::build(&p.shared.rules, &p.shared.dest, &p.draft.answers, &p.assessment, p.lang, &p.draft.created_at, &p.draft.updated_at).ok()
}

#[component]
pub fn ReportView(p: &DraftProps) -> Html {
    let lang = p.lang;
    let shared = &p.shared;
    let Some(report) = build(p) else { return html! {} };
    let (name, meaning) = outcome(lang, report.outcome);
    let destination = report.answers.get(&shared.rules.destination_question).and_then(|v| v.as_one()).map(str::to_string);
    let download = {
        let json = report.to_json_pretty();
        let id = p.draft.id.clone();
        Callback::from(move |_| browser::download(&format!("export-assessor-report-{id}.json"), "application/json", &json))
    };
    let back = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::Show(Screen::Assess))) };
    let notify = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::Show(Screen::Notification))) };
    let print = Callback::from(|_| browser::print());
    html! {
        <article class="ea-report" aria-labelledby="report-title" data-testid="report">
            <div class="ea-toolbar ea-no-print">
                <button type="button" onclick={back}>{ t(lang, Msg::Back) }</button>
                <button type="button" class="ea-primary" onclick={print} data-testid="print">{ t(lang, Msg::Print) }</button>
                <button type="button" onclick={download} data-testid="download-report">{ t(lang, Msg::DownloadReport) }</button>
                if report.outcome == Outcome::NotifyAuthority {
                    <button type="button" onclick={notify} data-testid="open-notification">{ t(lang, Msg::DraftNotification) }</button>
                }
            </div>
            <h2 id="report-title" class="ea-h2">{ t(lang, Msg::ReportHeading) }</h2>
            if report.outcome == Outcome::Incomplete { <p class="ea-notice">{ t(lang, Msg::ReportIncomplete) }</p> }
            <dl class="ea-meta">
                <dt>{ t(lang, Msg::ReportOutcome) }</dt>
                <dd class={classes!("ea-outcome-inline", format!("ea-outcome-{}", report.outcome.name()))} data-testid="report-outcome" data-outcome={report.outcome.name()}>
                    <span aria-hidden="true">{ outcome_icon(report.outcome) }{ " " }</span><strong>{ name }</strong>{ " — " }{ meaning }
                </dd>
                <dt>{ t(lang, Msg::Fingerprint) }</dt><dd class="ea-mono" data-testid="fingerprint">{ &report.fingerprint }</dd>
                <dt>{ t(lang, Msg::RuleSet) }</dt><dd>{ format!("{} {}", report.rule_set.id, report.rule_set.version) }</dd>
                <dt>{ t(lang, Msg::DestinationDataAsOf) }</dt><dd>{ &report.destination_data_as_of }</dd>
                <dt>{ t(lang, Msg::Created) }</dt><dd>{ &report.created_at }</dd>
                <dt>{ t(lang, Msg::Changed) }</dt><dd>{ &report.updated_at }</dd>
            </dl>
            for r in report.decided_by.iter() {
                <div class="ea-rule">
                    <p>{ &r.explanation }</p>
                    <p class="ea-cite">{ t(lang, Msg::Citation) }{ ": " }{ &r.citation }</p>
                    { because_view(shared, lang, &r.because, destination.as_deref()) }
                </div>
            }
            <h3 class="ea-h3">{ t(lang, Msg::Answers) }</h3>
            <table class="ea-table ea-answers">
                <thead><tr><th scope="col">{ t(lang, Msg::Question) }</th><th scope="col">{ t(lang, Msg::Answer) }</th></tr></thead>
                <tbody>
                { for shared.rules.questions.iter().filter_map(|q| report.answers.get(&q.id).map(|v| (q, v))).map(|(q, v)| html! {
                    <tr><td>{ q.text.get(lang) }</td><td>{ answer_text(shared, lang, &q.id, v) }</td></tr>
                }) }
                </tbody>
            </table>
            if !report.missing.is_empty() {
                <h3 class="ea-h3">{ t(lang, Msg::MissingHeading) }</h3>
                <ul>{ for report.missing.iter().filter_map(|m| shared.rules.question(m)).map(|q| html! { <li>{ q.text.get(lang) }</li> }) }</ul>
            }
            <h3 class="ea-h3">{ t(lang, Msg::FindingsHeading) }</h3>
            <ul class="ea-findings">
            { for report.findings.iter().map(|f| html! {
                <li class={classes!("ea-finding", format!("ea-kind-{}", f.kind.name()))}>
                    <p><span class="ea-kind">{ kind_label(lang, f.kind) }</span>{ " " }<strong>{ &f.title }</strong></p>
                    <p>{ &f.explanation }</p>
                    <p class="ea-cite">{ t(lang, Msg::Citation) }{ ": " }{ &f.citation }</p>
                    if let Some(u) = &f.unconfirmed { <p class="ea-unconfirmed"><strong>{ t(lang, Msg::Unconfirmed) }</strong>{ " " }{ u }</p> }
                    { because_view(shared, lang, &f.because, destination.as_deref()) }
                </li>
            }) }
            </ul>
            <h3 class="ea-h3">{ t(lang, Msg::ScoreHeading) }{ format!(": {}/100", report.score.total) }</h3>
            { score_chart(shared, lang, &report.score) }
            { score_table(shared, lang, &report.score) }
            <p class="ea-small">{ t(lang, Msg::ScoreExplain) }</p>
            <h3 class="ea-h3">{ t(lang, Msg::NextStepsHeading) }</h3>
            <ol class="ea-steps">{ for report.next_steps.iter().map(|s| html! { <li>{ s }</li> }) }</ol>
            <p class="ea-small ea-muted">{ t(lang, Msg::FooterDisclaimer) }</p>
        </article>
    }
}

#[component]
pub fn NotificationView(p: &DraftProps) -> Html {
    let lang = p.lang;
    let generated = build(p).map(|r| draft_notification(&p.shared.rules, &p.shared.dest, &r, lang)).unwrap_or_default();
    // The user may edit the draft; the download takes the edited text.
    let text = use_state(|| generated.clone());
    {
        let text = text.clone();
        use_effect_with(generated.clone(), move |g| text.set(g.clone()));
    }
    let oninput = { let text = text.clone(); Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())) };
    let download = { let text = text.clone(); let id = p.draft.id.clone(); Callback::from(move |_| browser::download(&format!("notification-{id}.txt"), "text/plain;charset=utf-8", &text)) };
    let back = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::Show(Screen::Report))) };
    html! {
        <section class="ea-notification" aria-labelledby="notification-title" data-testid="notification">
            <h2 id="notification-title" class="ea-h2">{ t(lang, Msg::NotificationHeading) }</h2>
            <p>{ t(lang, Msg::NotificationHelp) }</p>
            <label for="notification-text" class="ea-label">{ t(lang, Msg::NotificationHeading) }</label>
            <textarea id="notification-text" rows="24" value={(*text).clone()} {oninput} data-testid="notification-text" />
            <div class="ea-toolbar ea-no-print">
                <button type="button" onclick={back}>{ t(lang, Msg::Back) }</button>
                <button type="button" class="ea-primary" onclick={download} data-testid="download-notification">{ t(lang, Msg::DownloadText) }</button>
            </div>
        </section>
    }
}

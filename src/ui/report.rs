//! The printable report (print CSS makes "Save as PDF" clean), the report
//! JSON download that `export-assessor verify` accepts, and the draft
//! notification to the competent authority.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::browser;
use super::i18n::{t, Msg};
use super::questions::DraftProps;
use super::markup::Markup;
use super::result::{answer_text, because_m, findings_m, outcome_box, score_m, steps_m, FindingView};
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
    let destination = report.answers.get(&shared.rules.destination_question).and_then(|v| v.as_one()).map(str::to_string);
    let destination = destination.as_deref();
    let download = {
        let json = report.to_json_pretty();
        let id = p.draft.id.clone();
        Callback::from(move |_| browser::download(&format!("export-assessor-report-{id}.json"), "application/json", &json))
    };
    let back = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::Show(Screen::Assess))) };
    let notify = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::Show(Screen::Notification))) };
    let print = Callback::from(|_| browser::print());

    let mut m = Markup::new();
    if report.outcome == Outcome::Incomplete {
        m.el("p", "class=\"ea-notice\"", t(lang, Msg::ReportIncomplete));
    }
    m.raw("<dl class=\"ea-meta\">");
    let row = |m: &mut Markup, label: Msg, value: &str, attrs: &str| {
        m.el("dt", "", t(lang, label)).el("dd", attrs, value);
    };
    row(&mut m, Msg::Fingerprint, &report.fingerprint, "class=\"ea-mono\" data-testid=\"fingerprint\"");
    row(&mut m, Msg::RuleSet, &format!("{} {}", report.rule_set.id, report.rule_set.version), "");
    row(&mut m, Msg::DestinationDataAsOf, &report.destination_data_as_of, "");
    row(&mut m, Msg::Created, &report.created_at, "");
    row(&mut m, Msg::Changed, &report.updated_at, "");
    m.raw("</dl>");
    for r in &report.decided_by {
        m.raw("<div class=\"ea-rule\">").el("p", "", &r.explanation);
        m.raw("<p class=\"ea-cite\">").text(t(lang, Msg::Citation)).raw(": ").text(&r.citation).raw("</p>");
        because_m(&mut m, shared, lang, &r.because, destination);
        m.raw("</div>");
    }
    m.el("h3", "class=\"ea-h3\"", t(lang, Msg::Answers));
    m.raw("<table class=\"ea-table ea-answers\"><thead><tr>").el("th", "scope=\"col\"", t(lang, Msg::Question)).el("th", "scope=\"col\"", t(lang, Msg::Answer)).raw("</tr></thead><tbody>");
    for (q, v) in shared.rules.questions.iter().filter_map(|q| report.answers.get(&q.id).map(|v| (q, v))) {
        m.raw("<tr>").el("td", "", q.text.get(lang)).el("td", "", &answer_text(shared, lang, &q.id, v)).raw("</tr>");
    }
    m.raw("</tbody></table>");
    if !report.missing.is_empty() {
        m.el("h3", "class=\"ea-h3\"", t(lang, Msg::MissingHeading)).raw("<ul>");
        for q in report.missing.iter().filter_map(|id| shared.rules.question(id)) {
            m.el("li", "", q.text.get(lang));
        }
        m.raw("</ul>");
    }
    m.el("h3", "class=\"ea-h3\"", t(lang, Msg::FindingsHeading));
    findings_m(
        &mut m,
        shared,
        lang,
        report.findings.iter().map(|f| FindingView {
            id: &f.id,
            kind: f.kind,
            weight: f.weight,
            title: &f.title,
            explanation: &f.explanation,
            citation: &f.citation,
            unconfirmed: f.unconfirmed.as_deref(),
            because: &f.because,
        }),
        destination,
    );
    m.el("h3", "class=\"ea-h3\"", &format!("{}: {}/100", t(lang, Msg::ScoreHeading), report.score.total));
    score_m(&mut m, shared, lang, &report.score);
    m.el("h3", "class=\"ea-h3\"", t(lang, Msg::NextStepsHeading));
    steps_m(&mut m, &report.next_steps);
    m.el("p", "class=\"ea-small ea-muted\"", t(lang, Msg::FooterDisclaimer));

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
            { outcome_box(lang, report.outcome, "report-outcome") }
            { m.into_html() }
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

//! The record of an assessment in the browser: the sealed report (the same
//! bytes as `export-assessor report`) with its printable view, the draft
//! notification to the authority, and the page that verifies a report.

mod notify;
mod sealed;
mod verify;

use std::rc::Rc;

use yew::prelude::*;

pub use notify::NotificationPage;
pub use verify::VerifyPage;

use crate::core::report::{file_stem, Report};
use crate::core::session::{Draft, Signatures};
use crate::core::Lang;
use crate::ui::browser;
use crate::ui::context::{DraftProps, Evaluated, Shared};
use crate::ui::i18n::{t, Msg};

/// Seals the open assessment as the CLI does from its answers file: the
/// same answers, screening record, language and timestamps give the same
/// bytes.
pub fn seal(shared: &Shared, draft: &Draft, view: &Evaluated, lang: Lang) -> Option<Report> {
    let report = Report::build(
        &shared.rules,
        &shared.dest,
        &view.effective,
        &view.assessment,
        lang,
        &draft.created_at,
        &draft.updated_at,
    )
    .ok()?;
    Some(report.with_screening(&shared.rules, &shared.dest, &draft.screening))
}

/// The file name stem a person recognises: reference, date, outcome.
pub fn stem(shared: &Shared, draft: &Draft, lang: Lang, report: &Report) -> String {
    let title = draft.display_title(&shared.rules, &shared.dest, lang);
    file_stem(&title, &report.updated_at, report.outcome)
}

/// Writes the sealed report as a JSON download.
fn download_report(shared: &Shared, draft: &Draft, lang: Lang, report: &Report) {
    browser::download(
        &format!("{}.report.json", stem(shared, draft, lang, report)),
        "application/json",
        &report.to_json_pretty(),
    );
}

#[derive(Properties, PartialEq)]
pub struct ReportPageProps {
    pub d: DraftProps,
    pub on_signatures: Callback<Signatures>,
    pub on_back: Callback<()>,
    /// Opened to seal: download the report once, then show it.
    #[prop_or_default]
    pub seal: bool,
    /// Opened to print: print once it is shown.
    #[prop_or_default]
    pub print: bool,
    /// Which visit of the page this is (a new one seals or prints again).
    #[prop_or_default]
    pub visit: u32,
}

/// The sealed report as a page for print or PDF, with its download.
#[component]
pub fn ReportPage(p: &ReportPageProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (lang, draft, view) = (p.d.lang, p.d.draft.clone(), p.d.view.clone());
    let report = {
        let (shared, draft, view) = (shared.clone(), draft.clone(), view.clone());
        use_memo((draft, view, lang), move |(d, v, lang)| {
            seal(&shared, d, v, *lang).map(Rc::new)
        })
    };
    {
        // Once per visit of #seal or #print; the address then names the
        // report, so a reload does not download or print again.
        let (shared, draft, sealed, seal, print) = (
            shared.clone(),
            draft.clone(),
            (*report).clone(),
            p.seal,
            p.print,
        );
        use_effect_with((seal, print, p.visit), move |_| {
            if let (true, Some(r)) = (seal, &sealed) {
                download_report(&shared, &draft, lang, r);
            }
            if print {
                browser::print_soon();
            }
            if seal || print {
                browser::replace_hash("report");
            }
        });
    }
    let Some(report) = (*report).clone() else {
        return html! { <p class="ea-notice" role="alert">{ t(lang, Msg::SealFailed) }</p> };
    };
    let on_download = {
        let (shared, draft, report) = (shared.clone(), draft.clone(), report.clone());
        Callback::from(move |_: MouseEvent| download_report(&shared, &draft, lang, &report))
    };
    let on_print = Callback::from(|_: MouseEvent| browser::print());
    let reference = draft.display_title(&shared.rules, &shared.dest, lang);
    html! {
        <article class="ea-report" data-testid="report-page" aria-labelledby="report-title">
            <p class="ea-no-print ea-actions">
                <button type="button" onclick={p.on_back.reform(|_: MouseEvent| ())} data-testid="report-back">{ t(lang, Msg::Back) }</button>
                <button type="button" class="ea-primary" onclick={on_download} data-testid="download-report">{ t(lang, Msg::DownloadReport) }</button>
                <button type="button" onclick={on_print} data-testid="print-report">{ t(lang, Msg::PrintReport) }</button>
            </p>
            <sealed::Heading {lang} report={report.clone()} {reference} id={draft.id.clone()} />
            <sealed::Body {lang} report={report.clone()} />
            <div class="ea-report-screening">
                <crate::ui::party::ScreeningPanel d={p.d.clone()} interactive=false on_decide={Callback::noop()} />
            </div>
            <sealed::SignatureBlock {lang} signatures={draft.signatures.clone()} on_change={p.on_signatures.clone()} />
        </article>
    }
}

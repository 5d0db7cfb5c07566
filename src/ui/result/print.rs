//! The result's actions: seal, print, notify, download the answers.

use yew::prelude::*;

use super::rules::DraftOnly;
use crate::core::report::file_stem;
use crate::core::Outcome;
use crate::ui::browser;
use crate::ui::context::Shared;
use crate::ui::i18n::{t, Msg};

/// What the user can do with the result, at its top: seal (the records
/// app shows the report and downloads it), print it, draft the
/// notification, download the answers.
#[component]
pub fn ResultActions(p: &DraftOnly) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let lang = p.d.lang;
    let on_download = {
        let (draft, view, shared) = (p.d.draft.clone(), p.d.view.clone(), shared.clone());
        Callback::from(move |_: MouseEvent| {
            // The answers shown, as `export-assessor report` reads them,
            // with the screening record and the versions they were given under.
            let file = draft.answers_file(&shared.rules, &view.assessment.visible, &shared.under);
            let title = draft.display_title(&shared.rules, &shared.dest, lang);
            let stem = file_stem(&title, &draft.updated_at, view.assessment.outcome);
            browser::download(&format!("{stem}.answers.json"), "application/json", &file);
        })
    };
    let notify = p.d.view.assessment.outcome == Outcome::NotifyAuthority;
    html! {
        <div class="ea-actions ea-no-print" data-testid="result-actions">
            <a class="ea-button ea-primary" href="#seal" data-testid="seal-report">{ t(lang, Msg::SealReport) }</a>
            <a class="ea-button" href="#print" data-testid="print">{ t(lang, Msg::PrintReport) }</a>
            if notify {
                <a class="ea-button" href="#notification" data-testid="draft-notification">{ t(lang, Msg::DraftNotification) }</a>
            }
            <button type="button" onclick={on_download} data-testid="download-answers">{ t(lang, Msg::DownloadAnswers) }</button>
        </div>
    }
}

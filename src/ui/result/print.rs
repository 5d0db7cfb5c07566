//! What the printout adds (the answers given), and the actions: print,
//! download the answers.

use yew::prelude::*;

use super::rules::DraftOnly;
use crate::ui::browser;
use crate::ui::context::Shared;
use crate::ui::i18n::{t, Msg};
use crate::ui::words::answer_text;

/// The answers to the questions shown (printed only).
#[component]
pub fn PrintAnswers(p: &DraftOnly) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let lang = p.d.lang;
    let rows = shared
        .rules
        .questions
        .iter()
        .zip(&p.d.view.assessment.visible)
        .filter(|(_, shown)| **shown)
        .filter_map(|(q, _)| {
            let v = p.d.draft.answers.get(&q.id)?;
            Some(html! {
                <tr key={q.id.clone()}><td>{ q.text.get(lang) }</td><td>{ answer_text(&shared, lang, &q.id, v) }</td></tr>
            })
        });
    html! { <table class="ea-table ea-answers ea-print-only"><tbody>{ for rows }</tbody></table> }
}

#[component]
pub fn ResultActions(p: &DraftOnly) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let lang = p.d.lang;
    let on_print = Callback::from(|_: MouseEvent| browser::print());
    let on_download = {
        let (draft, view, shared) = (p.d.draft.clone(), p.d.view.clone(), shared.clone());
        Callback::from(move |_: MouseEvent| {
            // The answers shown, as `export-assessor report` reads them,
            // with the screening record and the versions they were given under.
            let file = draft.answers_file(&shared.rules, &view.assessment.visible, &shared.under);
            browser::download(
                &format!("export-assessor-answers-{}.json", draft.id),
                "application/json",
                &file,
            );
        })
    };
    html! { <>
        <p class="ea-no-print">
            <button type="button" onclick={on_print} data-testid="print">{ t(lang, Msg::Print) }</button>{ " " }
            <button type="button" onclick={on_download} data-testid="download-answers">{ t(lang, Msg::DownloadAnswers) }</button>
        </p>
        <p class="ea-small ea-muted ea-no-print">{ t(lang, Msg::DownloadAnswersHelp) }</p>
    </> }
}

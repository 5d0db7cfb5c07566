//! The draft notification to the competent authority (Art. 4(2), Art.
//! 5(2)): filled from the sealed report, with the exporter's own details
//! typed here. Typed text is inserted literally by the core; here it is
//! only ever a text node.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{seal, stem};
use crate::core::notification::{draft_notification, NotificationInput};
use crate::core::Lang;
use crate::ui::browser;
use crate::ui::context::{DraftProps, Shared};
use crate::ui::i18n::{t, Msg};

#[derive(Properties, PartialEq)]
pub struct NotificationProps {
    pub d: DraftProps,
    pub on_change: Callback<NotificationInput>,
    pub on_back: Callback<()>,
}

#[component]
pub fn NotificationPage(p: &NotificationProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (lang, draft, view) = (p.d.lang, p.d.draft.clone(), p.d.view.clone());
    let text = {
        let (shared, draft, view) = (shared.clone(), draft.clone(), view.clone());
        use_memo((draft, view, lang), move |(d, v, lang)| {
            seal(&shared, d, v, *lang).map(|report| {
                let name = format!("{}.notification.txt", stem(&shared, d, *lang, &report));
                let text = draft_notification(
                    &shared.rules,
                    &shared.dest,
                    &report,
                    *lang,
                    &d.notification,
                );
                (name, text)
            })
        })
    };
    let Some((name, text)) = (*text).clone() else {
        return html! { <p class="ea-notice" role="alert">{ t(lang, Msg::SealFailed) }</p> };
    };
    let on_download = {
        let (name, text) = (name.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            browser::download(&name, "text/plain;charset=utf-8", &text)
        })
    };
    html! {
        <article class="ea-notification" data-testid="notification-page" aria-labelledby="notification-title">
            <p class="ea-no-print ea-actions">
                <button type="button" onclick={p.on_back.reform(|_: MouseEvent| ())} data-testid="notification-back">{ t(lang, Msg::Back) }</button>
                <button type="button" class="ea-primary" onclick={on_download} data-testid="download-notification">{ t(lang, Msg::DownloadNotification) }</button>
                <button type="button" onclick={Callback::from(|_: MouseEvent| browser::print())} data-testid="print-notification">{ t(lang, Msg::Print) }</button>
            </p>
            <h2 id="notification-title" class="ea-h2 ea-no-print">{ t(lang, Msg::NotificationTitle) }</h2>
            <p class="ea-small ea-muted ea-no-print">{ t(lang, Msg::NotificationHelp) }</p>
            <Fields {lang} input={draft.notification.clone()} on_change={p.on_change.clone()} />
            <pre class="ea-letter" data-testid="notification-text">{ text }</pre>
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct FieldsProps {
    lang: Lang,
    input: NotificationInput,
    on_change: Callback<NotificationInput>,
}

/// The parts only the exporter can fill in.
#[component]
fn Fields(p: &FieldsProps) -> Html {
    let lang = p.lang;
    let field = |label: Msg,
                 value: &str,
                 key: &'static str,
                 set: fn(&mut NotificationInput, String)| {
        let (input, on_change) = (p.input.clone(), p.on_change.clone());
        let onchange = Callback::from(move |e: Event| {
            let mut next = input.clone();
            set(
                &mut next,
                e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            );
            on_change.emit(next);
        });
        html! {
            <label class="ea-field" key={key}>
                <span>{ t(lang, label) }</span>
                <textarea rows="2" maxlength="2000" value={value.to_string()} {onchange} data-testid={format!("notify-{key}")} />
            </label>
        }
    };
    let i = &p.input;
    html! {
        <div class="ea-notify-fields ea-no-print" data-testid="notification-fields">
            { field(Msg::NotifyExporter, &i.exporter, "exporter", |n, v| n.exporter = v) }
            { field(Msg::NotifyContact, &i.contact, "contact", |n, v| n.contact = v) }
            { field(Msg::NotifyRemarks, &i.remarks, "remarks", |n, v| n.remarks = v) }
            { field(Msg::NotifyPlaceDate, &i.place_date, "place_date", |n, v| n.place_date = v) }
            { field(Msg::NotifySignatory, &i.signatory, "signatory", |n, v| n.signatory = v) }
        </div>
    }
}

//! The page frame: the header (brand, tabs, saved assessments, language),
//! the storage notice, the empty state and the footer.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::i18n::{t, Lang, Msg};
use super::state::StorageStatus;
use super::words::minute;
use crate::core::session::Archive;
use crate::core::text::fill;
use crate::core::PRODUCT_NAME;

/// A saved assessment as the "open" list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedEntry {
    pub id: String,
    /// The item's name (empty when not given yet).
    pub item: String,
    /// The last change, to the minute.
    pub updated: String,
}

impl SavedEntry {
    /// Newest change first.
    pub fn list(archive: &Archive) -> Vec<SavedEntry> {
        archive
            .listing()
            .into_iter()
            .map(|d| SavedEntry {
                id: d.id.clone(),
                item: d.item_name().to_string(),
                updated: minute(&d.updated_at),
            })
            .collect()
    }
}

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub saved: Rc<Vec<SavedEntry>>,
    /// The host runs the screening page (show its tab).
    pub screening: bool,
    pub on_lang: Callback<Lang>,
    pub on_new: Callback<()>,
    pub on_open: Callback<String>,
}

#[component]
pub fn Header(p: &HeaderProps) -> Html {
    let lang = p.lang;
    let on_new = p.on_new.reform(|_: MouseEvent| ());
    html! {
        <header class="ea-header">
            <div class="ea-brand">
                <p class="ea-title">{ PRODUCT_NAME }</p>
                <p class="ea-tagline">{ t(lang, Msg::Tagline) }</p>
            </div>
            <div class="ea-tabs">
                if p.screening {
                    <a class="ea-tab" href="#assessment" data-testid="tab-assessment">{ t(lang, Msg::TabAssessment) }</a>
                    <a class="ea-tab" href="#screening" data-testid="tab-screening">{ t(lang, Msg::TabScreening) }</a>
                }
                <button type="button" class="ea-tab" onclick={on_new} data-testid="tab-new">{ t(lang, Msg::NewAssessment) }</button>
                if !p.saved.is_empty() {
                    <OpenSaved {lang} saved={p.saved.clone()} on_open={p.on_open.clone()} />
                }
            </div>
            <LangSwitch {lang} on_lang={p.on_lang.clone()} />
        </header>
    }
}

#[derive(Properties, PartialEq)]
pub struct OpenSavedProps {
    pub lang: Lang,
    pub saved: Rc<Vec<SavedEntry>>,
    pub on_open: Callback<String>,
}

#[component]
fn OpenSaved(p: &OpenSavedProps) -> Html {
    let lang = p.lang;
    let onchange = {
        let on_open = p.on_open.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let id = select.value();
            // Back to "—", so that choosing the same entry again opens it.
            select.set_value("");
            if !id.is_empty() {
                on_open.emit(id);
            }
        })
    };
    html! {
        <label class="ea-open">
            <span>{ t(lang, Msg::OpenSaved) }</span>
            <select {onchange} data-testid="open-saved">
                <option key="" value="" selected=true>{ "—" }</option>
                { for p.saved.iter().map(|d| {
                    let name = if d.item.is_empty() { t(lang, Msg::Untitled) } else { d.item.as_str() };
                    html! { <option key={d.id.clone()} value={d.id.clone()}>{ format!("{name} · {}", d.updated) }</option> }
                }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    pub lang: Lang,
    pub on_lang: Callback<Lang>,
}

#[component]
fn LangSwitch(p: &LangSwitchProps) -> Html {
    let onchange = {
        let on_lang = p.on_lang.clone();
        Callback::from(move |e: Event| {
            if let Some(l) =
                Lang::from_code(&e.target_unchecked_into::<HtmlSelectElement>().value())
            {
                on_lang.emit(l);
            }
        })
    };
    html! {
        <label class="ea-lang">
            <span>{ t(p.lang, Msg::LanguageLabel) }</span>
            <select {onchange} data-testid="lang-switch">
                { for Lang::ALL.iter().map(|&opt| html! {
                    <option key={opt.code()} value={opt.code()} selected={opt == p.lang}>{ t(opt, Msg::LanguageName) }</option>
                }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct StorageNoticeProps {
    pub lang: Lang,
    pub status: StorageStatus,
}

#[component]
pub fn StorageNotice(p: &StorageNoticeProps) -> Html {
    let text = match &p.status {
        StorageStatus::Ok => return html! {},
        StorageStatus::Unavailable => t(p.lang, Msg::StorageUnavailable).to_string(),
        StorageStatus::Failed => t(p.lang, Msg::StorageFailed).to_string(),
        StorageStatus::Damaged(error) => fill(
            t(p.lang, Msg::StorageDamaged),
            &[("error", error), ("key", super::browser::DAMAGED_KEY)],
        ),
    };
    html! { <p class="ea-notice" role="alert" data-testid="storage-notice">{ text }</p> }
}

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub lang: Lang,
    pub on_new: Callback<()>,
}

#[component]
pub fn EmptyState(p: &EmptyStateProps) -> Html {
    html! {
        <div class="ea-empty">
            <p>{ t(p.lang, Msg::NoAssessment) }</p>
            <button type="button" class="ea-primary" onclick={p.on_new.reform(|_: MouseEvent| ())} data-testid="new-assessment">{ t(p.lang, Msg::NewAssessment) }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FooterProps {
    pub lang: Lang,
}

#[component]
pub fn Footer(p: &FooterProps) -> Html {
    html! {
        <footer class="ea-footer" data-testid="privacy-footer">
            <p><strong>{ t(p.lang, Msg::FooterPrivacy) }</strong></p>
            <p class="ea-muted">{ t(p.lang, Msg::FooterDisclaimer) }</p>
        </footer>
    }
}

//! The page frame: the header (brand, tabs, saved assessments, language),
//! the storage notice, the empty state and the footer.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::browser;
use super::i18n::{t, Lang, Msg};
use super::state::StorageStatus;
use crate::core::text::fill;
use crate::core::PRODUCT_NAME;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    /// The host runs the screening page (show its tab).
    pub screening: bool,
    /// How many assessments are saved (shown on the archive tab).
    pub saved: usize,
    pub on_lang: Callback<Lang>,
    pub on_new: Callback<()>,
}

/// The view the address names (the host shows it), kept current.
#[hook]
fn use_view() -> String {
    let view = use_state(browser::hash);
    {
        let view = view.clone();
        use_effect_with((), move |_| {
            let watch = browser::watch_hash(move |h| view.set(h));
            move || drop(watch)
        });
    }
    let h = view.trim_start_matches('#');
    match h {
        "" | "assessment" => "assessment",
        "seal" | "print" => "report",
        other => other,
    }
    .to_string()
}

#[component]
pub fn Header(p: &HeaderProps) -> Html {
    let lang = p.lang;
    let view = use_view();
    let on_new = p.on_new.reform(|_: MouseEvent| ());
    let tab = |name: &'static str, label: String| {
        let current = (view == name).then_some("page");
        html! { <a class="ea-tab" href={format!("#{name}")} aria-current={current} data-testid={format!("tab-{name}")}>{ label }</a> }
    };
    html! {
        <header class="ea-header">
            <div class="ea-brand">
                <p class="ea-title">{ PRODUCT_NAME }</p>
                <p class="ea-tagline">{ t(lang, Msg::Tagline) }</p>
            </div>
            <nav class="ea-tabs" aria-label={t(lang, Msg::TabsLabel)}>
                { tab("assessment", t(lang, Msg::TabAssessment).to_string()) }
                { tab("archive", format!("{} ({})", t(lang, Msg::TabArchive), p.saved)) }
                { tab("verify", t(lang, Msg::TabVerify).to_string()) }
                if p.screening {
                    { tab("screening", t(lang, Msg::TabScreening).to_string()) }
                }
                <button type="button" class="ea-tab ea-new" onclick={on_new} data-testid="tab-new">{ t(lang, Msg::NewAssessment) }</button>
            </nav>
            <LangSwitch {lang} on_lang={p.on_lang.clone()} />
        </header>
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
    /// Assessments whose last change is not stored (with a store only).
    #[prop_or_default]
    pub unsaved: usize,
    /// Versions kept side by side: (title, id of this tab's copy).
    #[prop_or_default]
    pub conflicts: Vec<(String, String)>,
}

#[component]
pub fn StorageNotice(p: &StorageNoticeProps) -> Html {
    let lang = p.lang;
    let text = match &p.status {
        StorageStatus::Ok => None,
        StorageStatus::Unavailable => Some(t(lang, Msg::StorageUnavailable).to_string()),
        StorageStatus::Failed => Some(t(lang, Msg::StorageFailed).to_string()),
        StorageStatus::Damaged(error) => Some(fill(
            t(lang, Msg::StorageDamaged),
            &[("error", error), ("key", super::browser::DAMAGED_KEY)],
        )),
        StorageStatus::Full(error) => Some(fill(
            t(lang, Msg::StorageFull),
            &[("error", error), ("n", &p.unsaved.to_string())],
        )),
    };
    let conflicts = p.conflicts.iter().map(|(title, copy)| {
        let title = if title.is_empty() { t(lang, Msg::Untitled) } else { title.as_str() };
        html! { <li key={copy.clone()}>{ fill(t(lang, Msg::StorageConflict), &[("title", title), ("copy", copy)]) }</li> }
    });
    html! { <>
        if let Some(text) = text {
            <p class="ea-notice" role="alert" data-testid="storage-notice">{ text }</p>
        }
        if !p.conflicts.is_empty() {
            <ul class="ea-notice" role="alert" data-testid="storage-conflicts">{ for conflicts }</ul>
        }
    </> }
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
            <button type="button" class="ea-primary ea-new" onclick={p.on_new.reform(|_: MouseEvent| ())} data-testid="new-assessment">{ t(p.lang, Msg::NewAssessment) }</button>
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

//! The page frame: header with product name and language switch, section
//! navigation, main area, privacy footer.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::i18n::{t, Lang, Msg};
use crate::core::PRODUCT_NAME;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub lang: Lang,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let lang = use_state(|| props.lang);
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::from_code(&select.value()) {
                lang.set(l);
            }
        })
    };
    let l = *lang;
    html! {
        <div class="ea-app" lang={l.code()} data-testid="app">
            <header class="ea-header">
                <div class="ea-brand">
                    <h1 class="ea-title">{ PRODUCT_NAME }</h1>
                    <p class="ea-tagline">{ t(l, Msg::Tagline) }</p>
                </div>
                <label class="ea-lang">
                    <span>{ t(l, Msg::LanguageLabel) }</span>
                    <select onchange={on_lang} data-testid="lang-switch">
                        { for Lang::ALL.iter().map(|&opt| html! {
                            <option value={opt.code()} selected={opt == l}>{ t(opt, Msg::LanguageName) }</option>
                        }) }
                    </select>
                </label>
            </header>
            <div class="ea-body">
                <nav class="ea-nav" aria-label={t(l, Msg::SectionsHeading)}>
                    <h2>{ t(l, Msg::SectionsHeading) }</h2>
                    <p class="ea-muted">{ t(l, Msg::SectionsPlaceholder) }</p>
                </nav>
                <main class="ea-main" data-testid="main"></main>
            </div>
            <footer class="ea-footer" data-testid="privacy-footer">
                <p><strong>{ t(l, Msg::FooterPrivacy) }</strong></p>
                <p class="ea-muted">{ t(l, Msg::FooterDisclaimer) }</p>
            </footer>
        </div>
    }
}

//! The root component: the page frame, the reducer, autosave.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::archive::ArchiveView;
use super::browser;
use super::i18n::{t, Lang, Msg};
use super::questions::{SectionNav, SectionView};
use super::report::{NotificationView, ReportView};
use super::result::ResultPanel;
use super::state::{Action, ImportState, Screen, State, StorageStatus};
use crate::core::evaluate::evaluate;
use crate::core::session::Archive;
use crate::core::{Destinations, RuleSet, PRODUCT_NAME};

/// The rule set and destination data, shared read-only by all components.
#[derive(Clone)]
pub struct Shared {
    pub rules: Rc<RuleSet>,
    pub dest: Rc<Destinations>,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rules, &other.rules) && Rc::ptr_eq(&self.dest, &other.dest)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub shared: Shared,
    /// The browser's language, used when nothing was saved.
    pub lang: Lang,
    /// Told the outcome name whenever it changes (for embedding hosts).
    #[prop_or_default]
    pub on_outcome: Option<Callback<Option<String>>>,
}

fn initial(props: &AppProps) -> State {
    let available = browser::storage_available();
    let saved = if available { browser::load() } else { None };
    let (lang, current, archive) = match saved {
        Some(s) => (s.lang, s.current, s.archive),
        None => (props.lang, None, Archive::default()),
    };
    let current = current.filter(|id| archive.get(id).is_some());
    State {
        lang,
        screen: Screen::Assess,
        archive,
        current,
        storage: if available { StorageStatus::Ok } else { StorageStatus::Unavailable },
        import: ImportState::Idle,
        pending_delete: None,
        focus: None,
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer_eq(|| initial(props));
    let shared = props.shared.clone();
    let lang = state.lang;

    // Autosave on every change of the work; a refusal is shown, not fatal.
    {
        let state = state.clone();
        let deps = (state.archive.clone(), state.current.clone(), state.lang);
        use_effect_with(deps, move |(archive, current, lang)| {
            if state.storage != StorageStatus::Unavailable {
                let saved = browser::Saved { lang: *lang, current: current.clone(), archive: archive.clone() };
                let status = if browser::save(&saved) { StorageStatus::Ok } else { StorageStatus::Failed };
                if status != state.storage {
                    state.dispatch(Action::Storage(status));
                }
            }
        });
    }
    // Keyboard focus after jumping to a missing answer.
    {
        let state = state.clone();
        use_effect_with(state.focus.clone(), move |focus| {
            if let Some(q) = focus {
                browser::focus_question(q);
                state.dispatch(Action::FocusDone);
            }
        });
    }

    let draft = state.draft().cloned();
    let assessment = draft.as_ref().map(|d| Rc::new(evaluate(&shared.rules, &shared.dest, &d.answers)));
    {
        let on_outcome = props.on_outcome.clone();
        let name = assessment.as_ref().map(|a| a.outcome.name().to_string());
        use_effect_with(name, move |name| {
            if let Some(cb) = on_outcome {
                cb.emit(name.clone());
            }
        });
    }

    let on_lang = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::from_code(&select.value()) {
                state.dispatch(Action::SetLang(l));
            }
        })
    };
    let show = |screen: Screen| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Show(screen)))
    };
    let new_assessment = {
        let state = state.clone();
        let first = shared.rules.sections.first().map(|s| s.id.clone()).unwrap_or_default();
        Callback::from(move |_| state.dispatch(Action::New { id: browser::new_id(), now: browser::now(), first_section: first.clone() }))
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };

    let nav_button = |screen: Screen, msg: Msg, testid: &'static str, disabled: bool| {
        let current = state.screen == screen;
        html! {
            <button type="button" class={classes!("ea-tab", current.then_some("ea-tab-current"))}
                aria-current={current.then_some("page")} onclick={show(screen)} {disabled} data-testid={testid}>
                { t(lang, msg) }
            </button>
        }
    };

    let storage_notice = match state.storage {
        StorageStatus::Ok => html! {},
        StorageStatus::Unavailable => html! { <p class="ea-notice" role="alert" data-testid="storage-notice">{ t(lang, Msg::StorageUnavailable) }</p> },
        StorageStatus::Failed => html! { <p class="ea-notice" role="alert" data-testid="storage-notice">{ t(lang, Msg::StorageFailed) }</p> },
    };

    let main = match (state.screen, &draft, &assessment) {
        (Screen::Archive, _, _) => html! { <ArchiveView shared={shared.clone()} state={Rc::new((*state).clone())} {dispatch} on_new={new_assessment.clone()} /> },
        (Screen::Report, Some(d), Some(a)) => html! { <ReportView shared={shared.clone()} {lang} draft={d.clone()} assessment={a.clone()} {dispatch} /> },
        (Screen::Notification, Some(d), Some(a)) => html! { <NotificationView shared={shared.clone()} {lang} draft={d.clone()} assessment={a.clone()} {dispatch} /> },
        (_, Some(d), Some(a)) => html! {
            <div class="ea-workspace">
                <SectionNav shared={shared.clone()} {lang} draft={d.clone()} assessment={a.clone()} dispatch={dispatch.clone()} />
                <SectionView shared={shared.clone()} {lang} draft={d.clone()} assessment={a.clone()} dispatch={dispatch.clone()} />
                <ResultPanel shared={shared.clone()} {lang} draft={d.clone()} assessment={a.clone()} {dispatch} />
            </div>
        },
        _ => html! {
            <div class="ea-empty">
                <p>{ t(lang, Msg::NoAssessment) }</p>
                <button type="button" class="ea-primary" onclick={new_assessment.clone()} data-testid="new-assessment">{ t(lang, Msg::NewAssessment) }</button>
            </div>
        },
    };

    html! {
        <div class="ea-app" lang={lang.code()} data-testid="app">
            <header class="ea-header">
                <div class="ea-brand">
                    <p class="ea-title">{ PRODUCT_NAME }</p>
                    <p class="ea-tagline">{ t(lang, Msg::Tagline) }</p>
                </div>
                <nav class="ea-tabs" aria-label={t(lang, Msg::NavAssess)}>
                    { nav_button(Screen::Assess, Msg::NavAssess, "tab-assess", false) }
                    { nav_button(Screen::Archive, Msg::NavArchive, "tab-archive", false) }
                    { nav_button(Screen::Report, Msg::NavReport, "tab-report", draft.is_none()) }
                    <button type="button" class="ea-tab" onclick={new_assessment} data-testid="tab-new">{ t(lang, Msg::NewAssessment) }</button>
                </nav>
                <label class="ea-lang">
                    <span>{ t(lang, Msg::LanguageLabel) }</span>
                    <select onchange={on_lang} data-testid="lang-switch">
                        { for Lang::ALL.iter().map(|&opt| html! {
                            <option value={opt.code()} selected={opt == lang}>{ t(opt, Msg::LanguageName) }</option>
                        }) }
                    </select>
                </label>
            </header>
            { storage_notice }
            <main class="ea-main" data-testid="main">{ main }</main>
            <footer class="ea-footer" data-testid="privacy-footer">
                <p><strong>{ t(lang, Msg::FooterPrivacy) }</strong></p>
                <p class="ea-muted">{ t(lang, Msg::FooterDisclaimer) }</p>
            </footer>
        </div>
    }
}

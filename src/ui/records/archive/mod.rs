//! The archive: every saved assessment in a table (search, sort, open,
//! duplicate, delete with undo), export of one, a selection or all, and an
//! import that shows what it would do and lets the user choose.

mod import;
mod table;

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::evaluate::evaluate;
use crate::core::session::{Archive, Draft};
use crate::core::text::fill;
use crate::core::{Lang, Outcome};
use crate::ui::browser;
use crate::ui::context::Shared;
use crate::ui::i18n::{t, Msg};

/// One assessment as the table lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub item: String,
    pub end_user: String,
    pub destination: String,
    pub outcome: Outcome,
    pub rule_set: String,
    pub updated: String,
}

impl Row {
    pub fn of(shared: &Shared, d: &Draft, lang: Lang) -> Row {
        let effective = d.effective_answers(&shared.rules, &shared.dest);
        let code = d.destination(&shared.rules);
        Row {
            id: d.id.clone(),
            title: d.display_title(&shared.rules, &shared.dest, lang),
            item: d.item_name().to_string(),
            end_user: d.end_user_name().to_string(),
            destination: shared
                .dest
                .country(code)
                .map_or(code, |c| c.name(lang))
                .to_string(),
            outcome: evaluate(&shared.rules, &shared.dest, &effective).outcome,
            rule_set: d
                .made_under
                .as_ref()
                .map(|m| m.rule_set_version.clone())
                .unwrap_or_default(),
            updated: d.updated_at.clone(),
        }
    }
}

/// What the archive asks the app to do.
#[derive(Clone, PartialEq)]
pub struct ArchiveActions {
    pub on_open: Callback<String>,
    pub on_duplicate: Callback<String>,
    pub on_delete: Callback<String>,
    pub on_undo: Callback<()>,
    /// The assessments the import adds or replaces, in the saved-work format.
    pub on_import: Callback<String>,
}

#[derive(Properties, PartialEq)]
pub struct ArchiveProps {
    pub lang: Lang,
    pub archive: Rc<Archive>,
    /// The title of the assessment deleted last (for the undo).
    pub deleted: Option<String>,
    /// How many assessments the last import added or replaced.
    pub imported: usize,
    pub actions: ArchiveActions,
}

#[component]
pub fn ArchivePage(p: &ArchiveProps) -> Html {
    let lang = p.lang;
    let selected = use_state(BTreeSet::<String>::new);
    let shared = use_context::<Shared>();
    let rows = {
        let shared = shared.clone();
        use_memo((p.archive.clone(), lang), move |(archive, lang)| {
            let Some(shared) = shared else {
                return Vec::new();
            };
            archive
                .listing()
                .into_iter()
                .map(|d| Row::of(&shared, d, *lang))
                .collect::<Vec<_>>()
        })
    };
    let export = |only_selected: bool| {
        let (archive, selected) = (p.archive.clone(), selected.clone());
        Callback::from(move |_: MouseEvent| {
            let ids: Vec<String> = selected.iter().cloned().collect();
            let file = archive.export(only_selected.then_some(ids.as_slice()));
            let date: String = browser::now().chars().take(10).collect();
            browser::download(
                &format!("export-assessor-archive-{date}.json"),
                "application/json",
                &file,
            );
        })
    };
    html! {
        <section class="ea-archive" data-testid="archive-page" aria-labelledby="archive-title">
            <h2 id="archive-title" class="ea-h2">{ format!("{} ({})", t(lang, Msg::ArchiveTitle), rows.len()) }</h2>
            if let Some(title) = &p.deleted {
                <p class="ea-notice" role="status" data-testid="undo-notice">
                    { fill(t(lang, Msg::DeletedOne), &[("title", title)]) }{ " " }
                    <button type="button" onclick={p.actions.on_undo.reform(|_: MouseEvent| ())} data-testid="undo-delete">{ t(lang, Msg::Undo) }</button>
                </p>
            }
            if p.imported > 0 {
                <p class="ea-notice" role="status" data-testid="import-done">{ fill(t(lang, Msg::ImportDone), &[("n", &p.imported.to_string())]) }</p>
            }
            <p class="ea-actions">
                <button type="button" onclick={export(false)} disabled={rows.is_empty()} data-testid="export-all">{ t(lang, Msg::ExportAll) }</button>
                <button type="button" onclick={export(true)} disabled={selected.is_empty()} data-testid="export-selected">{ fill(t(lang, Msg::ExportSelected), &[("n", &selected.len().to_string())]) }</button>
            </p>
            <table::ArchiveTable {lang} {rows} selected={selected.clone()} actions={p.actions.clone()} />
            if !shared.as_ref().is_some_and(|s| s.read_only) {
                <import::Import {lang} archive={p.archive.clone()} on_import={p.actions.on_import.clone()} />
            }
        </section>
    }
}

//! The lists section: load list files (chosen or dropped, in a format or
//! recognised), what the last load did, and the table of loaded lists with
//! their dates and checksums.

use web_sys::{File, HtmlSelectElement};
use yew::prelude::*;

use super::shared::{unique_keys, use_shared};
use super::state::AddResult;
use super::{t, Msg};
use crate::core::text::{fill, Lang};
use crate::ui::drop_zone::DropZone;
use crate::web::ListDto;

#[derive(Properties, PartialEq)]
pub struct ListsProps {
    pub lists: Vec<ListDto>,
    /// The chosen list format ("" recognises it from the content).
    pub format: String,
    pub adding: bool,
    pub add_result: Option<AddResult>,
    /// A failed removal or threshold change.
    pub error: Option<String>,
    /// The engine takes requests (it runs and no batch is running).
    pub ready: bool,
    pub on_files: Callback<Vec<File>>,
    pub on_format: Callback<String>,
    /// A list's key.
    pub on_remove: Callback<String>,
}

const FORMATS: [(&str, Msg); 5] = [
    ("", Msg::FormatAuto),
    ("eu-fsf", Msg::FormatEu),
    ("un", Msg::FormatUn),
    ("ofac", Msg::FormatOfac),
    ("csv", Msg::FormatCsv),
];

#[component]
pub fn ListsSection(p: &ListsProps) -> Html {
    let lang = use_shared().lang;
    let onchange = p
        .on_format
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <section class="ea-block" aria-labelledby="lists-heading" data-testid="lists-section">
            <h3 id="lists-heading" class="ea-h3">{ t(lang, Msg::ListsHeading) }</h3>
            <p class="ea-small ea-muted">{ t(lang, Msg::ListsHelp) }</p>
            <div class="ea-row">
                <DropZone
                    label={t(lang, Msg::ChooseListFiles)}
                    hint={t(lang, Msg::DropListFiles)}
                    testid="list-drop"
                    input_testid="list-files"
                    accept=".xml,.csv,.txt"
                    multiple=true
                    enabled={p.ready}
                    on_files={p.on_files.clone()}
                />
                <label class="ea-inline">{ t(lang, Msg::Format) }
                    <select {onchange} data-testid="list-format">
                        { for FORMATS.iter().map(|&(value, label)| html! {
                            <option key={value} {value} selected={p.format == value}>{ t(lang, label) }</option>
                        }) }
                    </select>
                </label>
            </div>
            if p.adding {
                <p role="status" data-testid="lists-adding">{ t(lang, Msg::Adding) }</p>
            }
            if let Some(result) = &p.add_result {
                <AddResultView result={result.clone()} />
            }
            if let Some(err) = &p.error {
                <p class="ea-notice" role="alert">{ err }</p>
            }
            if p.lists.is_empty() {
                <p class="ea-muted" data-testid="no-lists">{ t(lang, Msg::NoLists) }</p>
            } else {
                <ListsTable lists={p.lists.clone()} ready={p.ready} on_remove={p.on_remove.clone()} />
            }
        </section>
    }
}

fn generated(lang: Lang, l: &ListDto) -> String {
    l.generated
        .clone()
        .unwrap_or_else(|| t(lang, Msg::NoDate).into())
}

#[derive(Properties, PartialEq)]
struct AddResultProps {
    result: AddResult,
}

/// The lists the last load added (and what each replaced), and the files
/// it refused.
#[component]
fn AddResultView(p: &AddResultProps) -> Html {
    let lang = use_shared().lang;
    let line = |a: &crate::web::AddedDto| {
        let l = &a.list;
        let added = fill(
            t(lang, Msg::Added),
            &[
                ("label", &l.label),
                ("format", &l.format),
                ("entries", &l.entries.to_string()),
                ("generated", &generated(lang, l)),
            ],
        );
        match a.replaced.as_ref().map(|old| &old.generated) {
            None => added,
            Some(Some(g)) => format!(
                "{added} {}",
                fill(t(lang, Msg::Replaced), &[("generated", g)])
            ),
            Some(None) => format!("{added} {}", t(lang, Msg::ReplacedUndated)),
        }
    };
    let error_keys = unique_keys(p.result.errors.iter().map(|(file, _)| file.clone()));
    html! {
        <>
            <div role="status" data-testid="lists-added">
                { for p.result.added.iter().map(|a| html! {
                    <p key={a.list.key.clone()} class="ea-ok">{ line(a) }</p>
                }) }
            </div>
            <div>
                { for p.result.errors.iter().zip(error_keys).map(|((file, msg), key)| html! {
                    <p {key} class="ea-notice" role="alert" data-testid="list-error">
                        { format!("{}: {file}: {msg}", t(lang, Msg::FileError)) }
                    </p>
                }) }
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ListsTableProps {
    lists: Vec<ListDto>,
    ready: bool,
    on_remove: Callback<String>,
}

/// The loaded lists; on a narrow screen each row is a block of labelled
/// cells (`data-label`, see `style.css`).
#[component]
fn ListsTable(p: &ListsTableProps) -> Html {
    let lang = use_shared().lang;
    html! {
        <table class="ea-table ea-stack ea-lists-table" data-testid="lists-table">
            <thead><tr>
                <th scope="col">{ t(lang, Msg::ColList) }</th>
                <th scope="col">{ t(lang, Msg::ColFormat) }</th>
                <th scope="col">{ t(lang, Msg::ColGenerated) }</th>
                <th scope="col">{ t(lang, Msg::ColEntries) }</th>
                <th scope="col">{ t(lang, Msg::ColNames) }</th>
                <th scope="col">{ t(lang, Msg::ColChecksum) }</th>
                <th scope="col"><span class="ea-visually-hidden">{ t(lang, Msg::Remove) }</span></th>
            </tr></thead>
            <tbody>
                { for p.lists.iter().map(|l| html! {
                    <ListRow key={l.key.clone()} list={l.clone()} ready={p.ready} on_remove={p.on_remove.clone()} />
                }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct ListRowProps {
    list: ListDto,
    ready: bool,
    on_remove: Callback<String>,
}

/// One loaded list; removing it asks first.
#[component]
fn ListRow(p: &ListRowProps) -> Html {
    let lang = use_shared().lang;
    let l = &p.list;
    let onclick = {
        let (on_remove, key) = (p.on_remove.clone(), l.key.clone());
        let question = format!("{} {}", t(lang, Msg::RemoveConfirm), l.label);
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(&question).ok())
                .unwrap_or(false);
            if confirmed {
                on_remove.emit(key.clone());
            }
        })
    };
    // Where the file states its own count, beside what was loaded.
    let declared = l.declared.map(|k| match lang {
        Lang::En => format!(" (file declares {k})"),
        Lang::De => format!(" (laut Datei {k})"),
    });
    let warning = match lang {
        Lang::En => "Warning:",
        Lang::De => "Warnung:",
    };
    html! {
        <>
        <tr data-testid="list-row" data-key={l.key.clone()}>
            <td data-label={t(lang, Msg::ColList)}>{ &l.label }</td>
            <td data-label={t(lang, Msg::ColFormat)}>{ &l.format }</td>
            <td data-label={t(lang, Msg::ColGenerated)}>{ generated(lang, l) }</td>
            <td class="ea-num" data-label={t(lang, Msg::ColEntries)}>{ l.entries }{ declared.unwrap_or_default() }</td>
            <td class="ea-num" data-label={t(lang, Msg::ColNames)}>{ l.aliases }</td>
            <td data-label={t(lang, Msg::ColChecksum)}><code class="ea-hash">{ &l.sha256 }</code></td>
            <td>
                <button type="button" disabled={!p.ready} {onclick} aria-label={format!("{} {}", t(lang, Msg::Remove), l.label)}>
                    { t(lang, Msg::Remove) }
                </button>
            </td>
        </tr>
        // A list loaded with gaps says so in words, not only in colour.
        { for l.warnings.iter().map(|w| html! {
            <tr class="ea-list-warning" data-testid="list-warning">
                <td colspan="7"><strong>{ warning }</strong>{ " " }{ w.describe(lang) }</td>
            </tr>
        }) }
        </>
    }
}

//! The archive's table: search, sort by any column, select, and per row
//! open, duplicate and delete (asked once more before it happens).

use std::collections::BTreeSet;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{ArchiveActions, Row};
use crate::core::Lang;
use crate::ui::i18n::{outcome, t, Msg};
use crate::ui::words::{minute, outcome_icon};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Title,
    Item,
    EndUser,
    Destination,
    Outcome,
    RuleSet,
    Updated,
}

const COLUMNS: [(Col, Msg); 7] = [
    (Col::Title, Msg::ColTitle),
    (Col::Item, Msg::ColItem),
    (Col::EndUser, Msg::ColEndUser),
    (Col::Destination, Msg::ColDestination),
    (Col::Outcome, Msg::ColOutcome),
    (Col::RuleSet, Msg::ColRuleSet),
    (Col::Updated, Msg::ColUpdated),
];

fn key(r: &Row, c: Col, lang: Lang) -> String {
    match c {
        Col::Title => r.title.to_lowercase(),
        Col::Item => r.item.to_lowercase(),
        Col::EndUser => r.end_user.to_lowercase(),
        Col::Destination => r.destination.to_lowercase(),
        Col::Outcome => outcome(lang, r.outcome).0.to_lowercase(),
        Col::RuleSet => r.rule_set.clone(),
        Col::Updated => r.updated.clone(),
    }
}

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    pub rows: Rc<Vec<Row>>,
    pub selected: UseStateHandle<BTreeSet<String>>,
    pub actions: ArchiveActions,
}

#[component]
pub fn ArchiveTable(p: &TableProps) -> Html {
    let lang = p.lang;
    let query = use_state(String::new);
    // Newest change first until the user sorts.
    let sort = use_state(|| (Col::Updated, false));
    let confirm = use_state(|| None::<String>);
    let shown = {
        let q = query.to_lowercase();
        let (col, asc) = *sort;
        let mut v: Vec<&Row> = p
            .rows
            .iter()
            .filter(|r| {
                q.trim().is_empty()
                    || [&r.title, &r.item, &r.end_user, &r.destination, &r.id]
                        .iter()
                        .any(|s| s.to_lowercase().contains(q.trim()))
            })
            .collect();
        v.sort_by(|a, b| {
            let o = key(a, col, lang)
                .cmp(&key(b, col, lang))
                .then(a.id.cmp(&b.id));
            if asc {
                o
            } else {
                o.reverse()
            }
        });
        v
    };
    let on_search = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let heads = COLUMNS.iter().map(|&(c, label)| {
        let sort = sort.clone();
        let (col, asc) = *sort;
        let aria = if col == c { if asc { "ascending" } else { "descending" } } else { "none" };
        let onclick = Callback::from(move |_: MouseEvent| sort.set((c, if col == c { !asc } else { true })));
        html! { <th key={label as usize} scope="col" aria-sort={aria}><button type="button" class="ea-sort" {onclick}>{ t(lang, label) }</button></th> }
    });
    let rows = shown.iter().map(|r| html! {
        <ArchiveRow key={r.id.clone()} {lang} row={(*r).clone()} selected={p.selected.clone()} confirm={confirm.clone()} actions={p.actions.clone()} />
    });
    html! { <>
        <label class="ea-field ea-search"><span>{ t(lang, Msg::SearchArchive) }</span>
            <input type="search" value={(*query).clone()} oninput={on_search} data-testid="archive-search" />
        </label>
        if p.rows.is_empty() {
            <p class="ea-muted" data-testid="archive-empty">{ t(lang, Msg::ArchiveEmpty) }</p>
        } else {
            <table class="ea-table ea-stack ea-archive-table" data-testid="archive-table">
                <thead><tr><th scope="col"><span class="ea-sr">{ t(lang, Msg::Select) }</span></th>{ for heads }<th scope="col">{ t(lang, Msg::Actions) }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    </> }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    lang: Lang,
    row: Row,
    selected: UseStateHandle<BTreeSet<String>>,
    confirm: UseStateHandle<Option<String>>,
    actions: ArchiveActions,
}

#[component]
fn ArchiveRow(p: &RowProps) -> Html {
    let (lang, r) = (p.lang, &p.row);
    // The host's read-only mode: open and export, never change.
    let read_only = use_context::<crate::ui::context::Shared>().is_some_and(|s| s.read_only);
    let id = r.id.clone();
    let emit = |cb: &Callback<String>| {
        let (cb, id) = (cb.clone(), id.clone());
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let on_select = {
        let (selected, id) = (p.selected.clone(), id.clone());
        Callback::from(move |e: Event| {
            let mut s = (*selected).clone();
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                s.insert(id.clone());
            } else {
                s.remove(&id);
            }
            selected.set(s);
        })
    };
    let asking = p.confirm.as_deref() == Some(r.id.as_str());
    let ask = {
        let (c, id) = (p.confirm.clone(), id.clone());
        Callback::from(move |_: MouseEvent| c.set(Some(id.clone())))
    };
    let cancel = {
        let c = p.confirm.clone();
        Callback::from(move |_: MouseEvent| c.set(None))
    };
    let delete = {
        let (c, cb, id) = (p.confirm.clone(), p.actions.on_delete.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            c.set(None);
            cb.emit(id.clone())
        })
    };
    let title = if r.title.is_empty() {
        t(lang, Msg::Untitled).to_string()
    } else {
        r.title.clone()
    };
    let (name, _) = outcome(lang, r.outcome);
    html! {
        <tr data-testid="archive-row" data-id={r.id.clone()}>
            <td><input type="checkbox" checked={p.selected.contains(&r.id)} onchange={on_select} aria-label={format!("{} {title}", t(lang, Msg::Select))} data-testid="archive-select" /></td>
            <td data-label={t(lang, Msg::ColTitle)}><button type="button" class="ea-link" onclick={emit(&p.actions.on_open)} data-testid="archive-open">{ title.clone() }</button></td>
            <td data-label={t(lang, Msg::ColItem)}>{ &r.item }</td>
            <td data-label={t(lang, Msg::ColEndUser)}>{ &r.end_user }</td>
            <td data-label={t(lang, Msg::ColDestination)}>{ &r.destination }</td>
            <td data-label={t(lang, Msg::ColOutcome)} data-outcome={r.outcome.name()}><span aria-hidden="true">{ outcome_icon(r.outcome) }{ " " }</span>{ name }</td>
            <td data-label={t(lang, Msg::ColRuleSet)}>{ &r.rule_set }</td>
            <td data-label={t(lang, Msg::ColUpdated)}>{ minute(&r.updated) }</td>
            <td class="ea-row-actions">
                if asking {
                    <span role="alert">{ t(lang, Msg::ConfirmDelete) }{ " " }</span>
                    <button type="button" class="ea-danger" onclick={delete} data-testid="archive-delete-confirm">{ t(lang, Msg::Delete) }</button>
                    <button type="button" onclick={cancel}>{ t(lang, Msg::Cancel) }</button>
                } else if !read_only {
                    <button type="button" onclick={emit(&p.actions.on_duplicate)} data-testid="archive-duplicate">{ t(lang, Msg::Duplicate) }</button>
                    <button type="button" onclick={ask} data-testid="archive-delete">{ t(lang, Msg::Delete) }</button>
                }
            </td>
        </tr>
    }
}

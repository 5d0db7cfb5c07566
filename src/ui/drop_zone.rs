//! A file input inside a zone that also takes dropped files.

use web_sys::{File, FileList, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub label: AttrValue,
    pub hint: AttrValue,
    /// The zone's test id; `input_testid` is the file input's.
    pub testid: &'static str,
    pub input_testid: &'static str,
    pub accept: &'static str,
    #[prop_or_default]
    pub multiple: bool,
    pub enabled: bool,
    pub on_files: Callback<Vec<File>>,
}

/// The files of a `FileList`, kept: an input's list empties when it is reset.
fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Files chosen or dropped go to `on_files` while `enabled` (a drop is
/// always taken, so that the browser never opens the file instead).
#[component]
pub fn DropZone(p: &DropZoneProps) -> Html {
    let onchange = {
        let on_files = p.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = input.files().map(|l| files_of(&l)).unwrap_or_default();
            // Reset, so that choosing the same file again counts.
            input.set_value("");
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let (on_files, enabled) = (p.on_files.clone(), p.enabled);
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let files = e
                .data_transfer()
                .and_then(|dt| dt.files())
                .map(|l| files_of(&l))
                .unwrap_or_default();
            if enabled && !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    html! {
        <div class="ea-drop" data-testid={p.testid} {ondragover} {ondrop}>
            <label class="ea-drop-label">
                { &p.label }
                <input type="file" multiple={p.multiple} accept={p.accept} disabled={!p.enabled} data-testid={p.input_testid} {onchange} />
            </label>
            <span class="ea-muted">{ " " }{ &p.hint }</span>
        </div>
    }
}

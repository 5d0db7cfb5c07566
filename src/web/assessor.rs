//! The questionnaire's boundary. JS calls `mount(element, options, data)`;
//! nothing mounts itself.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::core::screening::record::{Request, Response};
use crate::ui::{
    App, AppProps, Bridge, Inbox, Lang, RecordCommand, ScreeningHost, SnapshotWire, StoreHost,
    StoreOp, StoreReply, StoredRecord,
};

/// A mounted app. Call `destroy()` before removing its element.
#[wasm_bindgen]
pub struct AssessorHandle {
    inner: Option<yew::AppHandle<App>>,
    /// The outcome name of the assessment on screen, if any.
    outcome: Rc<RefCell<Option<String>>>,
    inbox: Inbox,
    bridge: Bridge,
}

#[wasm_bindgen]
impl AssessorHandle {
    pub fn destroy(&mut self) {
        if let Some(handle) = self.inner.take() {
            handle.destroy();
        }
    }

    /// The outcome of the assessment on screen ("escalate", …), or null.
    pub fn outcome(&self) -> JsValue {
        self.outcome
            .borrow()
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str)
    }

    /// Delivers what the screening engine answered to the app's last
    /// request (the response object the worker's `screen` returned).
    #[wasm_bindgen(js_name = deliverScreening)]
    pub fn deliver_screening(&self, response: JsValue) {
        let result = serde_wasm_bindgen::from_value::<Response>(response)
            .map_err(|e| format!("unexpected answer from the screening engine: {e}"));
        self.deliver(result);
    }

    /// Registers the records app's `watcher(snapshot)`: called now with the
    /// work as it is, and again whenever it changes (a plain object:
    /// `{ work, deleted, imported }`, `work` in the saved-work format).
    pub fn watch(&self, watcher: js_sys::Function) {
        let plain = serde_wasm_bindgen::Serializer::json_compatible();
        let cb = yew::Callback::from(move |s: SnapshotWire| {
            if let Ok(v) = serde::Serialize::serialize(&s, &plain) {
                let _ = watcher.call1(&JsValue::NULL, &v);
            }
        });
        let latest = self.bridge.latest.borrow().clone();
        if let Some(s) = latest {
            cb.emit(s);
        }
        *self.bridge.watcher.borrow_mut() = Some(cb);
    }

    /// A command of the records app (`{ kind: "open", id }`, …); an
    /// unknown one is a JS error naming the problem.
    pub fn command(&self, command: JsValue) -> Result<(), JsError> {
        let c: RecordCommand = serde_wasm_bindgen::from_value(command)
            .map_err(|e| JsError::new(&format!("export-assessor command: {e}")))?;
        let handler = self.bridge.commands.borrow().clone();
        if let Some(h) = handler {
            h.emit(c);
        }
        Ok(())
    }

    /// Tells the app that screening failed, and why.
    #[wasm_bindgen(js_name = screeningFailed)]
    pub fn screening_failed(&self, message: String) {
        self.deliver(Err(message));
    }
}

impl AssessorHandle {
    fn deliver(&self, result: Result<Response, String>) {
        let handler = self.inbox.0.borrow().clone();
        if let Some(h) = handler {
            h.emit(result);
        }
    }
}

/// The host's `onScreen` in `options` as a callback taking the open
/// draft's screening request (a plain object; null: nothing to screen).
fn screen_callback(
    options: &JsValue,
    name: &str,
) -> Result<Option<yew::Callback<Option<Request>>>, JsError> {
    let v = js_sys::Reflect::get(options, &name.into()).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let f: js_sys::Function = v.dyn_into().map_err(|_| {
        JsError::new(&format!(
            "export-assessor mount options: {name} must be a function"
        ))
    })?;
    let plain = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(Some(yew::Callback::from(
        move |request: Option<Request>| {
            let arg = request
                .and_then(|r| serde::Serialize::serialize(&r, &plain).ok())
                .unwrap_or(JsValue::NULL);
            let _ = f.call1(&JsValue::NULL, &arg);
        },
    )))
}

/// A text field of a plain JS object (None when absent or not text).
fn text_of(obj: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(obj, &name.into()).ok()?.as_string()
}

/// A whole-number field of a plain JS object (None when absent or not one).
fn count_of(obj: &JsValue, name: &str) -> Option<u64> {
    let n = js_sys::Reflect::get(obj, &name.into()).ok()?.as_f64()?;
    (n.fract() == 0.0 && (0.0..9.0e15).contains(&n)).then_some(n as u64)
}

/// One of `store.records` (www/store.js): `{ id, rev, draft }`. Read by
/// plain reflection, like `lang`: three fields do not need a deserializer
/// in the wasm that is on the way to the first question.
fn record_of(v: &JsValue, i: u32) -> Result<StoredRecord, JsError> {
    match (text_of(v, "id"), count_of(v, "rev"), text_of(v, "draft")) {
        (Some(id), Some(rev), Some(draft)) => Ok(StoredRecord { id, rev, draft }),
        _ => Err(JsError::new(&format!(
            "export-assessor mount options: store.records[{i}] must be {{ id: text, rev: whole number, draft: text }}"
        ))),
    }
}

/// The store's answer to a put, remove or setPrefs (www/store.js).
fn reply_of(v: &JsValue) -> StoreReply {
    let message = || text_of(v, "message").unwrap_or_default();
    match text_of(v, "status").as_deref() {
        Some("saved") => StoreReply::Saved {
            rev: count_of(v, "rev").unwrap_or(0),
        },
        Some("removed") => StoreReply::Removed,
        Some("conflict") => StoreReply::Conflict {
            rev: count_of(v, "rev").unwrap_or(0),
            draft: text_of(v, "draft"),
        },
        Some("quota") => StoreReply::Quota(message()),
        Some("failed") => StoreReply::Failed(message()),
        _ => StoreReply::Failed("unexpected answer from the store".into()),
    }
}

/// The host's `store` option (see www/store.js) as the app's `StoreHost`.
fn store_host(options: &JsValue) -> Result<Option<StoreHost>, JsError> {
    let bad = |what: &str| JsError::new(&format!("export-assessor mount options: store.{what}"));
    let store = js_sys::Reflect::get(options, &"store".into()).unwrap_or(JsValue::UNDEFINED);
    if store.is_undefined() || store.is_null() {
        return Ok(None);
    }
    let get = |name: &str| js_sys::Reflect::get(&store, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let list: js_sys::Array = get("records")
        .dyn_into()
        .map_err(|_| bad("records must be an array"))?;
    let records = (0..list.length())
        .map(|i| record_of(&list.get(i), i))
        .collect::<Result<Vec<_>, _>>()?;
    let prefs = get("prefs").as_string();
    let method = |name: &str| -> Result<js_sys::Function, JsError> {
        get(name)
            .dyn_into()
            .map_err(|_| bad(&format!("{name} must be a function")))
    };
    let (put, remove, set_prefs) = (method("put")?, method("remove")?, method("setPrefs")?);
    let send = yew::Callback::from(move |(op, reply): (StoreOp, yew::Callback<StoreReply>)| {
        let called = match op {
            StoreOp::Put { id, rev, draft } => put.call3(
                &store,
                &id.into(),
                &JsValue::from_f64(rev as f64),
                &draft.into(),
            ),
            StoreOp::Remove { id, rev } => {
                remove.call2(&store, &id.into(), &JsValue::from_f64(rev as f64))
            }
            StoreOp::Prefs(json) => set_prefs.call1(&store, &json.into()),
        };
        wasm_bindgen_futures::spawn_local(async move {
            let answer = match called.map(js_sys::Promise::from) {
                Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await,
                Err(e) => Err(e),
            };
            reply.emit(match answer {
                Ok(v) => reply_of(&v),
                Err(e) => {
                    StoreReply::Failed(e.as_string().unwrap_or_else(|| "the store failed".into()))
                }
            });
        });
    });
    let records = records
        .into_iter()
        .map(|r| StoredRecord {
            id: r.id,
            rev: r.rev,
            draft: r.draft,
        })
        .collect();
    Ok(Some(StoreHost {
        records: Rc::new(records),
        prefs,
        send,
    }))
}

/// Mounts the assessor inside `element`. `options` may hold `lang` ("en" or
/// "de"; absent: the browser's language; the app root's `lang` attribute
/// follows the user's choice), `memberState` (an EU Member State code:
/// answered in every new assessment), `readOnly` (answers are shown, never
/// changed; nothing new is started), `store` (the object `openStore()` of
/// www/store.js resolves to: the assessments in IndexedDB; absent: they are
/// kept in localStorage) and `onScreen(request)` (the host's
/// screening engine: it answers through `handle.deliverScreening` or
/// `handle.screeningFailed`). `data` is the
/// bytes of `pkg/assessor-data.bin`. Bad input is a JS error naming the
/// problem, never a panic.
#[wasm_bindgen]
pub fn mount(
    element: web_sys::Element,
    options: JsValue,
    data: &[u8],
) -> Result<AssessorHandle, JsError> {
    let none = options.is_undefined() || options.is_null();
    let on_screen = if none {
        None
    } else {
        screen_callback(&options, "onScreen")?
    };
    let store = if none { None } else { store_host(&options)? };
    let lang = if none {
        None
    } else if !options.is_object() {
        return Err(JsError::new(
            "export-assessor mount options: expected an object such as { lang: \"de\" }",
        ));
    } else {
        // Plain reflection keeps this tiny; the options have one field.
        match js_sys::Reflect::get(&options, &"lang".into())
            .ok()
            .filter(|v| !v.is_undefined())
        {
            None => None,
            Some(v) => {
                let code = v.as_string().unwrap_or_default();
                Some(Lang::from_code(&code).ok_or_else(|| {
                    JsError::new(&format!("export-assessor mount options: lang \"{code}\" is not supported; use \"en\" or \"de\""))
                })?)
            }
        }
    };
    let mut shared = super::shared_from(data)?;
    if !none {
        shared.read_only =
            js_sys::Reflect::get(&options, &"readOnly".into()).is_ok_and(|v| v.is_truthy());
        shared.member_state = member_state(&options, &shared)?;
    }
    let outcome = Rc::new(RefCell::new(None));
    let on_outcome = {
        let outcome = outcome.clone();
        yew::Callback::from(move |o: Option<String>| *outcome.borrow_mut() = o)
    };
    let inbox = Inbox::default();
    let bridge = Bridge::default();
    let props = AppProps {
        shared,
        lang: lang.unwrap_or_else(browser_lang),
        on_outcome: Some(on_outcome),
        screening: on_screen.map(|request| ScreeningHost {
            request,
            inbox: inbox.clone(),
        }),
        store,
        bridge: Some(bridge.clone()),
    };
    let handle = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(AssessorHandle {
        inner: Some(handle),
        outcome,
        inbox,
        bridge,
    })
}

/// The host's `memberState` ("DE", …), checked against the destination
/// data's EU Member States so an unknown code fails at mount, not later.
fn member_state(
    options: &JsValue,
    shared: &crate::ui::Shared,
) -> Result<Option<std::rc::Rc<str>>, JsError> {
    let Some(code) = text_of(options, "memberState") else {
        return Ok(None);
    };
    if !shared.dest.country(&code).is_some_and(|c| c.eu_member) {
        return Err(JsError::new(&format!("export-assessor mount options: memberState \"{code}\" is not an EU Member State code such as \"DE\"")));
    }
    Ok(Some(code.into()))
}

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or(Lang::En)
}

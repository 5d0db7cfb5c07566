//! The questionnaire's boundary. JS calls `mount(element, options, data)`;
//! nothing mounts itself.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::core::bundle;
use crate::core::screening::record::{Request, Response};
use crate::ui::{App, AppProps, Inbox, Lang, ScreeningHost, Shared};

/// A mounted app. Call `destroy()` before removing its element.
#[wasm_bindgen]
pub struct AssessorHandle {
    inner: Option<yew::AppHandle<App>>,
    /// The outcome name of the assessment on screen, if any.
    outcome: Rc<RefCell<Option<String>>>,
    inbox: Inbox,
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

/// Mounts the assessor inside `element`. `options` may hold `lang` ("en" or
/// "de"; absent: the browser's language; the app root's `lang` attribute
/// follows the user's choice) and `onScreen(request)` (the host's
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
    let fail = |e: crate::core::LoadError| JsError::new(&format!("export-assessor: {e}"));
    let bundle::Contents {
        rules,
        destinations: dest,
        app_messages,
        ..
    } = bundle::decode(data).map_err(fail)?;
    crate::ui::install_messages(app_messages).map_err(fail)?;
    let outcome = Rc::new(RefCell::new(None));
    let on_outcome = {
        let outcome = outcome.clone();
        yew::Callback::from(move |o: Option<String>| *outcome.borrow_mut() = o)
    };
    let inbox = Inbox::default();
    let props = AppProps {
        shared: Shared::new(rules, dest),
        lang: lang.unwrap_or_else(browser_lang),
        on_outcome: Some(on_outcome),
        screening: on_screen.map(|request| ScreeningHost {
            request,
            inbox: inbox.clone(),
        }),
    };
    let handle = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(AssessorHandle {
        inner: Some(handle),
        outcome,
        inbox,
    })
}

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or(Lang::En)
}

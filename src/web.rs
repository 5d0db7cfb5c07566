//! The one `#[wasm_bindgen]` boundary. JS calls
//! `mount(element, options, data)`; nothing mounts itself. DTOs for JS live
//! here, not in the core.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::core::bundle;
use crate::ui::{App, AppProps, Lang, Shared};

/// A mounted app. Call `destroy()` before removing its element.
#[wasm_bindgen]
pub struct AssessorHandle {
    inner: Option<yew::AppHandle<App>>,
    /// The outcome name of the assessment on screen, if any.
    outcome: Rc<RefCell<Option<String>>>,
}

#[wasm_bindgen]
impl AssessorHandle {
    pub fn destroy(&mut self) {
        if let Some(handle) = self.inner.take() {
            handle.destroy();
        }
    }

    /// The outcome of the assessment on screen ("escalate", …), or null.
    pub fn outcome(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&*self.outcome.borrow()).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// Mounts the assessor inside `element`. `options` may hold `lang` ("en" or
/// "de"; absent: the browser's language). `data` is the bytes of
/// `pkg/assessor-data.bin`. Bad input is a JS error naming the problem,
/// never a panic.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue, data: &[u8]) -> Result<AssessorHandle, JsError> {
    let lang = if options.is_undefined() || options.is_null() {
        None
    } else if !options.is_object() {
        return Err(JsError::new("export-assessor mount options: expected an object such as { lang: \"de\" }"));
    } else {
        // Plain reflection keeps this tiny; the options have one field.
        match js_sys::Reflect::get(&options, &"lang".into()).ok().filter(|v| !v.is_undefined()) {
            None => None,
            Some(v) => {
                let code = v.as_string().unwrap_or_default();
                Some(Lang::from_code(&code).ok_or_else(|| {
                    JsError::new(&format!("export-assessor mount options: lang \"{code}\" is not supported; use \"en\" or \"de\""))
                })?)
            }
        }
    };
    let (rules, dest, messages) = bundle::decode(data).map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    crate::ui::install_messages(&messages).map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    let outcome = Rc::new(RefCell::new(None));
    let on_outcome = {
        let outcome = outcome.clone();
        yew::Callback::from(move |o: Option<String>| *outcome.borrow_mut() = o)
    };
    let props = AppProps {
        shared: Shared { rules: Rc::new(rules), dest: Rc::new(dest) },
        lang: lang.unwrap_or_else(browser_lang),
        on_outcome: Some(on_outcome),
    };
    let handle = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(AssessorHandle { inner: Some(handle), outcome })
}

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or(Lang::En)
}

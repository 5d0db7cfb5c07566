//! Static parts of views written as escaped HTML strings: far less wasm
//! than a virtual-DOM tree for read-only content. Interactive controls in
//! them carry `data-*` attributes and are handled by one delegated
//! listener (`action_of`). Every text goes through `esc`.

use wasm_bindgen::JsCast;
use yew::{AttrValue, Html};

pub struct Markup(String);

impl Markup {
    pub fn new() -> Markup {
        Markup(String::with_capacity(4096))
    }
    /// Raw markup (tags and attributes written by this crate).
    pub fn raw(&mut self, s: &str) -> &mut Markup {
        self.0.push_str(s);
        self
    }
    /// Escaped text.
    pub fn text(&mut self, s: &str) -> &mut Markup {
        for c in s.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                '\'' => self.0.push_str("&#39;"),
                c => self.0.push(c),
            }
        }
        self
    }
    /// `<tag attrs>text</tag>` with `text` escaped.
    pub fn el(&mut self, tag: &str, attrs: &str, text: &str) -> &mut Markup {
        self.raw("<").raw(tag);
        if !attrs.is_empty() {
            self.raw(" ").raw(attrs);
        }
        self.raw(">").text(text).raw("</").raw(tag).raw(">")
    }
    pub fn into_html(self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.0))
    }
}

/// Escapes text for use inside an attribute value.
pub fn attr(s: &str) -> String {
    let mut m = Markup::new();
    m.text(s);
    m.0
}

/// For a click inside delegated markup: the nearest element's
/// (`data-action`, `data-id`), if any.
pub fn action_of(e: &web_sys::MouseEvent) -> Option<(String, String)> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    let el = target.closest("[data-action]").ok()??;
    Some((
        el.get_attribute("data-action")?,
        el.get_attribute("data-id").unwrap_or_default(),
    ))
}

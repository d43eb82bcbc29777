//! Focus follows the action (docs/app.md, "Keyboard"): after "Skapa plan" the new plan's first
//! heading has the focus, after "Lägg till post" the new line's name cell; the skip link at the
//! top of the page leads past the header, tabs and toolbar to the view's grid (or its heading
//! when it has none).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses `el`, making it focusable by script first when it is not (a heading).
fn focus_element(el: web_sys::Element) -> bool {
    let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else {
        return false;
    };
    let natively = matches!(
        el.tag_name().as_str(),
        "INPUT" | "BUTTON" | "SELECT" | "TEXTAREA" | "A"
    );
    if !natively && !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    el.focus().is_ok()
}

/// Focuses the first element matching `selector`; true when there was one.
pub fn focus_selector(selector: &str) -> bool {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .is_some_and(focus_element)
}

/// After the next paint, focuses the first heading of the view shown (e.g. a new plan's).
pub fn focus_view_heading() {
    request_animation_frame(|| {
        focus_selector("#innehall h2");
    });
}

/// The view's first grid at its selected cell (the grid's one Tab stop), else the view's
/// heading.
fn focus_content() {
    let _ = focus_selector("#innehall table.grid [data-row] [tabindex=\"0\"], #innehall table.grid [data-row][tabindex=\"0\"]")
        || focus_selector("#innehall .table-wrap")
        || focus_selector("#innehall h2");
}

/// The skip link: the first Tab stop of the page, shown when focused.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href="#innehall"
            on:click=move |ev: leptos::ev::MouseEvent| {
                // The fragment names the tab: leave it as it is.
                ev.prevent_default();
                focus_content();
            }
        >
            "Hoppa till tabellen"
        </a>
    }
}

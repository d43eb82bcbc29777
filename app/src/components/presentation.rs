//! Presentation mode (docs/app.md, "a workshop on a projector"): large type, high contrast and
//! read-only. [`PresentationToggle`] is the toolbar button (`aria-pressed`) and installs the
//! keyboard shortcut **Alt+P** (by key position, so it also works where Alt+P types a letter).
//!
//! While the mode is on:
//! - the root element (`<html>`) has the class `presentation`; `style/extra.css` enlarges the
//!   type, raises the contrast, hides editing controls and elements marked `pres-hide` (columns
//!   and rows that are not essential) and shows inputs as plain text;
//! - a capture-phase guard on the window refuses everything that could change the plan inside
//!   the view (`#innehall`): typing, Delete, F2, paste, cut, drop, clicks on buttons, selects,
//!   checkboxes and radios, and the undo/redo shortcuts anywhere. Navigation stays: tabs,
//!   the year and kr/tkr in the toolbar, Tab and the arrow keys in grids, Ctrl+C, and any control
//!   marked `data-presentation="keep"` (choosing the municipality or the compared scenarios).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The class put on `<html>` while presentation mode is on.
pub const PRESENTATION_CLASS: &str = "presentation";

/// Events the read-only guard looks at (capture phase, on the window).
const GUARDED: [&str; 8] = [
    "keydown",
    "beforeinput",
    "paste",
    "cut",
    "drop",
    "mousedown",
    "click",
    "dblclick",
];

/// Adds or removes `class` on `<html>`, keeping its other classes.
fn set_root_class(class: &str, on: bool) {
    let Some(root) = document().document_element() else {
        return;
    };
    let mut classes: Vec<String> = root
        .class_name()
        .split_whitespace()
        .filter(|c| *c != class)
        .map(str::to_string)
        .collect();
    if on {
        classes.push(class.to_string());
    }
    root.set_class_name(&classes.join(" "));
}

/// True for Alt+P (by key position) without Ctrl, Meta or Shift.
fn is_shortcut(ev: &web_sys::KeyboardEvent) -> bool {
    ev.alt_key() && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() && ev.code() == "KeyP"
}

/// Keys that only move around or copy: allowed in the view while read-only.
fn is_navigation(ev: &web_sys::KeyboardEvent, choice_control: bool) -> bool {
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    if ctrl {
        return matches!(key.to_lowercase().as_str(), "c" | "a");
    }
    match key.as_str() {
        "Tab" | "Escape" | "Shift" | "Control" | "Alt" | "Meta" | "AltGraph" => true,
        // Arrows change a radio or select: not allowed on those.
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp"
        | "PageDown" => !choice_control,
        "F2" => false,
        k => k.len() > 1 && k.starts_with('F') && k[1..].chars().all(|c| c.is_ascii_digit()),
    }
}

/// True when the guard must refuse `ev` (presentation mode is on).
fn must_block(ev: &web_sys::Event) -> bool {
    let kind = ev.type_();
    if let Some(k) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
        if is_shortcut(k) {
            return false;
        }
        // Undo / redo / paste / cut change the plan wherever the focus is.
        if (k.ctrl_key() || k.meta_key())
            && matches!(k.key().to_lowercase().as_str(), "z" | "y" | "v" | "x")
        {
            return true;
        }
    }
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let inside = |selector: &str| target.closest(selector).ok().flatten().is_some();
    if !inside("#innehall") || inside("[data-presentation=\"keep\"]") {
        return false;
    }
    let control = "button, select, input, textarea, label, [contenteditable]";
    match kind.as_str() {
        "keydown" => ev.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| {
            let choice = inside("select, input[type=\"radio\"], input[type=\"checkbox\"]");
            !is_navigation(k, choice)
        }),
        "beforeinput" | "paste" | "cut" | "drop" => true,
        "dblclick" => inside("table.grid") || inside(control),
        // mousedown / click
        _ => inside(control),
    }
}

/// The presentation-mode toggle for the toolbar; also installs the Alt+P shortcut and the
/// read-only guard (mount it once).
#[component]
pub fn PresentationToggle() -> impl IntoView {
    let on = RwSignal::new(false);

    // Sync with the outside world: the class on <html>.
    Effect::new(move |_| set_root_class(PRESENTATION_CLASS, on.get()));

    let toggle = move || {
        let next = !on.get_untracked();
        if next {
            // A field being typed in ends first, so its undo group closes.
            if let Some(el) = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.blur();
            }
        }
        on.set(next);
    };

    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        if is_shortcut(&ev) {
            ev.prevent_default();
            toggle();
        }
    });
    on_cleanup(move || shortcut.remove());

    // A shared read-only file (crate::shared) uses the same guard.
    let read_only = use_context::<crate::shared::ReadOnly>().map(|r| r.0);
    let guard = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let shared = read_only.is_some_and(|r| r.get_untracked());
        if (on.get_untracked() || shared) && must_block(&ev) {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    let target: web_sys::EventTarget = window().into();
    for kind in GUARDED {
        let _ = target.add_event_listener_with_callback_and_bool(
            kind,
            guard.as_ref().unchecked_ref(),
            true,
        );
    }
    let guard = StoredValue::new_local(Some(guard));
    on_cleanup(move || {
        guard.update_value(|g| {
            if let Some(g) = g.take() {
                let target: web_sys::EventTarget = window().into();
                for kind in GUARDED {
                    let _ = target.remove_event_listener_with_callback_and_bool(
                        kind,
                        g.as_ref().unchecked_ref(),
                        true,
                    );
                }
            }
        });
        set_root_class(PRESENTATION_CLASS, false);
    });

    view! {
        <button
            type="button"
            class="presentation-toggle"
            aria-pressed=move || on.get().to_string()
            aria-keyshortcuts="Alt+P"
            title="Presentationsläge: stor text, hög kontrast, skrivskyddat (Alt+P)"
            data-testid="presentationslage"
            on:click=move |_| toggle()
        >
            "Presentationsläge"
        </button>
    }
}

//! Column widths the user sets (issue 17): each column header has a handle to drag, or to
//! focus and move with ←/→ (Shift: larger steps, Home: back to the default width). The widths
//! are kept per plan and grid in this browser's localStorage (`samplan:v1:layout:<plan>:<grid>`):
//! a view preference of this computer, not part of the plan (sharing or undo do not touch it).
//! A column is known by its header without the unit (`2026 (tkr)` → `2026`), so a width stays
//! when the unit changes or a column is shown or hidden.

use std::collections::BTreeMap;

use gloo_storage::Storage;
use leptos::prelude::*;

/// The narrowest and widest a column can be set, in CSS pixels.
const MIN_WIDTH: i32 = 40;
const MAX_WIDTH: i32 = 900;
/// One arrow key step, and one with Shift.
const STEP: i32 = 10;
const BIG_STEP: i32 = 50;

/// The widths of one grid's columns (cheap to copy).
#[derive(Clone, Copy)]
pub(super) struct Widths {
    /// The storage key (`None`: widths are not kept).
    key: Signal<Option<String>>,
    widths: RwSignal<BTreeMap<String, i32>>,
    /// A drag in progress: (column, start x, start width).
    drag: StoredValue<Option<(String, i32, i32)>>,
}

/// The column's key: its header without a unit in parentheses.
pub(super) fn column_key(header: &str) -> String {
    match header.find(" (") {
        Some(i) => header[..i].to_string(),
        None => header.to_string(),
    }
}

impl Widths {
    /// The widths of the grid kept under `key` (re-read when the key changes, e.g. another
    /// plan is opened).
    pub fn new(key: Option<Signal<String>>) -> Self {
        let key = Signal::derive(move || {
            key.map(|k| k.get())
                .filter(|k| !k.is_empty())
                .map(|k| format!("samplan:v1:layout:{k}"))
        });
        let widths = RwSignal::new(BTreeMap::new());
        Effect::new(move |_| {
            let stored = key
                .get()
                .and_then(|k| gloo_storage::LocalStorage::get::<BTreeMap<String, i32>>(&k).ok())
                .unwrap_or_default();
            widths.set(stored);
        });
        Widths {
            key,
            widths,
            drag: StoredValue::new(None),
        }
    }

    /// The set width of a column, as CSS (`None`: the default).
    pub fn css(self, column: &str) -> Option<String> {
        self.widths
            .with(|w| w.get(column).map(|px| format!("{px}px")))
    }

    fn set(self, column: &str, px: i32) {
        let px = px.clamp(MIN_WIDTH, MAX_WIDTH);
        self.widths.update(|w| {
            w.insert(column.to_string(), px);
        });
        self.save();
    }

    fn reset(self, column: &str) {
        self.widths.update(|w| {
            w.remove(column);
        });
        self.save();
    }

    fn save(self) {
        if let Some(k) = self.key.get_untracked() {
            // A full or unavailable storage only loses the widths (they are a preference).
            let _ = self
                .widths
                .with_untracked(|w| gloo_storage::LocalStorage::set(&k, w));
        }
    }
}

/// The width of the header cell that holds `el`, in whole CSS pixels.
fn header_width(el: &web_sys::Element) -> i32 {
    el.closest("th")
        .ok()
        .flatten()
        .map(|th| th.get_bounding_client_rect().width().round() as i32)
        .unwrap_or(100)
}

/// The drag / keyboard handle of one column header.
pub(super) fn handle(w: Widths, header: String) -> impl IntoView {
    let column = column_key(&header);
    let label = format!("Bredd på kolumnen {column}");
    let (c1, c2, c3, c4) = (
        column.clone(),
        column.clone(),
        column.clone(),
        column.clone(),
    );
    let now = move || {
        w.widths
            .with(|m| m.get(&c4).copied())
            .map(|px| px.to_string())
    };
    view! {
        <span
            class="col-resize"
            role="separator"
            aria-orientation="vertical"
            aria-label=label
            aria-valuemin=MIN_WIDTH.to_string()
            aria-valuemax=MAX_WIDTH.to_string()
            aria-valuenow=now
            tabindex="0"
            title="Dra för att ändra bredden (eller ← → med fokus här)"
            on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                use wasm_bindgen::JsCast;
                let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
                    return;
                };
                ev.prevent_default();
                ev.stop_propagation();
                let _ = el.set_pointer_capture(ev.pointer_id());
                w.drag.set_value(Some((c1.clone(), ev.client_x(), header_width(&el))));
            }
            on:pointermove=move |ev: leptos::ev::PointerEvent| {
                if let Some((col, x0, w0)) = w.drag.get_value() {
                    if col == c2 {
                        w.widths.update(|m| {
                            m.insert(col, (w0 + ev.client_x() - x0).clamp(MIN_WIDTH, MAX_WIDTH));
                        });
                    }
                }
            }
            on:pointerup=move |_| {
                if w.drag.get_value().is_some() {
                    w.drag.set_value(None);
                    w.save();
                }
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                use wasm_bindgen::JsCast;
                let step = if ev.shift_key() { BIG_STEP } else { STEP };
                let delta = match ev.key().as_str() {
                    "ArrowRight" => step,
                    "ArrowLeft" => -step,
                    "Home" => {
                        ev.prevent_default();
                        ev.stop_propagation();
                        w.reset(&c3);
                        return;
                    }
                    _ => return,
                };
                ev.prevent_default();
                ev.stop_propagation();
                let current = w.widths.with_untracked(|m| m.get(&c3).copied()).unwrap_or_else(|| {
                    ev.target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .map(|el| header_width(&el))
                        .unwrap_or(100)
                });
                w.set(&c3, current + delta);
            }
        ></span>
    }
}

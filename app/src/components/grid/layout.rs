//! Column widths the user sets (issue 17): each column header has a handle to drag, and
//! Alt+Shift+← / → in a cell narrows / widens its column. The widths
//! are kept per plan and grid in this browser's localStorage (`samplan:v1:layout:<plan>:<grid>`):
//! a view preference of this computer, not part of the plan (sharing or undo do not touch it).
//! A column is known by its header without the unit (`2026 (tkr)` → `2026`), so a width stays
//! when the unit changes or a column is shown or hidden.

use std::collections::BTreeMap;

use leptos::prelude::*;

/// The narrowest and widest a column can be set, in CSS pixels.
const MIN_WIDTH: i32 = 40;
const MAX_WIDTH: i32 = 900;
/// One keyboard step.
const STEP: i32 = 10;

/// Column widths by column key, in CSS pixels.
type WidthMap = BTreeMap<String, i32>;

/// The widths of one grid's columns (cheap to copy).
#[derive(Clone, Copy)]
pub(super) struct Widths {
    /// The storage key (`None`: widths are not kept).
    key: Signal<Option<String>>,
    /// The widths the user set here, with the key they were set under.
    set_here: RwSignal<Option<(Option<String>, WidthMap)>>,
    /// The widths shown: those set here under the current key, else the kept ones (derived: a
    /// key read when it changes, e.g. another plan is opened).
    widths: Memo<BTreeMap<String, i32>>,
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
        let set_here = RwSignal::new(None::<(Option<String>, WidthMap)>);
        let widths = Memo::new(move |_| {
            let k = key.get();
            set_here
                .with(|s| {
                    s.as_ref()
                        .filter(|(at, _)| *at == k)
                        .map(|(_, w)| w.clone())
                })
                .unwrap_or_else(|| {
                    k.and_then(|k| read(&k))
                        .and_then(|text| serde_json::from_str::<BTreeMap<String, i32>>(&text).ok())
                        .unwrap_or_default()
                })
        });
        Widths {
            key,
            set_here,
            widths,
            drag: StoredValue::new(None),
        }
    }

    /// The set width of a column, as CSS (`None`: the default).
    pub fn css(self, column: &str) -> Option<String> {
        self.widths
            .with(|w| w.get(column).map(|px| format!("{px}px")))
    }

    /// Changes the widths shown (not kept yet: [`Self::save`]).
    fn change(self, column: String, px: i32) {
        let mut w = self.widths.get_untracked();
        w.insert(column, px.clamp(MIN_WIDTH, MAX_WIDTH));
        self.set_here.set(Some((self.key.get_untracked(), w)));
    }

    fn set(self, column: &str, px: i32) {
        self.change(column.to_string(), px);
        self.save();
    }

    fn save(self) {
        if let Some(k) = self.key.get_untracked() {
            if let Ok(text) = self.widths.with_untracked(serde_json::to_string) {
                write(&k, &text);
            }
        }
    }
}

/// A kept layout text (`None` when there is none or the storage cannot be read), through
/// the app's one storage module.
pub fn read(key: &str) -> Option<String> {
    crate::storage::read_preference(key)
}

/// Keeps a layout text; a full or blocked storage only loses the preference.
pub fn write(key: &str, text: &str) {
    crate::storage::write_preference(key, text);
}

/// The width of the header cell that holds `el`, in whole CSS pixels.
fn header_width(el: &web_sys::Element) -> i32 {
    el.closest("th")
        .ok()
        .flatten()
        .map(|th| th.get_bounding_client_rect().width().round() as i32)
        .unwrap_or(100)
}

/// The drag handle of one column header (the mouse's way; the keyboard's is Alt+Shift+←/→ on a
/// cell of the column, [`nudge`]). Hidden from assistive technology: it is not focusable.
pub(super) fn handle(w: Widths, header: String) -> impl IntoView {
    let column = column_key(&header);
    let (c1, c2) = (column.clone(), column);
    view! {
        <span
            class="col-resize"
            aria-hidden="true"
            title="Dra för att ändra bredden (eller Alt+Skift+← → i en cell i kolumnen)"
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
                        w.change(col, w0 + ev.client_x() - x0);
                    }
                }
            }
            on:pointerup=move |_| {
                if w.drag.get_value().is_some() {
                    w.drag.set_value(None);
                    w.save();
                }
            }
        ></span>
    }
}

/// True for Alt+Shift+← / → (widen or narrow the selected cell's column).
pub(super) fn is_width_key(ev: &leptos::ev::KeyboardEvent) -> bool {
    ev.alt_key()
        && ev.shift_key()
        && !ev.ctrl_key()
        && matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight")
}

/// Alt+Shift+→ widens, Alt+Shift+← narrows the column `header` by one step; returns the
/// status text (`Kolumnen Konto är 150 px bred`).
pub(super) fn nudge(w: Widths, grid_id: &str, col: usize, header: &str, wider: bool) -> String {
    let column = column_key(header);
    let current = w
        .widths
        .with_untracked(|m| m.get(&column).copied())
        .or_else(|| {
            document()
                .query_selector(&format!("#{grid_id} thead th:nth-child({})", col + 1))
                .ok()
                .flatten()
                .map(|th| th.get_bounding_client_rect().width().round() as i32)
        })
        .unwrap_or(100);
    let px = (current + if wider { STEP } else { -STEP }).clamp(MIN_WIDTH, MAX_WIDTH);
    w.set(&column, px);
    format!("Kolumnen {column} är {px} px bred")
}

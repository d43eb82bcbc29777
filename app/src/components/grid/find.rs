//! Find inside the grid (Ctrl+F, issue 17): samplan's own search over **every** row's cells,
//! also the rows the windowed grid does not render (the browser's find cannot reach those).
//! Enter (or "Nästa") goes to the next match after the selected cell, Shift+Enter to the
//! previous one, wrapping around; Escape closes the box and puts the focus back in the grid.
//! Matching is on the text the cells show (case-insensitive).

use leptos::prelude::*;

use super::state::GridState;
use super::Pos;

/// The search box's state (cheap to copy).
#[derive(Clone, Copy)]
pub(super) struct Find {
    pub open: RwSignal<bool>,
    pub query: RwSignal<String>,
    pub status: RwSignal<String>,
}

impl Find {
    pub fn new() -> Self {
        Find {
            open: RwSignal::new(false),
            query: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
        }
    }
}

/// True for Ctrl+F / Cmd+F.
pub(super) fn is_find_key(ev: &leptos::ev::KeyboardEvent) -> bool {
    (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && ev.key().eq_ignore_ascii_case("f")
}

/// The search field's element id.
fn input_id(st: GridState) -> String {
    st.id.with_value(|id| format!("{id}-sok"))
}

/// Opens the box and focuses its field.
pub(super) fn open(st: GridState, f: Find) {
    f.open.set(true);
    let id = input_id(st);
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            use wasm_bindgen::JsCast;
            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        }
    });
}

/// Every cell whose shown text contains `query` (lower-cased), in row order.
fn matches(st: GridState, query: &str) -> Vec<Pos> {
    st.rows.with_untracked(|s| {
        s.rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.cells.iter().enumerate().filter_map(move |(c, cell)| {
                    let shown = if cell.display.is_empty() {
                        &cell.edit
                    } else {
                        &cell.display
                    };
                    shown.to_lowercase().contains(query).then_some((r, c))
                })
            })
            .collect()
    })
}

/// Goes to the next (or previous) match after the selected cell.
fn step(st: GridState, f: Find, back: bool) {
    let query = f.query.get_untracked().trim().to_lowercase();
    if query.is_empty() {
        f.status.set(String::new());
        return;
    }
    let all = matches(st, &query);
    if all.is_empty() {
        f.status.set(format!(
            "Inga träffar för \"{}\"",
            f.query.get_untracked().trim()
        ));
        return;
    }
    let here = st.sel.get_untracked();
    let i = if back {
        all.iter().rposition(|p| *p < here).unwrap_or(all.len() - 1)
    } else {
        all.iter().position(|p| *p > here).unwrap_or(0)
    };
    let p = all[i];
    // Selected and scrolled into view (rendered), while the focus stays in the search field.
    st.place(p);
    super::window::reveal(st, p.0);
    // Once the row is rendered its real position is known: reveal it exactly.
    request_animation_frame(move || {
        if st.alive() && st.sel.get_untracked() == p {
            super::window::reveal(st, p.0);
        }
    });
    f.status.set(format!("Träff {} av {}", i + 1, all.len()));
}

/// Closes the box; the focus goes back to the selected cell.
fn close(st: GridState, f: Find) {
    f.open.set(false);
    f.status.set(String::new());
    st.focus_cell(st.sel.get_untracked());
}

/// The search box (shown above the grid while open).
pub(super) fn view(st: GridState, f: Find) -> impl IntoView {
    let id = input_id(st);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            step(st, f, ev.shift_key());
        }
        "Escape" => {
            ev.prevent_default();
            close(st, f);
        }
        _ => {}
    };
    move || {
        f.open.get().then(|| {
            let id = id.clone();
            view! {
                <div class="grid-find" role="search">
                    <label for=id.clone()>"Sök i tabellen"</label>
                    <input
                        id=id
                        type="search"
                        autocomplete="off"
                        prop:value=move || f.query.get()
                        on:input=move |ev| f.query.set(event_target_value(&ev))
                        on:keydown=on_keydown
                    />
                    <button type="button" on:click=move |_| step(st, f, true)>"Föregående"</button>
                    <button type="button" on:click=move |_| step(st, f, false)>"Nästa"</button>
                    <button type="button" on:click=move |_| close(st, f)>"Stäng"</button>
                    <span role="status" aria-live="polite">{move || f.status.get()}</span>
                </div>
            }
        })
    }
}

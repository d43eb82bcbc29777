//! The grid's keyboard: navigation, editing keys, Delete and type-to-edit. Vertical moves
//! stop only on rows where typing counts ([`super::nav::land`]); typing on a cell that cannot be
//! changed does nothing and the status message says why.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::nav::{moves_rows, step};
use super::state::{GridState, Mode};
use super::CellWrite;

/// The row below (or above, `up`) row `r` where typing counts.
fn next_row(st: GridState, r: usize, up: bool) -> usize {
    let last = st.n_rows().saturating_sub(1);
    let to = if up {
        r.saturating_sub(1)
    } else {
        (r + 1).min(last)
    };
    st.land(r, to)
}

/// Handles a key pressed anywhere in the grid.
pub(super) fn on_keydown(st: GridState, ev: leptos::ev::KeyboardEvent) {
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    let shift = ev.shift_key();
    let (r, c) = st.sel.get_untracked();
    let rows_n = st.n_rows();
    let cols_n = st.n_cols();
    if rows_n == 0 || cols_n == 0 {
        return;
    }
    if let Some(ed) = st.editing.get_untracked() {
        match key.as_str() {
            "Enter" => {
                ev.prevent_default();
                if st.commit() {
                    st.select((next_row(st, r, shift), c), false);
                } else {
                    st.select((r, c), false);
                }
            }
            "Tab" => {
                if st.commit() {
                    let next = if shift {
                        c.checked_sub(1)
                    } else {
                        (c + 1 < cols_n).then_some(c + 1)
                    };
                    // At the last column Tab leaves the grid.
                    if let Some(nc) = next {
                        ev.prevent_default();
                        st.select((r, nc), false);
                    }
                } else {
                    ev.prevent_default();
                    st.select((r, c), false);
                }
            }
            "Escape" => {
                ev.prevent_default();
                st.cancel();
                st.select((r, c), false);
            }
            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" if ed.mode == Mode::Typing => {
                ev.prevent_default();
                if st.commit() {
                    let mut p = step((r, c), &key, false, rows_n, cols_n);
                    if moves_rows(&key, false) {
                        p.0 = st.land(r, p.0);
                    }
                    st.select(p, false);
                } else {
                    st.select((r, c), false);
                }
            }
            "z" | "Z" | "y" | "Y" if ctrl => {
                // Undo while editing = cancel the edit (and not the previous change).
                ev.prevent_default();
                st.cancel();
                st.select((r, c), false);
            }
            _ => {}
        }
        return;
    }
    match key.as_str() {
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp"
        | "PageDown" => {
            ev.prevent_default();
            let mut p = step((r, c), &key, ctrl, rows_n, cols_n);
            // A range (Shift) may take in sum rows, e.g. to copy them.
            if !shift && moves_rows(&key, ctrl) {
                p.0 = st.land(r, p.0);
            }
            st.select(p, shift);
        }
        "Tab" => {
            let next = if shift {
                c.checked_sub(1)
            } else {
                (c + 1 < cols_n).then_some(c + 1)
            };
            if let Some(nc) = next {
                ev.prevent_default();
                st.select((r, nc), false);
            }
        }
        "Enter" | "F2" => {
            ev.prevent_default();
            if let Some(cell) = st.cell_at(r, c) {
                if cell.editable {
                    st.start_edit((r, c), Mode::Caret, cell.edit.clone());
                } else if key == "Enter" {
                    st.select((next_row(st, r, shift), c), false);
                } else {
                    st.explain_read_only(r);
                }
            }
        }
        // Hook (issue 17): fill down / right.
        "d" | "D" if ctrl && !shift => {
            ev.prevent_default();
            super::fill::fill(st, super::fill::Fill::Down);
        }
        "r" | "R" if ctrl && !shift => {
            ev.prevent_default();
            super::fill::fill(st, super::fill::Fill::Right);
        }
        "Delete" => {
            ev.prevent_default();
            let (r1, c1, r2, c2) = st.range();
            let writes: Vec<CellWrite> = (r1..=r2)
                .flat_map(|rr| (c1..=c2).map(move |cc| (rr, cc)))
                .filter(|&(rr, cc)| {
                    st.cell_at(rr, cc)
                        .is_some_and(|cell| cell.editable && !cell.edit.is_empty())
                })
                .map(|(row, col)| CellWrite {
                    row,
                    col,
                    text: String::new(),
                })
                .collect();
            st.write(writes);
        }
        "Backspace" => {
            ev.prevent_default();
            if st.cell_at(r, c).is_some_and(|cell| cell.editable) {
                st.start_edit((r, c), Mode::Typing, String::new());
            } else {
                st.explain_read_only(r);
            }
        }
        "Escape" => {
            st.place((r, c));
        }
        k if !ctrl && !ev.alt_key() && k.chars().count() == 1 => {
            // Type-to-edit: the character replaces the cell's text.
            if !st.cell_at(r, c).is_some_and(|cell| cell.editable) {
                ev.prevent_default();
                st.explain_read_only(r);
                return;
            }
            let input = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                // The default action inserts the character into the now empty input.
                input.set_value("");
                st.start_edit((r, c), Mode::Typing, String::new());
            } else {
                // The cell's input is not focused (its row was scrolled out of the rendered
                // window): the character becomes the editor's text and the cell is brought back.
                ev.prevent_default();
                st.start_edit((r, c), Mode::Typing, k.to_string());
                st.select((r, c), true);
            }
        }
        _ => {}
    }
}

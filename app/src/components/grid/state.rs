//! The grid's state (selection, editing, errors, the rendered window) and its actions: select a
//! cell, start / commit / cancel an edit, hand writes to the owner. Everything here works on the
//! row data, not on the DOM, so it reaches rows that are not rendered.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::sync::{RowSlot, Snapshot};
use super::{
    window, CellWrite, GridCell, GridColumn, GridRows, GridSelection, Pos, RowKind, WriteErrors,
};

/// How the current edit started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// By typing: arrows commit and move.
    Typing,
    /// By Enter / F2 / double click: arrows move the caret.
    Caret,
}

/// The cell being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Editing {
    pub row: usize,
    pub col: usize,
    pub mode: Mode,
    /// The cell's edit text when the edit started.
    pub original: String,
}

/// A selected range of more than one cell: (first row, first col, last row, last col).
pub(super) type Range = (usize, usize, usize, usize);

/// The refused cells, by (row key, column): the reason and when the row's key appeared
/// ([`Snapshot::born`]), recorded in the history epoch of the app (`AppState::reverted`) they
/// were refused in. What is shown is derived ([`GridState::shown_errors`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct ErrorBook {
    epoch: u64,
    cells: HashMap<(String, usize), (String, u64)>,
}

/// Handles to the grid's signals (cheap to copy into event handlers).
#[derive(Clone, Copy)]
pub(super) struct GridState {
    /// The table's element id.
    pub id: StoredValue<String>,
    /// The selected cell (the active end of a range), as the owner keeps it.
    pub sel: Signal<Pos>,
    /// Sets the selected cell (the owner's setter).
    pick: Callback<Pos>,
    /// A range the grid extended: (anchor, active end). It holds while the selection is at its
    /// active end; any other selected cell (also one the owner selects, e.g. to follow a line
    /// that moved) starts a new range there.
    range_from: RwSignal<Option<(Pos, Pos)>>,
    /// The other end of the selected range (derived: the selection itself when no range).
    pub anchor: Memo<Pos>,
    pub editing: RwSignal<Option<Editing>>,
    /// The editor's text.
    pub draft: RwSignal<String>,
    /// The refused cells as recorded (see [`ErrorBook`]).
    errors: RwSignal<ErrorBook>,
    /// The refused cells shown, by (row key, column): an error belongs to its cell (docs/app.md,
    /// "Errors belong to their cause"): it goes when a step is undone or redone or the plan
    /// replaced (the refused text was about the state before) and when its row is gone (a
    /// later row with the same key is another line).
    pub shown_errors: Memo<HashMap<(String, usize), String>>,
    /// The rows, read once per change (see [`Snapshot`]).
    pub rows: Memo<Snapshot>,
    pub columns: Memo<Vec<GridColumn>>,
    /// The selected range when it is more than one cell.
    pub range_memo: Memo<Option<Range>>,
    /// The row keys in order (the same list while the keys are the same).
    pub row_keys: Memo<Vec<String>>,
    /// What the rows read: the columns and one [`RowSlot`] per row key (set by the render
    /// effects of [`super::sync`], the grid's firewall: see there why).
    pub view_columns: RwSignal<Vec<GridColumn>>,
    pub slots: StoredValue<HashMap<String, RowSlot>>,
    pub on_write: Callback<Vec<CellWrite>, Result<(), WriteErrors>>,
    /// The rendered rows: indexes `first..end`.
    pub window: RwSignal<(usize, usize)>,
    /// Render every row (while printing).
    pub render_all: RwSignal<bool>,
    /// The measured height of one row in CSS pixels.
    pub row_height: StoredValue<i32>,
    /// The status message (why typing did nothing).
    pub hint: RwSignal<String>,
    /// The distinct option lists of the cells (one `<datalist>` each).
    pub lists: RwSignal<Vec<Arc<[String]>>>,
    /// The app's history epoch (`AppState::reverted`), 0 without an app.
    epoch: Signal<u64>,
}

impl GridState {
    /// The state of a new grid.
    pub fn new(
        id: String,
        rows: GridRows,
        columns: Signal<Vec<GridColumn>>,
        on_write: Callback<Vec<CellWrite>, Result<(), WriteErrors>>,
        selection: Option<GridSelection>,
    ) -> Self {
        let selection = selection.unwrap_or_else(|| RwSignal::new((0, 0)).into());
        let (sel, pick) = (selection.pos, selection.pick);
        let range_from = RwSignal::new(None::<(Pos, Pos)>);
        let anchor = Memo::new(move |_| {
            let p = sel.get();
            range_from.with(|r| match r {
                Some((a, active)) if *active == p => *a,
                _ => p,
            })
        });
        // The incoming rows and columns are read once per change (a derived signal may build
        // or clone them on every read).
        let rows = Memo::new_owning(move |prev: Option<Snapshot>| match rows {
            GridRows::Built(rows) => rows.with(|new| Snapshot::update(prev, new)),
            GridRows::Keyed(rows) => rows.with(|new| Snapshot::update(prev, new)),
        });
        let columns = Memo::new(move |_| columns.get());
        let range_memo = Memo::new(move |_| {
            let (r1, c1) = sel.get();
            let (r2, c2) = anchor.get();
            ((r1, c1) != (r2, c2)).then(|| (r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2)))
        });
        let app = use_context::<crate::state::AppState>();
        let epoch = Signal::derive(move || app.map_or(0, |a| a.reverted_tracked()));
        let errors = RwSignal::new(ErrorBook::default());
        let shown_errors = Memo::new(move |_| {
            let now = epoch.get();
            errors.with(|book| {
                if book.epoch != now || book.cells.is_empty() {
                    return HashMap::new();
                }
                rows.with(|s| {
                    book.cells
                        .iter()
                        .filter(|((k, _), (_, born))| s.born_of(k) == Some(*born))
                        .map(|(k, (msg, _))| (k.clone(), msg.clone()))
                        .collect()
                })
            })
        });
        GridState {
            id: StoredValue::new(id),
            sel,
            pick,
            range_from,
            anchor,
            editing: RwSignal::new(None),
            draft: RwSignal::new(String::new()),
            errors,
            shown_errors,
            rows,
            columns,
            range_memo,
            row_keys: super::sync::row_keys(rows),
            view_columns: RwSignal::new(Vec::new()),
            slots: StoredValue::new(HashMap::new()),
            on_write,
            window: RwSignal::new((0, window::MIN_ROWS)),
            render_all: RwSignal::new(false),
            row_height: StoredValue::new(window::DEFAULT_ROW_HEIGHT),
            hint: RwSignal::new(String::new()),
            lists: RwSignal::new(Vec::new()),
            epoch,
        }
    }

    /// Selects the cell `p` alone (no range).
    pub fn place(self, p: Pos) {
        if self.range_from.with_untracked(Option::is_some) {
            self.range_from.set(None);
        }
        self.pick.run(p);
    }

    /// Selects the cell `p` keeping the range's anchor (Shift).
    pub fn extend_to(self, p: Pos) {
        let a = self.anchor.get_untracked();
        self.range_from.set(Some((a, p)));
        self.pick.run(p);
    }

    /// Selects the range from `anchor` to `active` (the active end is the selected cell).
    pub fn set_range(self, anchor: Pos, active: Pos) {
        self.range_from.set(Some((anchor, active)));
        self.pick.run(active);
    }

    /// False once the grid's view is gone (its signals disposed). Work the grid deferred (a
    /// frame, a task) or an event that reaches it while it is taken down (a focused cell's
    /// `blur` when its row is removed) then does nothing: reading a disposed signal would stop
    /// the app.
    pub fn alive(self) -> bool {
        !self.editing.is_disposed() && !self.range_from.is_disposed() && !self.window.is_disposed()
    }

    pub fn n_rows(self) -> usize {
        self.rows.with_untracked(|s| s.rows.len())
    }

    pub fn n_cols(self) -> usize {
        self.columns.with_untracked(Vec::len)
    }

    /// The cell at (r, c) as it behaves: read-only when its row's kind is.
    pub fn cell_at(self, r: usize, c: usize) -> Option<GridCell> {
        self.rows.with_untracked(|s| {
            let row = s.rows.get(r)?;
            let mut cell = row.cells.get(c)?.clone();
            cell.editable &= row.kind.editable();
            Some(cell)
        })
    }

    pub fn kind_at(self, r: usize) -> Option<RowKind> {
        self.rows
            .with_untracked(|s| s.rows.get(r).map(|row| row.kind))
    }

    pub fn key_at(self, r: usize) -> Option<String> {
        self.rows
            .with_untracked(|s| s.rows.get(r).map(|row| row.key.clone()))
    }

    /// True when (row, col) is the cell being edited.
    pub fn is_editing(self, p: Pos) -> bool {
        self.editing
            .with_untracked(|e| e.as_ref().map(|e| (e.row, e.col)) == Some(p))
    }

    /// Focuses the cell's input (or the cell when read-only). A cell whose row is not rendered
    /// yet is focused once the window's update has rendered it.
    pub fn focus_cell(self, p: Pos) {
        if self.try_focus(p) {
            return;
        }
        // The rendered window was just moved: the row appears when the render effects have run
        // (queued before this task); a frame later at the latest.
        leptos::task::spawn_local(async move {
            if !self.try_focus(p) {
                request_animation_frame(move || {
                    self.try_focus(p);
                });
            }
        });
    }

    /// Focuses the cell if it is rendered; true when done (or no longer wanted).
    fn try_focus(self, (r, c): Pos) -> bool {
        if !self.alive() || self.sel.get_untracked() != (r, c) {
            return true; // the selection moved on meanwhile
        }
        let selector = self
            .id
            .with_value(|id| format!("#{id} [data-row=\"{r}\"][data-col=\"{c}\"]"));
        let Some(el) = document().query_selector(&selector).ok().flatten() else {
            return false;
        };
        let target = el
            .query_selector("input")
            .ok()
            .flatten()
            .unwrap_or(el)
            .dyn_into::<web_sys::HtmlElement>();
        if let Ok(t) = target {
            let _ = t.focus();
            if let Some(input) = t.dyn_ref::<web_sys::HtmlInputElement>() {
                if self.is_editing((r, c)) {
                    // Typed before the row was rendered: keep the text, caret at its end.
                    let end = input.value().encode_utf16().count() as u32;
                    let _ = input.set_selection_range(end, end);
                } else {
                    input.select();
                }
            }
        }
        true
    }

    /// Selects a cell (clamped to the grid), scrolls it into view and focuses it; `extend`
    /// keeps the range's anchor.
    pub fn select(self, p: Pos, extend: bool) {
        let rows_n = self.n_rows();
        let cols_n = self.n_cols();
        if rows_n == 0 || cols_n == 0 {
            return;
        }
        let p = (p.0.min(rows_n - 1), p.1.min(cols_n - 1));
        if extend {
            self.extend_to(p);
        } else {
            self.place(p);
        }
        if self.hint.with_untracked(|h| !h.is_empty()) {
            self.hint.set(String::new());
        }
        window::reveal(self, p.0);
        self.focus_cell(p);
    }

    /// Says why typing on the selected cell does nothing.
    pub fn explain_read_only(self, r: usize) {
        let reason = self
            .kind_at(r)
            .map(RowKind::read_only_reason)
            .unwrap_or_default();
        self.hint.set(reason.to_string());
    }

    /// Clears the errors of the written cells and records the refused ones (positions as they
    /// were when written, keyed by the row keys of then). Notifies only when something changes.
    fn set_errors(self, results: &[(usize, usize, String)], cleared: &[((String, usize), Pos)]) {
        let key_of = |p: Pos| {
            cleared
                .iter()
                .find(|(_, q)| *q == p)
                .map(|(k, _)| k.clone())
        };
        let now = self.epoch.get_untracked();
        let stale = self.errors.with_untracked(|b| {
            b.epoch == now
                && !b.cells.is_empty()
                && cleared.iter().any(|(k, _)| b.cells.contains_key(k))
        });
        if !stale && results.is_empty() {
            return;
        }
        let refused: Vec<((String, usize), String)> = results
            .iter()
            .filter_map(|(r, c, msg)| {
                let k = key_of((*r, *c)).or_else(|| self.key_at(*r).map(|k| (k, *c)))?;
                Some((k, msg.clone()))
            })
            .collect();
        self.rows.with_untracked(|s| {
            self.errors.update(|b| {
                if b.epoch != now {
                    b.cells.clear();
                    b.epoch = now;
                }
                // What is no longer shown is forgotten.
                b.cells
                    .retain(|(k, _), (_, born)| s.born_of(k) == Some(*born));
                for (k, _) in cleared {
                    b.cells.remove(k);
                }
                for (k, msg) in refused {
                    if let Some(born) = s.born_of(&k.0) {
                        b.cells.insert(k, (msg, born));
                    }
                }
            })
        });
    }

    /// Hands writes to the owner; returns true when all were accepted.
    pub fn write(self, writes: Vec<CellWrite>) -> bool {
        if writes.is_empty() {
            return true;
        }
        let written: Vec<((String, usize), Pos)> = writes
            .iter()
            .filter_map(|w| self.key_at(w.row).map(|k| ((k, w.col), (w.row, w.col))))
            .collect();
        match self.on_write.run(writes) {
            Ok(()) => {
                self.set_errors(&[], &written);
                true
            }
            Err(errs) => {
                self.set_errors(&errs, &written);
                errs.is_empty()
            }
        }
    }

    /// Starts editing an editable cell with `text` in the editor.
    pub fn start_edit(self, p: Pos, mode: Mode, text: String) {
        let Some(cell) = self.cell_at(p.0, p.1) else {
            return;
        };
        if !cell.editable {
            return;
        }
        self.draft.set(text);
        self.editing.set(Some(Editing {
            row: p.0,
            col: p.1,
            mode,
            original: cell.edit,
        }));
    }

    /// Ends the edit; returns false when the text was refused (the cell keeps its old value).
    pub fn commit(self) -> bool {
        let Some(ed) = self.editing.get_untracked() else {
            return true;
        };
        self.editing.set(None);
        let text = self.draft.get_untracked();
        if text == ed.original {
            return true;
        }
        self.write(vec![CellWrite {
            row: ed.row,
            col: ed.col,
            text,
        }])
    }

    pub fn cancel(self) {
        self.editing.set(None);
    }

    /// The selected range (a single cell when nothing is extended).
    pub fn range(self) -> Range {
        let (r1, c1) = self.sel.get_untracked();
        let (r2, c2) = self.anchor.get_untracked();
        (r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2))
    }

    /// The row to land on when moving from row `from` towards `to` (see [`super::nav::land`]).
    pub fn land(self, from: usize, to: usize) -> usize {
        self.rows
            .with_untracked(|s| super::nav::land(&s.editable, from, to))
    }
}

/// The cell an event happened in (the closest element with `data-row` and `data-col`), and
/// whether it happened in the cell's input.
pub(super) fn event_cell(ev: &web_sys::Event) -> Option<(Pos, bool)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let in_input = target.has_type::<web_sys::HtmlInputElement>();
    let cell = target.closest("[data-row][data-col]").ok()??;
    let attr = |name: &str| cell.get_attribute(name)?.parse::<usize>().ok();
    Some(((attr("data-row")?, attr("data-col")?), in_input))
}

//! A spreadsheet grid (docs/app.md). The grid only shows cells and collects typed text; the view
//! that owns it turns the text into engine edits (`on_write`) and gives back the Swedish reason
//! for every cell it refuses. Behaviour:
//!
//! - click or arrow keys select a cell (Shift extends a range, Ctrl+arrow jumps to the edge);
//! - typing starts editing and replaces the cell; Enter or F2 edits the current text;
//! - Enter commits and moves down (Shift+Enter up), Tab / Shift+Tab commit and move right /
//!   left, Esc cancels, Delete clears the selected cells;
//! - Ctrl+C copies the selection as TSV (decimal comma, no grouping); Ctrl+V pastes a TSV block
//!   at the selected cell as one write (one undo step); a single value fills a selected range;
//! - refused input keeps the old value and shows the reason next to the cell (`role="alert"`);
//! - cells carry `data-row` / `data-col`; inputs are named by [`GridCell::label`].

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::tsv::{parse_tsv, write_tsv};

/// A column of a grid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridColumn {
    /// Header text (with the unit when it holds money, e.g. `2026 (tkr)`).
    pub header: String,
    /// Right-aligned tabular numbers.
    pub numeric: bool,
    /// Extra CSS class of the header cell (column width: `col-narrow`, `col-wide`, …).
    pub class: &'static str,
}

/// One cell as the view wants it shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridCell {
    /// Text shown when not editing.
    pub display: String,
    /// Text put in the editor by Enter / F2 (exact; no display rounding).
    pub edit: String,
    /// Text copied with Ctrl+C (decimal comma, no grouping).
    pub copy: String,
    /// True when the user can change it.
    pub editable: bool,
    /// Accessible name of the cell's input, e.g. `Kansli 2026`.
    pub label: String,
    /// Optional `data-testid`.
    pub testid: Option<String>,
}

impl GridCell {
    /// A read-only cell showing `text` (copied as `copy`).
    pub fn read_only(text: impl Into<String>, copy: impl Into<String>) -> Self {
        GridCell {
            display: text.into(),
            copy: copy.into(),
            ..GridCell::default()
        }
    }

    /// An editable cell.
    pub fn editable(
        display: impl Into<String>,
        edit: impl Into<String>,
        copy: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        GridCell {
            display: display.into(),
            edit: edit.into(),
            copy: copy.into(),
            editable: true,
            label: label.into(),
            testid: None,
        }
    }

    /// The same cell with a `data-testid`.
    pub fn with_testid(mut self, testid: impl Into<String>) -> Self {
        self.testid = Some(testid.into());
        self
    }
}

/// One row of a grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridRow {
    /// Stable key (survives reordering), e.g. `rad-12` or `summa-Kansli`.
    pub key: String,
    /// CSS class of the row: `""`, `"sum"`, `"total"` or `"group"`.
    pub class: &'static str,
    /// The cells, one per column.
    pub cells: Vec<GridCell>,
}

/// Text typed or pasted into one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellWrite {
    /// Row index.
    pub row: usize,
    /// Column index.
    pub col: usize,
    /// The text as typed ("" = cleared).
    pub text: String,
}

/// The cells the owner refused, with the Swedish reason for each.
pub type WriteErrors = Vec<(usize, usize, String)>;

/// How the current edit started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// By typing: arrows commit and move.
    Typing,
    /// By Enter / F2 / double click: arrows move the caret.
    Caret,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Editing {
    row: usize,
    col: usize,
    mode: Mode,
    original: String,
}

/// A cell position.
pub type Pos = (usize, usize);

/// The rows as the grid keeps them: one shared copy per row (a row that did not change keeps
/// its `Arc`, so the row views can tell by pointer that nothing changed) and the index of
/// every key. Built once per change of the rows, in O(rows).
#[derive(Default)]
struct Snapshot {
    rows: Vec<Arc<GridRow>>,
    index: HashMap<String, usize>,
}

impl Snapshot {
    /// The snapshot of `new`, reusing the rows of `prev` that did not change; true when
    /// anything changed.
    fn update(prev: Option<Snapshot>, new: &[GridRow]) -> (Snapshot, bool) {
        let first = prev.is_none();
        let prev = prev.unwrap_or_default();
        let same_keys =
            prev.rows.len() == new.len() && prev.rows.iter().zip(new).all(|(a, b)| a.key == b.key);
        let mut changed = first || !same_keys;
        let rows: Vec<Arc<GridRow>> = new
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let old = if same_keys {
                    prev.rows.get(i)
                } else {
                    prev.index.get(&row.key).and_then(|&j| prev.rows.get(j))
                };
                match old {
                    Some(old) if **old == *row => Arc::clone(old),
                    _ => {
                        changed = true;
                        Arc::new(row.clone())
                    }
                }
            })
            .collect();
        let index = if same_keys {
            prev.index
        } else {
            rows.iter()
                .enumerate()
                .map(|(i, r)| (r.key.clone(), i))
                .collect()
        };
        (Snapshot { rows, index }, changed)
    }
}

/// A selected range of more than one cell: (first row, first col, last row, last col).
type Range = (usize, usize, usize, usize);

/// The signals of one row, read by the row's view and cells. The grid sets them only when
/// that row changed, so a change of one row (or of the selection) does not reach the other
/// rows at all: a memo or signal read by every row would make every cell check itself on each
/// change (with 2 000 rows × 13 columns that costs more than everything else).
#[derive(Clone)]
struct RowSlot {
    /// The row's data.
    data: ArcRwSignal<Arc<GridRow>>,
    /// The row's index.
    index: ArcRwSignal<usize>,
    /// The selected column, when the selected cell is in this row.
    selected: ArcRwSignal<Option<usize>>,
    /// The column being edited, when the edited cell is in this row.
    editing: ArcRwSignal<Option<usize>>,
    /// The columns of the selected range in this row (first, last), when a range is selected.
    range: ArcRwSignal<Option<(usize, usize)>>,
    /// The refused cells of this row: (column, reason), by column.
    errors: ArcRwSignal<Vec<(usize, String)>>,
}

/// What a row shows of the selection: (selected column, edited column, range columns), for
/// the row at index `i`.
type RowMarks = (Option<usize>, Option<usize>, Option<(usize, usize)>);

/// The columns of `range` in row `i`.
fn range_in_row(range: Option<Range>, i: usize) -> Option<(usize, usize)> {
    range.and_then(|(r1, c1, r2, c2)| (r1 <= i && i <= r2).then_some((c1, c2)))
}

/// The errors of the row with key `key`, by column.
fn errors_of_row(errors: &HashMap<(String, usize), String>, key: &str) -> Vec<(usize, String)> {
    if errors.is_empty() {
        return Vec::new();
    }
    let mut v: Vec<(usize, String)> = errors
        .iter()
        .filter(|((k, _), _)| k == key)
        .map(|((_, c), msg)| (*c, msg.clone()))
        .collect();
    v.sort();
    v
}

/// Sets `signal` to `value` when it differs (a set always notifies).
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: &ArcRwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

/// The spreadsheet grid.
#[component]
pub fn Grid(
    /// Unique element id of the table (used to find cells for focus).
    #[prop(into)]
    id: String,
    /// Table caption (the table's accessible name).
    #[prop(into)]
    caption: Signal<String>,
    /// Column headers.
    #[prop(into)]
    columns: Signal<Vec<GridColumn>>,
    /// Rows, derived from the plan.
    #[prop(into)]
    rows: Signal<Vec<GridRow>>,
    /// Receives typed / pasted / cleared text; returns the refused cells with their reasons.
    /// All accepted cells of one call must become one undo step.
    on_write: Callback<Vec<CellWrite>, Result<(), WriteErrors>>,
    /// The selected cell (owned by the caller so row actions can use it).
    #[prop(optional)]
    selection: Option<RwSignal<Pos>>,
    /// Index of the column rendered as the row header (`<th scope="row">`).
    #[prop(optional)]
    header_col: usize,
) -> impl IntoView {
    let sel = selection.unwrap_or_else(|| RwSignal::new((0, 0)));
    let anchor = RwSignal::new(sel.get_untracked());
    // True while the grid itself extends the selection to a range. Any other change of the
    // selection (also by the owner, e.g. to follow a line that moved) starts a new range there.
    let extending = StoredValue::new(false);
    Effect::new(move |_| {
        let p = sel.get();
        if !extending.get_value() && anchor.get_untracked() != p {
            anchor.set(p);
        }
        extending.set_value(false);
    });
    let editing = RwSignal::new(None::<Editing>);
    let draft = RwSignal::new(String::new());
    // Errors by (row key, column), so they stay with their row when rows move.
    let errors = RwSignal::new(HashMap::<(String, usize), String>::new());

    // The incoming rows and columns are read once per change (a derived signal may build or
    // clone them on every read). The event handlers read these memos; the views read signals
    // that the effects below set only for what changed (see `RowSlot`).
    let rows = Memo::new_owning(move |prev: Option<Snapshot>| {
        rows.with(|new| Snapshot::update(prev, new))
    });
    let columns = Memo::new(move |_| columns.get());
    // The selected range when it is more than one cell.
    let range_memo = Memo::new(move |_| {
        let (r1, c1) = sel.get();
        let (r2, c2) = anchor.get();
        ((r1, c1) != (r2, c2)).then(|| (r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2)))
    });
    // What the views read: the row keys (for the keyed `For`), the columns, and one `RowSlot`
    // per row key.
    let row_keys = RwSignal::new(Vec::<String>::new());
    let view_columns = RwSignal::new(Vec::<GridColumn>::new());
    let slots = StoredValue::new(HashMap::<String, RowSlot>::new());
    // The selection marks of the row at index `i` (read untracked).
    let marks = move |i: usize| -> RowMarks {
        let (sr, sc) = sel.get_untracked();
        let ed = editing.with_untracked(|e| e.as_ref().and_then(|e| (e.row == i).then_some(e.col)));
        (
            (sr == i).then_some(sc),
            ed,
            range_in_row(range_memo.get_untracked(), i),
        )
    };
    let set_marks = |slot: &RowSlot, (selected, ed, range): RowMarks| {
        set_if_changed(&slot.selected, selected);
        set_if_changed(&slot.editing, ed);
        set_if_changed(&slot.range, range);
    };
    // Recomputes the marks of the rows at these indexes.
    let refresh_rows = move |indexes: &mut dyn Iterator<Item = usize>| {
        rows.with_untracked(|s| {
            slots.with_value(|map| {
                for i in indexes {
                    if let Some(slot) = s.rows.get(i).and_then(|row| map.get(&row.key)) {
                        set_marks(slot, marks(i));
                    }
                }
            })
        })
    };
    let sync_rows = RenderEffect::new(move |_| {
        rows.with(|s| {
            slots.update_value(|map| {
                if map.len() != s.rows.len() || map.keys().any(|k| !s.index.contains_key(k)) {
                    map.retain(|k, _| s.index.contains_key(k));
                }
                errors.with_untracked(|errs| {
                    for (i, row) in s.rows.iter().enumerate() {
                        if let Some(slot) = map.get(&row.key) {
                            if !slot.data.with_untracked(|d| Arc::ptr_eq(d, row)) {
                                slot.data.set(Arc::clone(row));
                            }
                            if slot.index.get_untracked() != i {
                                slot.index.set(i);
                                set_marks(slot, marks(i));
                            }
                        } else {
                            let (selected, ed, range) = marks(i);
                            map.insert(
                                row.key.clone(),
                                RowSlot {
                                    data: ArcRwSignal::new(Arc::clone(row)),
                                    index: ArcRwSignal::new(i),
                                    selected: ArcRwSignal::new(selected),
                                    editing: ArcRwSignal::new(ed),
                                    range: ArcRwSignal::new(range),
                                    errors: ArcRwSignal::new(errors_of_row(errs, &row.key)),
                                },
                            );
                        }
                    }
                });
            });
            let same_keys = row_keys.with_untracked(|keys| {
                keys.len() == s.rows.len() && keys.iter().zip(&s.rows).all(|(k, r)| *k == r.key)
            });
            if !same_keys {
                row_keys.set(s.rows.iter().map(|r| r.key.clone()).collect());
            }
        });
    });
    let sync_columns = RenderEffect::new(move |_| {
        columns.with(|c| {
            if view_columns.with_untracked(|v| v != c) {
                view_columns.set(c.clone());
            }
        })
    });
    // Selection, editing and range: only the rows they were or are in change.
    let sync_selected = RenderEffect::new(move |prev: Option<usize>| {
        let r = sel.with(|s| s.0);
        refresh_rows(&mut prev.into_iter().chain([r]));
        r
    });
    let sync_editing = RenderEffect::new(move |prev: Option<Option<usize>>| {
        let r = editing.with(|e| e.as_ref().map(|e| e.row));
        refresh_rows(&mut prev.flatten().into_iter().chain(r));
        r
    });
    let sync_range = RenderEffect::new(move |prev: Option<Option<Range>>| {
        let range = range_memo.get();
        refresh_rows(
            &mut [prev.flatten(), range]
                .into_iter()
                .flatten()
                .flat_map(|(r1, _, r2, _)| r1..=r2),
        );
        range
    });
    // Errors: only the rows that had or have one change.
    let sync_errors = RenderEffect::new(move |prev: Option<Vec<String>>| {
        errors.with(|errs| {
            let mut keys: Vec<String> = errs.keys().map(|(k, _)| k.clone()).collect();
            keys.sort();
            keys.dedup();
            slots.with_value(|map| {
                for k in prev.iter().flatten().chain(&keys) {
                    if let Some(slot) = map.get(k) {
                        set_if_changed(&slot.errors, errors_of_row(errs, k));
                    }
                }
            });
            keys
        })
    });
    // Kept alive as long as the grid.
    StoredValue::new((sync_rows, sync_columns, sync_errors));
    StoredValue::new((sync_selected, sync_editing, sync_range));

    let n_rows = move || rows.with_untracked(|s| s.rows.len());
    let n_cols = move || columns.with_untracked(Vec::len);
    let cell_at = move |r: usize, c: usize| {
        rows.with_untracked(|s| s.rows.get(r).and_then(|row| row.cells.get(c).cloned()))
    };
    let key_at = move |r: usize| rows.with_untracked(|s| s.rows.get(r).map(|row| row.key.clone()));

    let table_id = id.clone();
    let focus_cell = move |(r, c): Pos| {
        let selector = format!("#{} [data-row=\"{r}\"][data-col=\"{c}\"]", table_id);
        let Some(el) = document().query_selector(&selector).ok().flatten() else {
            return;
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
                input.select();
            }
        }
    };
    let focus_cell = StoredValue::new(focus_cell);

    let select = move |p: Pos, extend: bool| {
        let rows_n = n_rows();
        let cols_n = n_cols();
        if rows_n == 0 || cols_n == 0 {
            return;
        }
        let p = (p.0.min(rows_n - 1), p.1.min(cols_n - 1));
        extending.set_value(extend);
        sel.set(p);
        if !extend {
            anchor.set(p);
        }
        focus_cell.with_value(|f| f(p));
    };

    // Clears the errors of the written cells and records the refused ones (positions as they
    // were when written, keyed by the row keys of then). Notifies only when something changes.
    let set_errors = move |results: &[(usize, usize, String)],
                           cleared: &[((String, usize), Pos)]| {
        let key_of = |p: Pos| {
            cleared
                .iter()
                .find(|(_, q)| *q == p)
                .map(|(k, _)| k.clone())
        };
        let stale = errors
            .with_untracked(|e| !e.is_empty() && cleared.iter().any(|(k, _)| e.contains_key(k)));
        if !stale && results.is_empty() {
            return;
        }
        errors.update(|e| {
            for (k, _) in cleared {
                e.remove(k);
            }
            for (r, c, msg) in results {
                if let Some(k) = key_of((*r, *c)).or_else(|| key_at(*r).map(|k| (k, *c))) {
                    e.insert(k, msg.clone());
                }
            }
        });
    };

    // Hands writes to the owner; returns true when all were accepted.
    let write = move |writes: Vec<CellWrite>| -> bool {
        if writes.is_empty() {
            return true;
        }
        let written: Vec<((String, usize), Pos)> = writes
            .iter()
            .filter_map(|w| key_at(w.row).map(|k| ((k, w.col), (w.row, w.col))))
            .collect();
        match on_write.run(writes) {
            Ok(()) => {
                set_errors(&[], &written);
                true
            }
            Err(errs) => {
                set_errors(&errs, &written);
                errs.is_empty()
            }
        }
    };

    let start_edit = move |p: Pos, mode: Mode, text: String| {
        let Some(cell) = cell_at(p.0, p.1) else {
            return;
        };
        if !cell.editable {
            return;
        }
        draft.set(text);
        editing.set(Some(Editing {
            row: p.0,
            col: p.1,
            mode,
            original: cell.edit,
        }));
    };

    // Ends the edit; returns false when the text was refused (the cell keeps its old value).
    let commit = move || -> bool {
        let Some(ed) = editing.get_untracked() else {
            return true;
        };
        editing.set(None);
        let text = draft.get_untracked();
        if text == ed.original {
            return true;
        }
        write(vec![CellWrite {
            row: ed.row,
            col: ed.col,
            text,
        }])
    };

    let cancel = move || {
        editing.set(None);
    };

    let range = move || {
        let (r1, c1) = sel.get_untracked();
        let (r2, c2) = anchor.get_untracked();
        (r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2))
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let shift = ev.shift_key();
        let (r, c) = sel.get_untracked();
        let rows_n = n_rows();
        let cols_n = n_cols();
        if rows_n == 0 || cols_n == 0 {
            return;
        }
        if let Some(ed) = editing.get_untracked() {
            match key.as_str() {
                "Enter" => {
                    ev.prevent_default();
                    if commit() {
                        let next = if shift {
                            r.saturating_sub(1)
                        } else {
                            (r + 1).min(rows_n - 1)
                        };
                        select((next, c), false);
                    } else {
                        select((r, c), false);
                    }
                }
                "Tab" => {
                    if commit() {
                        let next = if shift {
                            c.checked_sub(1)
                        } else {
                            (c + 1 < cols_n).then_some(c + 1)
                        };
                        // At the last column Tab leaves the grid.
                        if let Some(nc) = next {
                            ev.prevent_default();
                            select((r, nc), false);
                        }
                    } else {
                        ev.prevent_default();
                        select((r, c), false);
                    }
                }
                "Escape" => {
                    ev.prevent_default();
                    cancel();
                    select((r, c), false);
                }
                "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" if ed.mode == Mode::Typing => {
                    ev.prevent_default();
                    if commit() {
                        let p = step((r, c), &key, false, rows_n, cols_n);
                        select(p, false);
                    } else {
                        select((r, c), false);
                    }
                }
                "z" | "Z" | "y" | "Y" if ctrl => {
                    // Undo while editing = cancel the edit (and not the previous change).
                    ev.prevent_default();
                    cancel();
                    select((r, c), false);
                }
                _ => {}
            }
            return;
        }
        match key.as_str() {
            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp"
            | "PageDown" => {
                ev.prevent_default();
                let p = step((r, c), &key, ctrl, rows_n, cols_n);
                select(p, shift);
            }
            "Tab" => {
                let next = if shift {
                    c.checked_sub(1)
                } else {
                    (c + 1 < cols_n).then_some(c + 1)
                };
                if let Some(nc) = next {
                    ev.prevent_default();
                    select((r, nc), false);
                }
            }
            "Enter" | "F2" => {
                ev.prevent_default();
                if let Some(cell) = cell_at(r, c) {
                    if cell.editable {
                        start_edit((r, c), Mode::Caret, cell.edit.clone());
                    } else if key == "Enter" {
                        select(((r + 1).min(rows_n - 1), c), false);
                    }
                }
            }
            "Delete" => {
                ev.prevent_default();
                let (r1, c1, r2, c2) = range();
                let writes: Vec<CellWrite> = (r1..=r2)
                    .flat_map(|rr| (c1..=c2).map(move |cc| (rr, cc)))
                    .filter(|&(rr, cc)| {
                        cell_at(rr, cc).is_some_and(|cell| cell.editable && !cell.edit.is_empty())
                    })
                    .map(|(row, col)| CellWrite {
                        row,
                        col,
                        text: String::new(),
                    })
                    .collect();
                write(writes);
            }
            "Backspace" => {
                ev.prevent_default();
                start_edit((r, c), Mode::Typing, String::new());
            }
            "Escape" => {
                anchor.set((r, c));
            }
            k if !ctrl && !ev.alt_key() && k.chars().count() == 1 => {
                // Type-to-edit: the character replaces the cell's text (default action inserts it
                // into the now empty input).
                if cell_at(r, c).is_some_and(|cell| cell.editable) {
                    if let Some(input) = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        input.set_value("");
                    }
                    start_edit((r, c), Mode::Typing, String::new());
                } else {
                    ev.prevent_default();
                }
            }
            _ => {}
        }
    };

    let on_copy = move |ev: leptos::ev::ClipboardEvent| {
        if editing.get_untracked().is_some() {
            return; // copying text inside the editor
        }
        let (r1, c1, r2, c2) = range();
        let block: Vec<Vec<String>> = (r1..=r2)
            .map(|r| {
                (c1..=c2)
                    .map(|c| cell_at(r, c).map(|cell| cell.copy).unwrap_or_default())
                    .collect()
            })
            .collect();
        if let Some(data) = ev.clipboard_data() {
            if data.set_data("text/plain", &write_tsv(&block)).is_ok() {
                ev.prevent_default();
            }
        }
    };

    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        if editing.get_untracked().is_some() {
            return; // pasting text into the editor
        }
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        ev.prevent_default();
        let block = parse_tsv(&text);
        let (r1, c1, r2, c2) = range();
        let rows_n = n_rows();
        let cols_n = n_cols();
        let single = block.len() == 1 && block[0].len() == 1;
        let mut writes = Vec::new();
        if single && (r1, c1) != (r2, c2) {
            for r in r1..=r2 {
                for c in c1..=c2 {
                    writes.push(CellWrite {
                        row: r,
                        col: c,
                        text: block[0][0].clone(),
                    });
                }
            }
        } else {
            for (i, line) in block.iter().enumerate() {
                for (j, text) in line.iter().enumerate() {
                    let (r, c) = (r1 + i, c1 + j);
                    if r < rows_n && c < cols_n {
                        writes.push(CellWrite {
                            row: r,
                            col: c,
                            text: text.clone(),
                        });
                    }
                }
            }
        }
        writes.retain(|w| cell_at(w.row, w.col).is_some_and(|cell| cell.editable));
        if let (Some(first), Some(last)) = (writes.first().cloned(), writes.last().cloned()) {
            write(writes);
            sel.set((last.row, last.col));
            anchor.set((first.row, first.col));
        }
    };

    let grid_id = Signal::stored(id.clone());
    let ctx = GridCtx {
        grid_id,
        draft,
        slots,
        columns: view_columns,
        header_col,
    };
    let on_cell_input = move |p: Pos, text: String| {
        if editing.with_untracked(|e| e.as_ref().map(|e| (e.row, e.col)) != Some(p)) {
            // Text arrived without a key press first (autofill, a test's fill()).
            start_edit(p, Mode::Typing, String::new());
        }
        draft.set(text);
    };
    let on_cell_focus = move |p: Pos| {
        if sel.get_untracked() != p {
            if editing.with_untracked(Option::is_some) {
                commit();
            }
            sel.set(p);
            anchor.set(p);
        }
    };
    let on_cell_blur = move |p: Pos| {
        if editing.with_untracked(|e| e.as_ref().map(|e| (e.row, e.col)) == Some(p)) {
            commit();
        }
    };
    let on_cell_mousedown = move |p: Pos, shift: bool| {
        if shift {
            extending.set_value(true);
            sel.set(p);
        } else {
            if editing.with_untracked(Option::is_some) && sel.get_untracked() != p {
                commit();
            }
            sel.set(p);
            anchor.set(p);
        }
    };
    let on_cell_dblclick = move |p: Pos| {
        if let Some(cell) = cell_at(p.0, p.1) {
            start_edit(p, Mode::Caret, cell.edit);
        }
    };
    // The cells' events are handled here, once for the table (not one listener per cell): the
    // cell is the closest element with `data-row` / `data-col`. `focusin` / `focusout` are
    // `focus` / `blur` that bubble.
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        if let Some((p, _)) = event_cell(&ev) {
            on_cell_focus(p);
        }
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        if let Some((p, true)) = event_cell(&ev) {
            on_cell_blur(p);
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        if let Some((p, true)) = event_cell(&ev) {
            on_cell_input(p, event_target_value(&ev));
        }
    };
    let on_mousedown = move |ev: leptos::ev::MouseEvent| {
        if let Some((p, _)) = event_cell(&ev) {
            on_cell_mousedown(p, ev.shift_key());
        }
    };
    let on_dblclick = move |ev: leptos::ev::MouseEvent| {
        if let Some((p, true)) = event_cell(&ev) {
            on_cell_dblclick(p);
        }
    };

    view! {
        <div class="table-wrap">
            <table
                class="data grid"
                id=id
                on:keydown=on_keydown
                on:copy=on_copy
                on:paste=on_paste
                on:focusin=on_focusin
                on:focusout=on_focusout
                on:input=on_input
                on:mousedown=on_mousedown
                on:dblclick=on_dblclick
            >
                <caption>{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {move || {
                            view_columns
                                .get()
                                .into_iter()
                                .map(|col| {
                                    view! {
                                        <th scope="col" class=col.class class:num=col.numeric>
                                            {col.header}
                                        </th>
                                    }
                                })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || row_keys.get()
                        key=|k| k.clone()
                        children=move |key| view! { <GridRowView row_key=key ctx=ctx /> }
                    />
                </tbody>
            </table>
        </div>
    }
}

/// The moved position for a navigation key.
fn step((r, c): Pos, key: &str, jump: bool, rows_n: usize, cols_n: usize) -> Pos {
    let last_r = rows_n.saturating_sub(1);
    let last_c = cols_n.saturating_sub(1);
    match key {
        "ArrowUp" if jump => (0, c),
        "ArrowDown" if jump => (last_r, c),
        "ArrowLeft" if jump => (r, 0),
        "ArrowRight" if jump => (r, last_c),
        "ArrowUp" => (r.saturating_sub(1), c),
        "ArrowDown" => ((r + 1).min(last_r), c),
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "ArrowRight" => (r, (c + 1).min(last_c)),
        "Home" if jump => (0, 0),
        "End" if jump => (last_r, last_c),
        "Home" => (r, 0),
        "End" => (r, last_c),
        "PageUp" => (r.saturating_sub(10), c),
        "PageDown" => ((r + 10).min(last_r), c),
        _ => (r, c),
    }
}

/// Grid state shared with the rows.
#[derive(Clone, Copy)]
struct GridCtx {
    grid_id: Signal<String>,
    draft: RwSignal<String>,
    slots: StoredValue<HashMap<String, RowSlot>>,
    columns: RwSignal<Vec<GridColumn>>,
    header_col: usize,
}

/// One row's signals (a `RowSlot` as `Copy` handles owned by the row's view).
#[derive(Clone, Copy)]
struct RowCtx {
    data: RwSignal<Arc<GridRow>>,
    index: RwSignal<usize>,
    selected: RwSignal<Option<usize>>,
    editing: RwSignal<Option<usize>>,
    range: RwSignal<Option<(usize, usize)>>,
    errors: RwSignal<Vec<(usize, String)>>,
}

/// The cell an event happened in (the closest element with `data-row` and `data-col`), and
/// whether it happened in the cell's input.
fn event_cell(ev: &web_sys::Event) -> Option<(Pos, bool)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let in_input = target.has_type::<web_sys::HtmlInputElement>();
    let cell = target.closest("[data-row][data-col]").ok()??;
    let attr = |name: &str| cell.get_attribute(name)?.parse::<usize>().ok();
    Some(((attr("data-row")?, attr("data-col")?), in_input))
}

/// One row of the grid (its index follows the row's position).
#[component]
fn GridRowView(
    /// The row's key.
    row_key: String,
    /// Grid state.
    ctx: GridCtx,
) -> impl IntoView {
    let slot = ctx.slots.with_value(|m| m.get(&row_key).cloned());
    let Some(slot) = slot else {
        // Not possible: the keys are set after the slots.
        return ().into_any();
    };
    let row = RowCtx {
        data: slot.data.into(),
        index: slot.index.into(),
        selected: slot.selected.into(),
        editing: slot.editing.into(),
        range: slot.range.into(),
        errors: slot.errors.into(),
    };
    let data = row.data;
    let class = move || data.with(|r| r.class);
    let n_cols = move || ctx.columns.with(Vec::len);
    view! {
        <tr class=class>
            <For
                each=move || 0..n_cols()
                key=|c| *c
                children=move |c| {
                    view! { <GridCellView row=row col=c ctx=ctx /> }
                }
            />
        </tr>
    }
    .into_any()
}

/// One cell: an input when editable, text otherwise; the row header column is a `<th>`.
#[component]
fn GridCellView(
    /// The row's state.
    row: RowCtx,
    /// Column index.
    col: usize,
    /// Grid state.
    ctx: GridCtx,
) -> impl IntoView {
    let cell = Memo::new(move |_| row.data.with(|r| r.cells.get(col).cloned()));
    let editable = Memo::new(move |_| cell.with(|c| c.as_ref().is_some_and(|c| c.editable)));
    let index = row.index;
    let is_editing = move || row.editing.with(|e| *e == Some(col));
    let is_selected = move || row.selected.with(|s| *s == Some(col));
    let in_range = move || {
        row.range
            .with(|r| r.is_some_and(|(c1, c2)| c1 <= col && col <= c2))
    };
    let has_error = move || row.errors.with(|e| e.iter().any(|(c, _)| *c == col));
    let error = move || {
        row.errors.with(|e| {
            e.iter()
                .find(|(c, _)| *c == col)
                .map(|(_, msg)| msg.clone())
        })
    };
    let numeric = move || {
        ctx.columns
            .with(|cs| cs.get(col).is_some_and(|c| c.numeric))
    };
    let class = move || {
        let mut s = String::from("cell");
        s.push_str(if numeric() { " num" } else { " text" });
        if !editable.get() {
            s.push_str(" readonly");
        }
        if is_selected() {
            s.push_str(" selected");
        }
        if in_range() {
            s.push_str(" in-range");
        }
        if is_editing() {
            s.push_str(" editing");
        }
        if has_error() {
            s.push_str(" invalid");
        }
        s
    };
    let display = move || cell.with(|c| c.as_ref().map(|c| c.display.clone()).unwrap_or_default());
    let value = move || {
        if is_editing() {
            ctx.draft.get()
        } else {
            display()
        }
    };
    let label = move || cell.with(|c| c.as_ref().map(|c| c.label.clone()).unwrap_or_default());
    let testid = move || cell.with(|c| c.as_ref().and_then(|c| c.testid.clone()));
    let tabindex = move || if is_selected() { "0" } else { "-1" };
    let err_id = move || format!("{}-fel-{}-{}", ctx.grid_id.get(), index.get(), col);
    let data_row = move || index.get();

    // (Events are handled by the table: see `event_cell`.)
    let input = move || {
        view! {
            <input
                type="text"
                autocomplete="off"
                spellcheck="false"
                aria-label=label
                aria-invalid=move || has_error().to_string()
                aria-describedby=move || has_error().then(err_id)
                tabindex=tabindex
                prop:value=value
            />
        }
    };
    let text = move || view! { <span>{display}</span> };
    let error_view = move || {
        error().map(|msg| view! { <span class="cell-error" role="alert" id=err_id()>{msg}</span> })
    };
    // Rebuilt only when the cell becomes editable or read-only; a read-only cell is focusable
    // itself.
    let header = col == ctx.header_col;
    move || match (header, editable.get()) {
        (true, true) => view! {
            <th scope="row" class=class data-row=data_row data-col=col data-testid=testid>
                {input()}
                {error_view}
            </th>
        }
        .into_any(),
        (true, false) => view! {
            <th
                scope="row"
                class=class
                data-row=data_row
                data-col=col
                data-testid=testid
                tabindex=tabindex
            >
                {text()}
                {error_view}
            </th>
        }
        .into_any(),
        (false, true) => view! {
            <td class=class data-row=data_row data-col=col data-testid=testid>
                {input()}
                {error_view}
            </td>
        }
        .into_any(),
        (false, false) => view! {
            <td class=class data-row=data_row data-col=col data-testid=testid tabindex=tabindex>
                {text()}
                {error_view}
            </td>
        }
        .into_any(),
    }
}

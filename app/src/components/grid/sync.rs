//! Keeping the rendered rows in step with the data at the least cost: the incoming rows are
//! diffed once per change into a [`Snapshot`] that reuses every unchanged row, and each
//! rendered row derives its own values from it ([`RowCtx`]: its data, index, selection marks
//! and errors, each a memo that notifies only when that row's value changed). An edit of one
//! line therefore re-renders that line and the sums it changes, not the grid. Nothing here
//! writes a signal: every value is derived (issue 19, "no signal is written from an effect").

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::state::{GridState, Range};
use super::GridRow;

/// The rows as the grid keeps them: one shared copy per row (a row that did not change keeps
/// its `Arc`, so the row views can tell by pointer that nothing changed), the index of every
/// key and which rows can be edited. Built once per change of the rows, in O(rows).
#[derive(Default)]
pub(super) struct Snapshot {
    pub rows: Vec<Arc<GridRow>>,
    pub index: HashMap<String, usize>,
    /// Per row: its kind is editable and it has an editable cell (where navigation stops).
    pub editable: Vec<bool>,
    /// Per row: when its key appeared (a count of keys seen): a key that was gone and is back
    /// is another row (e.g. another line with a reused id), so what was said about the
    /// earlier one (a refused cell) is not shown on it.
    pub born: Vec<u64>,
    /// The next `born` number.
    births: u64,
}

/// A row as a view hands it in: built anew ([`GridRow`]) or kept by key (`Arc<GridRow>`, the
/// same `Arc` while the row is unchanged, so it is recognised without comparing).
pub(super) trait IncomingRow {
    fn row(&self) -> &GridRow;
    /// True when `old` shows the same row.
    fn same_as(&self, old: &Arc<GridRow>) -> bool;
    fn to_shared(&self) -> Arc<GridRow>;
}

impl IncomingRow for GridRow {
    fn row(&self) -> &GridRow {
        self
    }
    fn same_as(&self, old: &Arc<GridRow>) -> bool {
        **old == *self
    }
    fn to_shared(&self) -> Arc<GridRow> {
        Arc::new(self.clone())
    }
}

impl IncomingRow for Arc<GridRow> {
    fn row(&self) -> &GridRow {
        self
    }
    fn same_as(&self, old: &Arc<GridRow>) -> bool {
        Arc::ptr_eq(self, old) || **old == **self
    }
    fn to_shared(&self) -> Arc<GridRow> {
        Arc::clone(self)
    }
}

impl Snapshot {
    /// The snapshot of `new`, reusing the rows of `prev` that did not change; true when
    /// anything changed.
    pub fn update<R: IncomingRow>(prev: Option<Snapshot>, new: &[R]) -> (Snapshot, bool) {
        let first = prev.is_none();
        let prev = prev.unwrap_or_default();
        let same_keys = prev.rows.len() == new.len()
            && prev.rows.iter().zip(new).all(|(a, b)| a.key == b.row().key);
        let mut changed = first || !same_keys;
        let mut births = prev.births;
        let mut born = Vec::with_capacity(if same_keys { 0 } else { new.len() });
        let rows: Vec<Arc<GridRow>> = new
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let j = if same_keys {
                    Some(i)
                } else {
                    let j = prev.index.get(&row.row().key).copied();
                    born.push(match j.and_then(|j| prev.born.get(j)) {
                        Some(b) => *b,
                        None => {
                            births += 1;
                            births
                        }
                    });
                    j
                };
                match j.and_then(|j| prev.rows.get(j)) {
                    Some(old) if row.same_as(old) => Arc::clone(old),
                    _ => {
                        changed = true;
                        row.to_shared()
                    }
                }
            })
            .collect();
        let born = if same_keys { prev.born } else { born };
        let index = if same_keys {
            prev.index
        } else {
            rows.iter()
                .enumerate()
                .map(|(i, r)| (r.key.clone(), i))
                .collect()
        };
        let editable = rows
            .iter()
            .map(|r| r.kind.editable() && r.cells.iter().any(|c| c.editable))
            .collect();
        (
            Snapshot {
                rows,
                index,
                editable,
                born,
                births,
            },
            changed,
        )
    }

    /// When the row with `key` appeared (see [`Snapshot::born`]); `None` when it is gone.
    pub fn born_of(&self, key: &str) -> Option<u64> {
        self.index.get(key).and_then(|&i| self.born.get(i).copied())
    }
}

/// One rendered row's values, each derived from the grid's state and notifying only when this
/// row's value changed: a change of one row (or of the selection) reaches the other rows'
/// memos, which find nothing changed, and not their cells. (A memo or signal read by every
/// *cell* would make every cell check itself on each change.)
#[derive(Clone, Copy)]
pub(super) struct RowCtx {
    /// The row's data.
    pub data: Memo<Arc<GridRow>>,
    /// The row's index.
    pub index: Memo<usize>,
    /// The selected column, when the selected cell is in this row.
    pub selected: Memo<Option<usize>>,
    /// The column being edited, when the edited cell is in this row.
    pub editing: Memo<Option<usize>>,
    /// The columns of the selected range in this row (first, last), when a range is selected.
    pub range: Memo<Option<(usize, usize)>>,
    /// The refused cells of this row: (column, reason), by column.
    pub errors: Memo<Vec<(usize, String)>>,
}

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

/// The values of the rendered row with `key` (`None` when the grid has no such row). Made when
/// the row is rendered and dropped with it, so a grid of many rows derives values only for the
/// rows in view.
pub(super) fn row_ctx(st: GridState, key: String) -> Option<RowCtx> {
    let first = st.rows.with_untracked(|s| {
        let i = *s.index.get(&key)?;
        Some((i, Arc::clone(s.rows.get(i)?)))
    })?;
    let k = key.clone();
    // (index, data); while the row leaves the grid (its view is about to go) it keeps the last.
    let entry = Memo::new(move |prev: Option<&(usize, Arc<GridRow>)>| {
        st.rows
            .with(|s| {
                let i = *s.index.get(&k)?;
                Some((i, Arc::clone(s.rows.get(i)?)))
            })
            .or_else(|| prev.cloned())
            .unwrap_or_else(|| first.clone())
    });
    let index = Memo::new(move |_| entry.with(|e| e.0));
    let data = Memo::new(move |_| entry.with(|e| Arc::clone(&e.1)));
    let selected = Memo::new(move |_| {
        let i = index.get();
        st.sel.with(|&(r, c)| (r == i).then_some(c))
    });
    let editing = Memo::new(move |_| {
        let i = index.get();
        st.editing
            .with(|e| e.as_ref().and_then(|e| (e.row == i).then_some(e.col)))
    });
    let range = Memo::new(move |_| range_in_row(st.range_memo.get(), index.get()));
    let errors = Memo::new(move |_| st.shown_errors.with(|e| errors_of_row(e, &key)));
    Some(RowCtx {
        data,
        index,
        selected,
        editing,
        range,
        errors,
    })
}

/// The row keys in order, derived from the rows (the same list while the keys are the same).
pub(super) fn row_keys(rows: Memo<Snapshot>) -> Memo<Vec<String>> {
    Memo::new_owning(move |prev: Option<Vec<String>>| {
        rows.with(|s| match prev {
            Some(keys)
                if keys.len() == s.rows.len()
                    && keys.iter().zip(&s.rows).all(|(k, r)| *k == r.key) =>
            {
                (keys, false)
            }
            _ => (s.rows.iter().map(|r| r.key.clone()).collect(), true),
        })
    })
}

/// The distinct option lists of the cells (shared lists compare by pointer first), derived
/// from the rows.
pub(super) fn option_lists(rows: Memo<Snapshot>) -> Memo<Vec<Arc<[String]>>> {
    Memo::new(move |_| {
        rows.with(|s| {
            let mut lists: Vec<Arc<[String]>> = Vec::new();
            for cell in s.rows.iter().flat_map(|r| &r.cells) {
                if let Some(o) = &cell.options {
                    if !lists.contains(o) {
                        lists.push(Arc::clone(o));
                    }
                }
            }
            lists
        })
    })
}

//! Fill down and right (Ctrl+D / Ctrl+R, as in Excel): the selected range's first row (or
//! column) is written into the rest of the range as one write, so one undo step. With one row
//! (or column) selected the cell above (or to the left) is copied in. The text copied is the
//! cell's edit text: exact amounts, and a formula stays a formula.

use super::state::GridState;
use super::CellWrite;

/// Which way to fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fill {
    /// Ctrl+D: from the top row down.
    Down,
    /// Ctrl+R: from the left column right.
    Right,
}

/// Fills the selection (nothing when there is no row above / column to the left).
pub(super) fn fill(st: GridState, way: Fill) {
    let (r1, c1, r2, c2) = st.range();
    // The source row (column) and the rows (columns) to fill.
    let (source, targets): (usize, Vec<usize>) = match way {
        Fill::Down if r1 == r2 => {
            // The nearest row above where typing counts.
            let Some(above) = (0..r1)
                .rev()
                .find(|r| st.kind_at(*r).is_some_and(|k| k.editable()))
            else {
                return;
            };
            (above, vec![r1])
        }
        Fill::Down => (r1, (r1 + 1..=r2).collect()),
        Fill::Right if c1 == c2 => match c1.checked_sub(1) {
            Some(left) => (left, vec![c1]),
            None => return,
        },
        Fill::Right => (c1, (c1 + 1..=c2).collect()),
    };
    // A lane is a column when filling down, a row when filling right; `at(lane, k)` is the
    // cell at position `k` along it.
    let lanes = match way {
        Fill::Down => c1..=c2,
        Fill::Right => r1..=r2,
    };
    let at = |lane: usize, k: usize| match way {
        Fill::Down => (k, lane),
        Fill::Right => (lane, k),
    };
    let mut writes = Vec::new();
    for lane in lanes {
        let (sr, sc) = at(lane, source);
        let Some(from) = st.cell_at(sr, sc).filter(|cell| cell.editable) else {
            continue;
        };
        for &k in &targets {
            let (row, col) = at(lane, k);
            if st
                .cell_at(row, col)
                .is_some_and(|cell| cell.editable && cell.edit != from.edit)
            {
                writes.push(CellWrite {
                    row,
                    col,
                    text: from.edit.clone(),
                });
            }
        }
    }
    st.write(writes);
}

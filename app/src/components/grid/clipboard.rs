//! Copy and paste: the selected range as TSV (decimal comma, no grouping), and a pasted TSV
//! block written from the selected cell as one write (one undo step). Both work on the row
//! data, so a block may reach rows that are not rendered.

use leptos::prelude::*;

use super::state::GridState;
use super::CellWrite;
use samplan_engine::csv::{read_tsv, write_tsv};

/// Ctrl+C: the selected range as TSV.
pub(super) fn on_copy(st: GridState, ev: leptos::ev::ClipboardEvent) {
    if st.editing.get_untracked().is_some() {
        return; // copying text inside the editor
    }
    let (r1, c1, r2, c2) = st.range();
    let block: Vec<Vec<String>> = (r1..=r2)
        .map(|r| {
            (c1..=c2)
                .map(|c| st.cell_at(r, c).map(|cell| cell.copy).unwrap_or_default())
                .collect()
        })
        .collect();
    if let Some(data) = ev.clipboard_data() {
        if data.set_data("text/plain", &write_tsv(&block)).is_ok() {
            ev.prevent_default();
        }
    }
}

/// Ctrl+V: a TSV block from the selected cell, or one value into every selected cell.
/// A block the owner takes as rows ([`super::paste`]) is not pasted cell by cell.
pub(super) fn on_paste(
    st: GridState,
    ev: leptos::ev::ClipboardEvent,
    rows: Option<super::paste::PasteRows>,
) {
    if st.editing.get_untracked().is_some() {
        return; // pasting text into the editor
    }
    let Some(text) = ev
        .clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
    else {
        return;
    };
    ev.prevent_default();
    let block = read_tsv(&text);
    let (r1, c1, r2, c2) = st.range();
    // Hook (issue 17): paste that understands rows.
    if super::paste::offer(st, rows, &block, (r1, c1)) {
        return;
    }
    let rows_n = st.n_rows();
    let cols_n = st.n_cols();
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
    writes.retain(|w| st.cell_at(w.row, w.col).is_some_and(|cell| cell.editable));
    if let (Some(first), Some(last)) = (writes.first().cloned(), writes.last().cloned()) {
        st.write(writes);
        st.set_range((first.row, first.col), (last.row, last.col));
    }
}

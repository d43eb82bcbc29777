//! Where the navigation keys move the selected cell (pure functions, unit tested).

use super::Pos;

/// The moved position for a navigation key, before skipping rows that cannot be edited.
pub(super) fn step((r, c): Pos, key: &str, jump: bool, rows_n: usize, cols_n: usize) -> Pos {
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

/// True when the key moves between rows (and so should skip rows that cannot be edited).
pub(super) fn moves_rows(key: &str, jump: bool) -> bool {
    matches!(key, "ArrowUp" | "ArrowDown" | "PageUp" | "PageDown")
        || (jump && matches!(key, "Home" | "End"))
}

/// The row a move from row `from` towards row `to` lands on, stopping only where typing counts
/// (`editable[i]`): `to` itself when editable, else the nearest editable row beyond it in the
/// move's direction, else the nearest one back towards (and past) `from`. In a grid without
/// editable rows every row is a stop.
pub(super) fn land(editable: &[bool], from: usize, to: usize) -> usize {
    if editable.get(to).copied().unwrap_or(true) || !editable.contains(&true) {
        return to;
    }
    let down = (to..editable.len()).find(|&i| editable[i]);
    let up = (0..to).rev().find(|&i| editable[i]);
    let (ahead, behind) = if to >= from { (down, up) } else { (up, down) };
    ahead.or(behind).unwrap_or(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Heading, line, line, subtotal, heading, line, total.
    const ROWS: [bool; 7] = [false, true, true, false, false, true, false];

    #[test]
    fn moves_skip_rows_that_cannot_be_edited() {
        // Down from the last line of a group: past the subtotal and the heading.
        assert_eq!(land(&ROWS, 2, 3), 5);
        // Up from the first line of the second group.
        assert_eq!(land(&ROWS, 5, 4), 2);
        // Down from the last line: nothing ahead, so it stays.
        assert_eq!(land(&ROWS, 5, 6), 5);
        // Ctrl+Home lands on the first line, Ctrl+End on the last.
        assert_eq!(land(&ROWS, 5, 0), 1);
        assert_eq!(land(&ROWS, 1, 6), 5);
        // An editable target is kept.
        assert_eq!(land(&ROWS, 1, 2), 2);
    }

    #[test]
    fn read_only_grids_move_freely() {
        assert_eq!(land(&[false, false, false], 0, 1), 1);
        assert_eq!(land(&[], 0, 0), 0);
    }

    #[test]
    fn steps() {
        assert_eq!(step((3, 2), "ArrowDown", true, 10, 5), (9, 2));
        assert_eq!(step((3, 2), "End", true, 10, 5), (9, 4));
        assert_eq!(step((3, 2), "PageUp", false, 10, 5), (0, 2));
        assert!(moves_rows("End", true) && !moves_rows("End", false));
    }
}

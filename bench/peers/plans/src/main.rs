//! Writes the plans of `engine/benches/compute.rs` as plan files into the directory given as
//! the only argument:
//!
//! - `generated.samplan.json`: `samplan_engine::generated_plan(2000, 10, 300)`, the plan the criterion bench uses,
//! - `generated-edited.samplan.json`: the same after the benchmarked edit (line 1000, 2026),
//! - `example.samplan.json` and `example-edited.samplan.json`: the example plan, before and
//!   after the edit of `edit_and_compute/example_plan` (line 14, 2026).
//!
//! `edits.json` records both edits (line index, year, new amount) for `bench/peers/run.mjs`.

use std::path::PathBuf;

use samplan_engine::allocation::*;
use samplan_engine::bounds::*;
use samplan_engine::chart::*;
use samplan_engine::csv::*;
use samplan_engine::figures::*;
use samplan_engine::format::*;
use samplan_engine::input::*;
use samplan_engine::lever::*;
use samplan_engine::municipality::*;
use samplan_engine::names::*;
use samplan_engine::new_plan::*;
use samplan_engine::check_code::*;
use samplan_engine::workbook::*;
use samplan_engine::diff::*;
use samplan_engine::versions::*;
use samplan_engine::*;


fn edited(plan: &Plan, line: usize, year: Year, kr: i64) -> Plan {
    let mut p = plan.clone();
    let id = p.lines[line].id;
    let e = Edit::set_line_amount(&p, None, id, year, Amount::kr(kr)).expect("line exists");
    apply(&mut p, &e).expect("edit applies");
    p
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: samplan-bench-plans DIR"),
    );
    std::fs::create_dir_all(&dir).expect("create the output directory");
    let write = |name: &str, text: String| {
        std::fs::write(dir.join(name), text).expect("write a plan file");
    };
    // (plan, line index, year, new amount in kr)
    let big = generated_plan(2_000, 10, 300);
    let big_edit = (1_000usize, 2026, 123_457i64);
    let example = example_plan();
    let example_edit = (14usize, 2026, 2_000_001i64);
    write("generated.samplan.json", plan_to_json(&big));
    write(
        "generated-edited.samplan.json",
        plan_to_json(&edited(&big, big_edit.0, big_edit.1, big_edit.2)),
    );
    write("example.samplan.json", plan_to_json(&example));
    write(
        "example-edited.samplan.json",
        plan_to_json(&edited(
            &example,
            example_edit.0,
            example_edit.1,
            example_edit.2,
        )),
    );
    write(
        "edits.json",
        format!(
            "{{\"generated\":{{\"line\":{},\"year\":{},\"amount\":{}}},\"example\":{{\"line\":{},\"year\":{},\"amount\":{}}}}}\n",
            big_edit.0, big_edit.1, big_edit.2, example_edit.0, example_edit.1, example_edit.2
        ),
    );
}

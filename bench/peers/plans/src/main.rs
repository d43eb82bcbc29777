//! Writes the plans of `engine/benches/compute.rs` as plan files into the directory given as
//! the only argument:
//!
//! - `generated.samplan.json`: `generated_plan(2000, 10, 300)` (copied from the bench below;
//!   keep the two identical),
//! - `generated-edited.samplan.json`: the same after the benchmarked edit (line 1000, 2026),
//! - `example.samplan.json` and `example-edited.samplan.json`: the example plan, before and
//!   after the edit of `edit_and_compute/example_plan` (line 14, 2026).
//!
//! `edits.json` records both edits (line index, year, new amount) for `bench/peers/run.mjs`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rust_decimal::Decimal;
use samplan_engine::*;

/// Copy of `generated_plan` in `engine/benches/compute.rs`.
fn generated_plan(lines: usize, years: u32, members: usize) -> Plan {
    let mut p = Plan::empty("Genererad", 2026, years - 1);
    p.year_inputs.insert(
        2026,
        YearInput {
            funding: FundingInput::Total(Amount::kr(400_000_000)),
            ..YearInput::default()
        },
    );
    for (i, y) in p.years.clone().into_iter().enumerate().skip(1) {
        let pct = Decimal::from(i as i64 % 3);
        p.year_inputs.insert(
            y,
            YearInput {
                funding: FundingInput::PreviousPlusPercent(pct),
                ..YearInput::default()
            },
        );
    }
    for i in 0..members {
        let id = MemberId(p.fresh_id());
        let mut values = BTreeMap::new();
        values.insert(
            2026,
            KeyValues {
                population: Some(2_000 + (i as u64 * 7_919) % 150_000),
                ..KeyValues::default()
            },
        );
        p.members.push(Member {
            id,
            name: format!("Kommun {i:03}"),
            kind: MemberKind::Kommun,
            first_year: None,
            last_year: None,
            values,
        });
    }
    let cats = [
        Category::Individinsatser,
        Category::Individinsatser,
        Category::Strukturpaverkande,
        Category::Processtod,
        Category::Styrelse,
        Category::Kansli,
        Category::OvrigaIntakter,
        Category::FinansiellaIntakter,
        Category::FinansiellaKostnader,
    ];
    for i in 0..lines {
        let id = LineId(p.fresh_id());
        let mut l = BudgetLine::new(id, format!("Post {i:04}"), Some(cats[i % cats.len()]));
        l.account = Some(format!("{}", 10_000 + i));
        if i % 50 == 0 {
            l.split = vec![
                SplitShare {
                    category: Category::Kansli,
                    percent: Decimal::from(50),
                },
                SplitShare {
                    category: Category::Processtod,
                    percent: Decimal::from(50),
                },
            ];
        }
        for (k, y) in p.years.iter().enumerate() {
            l.amounts.insert(
                *y,
                Amount::kr(100_000 + (i as i64 * 1_237 + k as i64 * 911) % 90_000),
            );
        }
        l.outcome.insert(
            2026,
            Outcome {
                ytd: Some(Amount::kr(60_000 + (i as i64 * 313) % 40_000)),
                final_amount: None,
            },
        );
        p.lines.push(l);
    }
    for name in ["Äskande", "Staten −10 %"] {
        let id = ScenarioId(p.fresh_id());
        let mut o = Overrides::default();
        o.funding
            .insert(2027, FundingInput::Total(Amount::kr(380_000_000)));
        p.scenarios.push(Scenario {
            id,
            name: name.into(),
            overrides: o,
        });
    }
    p
}

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

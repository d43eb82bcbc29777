//! Benchmarks of [`compute`]: a generated large plan (2 000 lines × 10 years × 300 members) and
//! the example plan (40 lines × 5 years × 12 members), plus one edit followed by a full
//! recompute (`edit_and_compute/`) or by the incremental [`Recalc::apply`] (`edit_and_recalc/`,
//! what the app does on every keystroke), and the plan file round trip.
//!
//! Run: `cargo bench -p samplan-engine --bench compute -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use samplan_engine::figures::*;
use samplan_engine::*;

fn bench(c: &mut Criterion) {
    let big = generated_plan(2_000, 10, 300);
    let example = example_plan();
    c.bench_function("compute/generated_2000_lines_10_years_300_members", |b| {
        b.iter(|| compute(black_box(&big)))
    });
    c.bench_function("allocations/generated_10_years_300_members", |b| {
        b.iter(|| black_box(&big).allocations())
    });
    c.bench_function("follow_up/generated_one_year", |b| {
        b.iter(|| {
            follow_up(
                black_box(&big),
                2026,
                OutcomeBasis::Best,
                Amount::kr(400_000_000),
            )
        })
    });
    c.bench_function("compute/example_plan", |b| {
        b.iter(|| compute(black_box(&example)))
    });
    c.bench_function("edit_and_compute/example_plan", |b| {
        let mut p = example.clone();
        let line = p.lines[14].id;
        let mut v = 0i64;
        b.iter(|| {
            v += 1;
            let e = Edit::set_line_amount(&p, None, line, 2026, Amount::kr(2_000_000 + v))
                .expect("line");
            apply(&mut p, &e).expect("apply");
            black_box(compute(&p))
        })
    });
    // One budget cell edited (the line and year bench/peers edits), then the report brought up
    // to date incrementally; each iteration writes another amount.
    for (name, plan, index) in [
        (
            "edit_and_recalc/generated_2000_lines_10_years_300_members",
            &big,
            1_000,
        ),
        ("edit_and_recalc/example_plan", &example, 14),
    ] {
        c.bench_function(name, |b| {
            let mut p = plan.clone();
            let mut recalc = Recalc::new(&p);
            let line = p.lines[index].id;
            let mut v = 0i64;
            b.iter(|| {
                v += 1;
                let e = Edit::set_line_amount(&p, None, line, 2026, Amount::kr(123_457 + v))
                    .expect("line");
                apply(&mut p, &e).expect("apply");
                black_box(recalc.apply(&p, &e).years.len())
            })
        });
    }
    c.bench_function(
        "edit_and_compute/generated_2000_lines_10_years_300_members",
        |b| {
            let mut p = big.clone();
            let line = p.lines[1_000].id;
            let mut v = 0i64;
            b.iter(|| {
                v += 1;
                let e = Edit::set_line_amount(&p, None, line, 2026, Amount::kr(123_457 + v))
                    .expect("line");
                apply(&mut p, &e).expect("apply");
                black_box(compute(&p))
            })
        },
    );
    c.bench_function("compare/generated_base_vs_scenario", |b| {
        let s = Some(big.scenarios[0].id);
        b.iter(|| compare(black_box(&big), None, s))
    });
    let json = plan_to_json(&big);
    c.bench_function("plan_file/read_generated", |b| {
        b.iter(|| plan_from_json(black_box(&json)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

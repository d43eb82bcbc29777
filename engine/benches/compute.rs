//! Benchmarks of [`compute`]: a generated large plan (2 000 lines × 10 years × 300 members) and
//! the example plan (40 lines × 5 years × 12 members), plus one edit followed by a recompute
//! (what the app does on every keystroke) and the plan file round trip.
//!
//! Run: `cargo bench -p samplan-engine --bench compute -- --warm-up-time 1 --measurement-time 3`

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal::Decimal;
use samplan_engine::*;

/// A deterministic large plan: `lines` budget lines over `years` years and `members`
/// municipalities with populations (every 50th line split 50/50 Kansli/Processtöd, outcome for
/// the first year, two scenarios).
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

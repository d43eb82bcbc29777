//! Benchmarks of the CSV imports at 100 000 rows, read and applied as the app does it
//! (`read_*_csv` → `to_edit` → [`apply`]):
//!
//! - a budget CSV of 100 000 lines × 4 years into an empty plan;
//! - the same file again into the plan that already has the lines (every row matched, nothing
//!   changes), and a version with every amount changed (100 000 updated lines);
//! - a ledger of 100 000 rows for 100 000 accounts against a plan with those lines;
//! - 100 000 unknown accounts mapped or ignored one by one in the preview, or all at once;
//! - a members CSV of 100 000 new municipalities, read and applied.
//!
//! Run: `cargo bench -p samplan-engine --bench import -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use samplan_engine::csv::*;
use samplan_engine::*;

const ROWS: usize = 100_000;

fn empty_plan() -> Plan {
    Plan::empty("Import", 2026, 3)
}

/// `Konto;Post;Kategori;2026;2027;2028;2029;Kommun;Notering`, one row per line.
fn budget_csv(rows: usize, bump: i64) -> Vec<u8> {
    let mut s = String::with_capacity(rows * 80);
    s.push_str("Konto;Post;Kategori;2026;2027;2028;2029;Kommun;Notering\r\n");
    let categories = ["Individinsatser", "Struktur", "Processtöd", "Kansli"];
    for i in 0..rows {
        let base = 10_000 + (i as i64 * 37) % 900_000 + bump;
        s.push_str(&format!(
            "{};Post nummer {i};{};{};{};{};{};Ort {};rad {i}\r\n",
            100_000 + i,
            categories[i % categories.len()],
            base,
            base + 1_000,
            base + 2_000,
            base + 3_000,
            i % 50
        ));
    }
    s.into_bytes()
}

/// `Konto;Belopp`, one ledger row per account.
fn ledger_csv(rows: usize) -> Vec<u8> {
    let mut s = String::with_capacity(rows * 20);
    s.push_str("Konto;Belopp\r\n");
    for i in 0..rows {
        s.push_str(&format!("{};{},50\r\n", 100_000 + i, 1_000 + i % 7_000));
    }
    s.into_bytes()
}

fn import_budget(plan: &mut Plan, csv: &[u8]) {
    let imp = read_budget_csv(csv, None, plan).expect("budget import");
    let edit = imp.to_edit(plan).expect("edit");
    apply(plan, &edit).expect("apply");
}

fn bench_imports(c: &mut Criterion) {
    let csv = budget_csv(ROWS, 0);
    let changed = budget_csv(ROWS, 5);
    let ledger = ledger_csv(ROWS);
    let mut full = empty_plan();
    import_budget(&mut full, &csv);
    assert_eq!(full.lines.len(), ROWS);

    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("budget 100k rows into an empty plan", |b| {
        b.iter_batched(
            empty_plan,
            |mut p| {
                import_budget(&mut p, black_box(&csv));
                p
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("budget 100k rows again (all matched, no change)", |b| {
        b.iter_batched(
            || full.clone(),
            |mut p| {
                import_budget(&mut p, black_box(&csv));
                p
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("budget 100k rows again, every amount changed", |b| {
        b.iter_batched(
            || full.clone(),
            |mut p| {
                import_budget(&mut p, black_box(&changed));
                p
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("ledger 100k accounts, read and apply", |b| {
        b.iter_batched(
            || full.clone(),
            |mut p| {
                let imp = read_outcome_csv(black_box(&ledger), None, &p, 2026, OutcomeKind::Final)
                    .expect("ledger");
                assert!(imp.unmatched.is_empty());
                let edit = imp.to_edit(&p).expect("edit");
                apply(&mut p, &edit).expect("apply");
                p
            },
            criterion::BatchSize::LargeInput,
        )
    });
    // 100 000 unknown accounts, mapped (half) and ignored (half) one by one as the user does
    // in the preview: each step must find its row without a search over all of them.
    let unknown: String = std::iter::once("Konto;Belopp\n".to_string())
        .chain((0..ROWS).map(|i| format!("x{i};1\n")))
        .collect();
    let target = full.lines.first().map(|l| l.id).expect("a line");
    g.bench_function("ledger 100k unknown accounts, map and ignore each", |b| {
        b.iter_batched(
            || {
                read_outcome_csv(unknown.as_bytes(), None, &full, 2026, OutcomeKind::Final)
                    .expect("unknown")
            },
            |mut imp| {
                for i in (0..ROWS).rev().filter(|i| i % 2 == 1) {
                    assert!(imp.map(&format!("x{i}"), target));
                }
                for i in (0..ROWS).filter(|i| i % 2 == 0) {
                    assert!(imp.ignore(&format!("x{i}")));
                }
                imp
            },
            criterion::BatchSize::LargeInput,
        )
    });
    // Members: 100 000 new municipalities, read and applied (an id lookup per member must not
    // scan the list: this was quadratic, 19 s at 100 000 rows).
    let members: String = std::iter::once("Medlem;Typ;Invånare\r\n".to_string())
        .chain((0..ROWS).map(|i| format!("Kommun {i};Kommun;{}\r\n", 1_000 + i % 90_000)))
        .collect();
    g.bench_function("members 100k rows, read and apply", |b| {
        b.iter_batched(
            empty_plan,
            |mut p| {
                let imp = read_members_csv(black_box(members.as_bytes()), None).expect("members");
                let (edit, _) = imp.to_edit(&p, 2026).expect("edit");
                apply(&mut p, &edit).expect("apply");
                p
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("ledger 100k unknown accounts, ignore all", |b| {
        b.iter_batched(
            || {
                read_outcome_csv(unknown.as_bytes(), None, &full, 2026, OutcomeKind::Final)
                    .expect("unknown")
            },
            |mut imp| {
                imp.ignore_all();
                imp
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench_imports);
criterion_main!(benches);

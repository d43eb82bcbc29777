//! Round trips are identities for every export/import pair (docs/csv.md "Round trips", issue
//! 21), over generated plans whose files have empty and extra columns:
//!
//! - members: the export of any plan whose key column is filled for every municipality (other
//!   key columns filled or not, also filled for all: two full columns) reads back against the
//!   plan and changes nothing, also with extra and empty columns added;
//! - members: a generated file (key columns in any order, gaps in the other key columns, extra
//!   columns, rows longer than the header) imported into a generated plan, then exported and
//!   imported again, changes nothing when the result can be allocated (every municipality has
//!   a value for the key) — the property the fuzzer found broken with
//!   fuzz/regressions/members-csv/members-reimport-seed777001.bin (key Belopp turned Invånare);
//! - budget: the export with extra and empty columns added reads back as no edit.
//!
//! (The plan file round trip over generated plans is in `csv_round_trip.rs`.)

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::csv::*;
use samplan_engine::*;

const YEARS: [Year; 3] = [2026, 2027, 2028];

fn base_plan() -> Plan {
    Plan::empty("Rundresa", YEARS[0], (YEARS.len() - 1) as u32)
}

fn key_of(k: usize) -> Key {
    match k {
        0 => Key::single(KeyMethod::Population),
        1 => Key::single(KeyMethod::Percent),
        2 => Key::Amount,
        _ => Key::Mix(vec![
            KeyPart {
                method: KeyMethod::Equal,
                weight: Decimal::from(20),
            },
            KeyPart {
                method: KeyMethod::Population,
                weight: Decimal::from(80),
            },
        ]),
    }
}

/// One member: kind (0 Stat, 1 Region, else Kommun) and the three values, each maybe empty.
type Spec = (usize, Option<u64>, Option<i64>, Option<i64>);

fn spec() -> impl Strategy<Value = Spec> {
    (
        0usize..8,
        proptest::option::of(0u64..=1_000_000_000),
        proptest::option::of(0i64..=100_000_000),
        proptest::option::of(0i64..=100_000_000_000_000),
    )
}

fn values(s: &Spec) -> KeyValues {
    KeyValues {
        population: s.1,
        percent: s.2.map(|m| Decimal::new(m, 6)),
        amount: s.3.map(|o| Amount(Decimal::new(o, 2))),
    }
}

/// At most one Stat and one Region; the rest municipalities.
fn kinds(specs: &[Spec]) -> Vec<MemberKind> {
    let (mut stat, mut region) = (false, false);
    specs
        .iter()
        .map(|s| match s.0 {
            0 if !stat => {
                stat = true;
                MemberKind::Stat
            }
            1 if !region => {
                region = true;
                MemberKind::Region
            }
            _ => MemberKind::Kommun,
        })
        .collect()
}

/// A plan keyed by `key` whose municipalities all have the key's value in `year` (else any
/// values, in any column).
fn members_plan(specs: &[Spec], key: usize, year: Year) -> Plan {
    let mut plan = base_plan();
    plan.settings.kommun_key = key_of(key);
    for (i, (s, kind)) in specs.iter().zip(kinds(specs)).enumerate() {
        let mut v = values(s);
        if kind == MemberKind::Kommun {
            match key {
                1 => v.percent = v.percent.or(Some(Decimal::ONE)),
                2 => v.amount = v.amount.or(Some(Amount::kr(1))),
                _ => v.population = v.population.or(Some(1)),
            }
        }
        let id = MemberId(plan.fresh_id());
        let mut vals = BTreeMap::new();
        if v != KeyValues::default() {
            vals.insert(year, v);
        }
        plan.members.push(Member {
            id,
            name: format!("Medlem {i}"),
            kind,
            first_year: None,
            last_year: None,
            values: vals,
        });
    }
    plan
}

/// `csv` (an export: `;`, CRLF) with an extra named column and an empty one added at the end;
/// `cells` fills the named column row by row (cycled).
fn with_extra_columns(csv: &[u8], cells: &[String]) -> Vec<u8> {
    let text = String::from_utf8_lossy(csv);
    let mut out = String::new();
    for (i, line) in text.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        let extra = if i == 0 {
            "Extra;Tom".to_string()
        } else {
            let c = cells
                .get(i % cells.len().max(1))
                .cloned()
                .unwrap_or_default();
            format!("{c};")
        };
        out.push_str(&format!("{line};{extra}\r\n"));
    }
    out.into_bytes()
}

fn note() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zåäö ]{1,12}".prop_map(|s| s.trim().to_string())
    ]
}

/// Swedish number text for a file cell (export style: decimal comma, no grouping).
fn sv(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// True when every municipality has a value in the column of the plan's municipal key (and
/// every region in the regional key's, when there are several regions).
fn complete(plan: &Plan, year: Year) -> bool {
    let regions = plan
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Region)
        .count();
    filled(
        plan,
        year,
        MemberKind::Kommun,
        &plan.settings.kommun_key_for(year),
    ) && (regions < 2
        || filled(
            plan,
            year,
            MemberKind::Region,
            &plan.settings.region_key_for(year),
        ))
}

fn filled(plan: &Plan, year: Year, kind: MemberKind, key: &Key) -> bool {
    plan.members.iter().filter(|m| m.kind == kind).all(|m| {
        let v = m.values_for(year);
        match key {
            Key::Amount => v.amount.is_some(),
            Key::Mix(parts) if parts.iter().any(|p| p.method == KeyMethod::Percent) => {
                v.percent.is_some()
            }
            Key::Mix(parts) if parts.iter().any(|p| p.method == KeyMethod::Population) => {
                v.population.is_some()
            }
            Key::Mix(_) => true,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The members export, with extra and empty columns or without, reads back against the
    /// plan and changes nothing, also when two key columns are full.
    #[test]
    fn members_export_import_is_identity_with_extra_columns(
        specs in proptest::collection::vec(spec(), 1..10),
        key in 0usize..4,
        year_index in 0usize..3,
        notes in proptest::collection::vec(note(), 1..4),
        extra in any::<bool>(),
    ) {
        let year = YEARS[year_index];
        let plan = members_plan(&specs, key, year);
        prop_assume!(plan.members.iter().any(|m| m.kind == MemberKind::Kommun));
        let mut csv = export_members_csv(&plan, None, year);
        if extra {
            csv = with_extra_columns(&csv, &notes);
        }
        let imp = read_members_csv_for(&csv, None, &plan, year)
            .map_err(|e| TestCaseError::fail(format!("own export reads back: {e}\n{}", String::from_utf8_lossy(&csv))))?;
        let (edit, actions) = imp.to_edit(&plan, year).expect("edit");
        prop_assert!(actions.iter().all(|a| *a == MemberAction::Update));
        prop_assert!(edit.is_noop(), "re-import changes nothing: {:?}", edit);
    }

    /// A generated file imported into a generated plan, exported and imported again: no edit.
    #[test]
    fn members_import_then_export_import_is_identity(
        plan_specs in proptest::collection::vec(spec(), 1..8),
        plan_key in 0usize..4,
        file_specs in proptest::collection::vec(spec(), 1..8),
        file_key in 0usize..3,
        columns in proptest::sample::subsequence(vec![0usize, 1, 2], 0..=3),
        order in 0usize..6,
        notes in proptest::collection::vec(note(), 1..4),
        long_rows in any::<bool>(),
        year_index in 0usize..3,
    ) {
        let year = YEARS[year_index];
        let plan = members_plan(&plan_specs, plan_key, year);
        // The file: the key column and some others, in some order, plus an extra column.
        let mut cols: Vec<usize> = columns;
        if !cols.contains(&file_key) {
            cols.push(file_key);
        }
        let shift = order % cols.len();
        cols.rotate_left(shift);
        let header = ["Invånare", "Andel", "Belopp"];
        let mut text = String::from("Medlem;Typ");
        for c in &cols {
            text.push(';');
            text.push_str(header[*c]);
        }
        text.push_str(";Extra\r\n");
        // Some names the plan has (updates), some new.
        for (i, (s, kind)) in file_specs.iter().zip(kinds(&file_specs)).enumerate() {
            let name = if i % 2 == 0 { format!("Medlem {i}") } else { format!("Ny {i}") };
            let mut v = values(s);
            if kind == MemberKind::Kommun {
                match file_key {
                    1 => v.percent = v.percent.or(Some(Decimal::ONE)),
                    2 => v.amount = v.amount.or(Some(Amount::kr(1))),
                    _ => v.population = v.population.or(Some(1)),
                }
            }
            text.push_str(&format!("{name};{}", kind.label()));
            for c in &cols {
                let cell = match c {
                    0 => v.population.map(|p| p.to_string()),
                    1 => v.percent.map(sv),
                    _ => v.amount.map(|a| sv(a.value())),
                };
                text.push(';');
                text.push_str(&cell.unwrap_or_default());
            }
            text.push(';');
            text.push_str(&notes[i % notes.len()]);
            if long_rows {
                text.push_str(";;");
            }
            text.push_str("\r\n");
        }
        let Ok(imp) = read_members_csv_for(text.as_bytes(), None, &plan, year) else {
            // A file the rules refuse (e.g. two full key columns, neither the plan's).
            return Ok(());
        };
        let Ok((edit, _)) = imp.to_edit(&plan, year) else { return Ok(()) };
        let mut imported = plan.clone();
        apply(&mut imported, &edit).expect("an import edit applies");

        // A plan without municipalities has no members file (the file needs a Kommun row).
        prop_assume!(imported.members.iter().any(|m| m.kind == MemberKind::Kommun));
        // A plan that can be allocated: every municipality has a value for the key (else the
        // export has no full key column to read back; the plan shows what is missing).
        prop_assume!(complete(&imported, year));
        let csv = export_members_csv(&imported, None, year);
        let again = read_members_csv_for(&csv, None, &imported, year)
            .map_err(|e| TestCaseError::fail(format!("export reads back: {e}\n{}", String::from_utf8_lossy(&csv))))?;
        let (edit, _) = again.to_edit(&imported, year).expect("edit");
        prop_assert!(edit.is_noop(), "re-import changes nothing: {:?}\nfile:\n{}", edit, text);
    }

    /// The budget export with an extra and an empty column reads back as no edit.
    #[test]
    fn budget_export_import_with_extra_columns_is_identity(
        lines in proptest::collection::vec(
            (proptest::option::of("[0-9]{4}"), "[A-Za-zåäö]{1,10}", 0usize..8, proptest::collection::vec(proptest::option::of(0i64..=10_000_000_000), 3)),
            1..10,
        ),
        notes in proptest::collection::vec(note(), 1..4),
    ) {
        let mut plan = base_plan();
        let mut seen = std::collections::HashSet::new();
        for (account, name, category, amounts) in &lines {
            if !seen.insert(name.to_lowercase()) {
                continue;
            }
            let id = LineId(plan.fresh_id());
            let mut line = BudgetLine::new(id, name.clone(), Some(Category::ALL[*category]));
            line.account = account.clone();
            for (y, a) in YEARS.iter().zip(amounts) {
                if let Some(o) = a {
                    line.amounts.insert(*y, Amount(Decimal::new(*o, 2)));
                }
            }
            plan.lines.push(line);
        }
        let csv = with_extra_columns(&export_budget_csv(&plan, None), &notes);
        let imp = read_budget_csv(&csv, None, &plan)
            .map_err(|e| TestCaseError::fail(format!("export reads back: {e}\n{}", String::from_utf8_lossy(&csv))))?;
        prop_assert_eq!(imp.new_lines().count(), 0);
        let edit = imp.to_edit(&plan).expect("edit");
        prop_assert!(edit.is_noop(), "re-import changes nothing: {:?}", edit);
    }
}

/// The fuzzer's input (fuzz/regressions/members-csv/members-reimport-seed777001.bin): a
/// `Belopp` file with empty extra cells for 7 of the example's 10 municipalities. After the
/// import the plan is keyed by `Belopp`; its export has `Invånare` for all ten and `Belopp`
/// for seven, and importing that again must keep the key (it turned into `Invånare`).
#[test]
fn members_reimport_seed777001_keeps_the_key() {
    let input = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/regressions/members-csv/members-reimport-seed777001.bin"
    ))
    .expect("the kept fuzz input");
    let base = example_plan();
    let year = base.years[0];
    let import = read_members_csv_for(&input, None, &base, year).expect("the file reads");
    assert_eq!(import.kommun_key, Key::Amount);
    let (edit, _) = import.to_edit(&base, year).expect("edit");
    let mut plan = base.clone();
    apply(&mut plan, &edit).expect("apply");
    assert_eq!(plan.settings.kommun_key_for(year), Key::Amount);
    let csv = export_members_csv(&plan, None, year);
    let again = read_members_csv_for(&csv, None, &plan, year).expect("the export reads back");
    let (edit, _) = again.to_edit(&plan, year).expect("edit");
    assert!(edit.is_noop(), "members re-import is not a no-op: {edit:?}");
}

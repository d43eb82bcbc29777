//! Round trips are identity (docs/csv.md, docs/plan-file.md): exporting the budget, the members
//! or the whole plan and importing the result again changes nothing, for any name, account or
//! amount within the bounds (docs/bounds.md), including text the formula guard protects
//! (`=x`, `'=x`, `-5`, `@x`) and markup (`<script>`), which stays plain text.
//!
//! Text is compared in the form every door stores it: without surrounding whitespace (imports
//! trim text cells, the app trims what is typed).

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::csv::*;
use samplan_engine::*;

const YEARS: [Year; 3] = [2026, 2027, 2028];

/// Text as every door stores it: any characters but NUL, no surrounding whitespace, often
/// starting with a character the formula guard protects or with markup.
fn text(min: usize) -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        Just(""),
        Just("="),
        Just("+"),
        Just("-"),
        Just("@"),
        Just("'"),
        Just("''="),
        Just("'="),
        Just("'-"),
        Just("<script>"),
        Just("\"")
    ];
    (prefix, "[^\u{0}]{0,12}")
        .prop_map(|(p, s)| format!("{p}{s}").trim().to_string())
        .prop_filter("long enough", move |s| s.chars().count() >= min)
}

/// An amount within the bounds of a budget amount: 0 to 10^12 kr with at most two decimals.
fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        (0i64..=100_000_000_000_000).prop_map(|ore| Amount(Decimal::new(ore, 2))),
        (0i64..=1_000_000).prop_map(Amount::kr),
        Just(Amount::kr(1_000_000_000_000)),
        Just(Amount::ZERO),
    ]
}

#[derive(Clone, Debug)]
struct LineSpec {
    account: Option<String>,
    name: String,
    category: Option<usize>,
    split: Option<(usize, usize, u32)>,
    amounts: Vec<Option<Amount>>,
    municipality: Option<String>,
    note: String,
}

fn line_spec() -> impl Strategy<Value = LineSpec> {
    (
        proptest::option::of(text(1)),
        text(1),
        proptest::option::of(0usize..8),
        proptest::option::of((0usize..8, 0usize..8, 0u32..=100_000_000)),
        proptest::collection::vec(proptest::option::of(amount()), YEARS.len()),
        proptest::option::of(text(1)),
        text(0),
    )
        .prop_map(
            |(account, name, category, split, amounts, municipality, note)| LineSpec {
                account,
                name,
                category,
                split,
                amounts,
                municipality,
                note,
            },
        )
}

fn build_lines(plan: &mut Plan, specs: &[LineSpec]) {
    for s in specs {
        let id = LineId(plan.fresh_id());
        let mut line = BudgetLine::new(id, s.name.clone(), s.category.map(|c| Category::ALL[c]));
        line.account = s.account.clone();
        if let Some((a, b, micro)) = s.split {
            if a != b {
                // micro / 10^6 percent on the first category, the rest on the second.
                let first = Decimal::new(i64::from(micro), 6);
                line.split = vec![
                    SplitShare {
                        category: Category::ALL[a],
                        percent: first,
                    },
                    SplitShare {
                        category: Category::ALL[b],
                        percent: Decimal::ONE_HUNDRED - first,
                    },
                ];
                line.category = Some(Category::ALL[a]);
            }
        }
        for (y, a) in YEARS.iter().zip(&s.amounts) {
            if let Some(a) = a {
                line.amounts.insert(*y, *a);
            }
        }
        line.municipality = s.municipality.clone();
        line.note = s.note.clone();
        plan.lines.push(line);
    }
}

fn base_plan() -> Plan {
    Plan::empty("Rundresa", YEARS[0], (YEARS.len() - 1) as u32)
}

/// The lines without their ids, for comparing an import into an empty plan.
fn content(plan: &Plan) -> Vec<BudgetLine> {
    plan.lines
        .iter()
        .map(|l| BudgetLine {
            id: LineId(0),
            ..l.clone()
        })
        .collect()
}

#[derive(Clone, Debug)]
struct MemberSpec {
    name: String,
    kind: usize,
    population: Option<u64>,
    percent: Option<Decimal>,
    amount: Option<Amount>,
}

fn member_spec() -> impl Strategy<Value = MemberSpec> {
    (
        text(1),
        0usize..10,
        proptest::option::of(0u64..=1_000_000_000),
        proptest::option::of((0i64..=100_000_000).prop_map(|m| Decimal::new(m, 6))),
        proptest::option::of(amount()),
    )
        .prop_map(|(name, kind, population, percent, amount)| MemberSpec {
            name,
            kind,
            population,
            percent,
            amount,
        })
}

/// A plan whose members CSV is unambiguous: the municipal key's column is filled for every
/// municipality and every other key column is left empty for the first one.
fn members_plan(specs: &[MemberSpec], key: usize, year: Year) -> Plan {
    let mut plan = base_plan();
    plan.settings.kommun_key = match key {
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
    };
    let mut seen = std::collections::HashSet::new();
    let mut has_state = false;
    let mut has_region = false;
    let mut first_kommun = true;
    for s in specs {
        if !seen.insert(s.name.to_lowercase()) {
            continue;
        }
        // Mostly municipalities; at most one Stat and one Region.
        let kind = match s.kind {
            0 if !has_state => {
                has_state = true;
                MemberKind::Stat
            }
            1 if !has_region => {
                has_region = true;
                MemberKind::Region
            }
            _ => MemberKind::Kommun,
        };
        let mut v = KeyValues {
            population: s.population,
            percent: s.percent,
            amount: s.amount,
        };
        if kind == MemberKind::Kommun {
            let (pop, pct, amt) = (
                s.population.unwrap_or(1),
                s.percent.unwrap_or(Decimal::ONE),
                s.amount.unwrap_or(Amount::kr(1)),
            );
            match key {
                1 => v.percent = Some(pct),
                2 => v.amount = Some(amt),
                _ => v.population = Some(pop),
            }
            if first_kommun {
                if key != 0 && key != 3 {
                    v.population = None;
                }
                if key != 1 {
                    v.percent = None;
                }
                if key != 2 {
                    v.amount = None;
                }
                first_kommun = false;
            }
        }
        let id = MemberId(plan.fresh_id());
        let mut values = BTreeMap::new();
        if v != KeyValues::default() {
            values.insert(year, v);
        }
        plan.members.push(Member {
            id,
            name: s.name.clone(),
            kind,
            first_year: None,
            last_year: None,
            values,
        });
    }
    plan
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Budget export → import into the same plan is no edit at all; into an empty plan it
    /// gives the same lines.
    #[test]
    fn budget_export_import_is_identity(specs in proptest::collection::vec(line_spec(), 1..12)) {
        let mut plan = base_plan();
        build_lines(&mut plan, &specs);
        let csv = export_budget_csv(&plan, None);

        let imp = read_budget_csv(&csv, None, &plan).expect("own export reads back");
        prop_assert_eq!(imp.new_lines().count(), 0, "every row matches its line");
        for (row, line) in imp.lines.iter().zip(&plan.lines) {
            prop_assert_eq!(row.matched, Some(line.id));
        }
        let edit = imp.to_edit(&plan).expect("edit");
        prop_assert!(edit.is_noop(), "re-import changes nothing: {:?}", edit);
        let mut again = plan.clone();
        apply(&mut again, &edit).expect("apply");
        prop_assert_eq!(&again, &plan);

        let mut empty = base_plan();
        let imp = read_budget_csv(&csv, None, &empty).expect("import into an empty plan");
        let edit = imp.to_edit(&empty).expect("edit");
        apply(&mut empty, &edit).expect("apply");
        prop_assert_eq!(content(&empty), content(&plan));
    }

    /// Members export → import for the year changes nothing; into a plan without members it
    /// gives the same members and values.
    #[test]
    fn members_export_import_is_identity(
        specs in proptest::collection::vec(member_spec(), 1..10),
        key in 0usize..4,
        year_index in 0usize..3,
    ) {
        let year = YEARS[year_index];
        let plan = members_plan(&specs, key, year);
        prop_assume!(plan.members.iter().any(|m| m.kind == MemberKind::Kommun));
        let csv = export_members_csv(&plan, None, year);
        let imp = read_members_csv(&csv, None).expect("own export reads back");
        prop_assert_eq!(imp.members.len(), plan.members.len());
        for (got, want) in imp.members.iter().zip(&plan.members) {
            prop_assert_eq!(&got.name, &want.name);
            prop_assert_eq!(got.kind, Some(want.kind));
            let v = want.values_for(year);
            prop_assert_eq!((got.population, got.percent, got.amount), (v.population, v.percent, v.amount));
        }
        let (edit, actions) = imp.to_edit(&plan, year).expect("edit");
        prop_assert!(actions.iter().all(|a| *a == MemberAction::Update));
        prop_assert!(edit.is_noop(), "re-import changes nothing: {:?}", edit);
        let mut again = plan.clone();
        apply(&mut again, &edit).expect("apply");
        prop_assert_eq!(&again, &plan);

        let mut empty = base_plan();
        empty.settings.kommun_key = plan.settings.kommun_key.clone();
        let (edit, _) = imp.to_edit(&empty, year).expect("edit");
        apply(&mut empty, &edit).expect("apply");
        prop_assert_eq!(&empty.members, &plan.members);
    }

    /// Plan file: writing and reading gives the same plan, for any names and amounts.
    #[test]
    fn plan_file_round_trip_is_identity(
        specs in proptest::collection::vec(line_spec(), 0..8),
        members in proptest::collection::vec(member_spec(), 1..6),
        key in 0usize..4,
        name in text(0),
        opening in amount(),
    ) {
        let mut plan = members_plan(&members, key, YEARS[0]);
        build_lines(&mut plan, &specs);
        plan.settings.name = name;
        plan.opening_equity = opening;
        let json = plan_to_json(&plan);
        let back = plan_from_json(&json).expect("own file reads back");
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(plan_to_json(&back), json);
    }
}

#[test]
fn guarded_and_markup_names_survive_a_round_trip() {
    let mut plan = base_plan();
    let names = [
        "=SUMMA(A1:A3)",
        "'=x",
        "''=x",
        "'apostrof",
        "-5",
        "+46 70",
        "@x",
        "<script>alert(1)</script>",
        "a;b\"c\"\nd",
    ];
    let specs: Vec<LineSpec> = names
        .iter()
        .enumerate()
        .map(|(i, n)| LineSpec {
            account: Some(if i % 2 == 0 {
                format!("={i}")
            } else {
                format!("'{i}")
            }),
            name: n.to_string(),
            category: Some(i % 8),
            split: None,
            amounts: vec![
                Some(Amount::kr(i as i64)),
                None,
                Some(Amount::kr(1_000_000_000_000)),
            ],
            municipality: Some(format!("-{n}")),
            note: format!("@{n}"),
        })
        .collect();
    build_lines(&mut plan, &specs);
    let csv = export_budget_csv(&plan, None);
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains(";''=x;"), "{text}");
    assert!(text.contains(";'=SUMMA(A1:A3);"), "{text}");
    assert!(text.contains(";<script>alert(1)</script>;"), "{text}");
    let imp = read_budget_csv(&csv, None, &plan).unwrap();
    assert_eq!(imp.new_lines().count(), 0);
    assert!(imp.to_edit(&plan).unwrap().is_noop());
    let mut empty = base_plan();
    let imp = read_budget_csv(&csv, None, &empty).unwrap();
    let edit = imp.to_edit(&empty).unwrap();
    apply(&mut empty, &edit).unwrap();
    assert_eq!(content(&empty), content(&plan));
    assert_eq!(empty.lines[7].name, "<script>alert(1)</script>");
}

#[test]
fn members_export_format() {
    let specs = [
        ("Staten", 0, None, None, Some(Amount::kr(9_519_000))),
        ("=Region", 1, Some(300_000), None, None),
        ("'Arboga", 5, Some(14_000), Some(Decimal::new(125, 1)), None),
        (
            "<b>Köping</b>",
            5,
            Some(26_000),
            None,
            Some(Amount(Decimal::new(150, 2))),
        ),
    ];
    let specs: Vec<MemberSpec> = specs
        .iter()
        .map(|(n, k, p, pc, a)| MemberSpec {
            name: n.to_string(),
            kind: *k,
            population: *p,
            percent: *pc,
            amount: *a,
        })
        .collect();
    let plan = members_plan(&specs, 0, 2027);
    let csv = String::from_utf8(export_members_csv(&plan, None, 2027)).unwrap();
    assert_eq!(
        csv,
        "\u{feff}Medlem;Typ;Invånare;Andel;Belopp\r\n\
         Staten;Stat;;;9519000\r\n\
         '=Region;Region;300000;;\r\n\
         ''Arboga;Kommun;14000;;\r\n\
         <b>Köping</b>;Kommun;26000;;1,5\r\n"
    );
    // A year before any values uses the earliest values (as the allocation does).
    assert_eq!(
        String::from_utf8(export_members_csv(&plan, None, 2026)).unwrap(),
        csv
    );
}

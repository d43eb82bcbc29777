//! Edits, undo and redo: every edit records old and new, so `revert(apply(plan, e)) == plan`,
//! also for random sequences (property test); stale edits are refused without changing the
//! plan; a compound edit (a paste) is all or nothing.

use proptest::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::*;

fn kr(v: i64) -> Amount {
    Amount::kr(v)
}

fn round_trip(plan: &Plan, edit: &Edit) {
    let mut p = plan.clone();
    apply(&mut p, edit).unwrap_or_else(|e| panic!("apply {edit:?}: {e}"));
    revert(&mut p, edit).unwrap_or_else(|e| panic!("revert {edit:?}: {e}"));
    assert_eq!(&p, plan, "revert(apply(plan)) for {}", edit.label());
}

#[test]
fn every_helper_round_trips() {
    let p = example_plan();
    let line = p.lines[4].id;
    let member = p.members[3].id;
    let scen = p.scenarios[0].id;
    let edits = vec![
        Edit::set_line_amount(&p, None, line, 2026, kr(1)).unwrap(),
        Edit::set_line_amount(&p, Some(scen), line, 2026, kr(2)).unwrap(),
        Edit::clear_line_amount(&p, None, line, 2026).unwrap(),
        Edit::set_line_name(&p, line, "Förbundschef (heltid)").unwrap(),
        Edit::set_line_field(&p, line, LineField::Account(None)).unwrap(),
        Edit::set_line_field(&p, line, LineField::Municipality(Some("Älvstad".into()))).unwrap(),
        Edit::set_line_field(&p, line, LineField::Note("ny".into())).unwrap(),
        Edit::set_line_category(&p, line, None).unwrap(),
        Edit::set_line_split(&p, line, vec![]).unwrap(),
        Edit::set_outcome(&p, line, 2025, None).unwrap(),
        Edit::set_outcome_ytd(&p, line, 2026, Some(kr(5))).unwrap(),
        Edit::set_outcome_final(&p, line, 2025, Some(kr(5))).unwrap(),
        Edit::insert_new_line(&p, 0, "Ny post", Some(Category::Kansli)),
        Edit::insert_lines(
            &p,
            3,
            vec![
                BudgetLine::new(LineId(0), "A", None),
                BudgetLine::new(LineId(0), "B", None),
            ],
        ),
        Edit::delete_line(&p, 7).unwrap(),
        Edit::move_line(&p, 0, 9).unwrap(),
        Edit::set_population(&p, None, member, 2027, Some(1)).unwrap(),
        Edit::set_population(&p, Some(scen), member, 2026, Some(2)).unwrap(),
        Edit::set_member_percent(&p, None, member, 2025, Some(Decimal::from(3))).unwrap(),
        Edit::set_member_amount(&p, None, member, 2025, Some(kr(3))).unwrap(),
        Edit::add_member(&p, "Nyby", MemberKind::Kommun),
        Edit::remove_member(&p, member).unwrap(),
        Edit::rename_member(&p, member, "Nytt namn").unwrap(),
        Edit::set_member_field(&p, member, MemberField::FirstYear(Some(2027))).unwrap(),
        Edit::set_funding(&p, None, 2027, FundingInput::Total(kr(4))).unwrap(),
        Edit::set_funding(&p, Some(scen), 2027, FundingInput::State(kr(4))).unwrap(),
        Edit::clear_funding_override(&p, scen, 2026).unwrap(),
        Edit::set_capital_contribution(&p, 2026, kr(9)),
        Edit::set_actual_result(&p, 2025, Some(kr(-9))),
        Edit::set_requested(&p, 2026, Some(kr(13_000_000))),
        Edit::set_setting(&p, None, Setting::Name("X".into())).unwrap(),
        Edit::set_setting(&p, None, Setting::EquityCeiling(Decimal::from(15))).unwrap(),
        Edit::set_setting(&p, None, Setting::EquityFloor(None)).unwrap(),
        Edit::set_setting(&p, None, Setting::EquityBase(EquityBase::NextYear)).unwrap(),
        Edit::set_setting(&p, None, Setting::Unit(RoundingUnit::Thousand)).unwrap(),
        Edit::set_setting(
            &p,
            None,
            Setting::PercentRounding(PercentRounding::Independent),
        )
        .unwrap(),
        Edit::set_setting(&p, Some(scen), Setting::Rounding(MemberRounding::Balanced)).unwrap(),
        Edit::set_setting(
            &p,
            Some(scen),
            Setting::KommunKey(Key::single(KeyMethod::Equal)),
        )
        .unwrap(),
        Edit::set_scenario_setting(&p, scen, ScenarioSetting::Shares(None)).unwrap(),
        Edit::set_opening_equity(&p, kr(1)),
        Edit::set_years(&p, vec![2026, 2027]),
        Edit::add_scenario(&p, "Nytt"),
        Edit::duplicate_scenario(&p, scen, "Kopia").unwrap(),
        Edit::rename_scenario(&p, scen, "Nytt namn").unwrap(),
        Edit::remove_scenario(&p, scen).unwrap(),
    ];
    for e in &edits {
        round_trip(&p, e);
    }
    // Independent edits (built from the same plan) combine into one compound step.
    round_trip(
        &p,
        &Edit::Compound(vec![
            edits[0].clone(),
            edits[1].clone(),
            edits[3].clone(),
            edits[16].clone(),
        ]),
    );
}

#[test]
fn scenario_amount_writes_to_overrides_only() {
    let mut p = example_plan();
    let line = p.lines[14].id;
    let scen = p.scenarios[1].id;
    let before = compute(&p);
    let e = Edit::set_line_amount(&p, Some(scen), line, 2026, kr(3_000_000)).unwrap();
    apply(&mut p, &e).unwrap();
    assert_eq!(
        p.scenario(scen).unwrap().overrides.line_amounts[&line][&2026],
        kr(3_000_000)
    );
    assert_eq!(compute(&p).years, before.years, "base plan unchanged");
    let r = compute_scenario(&p, Some(scen));
    assert_eq!(
        r.year(2026)
            .unwrap()
            .budget
            .category(Category::Individinsatser),
        before
            .year(2026)
            .unwrap()
            .budget
            .category(Category::Individinsatser)
            + kr(800_000)
    );
    // Clearing the override restores the base amount and removes the empty map.
    let e = Edit::clear_line_amount(&p, Some(scen), line, 2026).unwrap();
    apply(&mut p, &e).unwrap();
    assert!(p.scenario(scen).unwrap().overrides.line_amounts.is_empty());
}

#[test]
fn deleting_a_line_takes_its_overrides_and_undo_restores_them() {
    let mut p = example_plan();
    let line = p.lines[14].id;
    let scen = p.scenarios[0].id;
    let e = Edit::set_line_amount(&p, Some(scen), line, 2027, kr(1)).unwrap();
    apply(&mut p, &e).unwrap();
    let original = p.clone();
    let del = Edit::delete_line_id(&p, line).unwrap();
    apply(&mut p, &del).unwrap();
    assert!(p.line(line).is_none());
    assert!(p.scenario(scen).unwrap().overrides.line_amounts.is_empty());
    revert(&mut p, &del).unwrap();
    assert_eq!(p, original);
}

#[test]
fn stale_edits_are_refused_and_change_nothing() {
    let mut p = example_plan();
    let line = p.lines[0].id;
    let e1 = Edit::set_line_amount(&p, None, line, 2026, kr(1)).unwrap();
    let e2 = Edit::set_line_amount(&p, None, line, 2026, kr(2)).unwrap();
    apply(&mut p, &e1).unwrap();
    let snapshot = p.clone();
    let err = apply(&mut p, &e2).unwrap_err();
    assert!(matches!(err, EditError::Stale { .. }));
    assert!(
        err.to_string()
            .starts_with("planen har ändrats sedan ändringen gjordes"),
        "{err}"
    );
    assert_eq!(p, snapshot);
    assert_eq!(
        revert(&mut p, &e2).unwrap_err(),
        EditError::Stale { what: "beloppet" }
    );
    assert_eq!(
        Edit::set_line_amount(&p, None, LineId(9999), 2026, kr(1))
            .unwrap_err()
            .to_string(),
        "posten finns inte längre i planen"
    );
    assert_eq!(
        Edit::delete_line(&p, 999).unwrap_err().to_string(),
        format!(
            "position 999 finns inte (listan har {} rader)",
            p.lines.len()
        )
    );
    let err = Edit::set_setting(
        &p,
        Some(p.scenarios[0].id),
        Setting::EquityCeiling(Decimal::ONE),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "tak för eget kapital kan inte ändras i ett scenario, bara i basplanen"
    );
    let mixed = Edit::SetLineField {
        line,
        old: LineField::Name("a".into()),
        new: LineField::Note("b".into()),
    };
    assert_eq!(apply(&mut p, &mixed), Err(EditError::FieldMismatch));
}

#[test]
fn compound_is_all_or_nothing() {
    let mut p = example_plan();
    let a = Edit::set_line_amount(&p, None, p.lines[0].id, 2026, kr(1)).unwrap();
    let b = Edit::set_line_amount(&p, None, p.lines[1].id, 2026, kr(2)).unwrap();
    let stale = Edit::SetOpeningEquity {
        old: kr(123),
        new: kr(0),
    };
    let original = p.clone();
    let err = apply(&mut p, &Edit::Compound(vec![a.clone(), b.clone(), stale])).unwrap_err();
    assert!(matches!(err, EditError::Stale { .. }));
    assert_eq!(p, original, "nothing applied");
    let paste = Edit::Compound(vec![a, b]);
    apply(&mut p, &paste).unwrap();
    assert_eq!(p.lines[0].amount(2026), kr(1));
    assert_eq!(p.lines[1].amount(2026), kr(2));
    revert(&mut p, &paste).unwrap();
    assert_eq!(p, original);
}

#[test]
fn inserted_lines_get_fresh_ids() {
    let mut p = example_plan();
    let next = p.next_id;
    let e = Edit::insert_lines(
        &p,
        0,
        vec![
            BudgetLine::new(LineId(1), "A", None),
            BudgetLine::new(LineId(1), "B", None),
        ],
    );
    apply(&mut p, &e).unwrap();
    assert_eq!(
        (p.lines[0].id, p.lines[1].id),
        (LineId(next), LineId(next + 1))
    );
    assert_eq!(p.next_id, next + 2);
    let e2 = Edit::insert_new_line(&p, 2, "C", None);
    apply(&mut p, &e2).unwrap();
    assert_eq!(p.lines[2].id, LineId(next + 2));
}

#[test]
fn undo_stack_behaviour() {
    let original = example_plan();
    let mut p = original.clone();
    let mut undo = UndoStack::new();
    assert!(undo.capacity() >= 100);
    assert_eq!(undo.undo(&mut p), Ok(false));
    let line = p.lines[0].id;
    for i in 1..=150 {
        let e = Edit::set_line_amount(&p, None, line, 2026, kr(i)).unwrap();
        undo.apply(&mut p, e).unwrap();
    }
    assert_eq!(undo.undo_len(), 150);
    assert_eq!(undo.peek_undo().map(Edit::label), Some("ändra belopp"));
    for _ in 0..150 {
        assert_eq!(undo.undo(&mut p), Ok(true));
    }
    assert_eq!(p, original);
    assert_eq!(undo.redo(&mut p), Ok(true));
    assert_eq!(p.lines[0].amount(2026), kr(1));
    // A new edit clears redo.
    let e = Edit::set_opening_equity(&p, kr(5));
    undo.apply(&mut p, e).unwrap();
    assert!(!undo.can_redo());
    assert_eq!(undo.redo(&mut p), Ok(false));
    // A no-op edit is not recorded.
    let n = undo.undo_len();
    let e = Edit::set_opening_equity(&p, kr(5));
    undo.apply(&mut p, e).unwrap();
    assert_eq!(undo.undo_len(), n);
    // Capacity: the oldest steps are dropped.
    let mut small = UndoStack::with_capacity(100);
    let mut q = original.clone();
    for i in 1..=120 {
        let e = Edit::set_opening_equity(&q, kr(i));
        small.apply(&mut q, e).unwrap();
    }
    assert_eq!(small.undo_len(), 100);
    while small.undo(&mut q).unwrap() {}
    assert_eq!(q.opening_equity, kr(20));
}

/// A random user action; indices are taken modulo the current list lengths.
#[derive(Clone, Debug)]
enum Op {
    Amount {
        line: usize,
        year: usize,
        value: i64,
        scenario: Option<usize>,
        clear: bool,
    },
    Name {
        line: usize,
        name: String,
    },
    Category {
        line: usize,
        cat: Option<usize>,
    },
    Split {
        line: usize,
        kansli: i64,
    },
    Outcome {
        line: usize,
        year: usize,
        ytd: Option<i64>,
        fin: Option<i64>,
    },
    Insert {
        index: usize,
    },
    Paste {
        index: usize,
        n: usize,
    },
    Delete {
        line: usize,
    },
    Move {
        from: usize,
        to: usize,
    },
    Population {
        member: usize,
        year: usize,
        scenario: Option<usize>,
        pop: Option<u64>,
    },
    AddMember,
    RemoveMember {
        member: usize,
    },
    RenameMember {
        member: usize,
        name: String,
    },
    Funding {
        scenario: Option<usize>,
        year: usize,
        value: i64,
    },
    Capital {
        year: usize,
        value: i64,
    },
    Actual {
        year: usize,
        value: Option<i64>,
    },
    Setting {
        which: usize,
        value: i64,
        scenario: Option<usize>,
    },
    Opening {
        value: i64,
    },
    AddScenario,
    DuplicateScenario {
        s: usize,
    },
    RenameScenario {
        s: usize,
        name: String,
    },
    RemoveScenario {
        s: usize,
    },
    Years {
        drop_last: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let idx = 0usize..64;
    prop_oneof![
        (
            idx.clone(),
            0usize..6,
            -1_000_000i64..10_000_000,
            proptest::option::of(0usize..4),
            any::<bool>()
        )
            .prop_map(|(line, year, value, scenario, clear)| Op::Amount {
                line,
                year,
                value,
                scenario,
                clear
            }),
        (idx.clone(), "[a-zåäö ]{0,8}").prop_map(|(line, name)| Op::Name { line, name }),
        (idx.clone(), proptest::option::of(0usize..8))
            .prop_map(|(line, cat)| Op::Category { line, cat }),
        (idx.clone(), 0i64..=100).prop_map(|(line, kansli)| Op::Split { line, kansli }),
        (
            idx.clone(),
            0usize..6,
            proptest::option::of(-100i64..100_000),
            proptest::option::of(0i64..100_000)
        )
            .prop_map(|(line, year, ytd, fin)| Op::Outcome {
                line,
                year,
                ytd,
                fin
            }),
        idx.clone().prop_map(|index| Op::Insert { index }),
        (idx.clone(), 0usize..4).prop_map(|(index, n)| Op::Paste { index, n }),
        idx.clone().prop_map(|line| Op::Delete { line }),
        (idx.clone(), idx.clone()).prop_map(|(from, to)| Op::Move { from, to }),
        (
            idx.clone(),
            0usize..6,
            proptest::option::of(0usize..4),
            proptest::option::of(0u64..200_000)
        )
            .prop_map(|(member, year, scenario, pop)| Op::Population {
                member,
                year,
                scenario,
                pop
            }),
        Just(Op::AddMember),
        idx.clone().prop_map(|member| Op::RemoveMember { member }),
        (idx.clone(), "[A-ZÅÄÖ][a-zåäö]{0,6}")
            .prop_map(|(member, name)| Op::RenameMember { member, name }),
        (proptest::option::of(0usize..4), 0usize..6, 0i64..5_000_000).prop_map(
            |(scenario, year, value)| Op::Funding {
                scenario,
                year,
                value
            }
        ),
        (0usize..6, -100_000i64..100_000).prop_map(|(year, value)| Op::Capital { year, value }),
        (0usize..6, proptest::option::of(-100_000i64..100_000))
            .prop_map(|(year, value)| Op::Actual { year, value }),
        (0usize..8, 0i64..100, proptest::option::of(0usize..4)).prop_map(
            |(which, value, scenario)| Op::Setting {
                which,
                value,
                scenario
            }
        ),
        (-1_000_000i64..5_000_000).prop_map(|value| Op::Opening { value }),
        Just(Op::AddScenario),
        idx.clone().prop_map(|s| Op::DuplicateScenario { s }),
        (idx.clone(), "[a-z]{1,6}").prop_map(|(s, name)| Op::RenameScenario { s, name }),
        idx.prop_map(|s| Op::RemoveScenario { s }),
        any::<bool>().prop_map(|drop_last| Op::Years { drop_last }),
    ]
}

/// Turns an op into an edit of the current plan (None when it does not apply, e.g. no lines).
fn to_edit(p: &Plan, op: &Op) -> Option<Edit> {
    let line_at = |i: usize| (!p.lines.is_empty()).then(|| p.lines[i % p.lines.len()].id);
    let member_at = |i: usize| (!p.members.is_empty()).then(|| p.members[i % p.members.len()].id);
    let scen_at =
        |i: usize| (!p.scenarios.is_empty()).then(|| p.scenarios[i % p.scenarios.len()].id);
    let scen_opt = |s: &Option<usize>| match s {
        None => Some(None),
        Some(i) => scen_at(*i).map(Some),
    };
    let year = |i: usize| 2024 + i as i32;
    let e = match op {
        Op::Amount {
            line,
            year: y,
            value,
            scenario,
            clear,
        } => {
            let (l, s) = (line_at(*line)?, scen_opt(scenario)?);
            if *clear {
                Edit::clear_line_amount(p, s, l, year(*y))
            } else {
                Edit::set_line_amount(p, s, l, year(*y), Amount(Decimal::new(*value, 2)))
            }
        }
        Op::Name { line, name } => Edit::set_line_name(p, line_at(*line)?, name.clone()),
        Op::Category { line, cat } => {
            Edit::set_line_category(p, line_at(*line)?, cat.map(|c| Category::ALL[c]))
        }
        Op::Split { line, kansli } => {
            let split = if *kansli == 0 {
                vec![]
            } else {
                vec![
                    SplitShare {
                        category: Category::Kansli,
                        percent: Decimal::from(*kansli),
                    },
                    SplitShare {
                        category: Category::Processtod,
                        percent: Decimal::from(100 - *kansli),
                    },
                ]
            };
            Edit::set_line_split(p, line_at(*line)?, split)
        }
        Op::Outcome {
            line,
            year: y,
            ytd,
            fin,
        } => Edit::set_outcome(
            p,
            line_at(*line)?,
            year(*y),
            Some(Outcome {
                ytd: ytd.map(Amount::kr),
                final_amount: fin.map(Amount::kr),
                forecast: None,
            }),
        ),
        Op::Insert { index } => Ok(Edit::insert_new_line(
            p,
            index % (p.lines.len() + 1),
            "Ny",
            None,
        )),
        Op::Paste { index, n } => {
            let lines = (0..*n)
                .map(|i| BudgetLine::new(LineId(0), format!("Rad {i}"), Some(Category::Styrelse)))
                .collect();
            Ok(Edit::insert_lines(p, index % (p.lines.len() + 1), lines))
        }
        Op::Delete { line } => Edit::delete_line_id(p, line_at(*line)?),
        Op::Move { from, to } => {
            let n = p.lines.len();
            if n == 0 {
                return None;
            }
            Edit::move_line(p, from % n, to % n)
        }
        Op::Population {
            member,
            year: y,
            scenario,
            pop,
        } => Edit::set_population(p, scen_opt(scenario)?, member_at(*member)?, year(*y), *pop),
        Op::AddMember => Ok(Edit::add_member(p, "Nyby", MemberKind::Kommun)),
        Op::RemoveMember { member } => Edit::remove_member(p, member_at(*member)?),
        Op::RenameMember { member, name } => {
            Edit::rename_member(p, member_at(*member)?, name.clone())
        }
        Op::Funding {
            scenario,
            year: y,
            value,
        } => Edit::set_funding(
            p,
            scen_opt(scenario)?,
            year(*y),
            FundingInput::Total(Amount::kr(*value * 4)),
        ),
        Op::Capital { year: y, value } => Ok(Edit::set_capital_contribution(
            p,
            year(*y),
            Amount::kr(*value),
        )),
        Op::Actual { year: y, value } => {
            Ok(Edit::set_actual_result(p, year(*y), value.map(Amount::kr)))
        }
        Op::Setting {
            which,
            value,
            scenario,
        } => {
            let v = Decimal::from(*value);
            let setting = match which {
                0 => Setting::EquityCeiling(v),
                1 => Setting::EquityFloor(Some(Amount(v * Decimal::ONE_THOUSAND))),
                2 => Setting::Rounding(if value % 2 == 0 {
                    MemberRounding::Each
                } else {
                    MemberRounding::Balanced
                }),
                3 => Setting::Shares(PartyShares {
                    staten: v,
                    region: Decimal::from(25),
                    kommuner: Decimal::from(25),
                }),
                4 => Setting::KommunKey(if value % 2 == 0 {
                    Key::Amount
                } else {
                    Key::single(KeyMethod::Equal)
                }),
                5 => Setting::Name(format!("Förbund {value}")),
                6 => Setting::EquityBase(if value % 2 == 0 {
                    EquityBase::SameYear
                } else {
                    EquityBase::NextYear
                }),
                _ => Setting::Unit(if value % 2 == 0 {
                    RoundingUnit::One
                } else {
                    RoundingUnit::Hundred
                }),
            };
            Edit::set_setting(p, scen_opt(scenario)?, setting)
        }
        Op::Opening { value } => Ok(Edit::set_opening_equity(p, Amount::kr(*value))),
        Op::AddScenario => Ok(Edit::add_scenario(p, "Scenario")),
        Op::DuplicateScenario { s } => Edit::duplicate_scenario(p, scen_at(*s)?, "Kopia"),
        Op::RenameScenario { s, name } => Edit::rename_scenario(p, scen_at(*s)?, name.clone()),
        Op::RemoveScenario { s } => Edit::remove_scenario(p, scen_at(*s)?),
        Op::Years { drop_last } => {
            let mut years = p.years.clone();
            if *drop_last {
                years.pop();
            } else if let Some(last) = years.last().copied() {
                years.push(last + 1);
            }
            Ok(Edit::set_years(p, years))
        }
    };
    // Setting edits in a scenario may be refused as not overridable.
    e.ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_edit_sequences_revert_to_the_original(ops in proptest::collection::vec(op(), 1..40)) {
        let original = example_plan();
        let mut p = original.clone();
        let mut applied = Vec::new();
        for op in &ops {
            if let Some(e) = to_edit(&p, op) {
                // Helper-built edits always apply to the plan they were built from.
                apply(&mut p, &e).map_err(|err| TestCaseError::fail(format!("{op:?}: {err}")))?;
                // The report never panics, whatever the edits did.
                let _ = compute(&p);
                applied.push(e);
            }
        }
        let edited = p.clone();
        for e in applied.iter().rev() {
            revert(&mut p, e).map_err(|err| TestCaseError::fail(format!("revert {e:?}: {err}")))?;
        }
        prop_assert_eq!(&p, &original);

        // The same through the undo stack, then redo everything.
        let mut q = original.clone();
        let mut stack = UndoStack::new();
        for e in &applied {
            stack.apply(&mut q, e.clone()).map_err(|err| TestCaseError::fail(err.to_string()))?;
        }
        prop_assert_eq!(&q, &edited);
        while stack.undo(&mut q).map_err(|err| TestCaseError::fail(err.to_string()))? {}
        prop_assert_eq!(&q, &original);
        while stack.redo(&mut q).map_err(|err| TestCaseError::fail(err.to_string()))? {}
        prop_assert_eq!(&q, &edited);

        // One compound edit of the whole sequence reverts in one step.
        let mut c = original.clone();
        let all = Edit::Compound(applied);
        apply(&mut c, &all).map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(&c, &edited);
        revert(&mut c, &all).map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(&c, &original);
    }
}

/// One party's share set from the Parter grid: the others keep the shares in force (the
/// scenario's override in a scenario), and a scenario's edit touches only its override.
#[test]
fn a_party_share_keeps_the_other_shares_in_force() {
    let mut plan = example_plan();
    let e = Edit::set_party_share(&plan, None, Party::Region, Decimal::new(30, 0)).unwrap();
    round_trip(&plan, &e);
    apply(&mut plan, &e).unwrap();
    assert_eq!(plan.settings.shares.of(Party::Region), Decimal::new(30, 0));
    assert_eq!(plan.settings.shares.of(Party::Staten), Decimal::new(50, 0));
    // In a scenario: the override starts from the base plan's shares, then keeps its own.
    let sid = plan.scenarios.first().map(|s| s.id).unwrap();
    let e = Edit::set_party_share(&plan, Some(sid), Party::Staten, Decimal::new(45, 0)).unwrap();
    round_trip(&plan, &e);
    apply(&mut plan, &e).unwrap();
    let e = Edit::set_party_share(&plan, Some(sid), Party::Kommuner, Decimal::new(25, 0)).unwrap();
    apply(&mut plan, &e).unwrap();
    let own = plan.scenario(sid).unwrap().overrides.shares.unwrap();
    assert_eq!(own.of(Party::Staten), Decimal::new(45, 0));
    assert_eq!(own.of(Party::Region), Decimal::new(30, 0));
    assert_eq!(own.of(Party::Kommuner), Decimal::new(25, 0));
    assert_eq!(plan.settings.shares.of(Party::Staten), Decimal::new(50, 0));
    // A share outside 0–100 % is refused when applied; nothing changes.
    let bad = Edit::set_party_share(&plan, None, Party::Staten, Decimal::new(101, 0)).unwrap();
    let before = plan.clone();
    assert!(apply(&mut plan, &bad).is_err());
    assert_eq!(plan, before);
}

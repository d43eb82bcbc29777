//! Input bounds at the typing door (edits) and the plan-file door (docs/bounds.md): a value
//! out of range is refused with its place and a Swedish reason, and nothing changes. Fresh ids
//! never overflow and never collide.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::bounds::*;
use samplan_engine::lever::*;
use samplan_engine::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

const TOO_LARGE: &str =
    "beloppet är för stort: högst 1 000 000 000 000 kr (tusen miljarder) är tillåtet";

/// A small plan: member "Sala", line "Kansli", scenario "Staten −10 %".
fn plan() -> Plan {
    let mut p = Plan::empty("Test", 2025, 2);
    let id = MemberId(p.fresh_id());
    p.members.push(Member {
        id,
        name: "Sala".into(),
        kind: MemberKind::Kommun,
        first_year: None,
        last_year: None,
        values: BTreeMap::from([(
            2025,
            KeyValues {
                population: Some(22_000),
                ..KeyValues::default()
            },
        )]),
    });
    let mut l = BudgetLine::new(LineId(p.fresh_id()), "Kansli", Some(Category::Kansli));
    l.amounts.insert(2025, Amount::kr(1_000_000));
    p.lines.push(l);
    let sid = ScenarioId(p.fresh_id());
    p.scenarios.push(Scenario {
        id: sid,
        name: "Staten −10 %".into(),
        overrides: Overrides::default(),
    });
    p
}

fn open_err(p: &Plan) -> String {
    plan_from_json(&plan_to_json(p)).unwrap_err().to_string()
}

fn refused(p: &Plan, edit: Edit) -> String {
    let mut q = p.clone();
    let err = apply(&mut q, &edit).unwrap_err();
    assert!(matches!(err, EditError::OutOfBounds(_)), "{err:?}");
    assert_eq!(&q, p, "nothing changes");
    err.to_string()
}

#[test]
fn plan_files_out_of_bounds_are_refused_with_the_place() {
    let ok = plan();
    assert_eq!(plan_from_json(&plan_to_json(&ok)), Ok(ok.clone()));

    let mut p = ok.clone();
    p.lines[0]
        .amounts
        .insert(2025, Amount(d("1234567890123456789012345678")));
    assert_eq!(
        open_err(&p),
        format!("planen i filen är felaktig: posten \"Kansli\", budget 2025: {TOO_LARGE}")
    );

    let mut p = ok.clone();
    p.lines[0].amounts.insert(2026, Amount(d("1.005")));
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: posten \"Kansli\", budget 2026: beloppet har fler än två decimaler (ören)"
    );

    let mut p = ok.clone();
    p.members[0].values.insert(
        2024,
        KeyValues {
            population: Some(u64::MAX),
            ..KeyValues::default()
        },
    );
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: medlemmen \"Sala\", invånare 2024: antalet invånare är för stort: högst 1 000 000 000 är tillåtet"
    );

    let mut p = ok.clone();
    p.members[0].values.insert(1800, KeyValues::default());
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: medlemmen \"Sala\": året 1800 ligger utanför 1990–2200"
    );

    let mut p = ok.clone();
    p.years.push(99_999);
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: året 99999 ligger utanför 1990–2200"
    );

    let mut p = ok.clone();
    p.lines[0].outcome.insert(
        2025,
        Outcome {
            ytd: None,
            final_amount: Some(Amount::kr(-2_000_000_000_000)),
            forecast: None,
        },
    );
    assert_eq!(
        open_err(&p),
        format!("planen i filen är felaktig: posten \"Kansli\", utfall 2025: {TOO_LARGE}")
    );

    let mut p = ok.clone();
    p.settings.shares.staten = d("150");
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: partsandelen för Staten: 150 % ligger utanför 0–100 %"
    );

    let mut p = ok.clone();
    p.year_inputs.get_mut(&2026).unwrap().funding = FundingInput::PreviousPlusPercent(d("1000.5"));
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: medelstilldelning 2026: 1000,5 % ligger utanför \u{2212}100–1\u{a0}000 %"
    );

    let mut p = ok.clone();
    p.year_inputs.get_mut(&2025).unwrap().funding = FundingInput::Total(Amount::kr(-1));
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: medelstilldelning 2025: beloppet får inte vara negativt"
    );

    let mut p = ok.clone();
    p.scenarios[0].overrides.line_amounts.insert(
        p.lines[0].id,
        BTreeMap::from([(2025, Amount(Decimal::MAX))]),
    );
    assert_eq!(
        open_err(&p),
        format!(
            "planen i filen är felaktig: scenariot \"Staten −10 %\", posten \"Kansli\", budget 2025: {TOO_LARGE}"
        )
    );

    let mut p = ok.clone();
    p.members[0].name = "<script>".repeat(20);
    p.members[0].values.get_mut(&2025).unwrap().percent = Some(d("-1"));
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: medlemmen \"<script><script><script><script><script>…\", andel 2025: \u{2212}1 % ligger utanför 0–100 %"
    );

    let mut p = ok.clone();
    p.opening_equity = Amount(Decimal::MIN);
    assert_eq!(
        open_err(&p),
        format!("planen i filen är felaktig: ingående eget kapital: {TOO_LARGE}")
    );
}

#[test]
fn plan_files_with_ids_out_of_bounds_are_refused() {
    let mut p = plan();
    p.lines[0].id = LineId(u32::MAX);
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: posten \"Kansli\": id 4294967295 är för stort: högst 1 000 000 000 är tillåtet"
    );
    let mut p = plan();
    p.next_id = u32::MAX;
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: nästa lediga id: id 4294967295 är för stort: högst 1 000 000 000 är tillåtet"
    );
    // The largest id and the next id after it are fine.
    let mut p = plan();
    p.lines[0].id = LineId(MAX_ID);
    p.next_id = MAX_ID + 1;
    let read = plan_from_json(&plan_to_json(&p)).unwrap();
    assert_eq!(read, p);
    // A fresh id is still found, below the largest.
    assert!(read.free_id() <= MAX_ID);
    assert!(read.line(LineId(read.free_id())).is_none());
    // The same id twice.
    let mut p = plan();
    let dup = p.lines[0].clone();
    p.lines.push(dup);
    assert_eq!(
        open_err(&p),
        "planen i filen är felaktig: posten med id 2 finns två gånger"
    );
}

#[test]
fn absurd_numbers_in_the_json_itself_are_refused_not_a_panic() {
    let json = plan_to_json(&plan());
    for (from, to) in [
        ("\"1000000\"", "\"1000000000000000000000000000000\""),
        ("\"1000000\"", "\"1e40\""),
        ("22000", "-22000"),
        ("22000", "100000000000000000000000"),
        ("\"2025\": {", "\"99999999999\": {"),
    ] {
        assert!(json.contains(from), "{from}");
        let bad = json.replacen(from, to, 1);
        let err = plan_from_json(&bad).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn typed_values_out_of_bounds_are_refused_and_nothing_changes() {
    let p = plan();
    let line = p.lines[0].id;
    let member = p.members[0].id;
    let scen = p.scenarios[0].id;

    let e = Edit::set_line_amount(&p, None, line, 2025, Amount::kr(1_000_000_000_001)).unwrap();
    assert_eq!(
        refused(&p, e),
        format!("posten \"Kansli\", budget 2025: {TOO_LARGE}")
    );
    let e = Edit::set_line_amount(&p, Some(scen), line, 2026, Amount(d("0.001"))).unwrap();
    assert_eq!(
        refused(&p, e),
        "scenariot \"Staten −10 %\", posten \"Kansli\", budget 2026: beloppet har fler än två decimaler (ören)"
    );
    let e = Edit::set_line_amount(&p, None, line, 1989, Amount::kr(1)).unwrap();
    assert_eq!(
        refused(&p, e),
        "posten \"Kansli\": året 1989 ligger utanför 1990–2200"
    );
    let e = Edit::set_outcome_ytd(&p, line, 2025, Some(Amount(Decimal::MAX))).unwrap();
    assert_eq!(
        refused(&p, e),
        format!("posten \"Kansli\", ack. utfall 2025: {TOO_LARGE}")
    );
    let e = Edit::set_line_split(
        &p,
        line,
        vec![SplitShare {
            category: Category::Kansli,
            percent: d("100.5"),
        }],
    )
    .unwrap();
    assert_eq!(
        refused(&p, e),
        "posten \"Kansli\", andel för Kansli: 100,5 % ligger utanför 0–100 %"
    );
    let e = Edit::set_population(&p, None, member, 2025, Some(1_000_000_001)).unwrap();
    assert_eq!(
        refused(&p, e),
        "medlemmen \"Sala\", invånare 2025: antalet invånare är för stort: högst 1 000 000 000 är tillåtet"
    );
    let e = Edit::set_member_percent(&p, Some(scen), member, 2025, Some(d("0.0000001"))).unwrap();
    assert_eq!(
        refused(&p, e),
        "scenariot \"Staten −10 %\", medlemmen \"Sala\", andel 2025: procentsatsen har fler än sex decimaler"
    );
    let e = Edit::set_member_amount(&p, None, member, 2025, Some(Amount::kr(-5))).unwrap();
    assert_eq!(
        refused(&p, e),
        "medlemmen \"Sala\", belopp 2025: beloppet får inte vara negativt"
    );
    let e = Edit::set_member_field(&p, member, MemberField::FirstYear(Some(2201))).unwrap();
    assert_eq!(
        refused(&p, e),
        "medlemmen \"Sala\", första år: året 2201 ligger utanför 1990–2200"
    );
    let e =
        Edit::set_funding(&p, None, 2026, FundingInput::PreviousPlusPercent(d("-101"))).unwrap();
    assert_eq!(
        refused(&p, e),
        "medelstilldelning 2026: \u{2212}101 % ligger utanför \u{2212}100–1\u{a0}000 %"
    );
    let e = Edit::set_funding(
        &p,
        Some(scen),
        2026,
        FundingInput::State(Amount(Decimal::MAX)),
    )
    .unwrap();
    assert_eq!(
        refused(&p, e),
        format!("scenariot \"Staten −10 %\", medelstilldelning 2026: {TOO_LARGE}")
    );
    let e = Edit::set_capital_contribution(&p, 2026, Amount(d("1e13")));
    assert_eq!(
        refused(&p, e),
        format!("kapitaltillskott 2026: {TOO_LARGE}")
    );
    let e = Edit::set_requested(&p, 2026, Some(Amount::kr(-1)));
    assert_eq!(
        refused(&p, e),
        "äskande 2026: beloppet får inte vara negativt"
    );
    let e = Edit::set_opening_equity(&p, Amount(Decimal::MIN));
    assert_eq!(
        refused(&p, e),
        format!("ingående eget kapital: {TOO_LARGE}")
    );
    let e = Edit::set_years(&p, vec![2025, 99_999]);
    assert_eq!(refused(&p, e), "året 99999 ligger utanför 1990–2200");
    let e = Edit::set_setting(&p, None, Setting::EquityCeiling(d("101"))).unwrap();
    assert_eq!(
        refused(&p, e),
        "taket för eget kapital: 101 % ligger utanför 0–100 %"
    );
    let shares = PartyShares {
        staten: Decimal::MAX,
        ..PartyShares::default()
    };
    let e = Edit::set_setting(&p, Some(scen), Setting::Shares(shares)).unwrap();
    assert_eq!(
        refused(&p, e),
        "scenariot \"Staten −10 %\", partsandelen för Staten: procentsatsen ligger utanför 0–100 %"
    );
    let e = Edit::set_setting(
        &p,
        None,
        Setting::KommunKey(Key::Mix(vec![KeyPart {
            method: KeyMethod::Equal,
            weight: d("200"),
        }])),
    )
    .unwrap();
    assert_eq!(
        refused(&p, e),
        "fördelningsnyckeln för kommunerna, vikten för Lika delar: 200 % ligger utanför 0–100 %"
    );
    let mut bad = BudgetLine::new(LineId(u32::MAX), "Ny", None);
    bad.amounts.insert(2025, Amount::kr(1));
    let e = Edit::insert_line(&p, 0, bad);
    assert_eq!(
        refused(&p, e),
        "posten \"Ny\": id 4294967295 är för stort: högst 1 000 000 000 är tillåtet"
    );
    // A paste with one bad value is refused as a whole.
    let mut good = BudgetLine::new(LineId(0), "A", None);
    good.amounts.insert(2025, Amount::kr(1));
    let mut bad = BudgetLine::new(LineId(0), "B", None);
    bad.amounts.insert(2025, Amount(d("1e20")));
    let e = Edit::insert_lines(&p, 1, vec![good, bad]);
    assert_eq!(
        refused(&p, e),
        format!("posten \"B\", budget 2025: {TOO_LARGE}")
    );
    // Values at the bounds are accepted.
    let mut q = p.clone();
    for e in [
        Edit::set_line_amount(&q, None, line, 2200, Amount::kr(-1_000_000_000_000)).unwrap(),
        Edit::set_population(&q, None, member, 1990, Some(1_000_000_000)).unwrap(),
        Edit::set_funding(&q, None, 2026, FundingInput::PreviousPlusPercent(d("1000"))).unwrap(),
        Edit::set_setting(&q, None, Setting::EquityCeiling(d("100"))).unwrap(),
    ] {
        apply(&mut q, &e).unwrap();
    }
    assert_eq!(
        q.line(line).unwrap().amount(2200),
        Amount::kr(-1_000_000_000_000)
    );
}

#[test]
fn a_line_id_of_u32_max_does_not_block_new_lines() {
    // Past every door (an old in-memory plan): a line with id u32::MAX and next_id saturated.
    let mut p = plan();
    p.lines[0].id = LineId(u32::MAX);
    p.next_id = u32::MAX;
    let e = Edit::insert_new_line(&p, 1, "Ny post", None);
    apply(&mut p, &e).unwrap();
    let new = p.lines[1].id;
    assert!(new.0 >= 1 && new.0 <= MAX_ID, "{new:?}");
    assert_eq!(p.lines.iter().filter(|l| l.id == new).count(), 1);
    // Again, and with a paste of three.
    let e = Edit::insert_lines(&p, 0, vec![BudgetLine::new(LineId(0), "x", None); 3]);
    apply(&mut p, &e).unwrap();
    let mut ids: Vec<u32> = p.lines.iter().map(|l| l.id.0).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), p.lines.len(), "no id reused");
    let e = Edit::add_member(&p, "Heby", MemberKind::Kommun);
    apply(&mut p, &e).unwrap();
    let e = Edit::add_scenario(&p, "Nytt");
    apply(&mut p, &e).unwrap();
    let id = p.fresh_id();
    assert!(id <= MAX_ID);
    assert!(p.line(LineId(id)).is_none() && p.member(MemberId(id)).is_none());
}

#[test]
fn fresh_ids_skip_ids_in_use_and_wrap_below_the_bound() {
    let mut p = plan(); // ids 1, 2, 3 in use
                        // next_id behind the ids in use (a hand-made plan): never an id in use.
    p.next_id = 2;
    assert_eq!(p.free_ids(3), vec![4, 5, 6]);
    // Near the bound: the last ids, then the smallest free ones.
    p.next_id = MAX_ID - 1;
    assert_eq!(p.free_ids(4), vec![MAX_ID - 1, MAX_ID, 4, 5]);
    p.next_id = MAX_ID + 1;
    assert_eq!(p.free_id(), 4);
    assert_eq!(p.fresh_id(), 4);
    assert_eq!(p.next_id, MAX_ID + 1);
    // A paste across the bound applies and reverts exactly.
    p.next_id = MAX_ID;
    let before = p.clone();
    let e = Edit::insert_lines(&p, 0, vec![BudgetLine::new(LineId(0), "x", None); 3]);
    apply(&mut p, &e).unwrap();
    let ids: Vec<u32> = p.lines.iter().take(3).map(|l| l.id.0).collect();
    assert_eq!(ids, vec![MAX_ID, 4, 5]);
    assert_eq!(p.next_id, MAX_ID + 1);
    revert(&mut p, &e).unwrap();
    assert_eq!(p, before);
}

#[test]
fn the_shipped_plans_are_within_the_bounds() {
    for p in [example_plan(), vm2024_plan(), Plan::default()] {
        assert_eq!(check_plan_bounds(&p), Ok(()), "{}", p.settings.name);
        assert_eq!(validate_plan(&p), Ok(()));
    }
    let v1 = std::fs::read_to_string(format!(
        "{}/tests/fixtures/plan_v1.samplan.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert!(plan_from_json(&v1).is_ok());
}

#[test]
fn a_lever_that_would_leave_the_bounds_is_refused_when_applied() {
    let mut p = plan();
    let line = p.lines[0].id;
    let e = Edit::set_line_amount(&p, None, line, 2025, Amount::kr(MAX_AMOUNT_KR)).unwrap();
    apply(&mut p, &e).unwrap();
    let lever = lever_index_lines(&p, None, 2025, Decimal::from(1000)).unwrap();
    assert_eq!(
        refused(&p, lever),
        format!("posten \"Kansli\", budget 2025: {TOO_LARGE}")
    );
    // Within the bounds it applies.
    let lever = lever_index_lines(&p, None, 2025, Decimal::from(-50)).unwrap();
    apply(&mut p, &lever).unwrap();
    assert_eq!(
        p.line(line).unwrap().amount(2025),
        Amount::kr(MAX_AMOUNT_KR / 2)
    );
}

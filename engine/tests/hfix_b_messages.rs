//! Red-team fixes (HfixB): per-year keys and the expected funding are bounds-checked at both
//! doors, the likely member is named when an amount is 0 or left out by its years, sums of
//! percentages are shown with all their decimals, a negative mix weight and a first year that
//! builds on the previous year get their own messages. See docs/allocation.md and
//! docs/bounds.md.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::csv::*;
use samplan_engine::format::*;
use samplan_engine::*;

mod common;
use common::{d, fixture, kr};

fn belopp_input() -> AllocationInput {
    let import = read_members_csv(&fixture("vm2024_belopp.csv"), None).expect("import");
    let mut input = AllocationInput::new(Funding::Total(kr(19_038_000)), import.members);
    input.kommun_key = import.kommun_key;
    input
}

fn set_belopp(input: &mut AllocationInput, name: &str, amount: Option<Amount>) {
    input
        .members
        .iter_mut()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("member {name}"))
        .amount = amount;
}

#[test]
fn a_zero_or_missing_amount_names_its_member() {
    let mut input = belopp_input();
    set_belopp(&mut input, "Arboga", Some(kr(0)));
    let e = allocate(&input).expect_err("236 975 kr missing");
    assert!(
        e.to_string()
            .ends_with("; troligen är beloppet för Arboga fel"),
        "{e}"
    );
    // A missing Belopp (an empty cell) names the member itself.
    set_belopp(&mut input, "Arboga", None);
    let e = allocate(&input).expect_err("no Belopp");
    assert_eq!(e.to_string(), "Arboga saknar värde för nyckeln Belopp");
}

#[test]
fn a_member_left_out_by_its_years_is_named() {
    let mut input = belopp_input();
    input.year = Some(2024);
    for m in &mut input.members {
        if m.name == "Fagersta" {
            m.first_year = Some(2025);
        }
    }
    let e = allocate(&input).expect_err("Fagersta left out");
    assert!(
        e.to_string().ends_with(
            "; troligen saknas Fagersta, som enligt sitt första eller sista år inte är medlem 2024"
        ),
        "{e}"
    );
}

fn percent_input(percents: &[&str]) -> AllocationInput {
    let mut members = vec![
        MemberInput::new("Staten", MemberKind::Stat),
        MemberInput::new("Region", MemberKind::Region),
    ];
    for (i, p) in percents.iter().enumerate() {
        let mut m = MemberInput::new(format!("K{i}"), MemberKind::Kommun);
        m.percent = Some(d(p));
        members.push(m);
    }
    let mut input = AllocationInput::new(Funding::Total(kr(1_000_000)), members);
    input.kommun_key = Key::single(KeyMethod::Percent);
    input
}

#[test]
fn percent_sums_are_shown_with_all_their_decimals() {
    let e = allocate(&percent_input(&["43.995", "32", "24"])).expect_err("99,995 %");
    assert_eq!(
        e.to_string(),
        "andelarna för Kommuner summerar till 99,995 %, inte 100 %"
    );
    let mut input = percent_input(&["50", "50"]);
    input.shares.staten = d("50.000001");
    let e = allocate(&input).expect_err("100,000001 %");
    assert_eq!(
        e.to_string(),
        "partsandelarna summerar till 100,000001 %, inte 100 %"
    );
    assert_eq!(format_percent_exact(d("100.00")), "100");
    assert_eq!(format_percent_exact(d("99.5")), "99,5");
}

#[test]
fn mix_weights_negative_or_not_100() {
    let mut input = belopp_input();
    input.kommun_key = Key::Mix(vec![
        KeyPart {
            method: KeyMethod::Equal,
            weight: d("-50"),
        },
        KeyPart {
            method: KeyMethod::Population,
            weight: d("150"),
        },
    ]);
    let e = allocate(&input).expect_err("negative weight");
    assert_eq!(
        e.to_string(),
        "vikten för Lika delar i nyckeln för Kommuner är negativ (−50 %): varje vikt ska vara 0–100 %"
    );
    input.kommun_key = Key::Mix(vec![
        KeyPart {
            method: KeyMethod::Equal,
            weight: d("20.005"),
        },
        KeyPart {
            method: KeyMethod::Population,
            weight: d("79.99"),
        },
    ]);
    let e = allocate(&input).expect_err("99,995 %");
    assert_eq!(
        e.to_string(),
        "vikterna i nyckeln för Kommuner summerar till 99,995 %, inte 100 %"
    );
}

fn year_keys(weight: &str) -> BTreeMap<Year, YearKeys> {
    let mut keys = BTreeMap::new();
    keys.insert(
        2024,
        YearKeys {
            kommun_key: Some(Key::Mix(vec![
                KeyPart {
                    method: KeyMethod::Equal,
                    weight: d(weight),
                },
                KeyPart {
                    method: KeyMethod::Population,
                    weight: Decimal::ONE_HUNDRED - d(weight),
                },
            ])),
            ..YearKeys::default()
        },
    );
    keys
}

/// The same setting refused the same way at the edit door and in a plan file.
fn refused_at_both_doors(setting: Setting, message: &str) {
    let setting_value = setting.clone();
    let mut plan = vm2024_plan();
    let edit = Edit::set_setting(&plan, None, setting).expect("edit");
    let before = plan.clone();
    let e = apply(&mut plan, &edit).expect_err("refused at the edit door");
    assert!(e.to_string().contains(message), "edit door: {e}");
    assert_eq!(plan, before);
    let mut bad = vm2024_plan();
    match setting_value {
        Setting::YearKeys(k) => bad.settings.year_keys = k,
        Setting::ExpectedNextFunding(f) => bad.settings.expected_next_funding = f,
        _ => unreachable!("only these two"),
    }
    let e = validate_plan(&bad).expect_err("refused in a plan file");
    assert!(e.to_string().contains(message), "plan file: {e}");
    let json = plan_to_json(&bad);
    let e = plan_from_json(&json).expect_err("refused when read");
    assert!(e.to_string().contains(message), "plan file read: {e}");
}

#[test]
fn year_keys_and_expected_funding_are_bounds_checked_at_both_doors() {
    refused_at_both_doors(
        Setting::YearKeys(year_keys("-50")),
        "fördelningsnyckeln för kommunerna från 2024, vikten för Lika delar: −50 % ligger \
         utanför 0–100 %",
    );
    refused_at_both_doors(
        Setting::YearKeys(year_keys("79228162514264337593543950335")),
        "fördelningsnyckeln för kommunerna från 2024, vikten för Lika delar: procentsatsen \
         ligger utanför 0–100 %",
    );
    let mut far = BTreeMap::new();
    far.insert(
        99_999,
        YearKeys {
            kommun_key: Some(Key::single(KeyMethod::Equal)),
            ..YearKeys::default()
        },
    );
    refused_at_both_doors(
        Setting::YearKeys(far),
        "fördelningsnyckel per år: året 99999 ligger utanför 1990–2200",
    );
    refused_at_both_doors(
        Setting::ExpectedNextFunding(Some(kr(-5))),
        "förväntad medelstilldelning: beloppet får inte vara negativt",
    );
    refused_at_both_doors(
        Setting::ExpectedNextFunding(Some(Amount(d("1e28")))),
        "förväntad medelstilldelning: beloppet är för stort",
    );
}

#[test]
fn a_first_year_building_on_the_previous_year_has_its_own_error() {
    let mut plan = vm2024_plan();
    if let Some(y) = plan.year_inputs.get_mut(&2024) {
        y.funding = FundingInput::PreviousPlusPercent(d("3"));
    }
    let allocations = plan.allocations();
    let (_, first) = allocations.first().expect("2024");
    assert_eq!(
        first.as_ref().expect_err("no previous year").to_string(),
        "Medelstilldelningen 2024 bygger på föregående år, men 2024 är planens första år: ange \
         ett belopp"
    );
}

//! Golden vectors (docs/README.md#golden-vectors) for the allocation (GV-01, GV-03, GV-05 … GV-09),
//! read through the members CSV import from `tests/fixtures/`.

use rust_decimal::Decimal;
use samplan_engine::{
    allocation::{
        allocate, Allocation, AllocationInput, Funding, Key, KeyMethod, MemberKind, MemberRounding,
        Party, RoundingUnit,
    },
    csv::read_members_csv,
    format::format_tkr,
    input::parse_amount,
    round_half_up, Amount,
};

fn d(s: &str) -> Decimal {
    s.parse().expect("test literal")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// The allocation input of fixture `name` with the given funding, unit and rounding.
fn fixture_input(
    name: &str,
    funding: Funding,
    unit: RoundingUnit,
    rounding: MemberRounding,
) -> AllocationInput {
    let import = read_members_csv(&fixture(name), None)
        .unwrap_or_else(|e| panic!("fixture {name} does not import: {e}"));
    let mut input = AllocationInput::new(funding, import.members);
    input.kommun_key = import.kommun_key;
    if let Some(key) = import.region_key {
        input.region_key = key;
    }
    input.unit = unit;
    input.rounding = rounding;
    input
}

/// Imports `name` and allocates with the given funding, unit and rounding.
fn allocate_fixture(
    name: &str,
    funding: Funding,
    unit: RoundingUnit,
    rounding: MemberRounding,
) -> Allocation {
    let input = fixture_input(name, funding, unit, rounding);
    allocate(&input).unwrap_or_else(|e| panic!("fixture {name} does not allocate: {e}"))
}

/// Like [`each`], with the board's decided deviation accepted (allow-difference).
fn each_allowing_difference(name: &str, total: i64) -> Allocation {
    let mut input = fixture_input(
        name,
        Funding::Total(Amount::kr(total)),
        RoundingUnit::One,
        MemberRounding::Each,
    );
    input.allow_difference = true;
    allocate(&input).unwrap_or_else(|e| panic!("fixture {name} does not allocate: {e}"))
}

/// The refusal of fixture `name` without allow-difference.
fn refusal(name: &str, total: i64) -> String {
    let input = fixture_input(
        name,
        Funding::Total(Amount::kr(total)),
        RoundingUnit::One,
        MemberRounding::Each,
    );
    allocate(&input)
        .expect_err("Belopp beyond rounding must be refused")
        .to_string()
}

fn each(name: &str, total: i64) -> Allocation {
    allocate_fixture(
        name,
        Funding::Total(Amount::kr(total)),
        RoundingUnit::One,
        MemberRounding::Each,
    )
}

fn party(a: &Allocation, p: Party) -> &samplan_engine::allocation::PartyAllocation {
    a.party(p).unwrap_or_else(|| panic!("party {p:?} missing"))
}

fn amount_of(a: &Allocation, name: &str) -> Amount {
    a.member(name)
        .unwrap_or_else(|| panic!("member {name} missing"))
        .amount
}

/// Asserts the documented member amounts, naming the vector and the member on failure.
fn assert_members(gv: &str, a: &Allocation, expected: &[(&str, i64)]) {
    for (name, kr) in expected {
        assert_eq!(amount_of(a, name), Amount::kr(*kr), "{gv}: {name}");
    }
}

/// Asserts the three party amounts.
fn assert_parties(gv: &str, a: &Allocation, staten: i64, region: i64, kommuner: i64) {
    assert_eq!(
        party(a, Party::Staten).amount,
        Amount::kr(staten),
        "{gv}: Staten"
    );
    assert_eq!(
        party(a, Party::Region).amount,
        Amount::kr(region),
        "{gv}: Region"
    );
    assert_eq!(
        party(a, Party::Kommuner).amount,
        Amount::kr(kommuner),
        "{gv}: Kommuner"
    );
}

use samplan_engine::VM_2024_KOMMUNER as VM_2024;

fn assert_gv01(gv: &str, a: &Allocation) {
    assert_eq!(a.total, Amount::kr(19_038_000), "{gv}: T");
    assert_parties(gv, a, 9_519_000, 4_759_500, 4_759_500);
    assert_members(gv, a, &VM_2024);
    let k = party(a, Party::Kommuner);
    assert_eq!(k.members_sum, Amount::kr(4_759_499), "{gv}: Σ kommuner");
    assert_eq!(
        k.rounding_difference,
        Amount::kr(-1),
        "{gv}: avrundningsdifferens"
    );
    assert_eq!(
        a.members_total(),
        Amount::kr(19_037_999),
        "{gv}: members total"
    );
    assert_eq!(
        a.rounding_difference(),
        Amount::kr(-1),
        "{gv}: total difference"
    );
    assert_eq!(
        a.member("Region Västmanland").map(|m| m.amount),
        Some(Amount::kr(4_759_500)),
        "{gv}: Region Västmanland"
    );
}

#[test]
fn gv01_vm2024_manual_amounts() {
    let a = each("vm2024_belopp.csv", 19_038_000);
    assert_gv01("GV-01", &a);
    assert_eq!(party(&a, Party::Kommuner).key, Key::Amount, "GV-01 key");

    let shares = [
        ("Västerås", "14.1735"),
        ("Köping", "2.2239"),
        ("Sala", "2.1329"),
        ("Hallstahammar", "1.5177"),
        ("Arboga", "1.2447"),
        ("Fagersta", "1.1776"),
        ("Surahammar", "0.8837"),
        ("Kungsör", "0.7670"),
        ("Norberg", "0.4923"),
        ("Skinnskatteberg", "0.3866"),
    ];
    for (name, want) in shares {
        let share = a
            .member(name)
            .and_then(|m| m.share_of_total)
            .unwrap_or_else(|| panic!("GV-01: {name} has no share"));
        assert_eq!(round_half_up(share, 4), d(want), "GV-01 share of T: {name}");
    }

    // Revenue: members' payments + övriga intäkter (VM årsredovisning 2024).
    assert_eq!(
        a.members_total() + Amount::kr(4_564),
        Amount::kr(19_042_563),
        "GV-01 revenue"
    );

    // Display in tkr (half-up at display only).
    let tkr = |v: Amount| format_tkr(v.value()).replace('\u{a0}', " ");
    assert_eq!(tkr(a.total), "19 038", "GV-01 tkr T");
    assert_eq!(
        tkr(party(&a, Party::Staten).amount),
        "9 519",
        "GV-01 tkr Staten"
    );
    assert_eq!(
        tkr(party(&a, Party::Region).amount),
        "4 760",
        "GV-01 tkr Region"
    );
    assert_eq!(
        tkr(amount_of(&a, "Västerås")),
        "2 698",
        "GV-01 tkr Västerås"
    );
}

#[test]
fn gv01_vm2024_population_weights_each_rounding() {
    // Derived integer weights reproduce the documented amounts with `each` rounding, including
    // the near-tie Kungsör 146 015,4956 kr that must round down.
    let a = each("vm2024_invanare.csv", 19_038_000);
    assert_gv01("GV-01 (Invånare)", &a);
    assert_eq!(
        party(&a, Party::Kommuner).key,
        Key::single(KeyMethod::Population)
    );
    let kungsor = a.member("Kungsör").map(|m| round_half_up(m.exact, 4));
    assert_eq!(kungsor, Some(d("146015.4956")), "GV-01 Kungsör exact");
    assert_eq!(
        party(&a, Party::Kommuner).population,
        Some(281_563),
        "GV-01 Σ weights"
    );
}

#[test]
fn gv01_vm2024_balanced_sums_exactly() {
    let a = allocate_fixture(
        "vm2024_invanare.csv",
        Funding::Total(Amount::kr(19_038_000)),
        RoundingUnit::One,
        MemberRounding::Balanced,
    );
    let k = party(&a, Party::Kommuner);
    assert_eq!(k.members_sum, Amount::kr(4_759_500), "GV-01 balanced");
    assert_eq!(k.rounding_difference, Amount::ZERO, "GV-01 balanced");
    // The krona goes to the largest remainder: Kungsör (0,4956).
    assert_eq!(
        amount_of(&a, "Kungsör"),
        Amount::kr(146_016),
        "GV-01 balanced"
    );
}

#[test]
fn gv01_via_state_amount() {
    for file in ["vm2024_belopp.csv", "vm2024_invanare.csv"] {
        let a = allocate_fixture(
            file,
            Funding::State(Amount::kr(9_519_000)),
            RoundingUnit::One,
            MemberRounding::Each,
        );
        assert_gv01(&format!("GV-01 via --state ({file})"), &a);
    }
}

const NV_2021: [(&str, i64); 6] = [
    ("Fagersta", 321_290),
    ("Norberg", 138_557),
    ("Skinnskatteberg", 105_861),
    ("Sala", 553_623),
    ("Hallstahammar", 397_459),
    ("Surahammar", 244_709),
];

#[test]
fn gv03_nv2021_manual_amounts() {
    let a = each("nv2021_belopp.csv", 7_046_000);
    assert_parties("GV-03", &a, 3_523_000, 1_761_500, 1_761_500);
    assert_members("GV-03", &a, &NV_2021);
    let k = party(&a, Party::Kommuner);
    assert_eq!(k.members_sum, Amount::kr(1_761_499), "GV-03 Σ kommuner");
    assert_eq!(k.rounding_difference, Amount::kr(-1), "GV-03 difference");
    let revenue = a.members_total() + Amount::kr(8_857);
    assert_eq!(revenue, Amount::kr(7_054_856), "GV-03 revenue");
    assert_eq!(
        format_tkr(revenue.value()).replace('\u{a0}', " "),
        "7 055",
        "GV-03 tkr"
    );
}

#[test]
fn gv03_nv2021_population_weights_each_rounding() {
    let a = each("nv2021_invanare.csv", 7_046_000);
    assert_members("GV-03 (Invånare)", &a, &NV_2021);
    let k = party(&a, Party::Kommuner);
    assert_eq!(k.rounding_difference, Amount::kr(-1), "GV-03 (Invånare)");
    // Each member is within half a krona of its exact share.
    for m in a.members.iter().filter(|m| m.kind == MemberKind::Kommun) {
        assert!(
            (m.amount.value() - m.exact).abs() <= d("0.5"),
            "GV-03 {}: {} vs {}",
            m.name,
            m.amount,
            m.exact
        );
    }
    let balanced = allocate_fixture(
        "nv2021_invanare.csv",
        Funding::Total(Amount::kr(7_046_000)),
        RoundingUnit::One,
        MemberRounding::Balanced,
    );
    assert_eq!(
        party(&balanced, Party::Kommuner).members_sum,
        Amount::kr(1_761_500),
        "GV-03 balanced"
    );
}

#[test]
fn gv05_nv2020_manual_minus_four() {
    // −4 kr over six members is more than rounding (6 × 0,5 kr): refused unless accepted.
    assert_eq!(
        refusal("nv2020_belopp.csv", 7_046_000),
        "beloppen för Kommuner summerar till 1\u{a0}761\u{a0}496 kr men partens belopp är \
         1\u{a0}761\u{a0}500 kr (skillnad −4 kr), mer än avrundning kan förklara"
    );
    let a = each_allowing_difference("nv2020_belopp.csv", 7_046_000);
    assert!(party(&a, Party::Kommuner).deviation, "GV-05 is a deviation");
    assert_parties("GV-05", &a, 3_523_000, 1_761_500, 1_761_500);
    assert_members(
        "GV-05",
        &a,
        &[
            ("Fagersta", 324_244),
            ("Norberg", 138_480),
            ("Skinnskatteberg", 105_876),
            ("Sala", 554_240),
            ("Hallstahammar", 394_856),
            ("Surahammar", 243_800),
        ],
    );
    let k = party(&a, Party::Kommuner);
    assert_eq!(k.members_sum, Amount::kr(1_761_496), "GV-05 Σ kommuner");
    assert_eq!(k.rounding_difference, Amount::kr(-4), "GV-05 −4 kr vs 25 %");
    assert_eq!(a.members_total(), Amount::kr(7_045_996), "GV-05 revenue");
}

#[test]
fn gv06_nv2023_manual_plus_four() {
    assert_eq!(
        refusal("nv2023_belopp.csv", 7_030_000),
        "beloppen för Kommuner summerar till 1\u{a0}757\u{a0}504 kr men partens belopp är \
         1\u{a0}757\u{a0}500 kr (skillnad +4 kr), mer än avrundning kan förklara"
    );
    let a = each_allowing_difference("nv2023_belopp.csv", 7_030_000);
    assert!(party(&a, Party::Kommuner).deviation, "GV-06 is a deviation");
    assert_parties("GV-06", &a, 3_515_000, 1_757_500, 1_757_500);
    assert_members(
        "GV-06",
        &a,
        &[
            ("Fagersta", 321_172),
            ("Hallstahammar", 401_452),
            ("Norberg", 135_228),
            ("Skinnskatteberg", 105_904),
            ("Sala", 552_688),
            ("Surahammar", 241_060),
        ],
    );
    let k = party(&a, Party::Kommuner);
    assert_eq!(k.members_sum, Amount::kr(1_757_504), "GV-06 Σ kommuner");
    assert_eq!(k.rounding_difference, Amount::kr(4), "GV-06 +4 kr");
    assert_eq!(a.members_total(), Amount::kr(7_030_004), "GV-06 members");
    assert_eq!(
        a.members_total() + Amount::kr(100_000),
        Amount::kr(7_130_004),
        "GV-06 revenue"
    );
}

#[test]
fn gv07_va_single_municipality() {
    let a = each("va2021_andel.csv", 13_310_000);
    assert_parties("GV-07", &a, 6_655_000, 3_327_500, 3_327_500);
    assert_members(
        "GV-07",
        &a,
        &[
            ("Västerås stad", 3_327_500),
            ("Region Västmanland", 3_327_500),
        ],
    );
    assert_eq!(a.rounding_difference(), Amount::ZERO, "GV-07");
}

#[test]
fn gv08_sd_fixed_percent_unit_one_krona() {
    let a = each("sd2021_andel.csv", 6_322_000);
    assert_eq!(
        party(&a, Party::Kommuner).key,
        Key::single(KeyMethod::Percent),
        "GV-08 key"
    );
    assert_parties("GV-08", &a, 3_161_000, 1_580_500, 1_580_500);
    assert_members(
        "GV-08",
        &a,
        &[
            ("Avesta", 695_420),
            ("Hedemora", 505_760),
            ("Säter", 379_320),
        ],
    );
    assert_eq!(
        party(&a, Party::Kommuner).rounding_difference,
        Amount::ZERO,
        "GV-08"
    );
    // tkr display: 3 161; 1 581 (1 580,5 half-up); 695; 506; 379.
    let tkr = |v: Amount| format_tkr(v.value()).replace('\u{a0}', " ");
    let expected = [
        ("Försäkringskassan (inkl Arbetsförmedlingen)", "3 161"),
        ("Region Dalarna", "1 581"),
        ("Avesta", "695"),
        ("Hedemora", "506"),
        ("Säter", "379"),
    ];
    for (name, want) in expected {
        assert_eq!(tkr(amount_of(&a, name)), want, "GV-08 tkr {name}");
    }
    // The tkr column as printed: municipalities 695 + 506 + 379 = 1 580; total 6 322.
    let shown = |name: &str| -> i64 {
        let text = tkr(amount_of(&a, name)).replace(' ', "");
        text.parse()
            .unwrap_or_else(|_| panic!("GV-08: {text} is not a number"))
    };
    let municipalities = shown("Avesta") + shown("Hedemora") + shown("Säter");
    assert_eq!(municipalities, 1_580, "GV-08 Σ municipalities (tkr)");
    assert_eq!(
        shown("Försäkringskassan (inkl Arbetsförmedlingen)")
            + shown("Region Dalarna")
            + municipalities,
        6_322,
        "GV-08 column total (tkr)"
    );
}

#[test]
fn gv08_sd_party_split_unit_thousand() {
    let a = allocate_fixture(
        "sd2021_andel.csv",
        Funding::Total(Amount::kr(6_322_000)),
        RoundingUnit::Thousand,
        MemberRounding::Each,
    );
    assert_parties("GV-08 (1000 kr)", &a, 3_161_000, 1_581_000, 1_580_000);
    for m in &a.members {
        assert!(
            (m.amount.value() % Decimal::ONE_THOUSAND).is_zero(),
            "GV-08 (1000 kr): {} = {} is not whole thousands",
            m.name,
            m.amount
        );
    }
}

#[test]
fn gv09_state_driven_total() {
    let a = allocate_fixture(
        "exempel_invanare.csv",
        Funding::State(Amount::kr(9_519_000)),
        RoundingUnit::One,
        MemberRounding::Each,
    );
    assert_eq!(a.total, Amount::kr(19_038_000), "GV-09 T = 2 × S");
    assert_parties("GV-09", &a, 9_519_000, 4_759_500, 4_759_500);

    // The rough case: S ≈ 9 mkr → T ≈ 18 mkr.
    let s = parse_amount("9 mkr").expect("GV-09: 9 mkr parses");
    let a = allocate_fixture(
        "exempel_invanare.csv",
        Funding::State(s),
        RoundingUnit::Thousand,
        MemberRounding::Balanced,
    );
    assert_eq!(a.total, Amount::kr(18_000_000), "GV-09 rough");
    assert_eq!(
        party(&a, Party::Kommuner).members_sum,
        Amount::kr(4_500_000),
        "GV-09 rough balanced"
    );
}

//! Property tests (docs/README.md): parties always sum to T; `balanced` members sum to the party
//! amount; `each` is within half a unit of exact; results do not depend on member order; no
//! input makes the allocation, the parser or the CSV reader panic; display round-trips.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::{
    allocation::{
        allocate, split_parties, Allocation, AllocationInput, Funding, Key, KeyMethod, KeyPart,
        MemberInput, MemberKind, MemberRounding, Party, PartyShares, RoundingUnit,
    },
    csv::{read_members_csv, read_table, write_csv, Cell},
    format::{format_decimal, format_kr, format_plain_natural},
    input::{parse_amount, parse_number},
    round_half_up, Amount,
};

fn unit_strategy() -> impl Strategy<Value = RoundingUnit> {
    prop_oneof![
        Just(RoundingUnit::One),
        Just(RoundingUnit::Hundred),
        Just(RoundingUnit::Thousand),
    ]
}

/// Shares in hundredths of a percent that sum to exactly 100.
fn shares_strategy() -> impl Strategy<Value = PartyShares> {
    (0u32..=10_000)
        .prop_flat_map(|a| (Just(a), 0u32..=(10_000 - a)))
        .prop_map(|(a, b)| {
            let staten = Decimal::new(i64::from(a), 2);
            let region = Decimal::new(i64::from(b), 2);
            PartyShares {
                staten,
                region,
                kommuner: Decimal::ONE_HUNDRED - staten - region,
            }
        })
}

/// A total that is a whole multiple of the unit, with its unit, within the money bound
/// (10^12 kr, docs/bounds.md).
fn total_strategy() -> impl Strategy<Value = (Amount, RoundingUnit)> {
    unit_strategy().prop_flat_map(|u| {
        (0i64..=samplan_engine::bounds::MAX_AMOUNT_KR / i64::from(u.kronor()))
            .prop_map(move |n| (Amount(Decimal::from(n) * u.value()), u))
    })
}

fn kommun(name: String, population: u64) -> MemberInput {
    MemberInput {
        population: Some(population),
        ..MemberInput::new(name, MemberKind::Kommun)
    }
}

/// Municipalities `K0…` with the given populations.
fn kommuner(pops: &[u64]) -> Vec<MemberInput> {
    pops.iter()
        .enumerate()
        .map(|(i, p)| kommun(format!("K{i}"), *p))
        .collect()
}

/// A population key, optionally mixed with equal parts.
fn key_strategy() -> impl Strategy<Value = Key> {
    prop_oneof![
        Just(Key::single(KeyMethod::Population)),
        (0u32..=100).prop_map(|w| Key::Mix(vec![
            KeyPart {
                method: KeyMethod::Equal,
                weight: Decimal::from(w),
            },
            KeyPart {
                method: KeyMethod::Population,
                weight: Decimal::from(100 - w),
            },
        ])),
    ]
}

fn amounts_by_name(a: &Allocation) -> BTreeMap<String, Amount> {
    a.members
        .iter()
        .map(|m| (m.name.clone(), m.amount))
        .collect()
}

proptest! {
    #[test]
    fn parties_always_sum_to_total(
        (total, unit) in total_strategy(),
        shares in shares_strategy(),
    ) {
        let parties = split_parties(total, &shares, unit).expect("valid input");
        let sum: Amount = parties.iter().map(|(_, a)| *a).sum();
        prop_assert_eq!(sum, total);
        for (exact, amount) in parties {
            prop_assert!((amount.value() % unit.value()).is_zero());
            prop_assert!((amount.value() - exact).abs() < unit.value());
        }
    }

    #[test]
    fn allocation_parties_sum_to_total(
        (total, unit) in total_strategy(),
        shares in shares_strategy(),
        pops in prop::collection::vec(1u64..10_000_000, 1..12),
        rounding in prop_oneof![Just(MemberRounding::Each), Just(MemberRounding::Balanced)],
    ) {
        let mut input = AllocationInput::new(Funding::Total(total), kommuner(&pops));
        input.shares = shares;
        input.unit = unit;
        input.rounding = rounding;
        let a = allocate(&input).expect("valid input");
        let sum: Amount = a.parties.iter().map(|p| p.amount).sum();
        prop_assert_eq!(sum, total);
        prop_assert_eq!(a.members_total(), total + a.rounding_difference());
    }

    #[test]
    fn balanced_members_sum_to_party_amount(
        (total, unit) in total_strategy(),
        pops in prop::collection::vec(1u64..10_000_000, 1..15),
        key in key_strategy(),
    ) {
        let mut input = AllocationInput::new(Funding::Total(total), kommuner(&pops));
        input.unit = unit;
        input.rounding = MemberRounding::Balanced;
        input.kommun_key = key;
        let a = allocate(&input).expect("valid input");
        for p in &a.parties {
            prop_assert_eq!(p.members_sum, p.amount, "{:?}", p.party);
            prop_assert_eq!(p.rounding_difference, Amount::ZERO);
        }
        for m in &a.members {
            prop_assert!((m.amount.value() % unit.value()).is_zero());
            prop_assert!((m.amount.value() - m.exact).abs() < unit.value(), "{}", m.name);
        }
    }

    #[test]
    fn each_is_within_half_a_unit_of_exact(
        (total, unit) in total_strategy(),
        pops in prop::collection::vec(1u64..10_000_000, 1..15),
        key in key_strategy(),
    ) {
        let mut input = AllocationInput::new(Funding::Total(total), kommuner(&pops));
        input.unit = unit;
        input.kommun_key = key;
        let a = allocate(&input).expect("valid input");
        let half = unit.value() / Decimal::TWO;
        for m in &a.members {
            prop_assert!((m.amount.value() % unit.value()).is_zero(), "{}", m.name);
            prop_assert!((m.amount.value() - m.exact).abs() <= half, "{}: {} vs {}", m.name, m.amount, m.exact);
        }
        let k = a.party(Party::Kommuner).expect("kommuner");
        let n = Decimal::from(pops.len() as u64);
        prop_assert!(k.rounding_difference.value().abs() <= half * n);
    }

    #[test]
    fn each_does_not_depend_on_member_order(
        (total, unit) in total_strategy(),
        (members, shuffled) in prop::collection::vec(1u64..10_000_000, 1..12)
            .prop_map(|p| kommuner(&p))
            .prop_flat_map(|m| (Just(m.clone()), Just(m).prop_shuffle())),
        key in key_strategy(),
    ) {
        let run = |members: Vec<MemberInput>| {
            let mut input = AllocationInput::new(Funding::Total(total), members);
            input.unit = unit;
            input.kommun_key = key.clone();
            allocate(&input).expect("valid input")
        };
        prop_assert_eq!(amounts_by_name(&run(members)), amounts_by_name(&run(shuffled)));
    }

    /// With distinct weights the only tie-break of `balanced` (larger weight first) is
    /// independent of order; the list order only decides between equal weights.
    #[test]
    fn balanced_does_not_depend_on_member_order_with_distinct_weights(
        (total, unit) in total_strategy(),
        (members, shuffled) in prop::collection::btree_set(1u64..10_000_000, 1..12)
            .prop_map(|p| kommuner(&p.into_iter().collect::<Vec<_>>()))
            .prop_flat_map(|m| (Just(m.clone()), Just(m).prop_shuffle())),
    ) {
        let run = |members: Vec<MemberInput>| {
            let mut input = AllocationInput::new(Funding::Total(total), members);
            input.unit = unit;
            input.rounding = MemberRounding::Balanced;
            allocate(&input).expect("valid input")
        };
        prop_assert_eq!(amounts_by_name(&run(members)), amounts_by_name(&run(shuffled)));
    }

    /// Equal weights: the amounts as a multiset do not depend on order (who gets the extra
    /// unit does, by the documented tie-break).
    #[test]
    fn balanced_with_ties_gives_the_same_multiset(
        (total, unit) in total_strategy(),
        n in 1usize..12,
        rotate in 0usize..12,
    ) {
        let members = kommuner(&vec![7; n]);
        let mut rotated = members.clone();
        rotated.rotate_left(rotate % n);
        let run = |members: Vec<MemberInput>| {
            let mut input = AllocationInput::new(Funding::Total(total), members);
            input.unit = unit;
            input.rounding = MemberRounding::Balanced;
            let a = allocate(&input).expect("valid input");
            let mut v: Vec<Amount> = a.members.iter().map(|m| m.amount).collect();
            v.sort();
            (v, a.members.iter().filter(|m| m.kind == MemberKind::Kommun).map(|m| m.amount).collect::<Vec<_>>())
        };
        let (sorted_a, in_order) = run(members);
        let (sorted_b, _) = run(rotated);
        prop_assert_eq!(sorted_a, sorted_b);
        // The extra units go to the earliest members in the list.
        prop_assert!(in_order.windows(2).all(|w| w[0] >= w[1]));
    }
}

fn decimal_strategy() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0u32..=12).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
    ]
}

fn member_strategy() -> impl Strategy<Value = MemberInput> {
    (
        "[A-Ö]{0,3}",
        prop::option::of(prop_oneof![
            Just(MemberKind::Stat),
            Just(MemberKind::Region),
            Just(MemberKind::Kommun)
        ]),
        prop::option::of(any::<u64>()),
        prop::option::of(decimal_strategy()),
        prop::option::of(decimal_strategy()),
        prop::option::of(2018i32..2030),
        prop::option::of(2018i32..2030),
    )
        .prop_map(
            |(name, kind, population, percent, amount, first_year, last_year)| MemberInput {
                id: None,
                name,
                kind,
                population,
                percent,
                amount: amount.map(Amount),
                first_year,
                last_year,
            },
        )
}

fn any_key_strategy() -> impl Strategy<Value = Key> {
    let method = prop_oneof![
        Just(KeyMethod::Population),
        Just(KeyMethod::Percent),
        Just(KeyMethod::Equal)
    ];
    prop_oneof![
        Just(Key::Amount),
        prop::collection::vec(
            (method, decimal_strategy()).prop_map(|(method, weight)| KeyPart { method, weight }),
            0..4
        )
        .prop_map(Key::Mix),
    ]
}

proptest! {
    #[test]
    fn allocate_never_panics(
        total in decimal_strategy(),
        by_state in any::<bool>(),
        staten in decimal_strategy(),
        region in decimal_strategy(),
        fair in any::<bool>(),
        unit in unit_strategy(),
        balanced in any::<bool>(),
        kommun_key in any_key_strategy(),
        region_key in any_key_strategy(),
        members in prop::collection::vec(member_strategy(), 0..8),
        year in prop::option::of(2018i32..2030),
    ) {
        let funding = if by_state { Funding::State(Amount(total)) } else { Funding::Total(Amount(total)) };
        let mut input = AllocationInput::new(funding, members);
        input.shares = if fair {
            PartyShares::default()
        } else {
            PartyShares { staten, region, kommuner: Decimal::ONE_HUNDRED.checked_sub(staten).and_then(|v| v.checked_sub(region)).unwrap_or(Decimal::ZERO) }
        };
        input.unit = unit;
        input.rounding = if balanced { MemberRounding::Balanced } else { MemberRounding::Each };
        input.kommun_key = kommun_key;
        input.region_key = region_key;
        input.year = year;
        if let Ok(a) = allocate(&input) {
            // The totals the result offers must not panic either.
            let _ = a.members_total();
            let _ = a.rounding_difference();
        }
    }

    #[test]
    fn parse_amount_never_panics(s in any::<String>()) {
        let _ = parse_amount(&s);
        let _ = parse_number(&s);
    }

    #[test]
    fn parse_amount_never_panics_on_number_like_text(
        s in "[-+−–]?[0-9 ,.\u{a0}\u{202f}]{0,40}( ?(kr|tkr|mkr|KR|%))?"
    ) {
        let _ = parse_amount(&s);
    }

    #[test]
    fn display_round_trips_through_the_parser(m in -1_000_000_000_000_000i64..1_000_000_000_000_000, scale in 0u32..=6) {
        let v = Decimal::new(m, scale);
        prop_assert_eq!(parse_number(&format_decimal(v, scale)), Ok(v));
        prop_assert_eq!(parse_number(&format_plain_natural(v)), Ok(v));
        prop_assert_eq!(parse_amount(&format!("{} kr", format_kr(v))).map(|a| a.value()), Ok(round_half_up(v, 0)));
    }

    #[test]
    fn csv_readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = read_table(&bytes, None);
        let _ = read_members_csv(&bytes, None);
        let _ = read_members_csv(&bytes, Some(b','));
    }

    #[test]
    fn csv_readers_never_panic_on_csv_like_text(
        s in "(Medlem|Typ|Invånare|Andel|Belopp|Kommun|Stat|Region|[0-9 ,]{1,6}|[;\t,\"\r\n]|x){0,40}"
    ) {
        let _ = read_members_csv(s.as_bytes(), None);
    }

    /// What the writer writes, the reader reads back: text cells unchanged, numbers through
    /// the Swedish parser to the same value.
    #[test]
    fn written_csv_reads_back(
        texts in prop::collection::vec("[a-zåäöA-Z][a-zåäö;,\"\n 0-9]{0,8}", 1..5),
        numbers in prop::collection::vec((any::<i64>(), 0u32..=6), 1..5),
    ) {
        let header: Vec<Cell> = (0..texts.len() + numbers.len()).map(|i| Cell::text(format!("K{i}"))).collect();
        let values: Vec<Decimal> = numbers.iter().map(|(m, s)| Decimal::new(*m, *s)).collect();
        let row: Vec<Cell> = texts.iter().map(|t| Cell::text(t.clone()))
            .chain(values.iter().map(|v| Cell::Number(*v)))
            .collect();
        let bytes = write_csv(&[header, row]);
        let table = read_table(&bytes, None).expect("reads back");
        prop_assert_eq!(table.delimiter, b';');
        prop_assert_eq!(table.rows.len(), 1);
        let fields = &table.rows[0].fields;
        for (i, t) in texts.iter().enumerate() {
            prop_assert_eq!(&fields[i], t);
        }
        for (i, v) in values.iter().enumerate() {
            prop_assert_eq!(parse_number(&fields[texts.len() + i]), Ok(*v));
        }
    }
}

/// Regression: manual amounts whose sum overflows used to panic in `allocate`.
#[test]
fn huge_manual_amounts_are_an_error_not_a_panic() {
    let mut a = MemberInput::new("A", MemberKind::Kommun);
    a.amount = Some(Amount(Decimal::MAX));
    let mut b = MemberInput::new("B", MemberKind::Kommun);
    b.amount = Some(Amount(Decimal::MAX));
    let mut input = AllocationInput::new(Funding::Total(Amount::kr(100)), vec![a, b]);
    input.kommun_key = Key::Amount;
    assert_eq!(
        allocate(&input),
        Err(samplan_engine::allocation::AllocationError::Overflow)
    );
}

/// Regression: party shares whose sum overflows used to panic in `PartyShares::validate`.
#[test]
fn huge_shares_are_an_error_not_a_panic() {
    let mut input = AllocationInput::new(
        Funding::Total(Amount::kr(0)),
        vec![MemberInput::new("A", MemberKind::Kommun)],
    );
    input.shares = PartyShares {
        staten: Decimal::from(10_050),
        region: Decimal::MAX,
        kommuner: Decimal::ZERO,
    };
    assert_eq!(
        allocate(&input),
        Err(samplan_engine::allocation::AllocationError::Overflow)
    );
}

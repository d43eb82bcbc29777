//! A new plan from what a treasurer knows (docs/app.md, "Ny plan"): the plan's name, the last
//! decided year (the *base year*) with its decided *medelstilldelning*, how many plan years
//! follow it, the first plan year's *medelstilldelning* (the same as the base year, the base
//! year + p %, or an amount), the key between the municipalities with the source and date of
//! its figures, and optionally a members CSV.
//!
//! The base year is a real year of the plan: its decided figures are the first year's input,
//! so every plan year, the first one included, has a previous year to compare with (the
//! municipality's "Förändring mot föregående år").

use rust_decimal::Decimal;
use thiserror::Error;

use crate::allocation::Key;
use crate::bounds::{check_non_negative_amount, check_percent, PercentKind, MAX_YEAR, MIN_YEAR};
use crate::csv_io::MembersImport;
use crate::edit::{apply, EditError};
use crate::money::Amount;
use crate::plan::{FundingInput, Plan, Year};

/// The most plan years a new plan can have after its base year.
pub const MAX_NEW_PLAN_YEARS: u32 = 10;
/// The plan years a new plan has by default after its base year.
pub const DEFAULT_NEW_PLAN_YEARS: u32 = 3;

/// How the first plan year's *medelstilldelning* is given in the new-plan form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstYearFunding {
    /// The same total as the base year ("samma som basåret").
    SameAsBase,
    /// The base year's total plus a percentage (may be negative).
    PlusPercent(Decimal),
    /// A total in kronor.
    Total(Amount),
}

/// What the new-plan form asks. Numbers are already read with the engine's parsers
/// ([`parse_amount`](crate::input::parse_amount) and friends); [`Plan::from_seed`] checks the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPlanSeed {
    /// The association's name (the plan's name).
    pub name: String,
    /// The last decided year: the plan's first year.
    pub base_year: Year,
    /// The decided *medelstilldelning* of the base year, in kronor.
    pub base_funding: Amount,
    /// How many plan years follow the base year (1–[`MAX_NEW_PLAN_YEARS`]).
    pub plan_years: u32,
    /// The first plan year's *medelstilldelning*; the later years are "previous year + 0 %".
    pub first_funding: FirstYearFunding,
    /// The key between the municipalities.
    pub kommun_key: Key,
    /// Where the key's figures come from, e.g. `SCB` (may be empty).
    pub source: String,
    /// The reference date of the key's figures, e.g. `2024-11-01` (may be empty).
    pub source_date: String,
    /// An optional members CSV, read with [`read_members_csv`](crate::csv::read_members_csv): its
    /// members and key values are the base year's (and later years', until changed).
    pub members: Option<MembersImport>,
    /// The equity at the end of the base year from its annual report (optional): the base
    /// year's typed closing equity, so the first plan year has a known *EK IB* without a
    /// base-year budget (docs/equity.md).
    pub base_closing_equity: Option<Amount>,
}

impl NewPlanSeed {
    /// The form's defaults for a plan whose base year is `base_year`: three plan years, the
    /// first plan year's *medelstilldelning* the same as the base year's, key `Invånare`.
    pub fn with_defaults(base_year: Year) -> NewPlanSeed {
        NewPlanSeed {
            name: String::new(),
            base_year,
            base_funding: Amount::ZERO,
            plan_years: DEFAULT_NEW_PLAN_YEARS,
            first_funding: FirstYearFunding::SameAsBase,
            kommun_key: Key::default(),
            source: String::new(),
            source_date: String::new(),
            members: None,
            base_closing_equity: None,
        }
    }
}

/// Which field of the new-plan form an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NewPlanField {
    /// The plan's name.
    Name,
    /// The base year.
    BaseYear,
    /// The base year's *medelstilldelning*.
    BaseFunding,
    /// The number of plan years.
    PlanYears,
    /// The first plan year's *medelstilldelning*.
    FirstFunding,
    /// The members CSV.
    Members,
    /// The base year's closing equity.
    BaseClosingEquity,
}

/// Why a new plan cannot be made from the form (nothing is created).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NewPlanError {
    /// The name is empty.
    #[error("Ange planens namn.")]
    NameMissing,
    /// The base year is outside the years a plan can have.
    #[error("Basåret {year} ligger utanför {MIN_YEAR}–{MAX_YEAR}.")]
    BaseYearOutOfRange {
        /// The year as given.
        year: Year,
    },
    /// The number of plan years is outside 1–10.
    #[error("Antalet planår ska vara 1–{most}, inte {given}.", most = MAX_NEW_PLAN_YEARS)]
    PlanYearsOutOfRange {
        /// The number as given.
        given: u32,
    },
    /// The last plan year would be after 2200.
    #[error("Planens sista år {last} ligger efter {MAX_YEAR}: välj färre planår.")]
    PastLastYear {
        /// The last year the plan would have.
        last: i64,
    },
    /// An amount that cannot be the base year's *medelstilldelning*.
    #[error("Medelstilldelningen {year}: {reason}.")]
    BaseFunding {
        /// The base year.
        year: Year,
        /// The Swedish reason.
        reason: String,
    },
    /// The first plan year's *medelstilldelning* is not valid.
    #[error("Medelstilldelningen {year}: {reason}.")]
    FirstFunding {
        /// The first plan year.
        year: Year,
        /// The Swedish reason.
        reason: String,
    },
    /// The base year's closing equity is out of bounds.
    #[error("Eget kapital vid slutet av {year}: {reason}.")]
    BaseClosingEquity {
        /// The base year.
        year: Year,
        /// The Swedish reason.
        reason: String,
    },
    /// The members CSV cannot be applied to the new plan.
    #[error("Medlemslistan kunde inte läggas in: {0}.")]
    Members(EditError),
}

impl NewPlanError {
    /// The form field the error is about.
    pub fn field(&self) -> NewPlanField {
        match self {
            NewPlanError::NameMissing => NewPlanField::Name,
            NewPlanError::BaseYearOutOfRange { .. } => NewPlanField::BaseYear,
            NewPlanError::PlanYearsOutOfRange { .. } | NewPlanError::PastLastYear { .. } => {
                NewPlanField::PlanYears
            }
            NewPlanError::BaseFunding { .. } => NewPlanField::BaseFunding,
            NewPlanError::FirstFunding { .. } => NewPlanField::FirstFunding,
            NewPlanError::BaseClosingEquity { .. } => NewPlanField::BaseClosingEquity,
            NewPlanError::Members(_) => NewPlanField::Members,
        }
    }
}

/// The population source text of a plan: source and date joined by a space (either may be
/// empty), e.g. `SCB 2024-11-01`.
pub(crate) fn population_source_text(source: &str, date: &str) -> String {
    [source.trim(), date.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Plan {
    /// The plan the new-plan form describes, or every problem with the form (in field order;
    /// nothing is created then). The years are the base year and `plan_years` following
    /// years; the base year's funding is its decided total, the first plan year's is as
    /// chosen, and each later year's is "previous year + 0 %". The members CSV, if any, is
    /// imported for the base year (and so applies to the later years until changed).
    pub fn from_seed(seed: &NewPlanSeed) -> Result<Plan, Vec<NewPlanError>> {
        let mut errors = Vec::new();
        let name = seed.name.trim();
        if name.is_empty() {
            errors.push(NewPlanError::NameMissing);
        }
        let year_ok = (MIN_YEAR..=MAX_YEAR).contains(&seed.base_year);
        if !year_ok {
            errors.push(NewPlanError::BaseYearOutOfRange {
                year: seed.base_year,
            });
        }
        if seed.plan_years == 0 || seed.plan_years > MAX_NEW_PLAN_YEARS {
            errors.push(NewPlanError::PlanYearsOutOfRange {
                given: seed.plan_years,
            });
        } else if year_ok {
            let last = i64::from(seed.base_year).saturating_add(i64::from(seed.plan_years));
            if last > i64::from(MAX_YEAR) {
                errors.push(NewPlanError::PastLastYear { last });
            }
        }
        if let Err(e) = check_non_negative_amount(seed.base_funding.value()) {
            errors.push(NewPlanError::BaseFunding {
                year: seed.base_year,
                reason: e.to_string(),
            });
        }
        if let Some(Err(e)) = seed
            .base_closing_equity
            .map(|c| crate::bounds::check_amount(c.value()))
        {
            errors.push(NewPlanError::BaseClosingEquity {
                year: seed.base_year,
                reason: e.to_string(),
            });
        }
        let first_year = seed.base_year.saturating_add(1);
        let first_funding = match seed.first_funding {
            FirstYearFunding::SameAsBase => Ok(FundingInput::PreviousPlusPercent(Decimal::ZERO)),
            FirstYearFunding::PlusPercent(p) => check_percent(p, PercentKind::Change)
                .map(FundingInput::PreviousPlusPercent)
                .map_err(|e| e.to_string()),
            FirstYearFunding::Total(t) => check_non_negative_amount(t.value())
                .map(FundingInput::Total)
                .map_err(|e| e.to_string()),
        };
        let first_funding = match first_funding {
            Ok(f) => Some(f),
            Err(reason) => {
                errors.push(NewPlanError::FirstFunding {
                    year: first_year,
                    reason,
                });
                None
            }
        };
        let Some(first_funding) = first_funding.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };

        let mut plan = Plan::empty(name, seed.base_year, seed.plan_years);
        if let Some(yi) = plan.year_inputs.get_mut(&seed.base_year) {
            yi.funding = FundingInput::Total(seed.base_funding);
            yi.closing_equity = seed.base_closing_equity;
        }
        if let Some(yi) = plan.year_inputs.get_mut(&first_year) {
            yi.funding = first_funding;
        }
        plan.settings.kommun_key = seed.kommun_key.clone();
        plan.settings.population_source = population_source_text(&seed.source, &seed.source_date);
        if let Some(import) = &seed.members {
            let applied = import
                .to_edit(&plan, seed.base_year)
                .and_then(|(edit, _)| apply(&mut plan, &edit));
            if let Err(e) = applied {
                return Err(vec![NewPlanError::Members(e)]);
            }
        }
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::KeyMethod;
    use crate::csv_io::read_members_csv;
    use crate::report::compute;

    fn seed() -> NewPlanSeed {
        NewPlanSeed {
            name: "Samordningsförbundet Test".into(),
            base_funding: Amount::kr(4_000_000),
            ..NewPlanSeed::with_defaults(2025)
        }
    }

    #[test]
    fn the_base_year_is_the_first_year_with_its_decided_total() {
        let plan = Plan::from_seed(&seed()).unwrap();
        assert_eq!(plan.years, vec![2025, 2026, 2027, 2028]);
        assert_eq!(plan.settings.name, "Samordningsförbundet Test");
        assert_eq!(
            plan.year_input(2025).funding,
            FundingInput::Total(Amount::kr(4_000_000))
        );
        assert_eq!(
            plan.year_input(2026).funding,
            FundingInput::PreviousPlusPercent(Decimal::ZERO)
        );
        assert_eq!(
            plan.year_input(2028).funding,
            FundingInput::PreviousPlusPercent(Decimal::ZERO)
        );
    }

    #[test]
    fn the_first_plan_year_can_grow_by_a_percentage_or_be_an_amount() {
        let mut s = seed();
        s.first_funding = FirstYearFunding::PlusPercent(Decimal::from(5));
        s.plan_years = 1;
        let plan = Plan::from_seed(&s).unwrap();
        assert_eq!(plan.years, vec![2025, 2026]);
        assert_eq!(
            plan.year_input(2026).funding,
            FundingInput::PreviousPlusPercent(Decimal::from(5))
        );
        s.first_funding = FirstYearFunding::Total(Amount::kr(4_400_000));
        let plan = Plan::from_seed(&s).unwrap();
        assert_eq!(
            plan.year_input(2026).funding,
            FundingInput::Total(Amount::kr(4_400_000))
        );
    }

    #[test]
    fn key_and_source_are_the_plans() {
        let mut s = seed();
        s.kommun_key = Key::single(KeyMethod::Equal);
        s.source = " SCB ".into();
        s.source_date = "2024-11-01".into();
        let plan = Plan::from_seed(&s).unwrap();
        assert_eq!(plan.settings.kommun_key, Key::single(KeyMethod::Equal));
        assert_eq!(plan.settings.population_source, "SCB 2024-11-01");
        assert_eq!(population_source_text("", " 2024-11-01"), "2024-11-01");
        assert_eq!(population_source_text("", ""), "");
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let s = NewPlanSeed {
            name: "  ".into(),
            base_year: 1980,
            base_funding: Amount::kr(-1),
            plan_years: 0,
            first_funding: FirstYearFunding::PlusPercent(Decimal::from(-150)),
            ..seed()
        };
        let errors = Plan::from_seed(&s).unwrap_err();
        let texts: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            texts,
            vec![
                "Ange planens namn.",
                "Basåret 1980 ligger utanför 1990–2200.",
                "Antalet planår ska vara 1–10, inte 0.",
                "Medelstilldelningen 1980: beloppet får inte vara negativt.",
                "Medelstilldelningen 1981: −150 % ligger utanför −100–1\u{a0}000 %.",
            ]
        );
        let fields: Vec<NewPlanField> = errors.iter().map(NewPlanError::field).collect();
        assert_eq!(
            fields,
            vec![
                NewPlanField::Name,
                NewPlanField::BaseYear,
                NewPlanField::PlanYears,
                NewPlanField::BaseFunding,
                NewPlanField::FirstFunding,
            ]
        );
    }

    #[test]
    fn the_plan_may_not_pass_the_last_year() {
        let s = NewPlanSeed {
            base_year: 2195,
            plan_years: 10,
            ..seed()
        };
        let errors = Plan::from_seed(&s).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            vec!["Planens sista år 2205 ligger efter 2200: välj färre planår."]
        );
        let s = NewPlanSeed {
            plan_years: 11,
            ..seed()
        };
        assert_eq!(
            Plan::from_seed(&s).unwrap_err()[0].to_string(),
            "Antalet planår ska vara 1–10, inte 11."
        );
    }

    #[test]
    fn members_csv_is_imported_for_the_base_year_and_the_plan_computes() {
        let csv = "Medlem;Typ;Invånare\nAstad;Kommun;30000\nBby;Kommun;10000\n";
        let mut s = seed();
        s.members = Some(read_members_csv(csv.as_bytes(), None).unwrap());
        let plan = Plan::from_seed(&s).unwrap();
        assert_eq!(plan.members.len(), 2);
        let report = compute(&plan);
        for y in &report.years {
            let a = y.allocation.as_ref().unwrap();
            assert_eq!(a.total, Amount::kr(4_000_000), "{}", y.year);
        }
    }

    #[test]
    fn an_unfilled_new_plan_shows_no_error_only_a_hint() {
        let plan = Plan::from_seed(&seed()).unwrap();
        let report = compute(&plan);
        let serious: Vec<String> = report
            .warnings
            .iter()
            .filter(|w| w.severity() != crate::report::Severity::Info)
            .map(|w| w.message())
            .collect();
        assert!(serious.is_empty(), "{serious:?}");
        let e = report.years[0].allocation.as_ref().unwrap_err();
        assert!(e.awaits_input());
        // One hint for the plan, naming its first year (the later years wait for the same).
        let hints: Vec<String> = report.warnings.iter().map(|w| w.message()).collect();
        assert_eq!(
            hints,
            vec!["Fördelningen 2025 väntar på uppgifter: lägg till förbundets kommuner under Finansiering (eller importera en medlemslista), så räknas fördelningen."]
        );
        assert!(report
            .years
            .iter()
            .all(|y| y.allocation.as_ref().is_err_and(|e| e.awaits_input())));
    }
}

//! The plan document (docs/budget.md, docs/equity.md, docs/scenarios.md, 3.1): settings, members and their key values per year,
//! the allocation input per year, budget lines, equity, and named scenarios that override the
//! base plan's inputs. A [`Plan`] is plain data (no signals, no clock); it is serialised as the
//! versioned plan file (see `plan_file`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allocation::{Key, MemberInput, MemberKind, MemberRounding, PartyShares, RoundingUnit};
use crate::money::Amount;

pub use crate::ids::{LineId, MemberId, ScenarioId, Year, NO_FREE_ID};

/// Budget categories (docs/budget.md). *Medlemsbidrag* is not a category: it is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Direkta insatskostnader: Individinsatser.
    Individinsatser,
    /// Direkta insatskostnader: Strukturpåverkande insatser.
    Strukturpaverkande,
    /// Direkta insatskostnader: Processtöd samverkansinsatser.
    Processtod,
    /// Administrativa kostnader: Styrelse.
    Styrelse,
    /// Administrativa kostnader: Kansli.
    Kansli,
    /// Verksamhetens intäkter besides the members' contributions.
    OvrigaIntakter,
    /// Finansiella intäkter (outside *verksamhetens* result).
    FinansiellaIntakter,
    /// Finansiella kostnader (outside *verksamhetens* result).
    FinansiellaKostnader,
}

impl Category {
    /// All categories in report order.
    pub const ALL: [Category; 8] = [
        Category::Individinsatser,
        Category::Strukturpaverkande,
        Category::Processtod,
        Category::Styrelse,
        Category::Kansli,
        Category::OvrigaIntakter,
        Category::FinansiellaIntakter,
        Category::FinansiellaKostnader,
    ];

    /// The categories a line can be split over (docs/budget.md, split lines): the cost
    /// categories of *verksamheten*, in report order. Income and financial items are never
    /// shares of a split line.
    pub const SPLITTABLE: [Category; 5] = [
        Category::Individinsatser,
        Category::Strukturpaverkande,
        Category::Processtod,
        Category::Styrelse,
        Category::Kansli,
    ];

    /// True for a category a line can be split over ([`Category::SPLITTABLE`]).
    pub fn is_splittable(self) -> bool {
        Category::SPLITTABLE.contains(&self)
    }

    /// The Swedish name, as in the reports.
    pub fn label(self) -> &'static str {
        match self {
            Category::Individinsatser => "Individinsatser",
            Category::Strukturpaverkande => "Strukturpåverkande insatser",
            Category::Processtod => "Processtöd samverkansinsatser",
            Category::Styrelse => "Styrelse",
            Category::Kansli => "Kansli",
            Category::OvrigaIntakter => "Övriga intäkter",
            Category::FinansiellaIntakter => "Finansiella intäkter",
            Category::FinansiellaKostnader => "Finansiella kostnader",
        }
    }

    /// Parses a category name or short form (`Individ`, `Struktur`, `Processtöd`, `Styrelse`,
    /// `Kansli`, `Övriga intäkter`), case-insensitive.
    pub fn parse(text: &str) -> Option<Category> {
        let t = text.trim().to_lowercase();
        Category::ALL
            .into_iter()
            .find(|c| c.label().to_lowercase() == t)
            .or(match t.as_str() {
                "individ" | "individinsats" => Some(Category::Individinsatser),
                "struktur" | "strukturpåverkande" | "strukturella insatser" => {
                    Some(Category::Strukturpaverkande)
                }
                "processtöd" | "processtod" => Some(Category::Processtod),
                "kansli + bilkonto" | "administration" => Some(Category::Kansli),
                "övriga intäkter" | "ovriga intakter" | "övrigt" => {
                    Some(Category::OvrigaIntakter)
                }
                "finansiella intäkter" => Some(Category::FinansiellaIntakter),
                "finansiella kostnader" => Some(Category::FinansiellaKostnader),
                _ => None,
            })
    }

    /// True for income categories (entered as positive income).
    pub fn is_income(self) -> bool {
        matches!(
            self,
            Category::OvrigaIntakter | Category::FinansiellaIntakter
        )
    }

    /// True for *direkta insatskostnader*.
    pub fn is_direct(self) -> bool {
        matches!(
            self,
            Category::Individinsatser | Category::Strukturpaverkande | Category::Processtod
        )
    }

    /// True for *administrativa kostnader*.
    pub fn is_admin(self) -> bool {
        matches!(self, Category::Styrelse | Category::Kansli)
    }

    /// True for the financial items outside *verksamhetens* result.
    pub fn is_financial(self) -> bool {
        matches!(
            self,
            Category::FinansiellaIntakter | Category::FinansiellaKostnader
        )
    }
}

/// How a year's *medelstilldelning* is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "typ", content = "värde")]
pub enum FundingInput {
    /// The total T in kronor.
    Total(Amount),
    /// The state amount S in kronor (T = S / state share).
    State(Amount),
    /// The previous year's total plus a percentage (may be negative), rounded to the rounding unit.
    PreviousPlusPercent(Decimal),
}

/// Key values of one member for one year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyValues {
    /// Population (`Invånare`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// Percent of the party's amount (`Andel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<Decimal>,
    /// Fixed amount (`Belopp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
}

/// A member (*förbundsmedlem*).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Stable id.
    pub id: MemberId,
    /// Name, e.g. `Fagersta`.
    pub name: String,
    /// Stat, Region or Kommun.
    pub kind: MemberKind,
    /// First year of membership (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_year: Option<Year>,
    /// Last year of membership (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year: Option<Year>,
    /// Key values per year. A year without an entry uses the latest earlier year's values.
    #[serde(default)]
    pub values: BTreeMap<Year, KeyValues>,
}

impl Member {
    /// The key values in force in `year` (latest entry at or before `year`, else the earliest).
    pub fn values_for(&self, year: Year) -> KeyValues {
        self.values
            .range(..=year)
            .next_back()
            .or_else(|| self.values.iter().next())
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The allocation's view of this member in `year`.
    pub fn input_for(&self, year: Year) -> MemberInput {
        let v = self.values_for(year);
        MemberInput {
            id: Some(self.id),
            name: self.name.clone(),
            kind: Some(self.kind),
            population: v.population,
            percent: v.percent,
            amount: v.amount,
            first_year: self.first_year,
            last_year: self.last_year,
        }
    }

    /// True when the member is a member in `year`.
    pub fn is_active(&self, year: Year) -> bool {
        self.first_year.is_none_or(|f| year >= f) && self.last_year.is_none_or(|l| year <= l)
    }
}

/// Outcome (*utfall*) of a line for one year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Year-to-date outcome (*ack. utfall*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ytd: Option<Amount>,
    /// Final outcome for the full year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_amount: Option<Amount>,
    /// The full-year forecast (*prognos helår*) made at the year's forecast period
    /// ([`YearInput::forecast_period`]); docs/budget.md "Prognos".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<Amount>,
}

impl Outcome {
    /// The best known outcome: final if given, else year-to-date.
    pub fn best(&self) -> Option<Amount> {
        self.final_amount.or(self.ytd)
    }
}

/// One share of a split line, e.g. 50 % Kansli.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitShare {
    /// Target category.
    pub category: Category,
    /// Percent of the line's amount.
    pub percent: Decimal,
}

/// A budget line (docs/budget.md). Costs and income are entered as positive numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    /// Stable id.
    pub id: LineId,
    /// Optional account id (*konto*), e.g. `35000`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Name of the line (*post*).
    pub name: String,
    /// Category; `None` = not yet categorised (a warning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// For a split line: the percentages per category (sum 100); overrides `category`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<SplitShare>,
    /// Budget amount per year in kronor.
    #[serde(default)]
    pub amounts: BTreeMap<Year, Amount>,
    /// Outcome per year.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub outcome: BTreeMap<Year, Outcome>,
    /// Municipality where the intervention operates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Formulas typed into amount cells, per year (docs/numbers.md, "Formulas"). A formula
    /// counts only while the year's amount is the amount it gave ([`BudgetLine::formula`]).
    /// Optional in the plan file: absent when there is none, so files without formulas are
    /// unchanged.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub formulas: BTreeMap<Year, crate::formula::LineFormula>,
}

impl BudgetLine {
    /// A new, empty line.
    pub fn new(id: LineId, name: impl Into<String>, category: Option<Category>) -> Self {
        BudgetLine {
            id,
            account: None,
            name: name.into(),
            category,
            split: Vec::new(),
            amounts: BTreeMap::new(),
            outcome: BTreeMap::new(),
            municipality: None,
            note: String::new(),
            formulas: BTreeMap::new(),
        }
    }

    /// The formula of `year`'s amount, when the amount is still the one it gave (any other
    /// way of setting the amount makes it stale: then `None`).
    pub fn formula(&self, year: Year) -> Option<&crate::formula::LineFormula> {
        self.formulas
            .get(&year)
            .filter(|f| self.amounts.get(&year) == Some(&f.value))
    }

    /// True when the line keeps a formula that no longer gave its amount.
    pub fn has_stale_formula(&self) -> bool {
        self.formulas.keys().any(|y| self.formula(*y).is_none())
    }

    /// The budget amount for `year` (zero when empty).
    pub fn amount(&self, year: Year) -> Amount {
        self.amounts.get(&year).copied().unwrap_or_default()
    }

    /// True for a split line.
    pub fn is_split(&self) -> bool {
        !self.split.is_empty()
    }
}

/// Which allocation the equity ratio is measured against (docs/equity.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EquityBase {
    /// The same year's *medelstilldelning* (default).
    #[default]
    SameYear,
    /// Next year's *medelstilldelning* (as Södra Dalarna reports it). The last plan year uses
    /// [`Settings::expected_next_funding`], else its own total (an assumption).
    NextYear,
    /// The same year's *budgeterade medlemsbidrag* (Norra Västmanland's rule).
    BudgetedContributions,
    /// The same year's *budgeterade intäkter*: members' contributions + övriga intäkter
    /// (Norra Västmanland 2022's "16 %").
    BudgetedRevenue,
}

impl EquityBase {
    /// All bases in display order.
    pub const ALL: [EquityBase; 4] = [
        EquityBase::SameYear,
        EquityBase::NextYear,
        EquityBase::BudgetedContributions,
        EquityBase::BudgetedRevenue,
    ];

    /// Swedish description for captions and exports.
    pub fn label(self) -> &'static str {
        match self {
            EquityBase::SameYear => "årets medelstilldelning",
            EquityBase::NextYear => "nästa års medelstilldelning",
            EquityBase::BudgetedContributions => "budgeterade medlemsbidrag",
            EquityBase::BudgetedRevenue => "budgeterade intäkter",
        }
    }
}

/// What the cost distribution's percentages are measured against (docs/budget.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DistributionBase {
    /// Gross *verksamhetens kostnader* (default; Västmanland 2024, Norra Västmanland 2021).
    #[default]
    GrossCosts,
    /// Costs net of income: *övriga intäkter* netted against administration (Västmanland 2023).
    NetCosts,
    /// Share of the year's *medelstilldelning* (Västerås 2021); the shares need not sum to 100.
    Allocation,
}

impl DistributionBase {
    /// All bases in display order.
    pub const ALL: [DistributionBase; 3] = [
        DistributionBase::GrossCosts,
        DistributionBase::NetCosts,
        DistributionBase::Allocation,
    ];

    /// Swedish description for captions and exports.
    pub fn label(self) -> &'static str {
        match self {
            DistributionBase::GrossCosts => "andel av verksamhetens kostnader (brutto)",
            DistributionBase::NetCosts => {
                "andel av kostnaderna netto (övriga intäkter avräknade från administrationen)"
            }
            DistributionBase::Allocation => {
                "andel av medelstilldelningen (andelarna behöver inte summera till 100 %)"
            }
        }
    }
}

/// The key settings of one year, in force from that year on until a later entry changes them
/// (`None` = as before: the previous entry, else the plan-wide setting).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearKeys {
    /// Key between the municipalities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kommun_key: Option<Key>,
    /// Key between the regions (when there are several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_key: Option<Key>,
    /// Reference date and source of the population figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_source: Option<String>,
}

impl YearKeys {
    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        self.kommun_key.is_none() && self.region_key.is_none() && self.population_source.is_none()
    }
}

/// How whole-percent cost distribution figures are rounded (docs/budget.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PercentRounding {
    /// Largest remainder: the whole percents sum to 100 (default).
    #[default]
    LargestRemainder,
    /// Each share rounded half-up on its own (may sum to 99 or 101).
    Independent,
}

/// Plan-wide settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The association's name.
    pub name: String,
    /// Organisation number, if known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub org_nr: String,
    /// Party shares (default 50 / 25 / 25).
    #[serde(default)]
    pub shares: PartyShares,
    /// Rounding unit of the computation.
    #[serde(default)]
    pub unit: RoundingUnit,
    /// Member rounding mode.
    #[serde(default)]
    pub rounding: MemberRounding,
    /// Key between the municipalities.
    #[serde(default)]
    pub kommun_key: Key,
    /// Key between the regions (when there are several).
    #[serde(default)]
    pub region_key: Key,
    /// Reference date and source of the population figures, e.g. `SCB 2023-11-01`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub population_source: String,
    /// Equity ceiling as percent of the base (default 20).
    pub equity_ceiling_percent: Decimal,
    /// Optional equity floor in kronor (e.g. 500 000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equity_floor: Option<Amount>,
    /// What the equity ratio is measured against.
    #[serde(default)]
    pub equity_base: EquityBase,
    /// How whole-percent cost distribution is rounded.
    #[serde(default)]
    pub percent_rounding: PercentRounding,
    /// What the cost distribution is measured against.
    #[serde(default)]
    pub distribution_base: DistributionBase,
    /// The expected *medelstilldelning* of the year after the last plan year, for the equity
    /// ratio on [`EquityBase::NextYear`] (`None` = assume unchanged funding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_next_funding: Option<Amount>,
    /// Key settings per year, each in force from its year on; the plan-wide `kommun_key`,
    /// `region_key` and `population_source` apply before the first entry.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub year_keys: BTreeMap<Year, YearKeys>,
}

impl Settings {
    fn key_setting<T: Clone>(
        &self,
        year: Year,
        pick: impl Fn(&YearKeys) -> Option<&T>,
    ) -> Option<T> {
        self.year_keys
            .range(..=year)
            .rev()
            .find_map(|(_, k)| pick(k))
            .cloned()
    }

    /// The key between the municipalities in force in `year`.
    pub fn kommun_key_for(&self, year: Year) -> Key {
        self.key_setting(year, |k| k.kommun_key.as_ref())
            .unwrap_or_else(|| self.kommun_key.clone())
    }

    /// The key between the regions in force in `year`.
    pub fn region_key_for(&self, year: Year) -> Key {
        self.key_setting(year, |k| k.region_key.as_ref())
            .unwrap_or_else(|| self.region_key.clone())
    }

    /// The population source in force in `year`.
    pub fn population_source_for(&self, year: Year) -> String {
        self.key_setting(year, |k| k.population_source.as_ref())
            .unwrap_or_else(|| self.population_source.clone())
    }

    /// The year keys after setting `update` for `year` and later: the entry of `year` gets the
    /// value and later entries lose theirs (they would override it).
    pub fn year_keys_from(&self, year: Year, update: &YearKeys) -> BTreeMap<Year, YearKeys> {
        let mut map = self.year_keys.clone();
        for (_, k) in map.range_mut(year.saturating_add(1)..) {
            if update.kommun_key.is_some() {
                k.kommun_key = None;
            }
            if update.region_key.is_some() {
                k.region_key = None;
            }
            if update.population_source.is_some() {
                k.population_source = None;
            }
        }
        let entry = map.entry(year).or_default();
        if let Some(v) = &update.kommun_key {
            entry.kommun_key = Some(v.clone());
        }
        if let Some(v) = &update.region_key {
            entry.region_key = Some(v.clone());
        }
        if let Some(v) = &update.population_source {
            entry.population_source = Some(v.clone());
        }
        map.retain(|_, k| !k.is_empty());
        map
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: String::new(),
            org_nr: String::new(),
            shares: PartyShares::default(),
            unit: RoundingUnit::One,
            rounding: MemberRounding::Each,
            kommun_key: Key::default(),
            region_key: Key::default(),
            population_source: String::new(),
            equity_ceiling_percent: Decimal::from(20),
            equity_floor: None,
            equity_base: EquityBase::SameYear,
            percent_rounding: PercentRounding::LargestRemainder,
            distribution_base: DistributionBase::GrossCosts,
            expected_next_funding: None,
            year_keys: BTreeMap::new(),
        }
    }
}

/// Per-year inputs besides the budget lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearInput {
    /// How the *medelstilldelning* is given.
    pub funding: FundingInput,
    /// The board's request (*äskande*), informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested: Option<Amount>,
    /// *Kapitaltillskott* straight to equity (e.g. from a merger).
    #[serde(default)]
    pub capital_contribution: Amount,
    /// Actual *årets resultat* when the year is closed (overrides the budgeted result in the
    /// equity roll-forward).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_result: Option<Amount>,
    /// *Bokslut klart*: the year is closed, so equity rolls on the outcome result.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
    /// The equity at the end of the year (*EK UB*) as the annual report states it: the year's
    /// closing equity is then this figure, whatever came before (docs/equity.md). A new plan
    /// gets it for its base year from the "Ny plan" form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_equity: Option<Amount>,
    /// Accept member `Belopp` that deviate from the party's amount (the board decided them);
    /// the difference is then shown as *avvikelse från partens andel*.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_difference: bool,
    /// When the lines' full-year forecasts ([`Outcome::forecast`]) were made: T1, T2 (delår),
    /// T3 or a date (docs/budget.md "Prognos").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast_period: Option<crate::forecast::ForecastPeriod>,
}

impl Default for YearInput {
    fn default() -> Self {
        YearInput {
            funding: FundingInput::PreviousPlusPercent(Decimal::ZERO),
            requested: None,
            capital_contribution: Amount::ZERO,
            actual_result: None,
            closed: false,
            closing_equity: None,
            allow_difference: false,
            forecast_period: None,
        }
    }
}

/// The inputs a scenario can override (docs/scenarios.md). `None` / absent = as in the base plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    /// The first year the overrides apply to (`None` = the first plan year): earlier years keep
    /// the base plan's key, funding, line amounts and key values (docs/scenarios.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<Year>,
    /// Funding per year.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub funding: BTreeMap<Year, FundingInput>,
    /// Budget amounts per line and year.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub line_amounts: BTreeMap<LineId, BTreeMap<Year, Amount>>,
    /// Party shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares: Option<PartyShares>,
    /// The municipal key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kommun_key: Option<Key>,
    /// Member rounding mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<MemberRounding>,
    /// Key values per member and year.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub member_values: BTreeMap<MemberId, BTreeMap<Year, KeyValues>>,
}

/// A named scenario: the base plan with some inputs overridden.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// Stable id.
    pub id: ScenarioId,
    /// Name, e.g. `Staten −10 %`.
    pub name: String,
    /// What differs from the base plan.
    #[serde(default)]
    pub overrides: Overrides,
}

/// The whole plan document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Settings.
    pub settings: Settings,
    /// The plan's years in order: the budget year and the plan years (e.g. 2025–2028).
    pub years: Vec<Year>,
    /// Per-year inputs.
    #[serde(default)]
    pub year_inputs: BTreeMap<Year, YearInput>,
    /// Members (Stat and Region may be absent; then they are implied).
    #[serde(default)]
    pub members: Vec<Member>,
    /// Budget lines in display order.
    #[serde(default)]
    pub lines: Vec<BudgetLine>,
    /// Equity at the start of the first year (*EK IB*).
    #[serde(default)]
    pub opening_equity: Amount,
    /// Scenarios (the base plan itself is not in this list).
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Next free id for lines, members and scenarios (ids are never reused).
    #[serde(default)]
    pub next_id: u32,
    /// The frozen versions of the plan (proposals and decisions) and the state of the working
    /// draft (docs/budget.md "Versioner", docs/plan-file.md version 4). Empty in a version's
    /// own snapshot.
    #[serde(default, skip_serializing_if = "crate::versions::Versions::is_empty")]
    pub versions: crate::versions::Versions,
}

impl Default for Plan {
    fn default() -> Self {
        Plan::empty("Ny plan", 2026, 3)
    }
}

impl Plan {
    /// An empty plan named `name` for `first_year` and `plan_years` following years (at most
    /// as many years as the bounds 1990–2200 hold, never past `i32::MAX`).
    pub fn empty(name: &str, first_year: Year, plan_years: u32) -> Plan {
        let most = crate::bounds::MAX_YEAR - crate::bounds::MIN_YEAR;
        let following = i32::try_from(plan_years).unwrap_or(most).min(most);
        let years: Vec<Year> = (0..=following)
            .map_while(|i| first_year.checked_add(i))
            .collect();
        let mut year_inputs = BTreeMap::new();
        for (i, y) in years.iter().enumerate() {
            let funding = if i == 0 {
                FundingInput::Total(Amount::ZERO)
            } else {
                FundingInput::PreviousPlusPercent(Decimal::ZERO)
            };
            year_inputs.insert(
                *y,
                YearInput {
                    funding,
                    ..YearInput::default()
                },
            );
        }
        Plan {
            settings: Settings {
                name: name.to_string(),
                ..Settings::default()
            },
            years,
            year_inputs,
            members: Vec::new(),
            lines: Vec::new(),
            opening_equity: Amount::ZERO,
            scenarios: Vec::new(),
            next_id: 1,
            versions: crate::versions::Versions::default(),
        }
    }

    /// Allocates a fresh id number (for lines, members, scenarios): [`Plan::free_id`], and
    /// `next_id` moves past it.
    pub fn fresh_id(&mut self) -> u32 {
        let id = self.free_id();
        if id <= crate::bounds::MAX_ID {
            self.next_id = self.next_id.max(id.saturating_add(1));
        }
        id
    }

    /// The id a new line, member or scenario gets, without taking it: see [`Plan::free_ids`].
    pub fn free_id(&self) -> u32 {
        self.free_ids(1).first().copied().unwrap_or(NO_FREE_ID)
    }

    fn used_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.lines
            .iter()
            .map(|l| l.id.0)
            .chain(self.members.iter().map(|m| m.id.0))
            .chain(self.scenarios.iter().map(|s| s.id.0))
    }

    /// `n` distinct ids that no line, member or scenario uses, in the order they are handed
    /// out: `next_id` and up while they stay within [`MAX_ID`](crate::bounds::MAX_ID), then the
    /// smallest free ids (ids of deleted items are reused only then). Never an id in use, never
    /// an overflow. Should every id up to `MAX_ID` be taken (more than 10^9 items), the missing
    /// ids are [`NO_FREE_ID`], which every door refuses with a typed error.
    pub fn free_ids(&self, n: usize) -> Vec<u32> {
        use std::collections::BTreeSet;
        let max = crate::bounds::MAX_ID;
        let start = self.next_id.max(1);
        // Usual case: `next_id` is above every id in use, and the range fits.
        let n64 = u64::try_from(n).unwrap_or(u64::MAX);
        let fits = u64::from(start).saturating_add(n64) <= u64::from(max).saturating_add(1);
        if fits && self.used_ids().all(|id| id < start) {
            return (0..n64)
                .map(|i| u32::try_from(u64::from(start).saturating_add(i)).unwrap_or(NO_FREE_ID))
                .collect();
        }
        let used: BTreeSet<u32> = self.used_ids().collect();
        let upper = (start..=max).filter(|id| !used.contains(id));
        let lower = (1..start.min(NO_FREE_ID)).filter(|id| !used.contains(id));
        let mut out: Vec<u32> = upper.chain(lower).take(n).collect();
        out.resize(n, NO_FREE_ID);
        out
    }

    /// The line with `id` (see `find_by_id`: fast while the lines are in id order).
    pub fn line(&self, id: LineId) -> Option<&BudgetLine> {
        find_by_id(&self.lines, id, |l| l.id)
    }

    /// The member with `id` (see `find_by_id`).
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        find_by_id(&self.members, id, |m| m.id)
    }

    /// The scenario with `id`.
    pub fn scenario(&self, id: ScenarioId) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The year input for `year` (default when absent).
    pub fn year_input(&self, year: Year) -> YearInput {
        self.year_inputs.get(&year).cloned().unwrap_or_default()
    }

    /// The board's request (*äskande*) of `year` beside the decided *medelstilldelning*
    /// `decided`, in Swedish: `Äskat 7 500 000 kr, beslutat 6 322 000 kr (1 178 000 kr mindre
    /// än äskat).`, or that the decision equals the request. `None` when no request is recorded.
    pub fn request_text(&self, year: Year, decided: Option<Amount>) -> Option<String> {
        let requested = self.year_inputs.get(&year)?.requested?;
        let asked = crate::format::format_kr(requested.value());
        Some(match decided {
            None => format!("Äskat {asked} kr för {year}."),
            Some(d) => {
                let decided_text = crate::format::format_kr(d.value());
                match d.value().checked_sub(requested.value()) {
                    Some(diff) if diff.is_zero() => {
                        format!("Äskat {asked} kr, beslutat som äskat.")
                    }
                    Some(diff) => format!(
                        "Äskat {asked} kr, beslutat {decided_text} kr ({} kr {} än äskat).",
                        crate::format::format_kr(diff.abs()),
                        if diff.is_sign_negative() {
                            "mindre"
                        } else {
                            "mer"
                        }
                    ),
                    None => format!("Äskat {asked} kr, beslutat {decided_text} kr."),
                }
            }
        })
    }
}

impl Plan {
    /// The allocation input of `year` for this plan (no scenario applied: call it on a
    /// resolved plan for a scenario). `previous_total` is the previous year's total, needed when
    /// the year's funding is "previous year + x %"; without it that year's funding is missing.
    /// A plan year without a year input has no funding ([`AllocationError::FundingMissing`](crate::allocation::AllocationError::FundingMissing)).
    pub fn allocation_input(
        &self,
        year: Year,
        previous_total: Option<Amount>,
    ) -> Result<crate::allocation::AllocationInput, crate::allocation::AllocationError> {
        use crate::allocation::{AllocationError, AllocationInput, Funding};
        let Some(yi) = self.year_inputs.get(&year) else {
            return Err(AllocationError::FundingMissing { year });
        };
        let funding = match yi.funding {
            FundingInput::Total(t) => Funding::Total(t),
            FundingInput::State(s) => Funding::State(s),
            FundingInput::PreviousPlusPercent(p) => {
                let prev = previous_total
                    .ok_or(AllocationError::FundingMissing { year })?
                    .value();
                let raw = Decimal::ONE_HUNDRED
                    .checked_add(p)
                    .and_then(|factor| prev.checked_mul(factor))
                    .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
                    .ok_or(AllocationError::Overflow)?;
                Funding::Total(Amount(crate::money::round_half_up_to(
                    raw,
                    self.settings.unit.value(),
                )))
            }
        };
        Ok(AllocationInput {
            funding,
            shares: self.settings.shares,
            unit: self.settings.unit,
            rounding: self.settings.rounding,
            kommun_key: self.settings.kommun_key_for(year),
            region_key: self.settings.region_key_for(year),
            members: self.members.iter().map(|m| m.input_for(year)).collect(),
            year: Some(year),
            allow_difference: yi.allow_difference,
            previous: Vec::new(),
        })
    }

    /// The allocation of every plan year, in year order. A year whose allocation fails carries
    /// its error; a following "previous + x %" year then fails with
    /// [`AllocationError::PreviousYearFailed`](crate::allocation::AllocationError::PreviousYearFailed) naming the year it builds on (never zero),
    /// unless the earlier year only [awaits input](crate::allocation::AllocationError::awaits_input): then
    /// it carries the same error.
    pub fn allocations(
        &self,
    ) -> Vec<(
        Year,
        Result<crate::allocation::Allocation, crate::allocation::AllocationError>,
    )> {
        let mut out: Vec<(
            Year,
            Result<crate::allocation::Allocation, crate::allocation::AllocationError>,
        )> = Vec::with_capacity(self.years.len());
        for &year in &self.years {
            let result = self.year_allocation(year, out.last().map(|(y, r)| (*y, r)));
            out.push((year, result));
        }
        out
    }

    /// The allocation of `year` given the previous plan year's (`None` for the first year):
    /// one step of [`Plan::allocations`], also used by the recompute cache.
    pub(crate) fn year_allocation(
        &self,
        year: Year,
        previous: Option<(
            Year,
            &Result<crate::allocation::Allocation, crate::allocation::AllocationError>,
        )>,
    ) -> Result<crate::allocation::Allocation, crate::allocation::AllocationError> {
        use crate::allocation::AllocationError;
        let builds_on_previous = matches!(
            self.year_inputs.get(&year).map(|y| y.funding),
            Some(FundingInput::PreviousPlusPercent(_))
        );
        match previous {
            // Waiting for the same input (no members yet) is not a failure of its own.
            Some((_, Err(e))) if builds_on_previous && e.awaits_input() => Err(e.clone()),
            Some((prev_year, Err(_))) if builds_on_previous => {
                Err(AllocationError::PreviousYearFailed {
                    year,
                    previous: prev_year,
                })
            }
            None if builds_on_previous => Err(AllocationError::FirstYearBuildsOnPrevious { year }),
            _ => {
                let prev_alloc = previous.and_then(|(_, r)| r.as_ref().ok());
                self.allocation_input(year, prev_alloc.map(|a| a.total))
                    .and_then(|mut input| {
                        if let Some(a) = prev_alloc {
                            input.previous = a
                                .members
                                .iter()
                                .map(|m| (m.name.clone(), m.amount))
                                .collect();
                        }
                        crate::allocation::allocate(&input)
                    })
            }
        }
    }
}

/// The item of `items` whose key is `id`, as a linear search finds it.
///
/// Lines and members are usually in the order of their ids (new ones get the next id and go
/// last; an import adds thousands that way), so a binary search by id finds the item in
/// O(log n); when the ids around it are out of order (a line moved or inserted in the middle)
/// the binary search can miss, and a linear search decides. So a view that looks up every line
/// of a 100 000-line plan stays linear instead of quadratic (docs/app.md "Imports of any
/// size"). Ids are unique in a plan (a plan file with an id twice is refused), so the item
/// found is the linear search's.
pub(crate) fn find_by_id<T, K: Ord + Copy>(
    items: &[T],
    id: K,
    key: impl Fn(&T) -> K,
) -> Option<&T> {
    let guess = items.partition_point(|t| key(t) < id);
    match items.get(guess) {
        Some(t) if key(t) == id => Some(t),
        _ => items.iter().find(|t| key(t) == id),
    }
}

#[cfg(test)]
mod find_tests {
    use super::find_by_id;

    /// Sorted, reversed, shuffled and partly sorted ids: always what a linear search finds.
    #[test]
    fn finds_what_a_linear_search_finds() {
        let sorted: Vec<u32> = (1..=200).map(|i| i * 3).collect();
        let mut reversed = sorted.clone();
        reversed.reverse();
        // A deterministic shuffle and a sorted list with a few items moved.
        let shuffled: Vec<u32> = (0..200u32).map(|i| (i * 73 % 200 + 1) * 3).collect();
        let mut moved = sorted.clone();
        moved.swap(10, 150);
        let last = moved.remove(199);
        moved.insert(5, last);
        for items in [sorted, reversed, shuffled, moved, Vec::new()] {
            for id in 0..700u32 {
                assert_eq!(
                    find_by_id(&items, id, |x| *x),
                    items.iter().find(|x| **x == id),
                    "{id} in {items:?}"
                );
            }
        }
    }
}

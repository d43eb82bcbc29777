//! The fields an [`Edit`](super::Edit) can change: a budget line's, a member's, a plan
//! setting and a scenario override, each with its value (docs/plan-file.md).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allocation::{Key, MemberKind, MemberRounding, PartyShares, RoundingUnit};
use crate::money::Amount;
use crate::plan::{
    BudgetLine, Category, DistributionBase, EquityBase, Member, PercentRounding, Plan, Scenario,
    SplitShare, Year, YearKeys,
};

/// A field of a budget line, with its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineField {
    /// Name (*post*).
    Name(String),
    /// Account (*konto*).
    Account(Option<String>),
    /// Category.
    Category(Option<Category>),
    /// Municipality where the intervention operates.
    Municipality(Option<String>),
    /// Note.
    Note(String),
    /// Split shares (empty = not a split line).
    Split(Vec<SplitShare>),
    /// The formulas of the amount cells (docs/numbers.md, "Formulas").
    Formulas(std::collections::BTreeMap<crate::plan::Year, crate::formula::LineFormula>),
}

impl LineField {
    pub(super) fn read(&self, line: &BudgetLine) -> LineField {
        match self {
            LineField::Name(_) => LineField::Name(line.name.clone()),
            LineField::Account(_) => LineField::Account(line.account.clone()),
            LineField::Category(_) => LineField::Category(line.category),
            LineField::Municipality(_) => LineField::Municipality(line.municipality.clone()),
            LineField::Note(_) => LineField::Note(line.note.clone()),
            LineField::Split(_) => LineField::Split(line.split.clone()),
            LineField::Formulas(_) => LineField::Formulas(line.formulas.clone()),
        }
    }

    pub(super) fn write(&self, line: &mut BudgetLine) {
        match self {
            LineField::Name(v) => line.name = v.clone(),
            LineField::Account(v) => line.account = v.clone(),
            LineField::Category(v) => line.category = *v,
            LineField::Municipality(v) => line.municipality = v.clone(),
            LineField::Note(v) => line.note = v.clone(),
            LineField::Split(v) => line.split = v.clone(),
            LineField::Formulas(v) => line.formulas = v.clone(),
        }
    }
}

/// A field of a member, with its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberField {
    /// Name.
    Name(String),
    /// Stat, Region or Kommun.
    Kind(MemberKind),
    /// First year of membership.
    FirstYear(Option<Year>),
    /// Last year of membership.
    LastYear(Option<Year>),
}

impl MemberField {
    pub(super) fn read(&self, m: &Member) -> MemberField {
        match self {
            MemberField::Name(_) => MemberField::Name(m.name.clone()),
            MemberField::Kind(_) => MemberField::Kind(m.kind),
            MemberField::FirstYear(_) => MemberField::FirstYear(m.first_year),
            MemberField::LastYear(_) => MemberField::LastYear(m.last_year),
        }
    }

    pub(super) fn write(&self, m: &mut Member) {
        match self {
            MemberField::Name(v) => m.name = v.clone(),
            MemberField::Kind(v) => m.kind = *v,
            MemberField::FirstYear(v) => m.first_year = *v,
            MemberField::LastYear(v) => m.last_year = *v,
        }
    }
}

/// A plan setting, with its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Setting {
    /// The association's name.
    Name(String),
    /// Organisation number.
    OrgNr(String),
    /// Party shares.
    Shares(PartyShares),
    /// Rounding unit of the computation.
    Unit(RoundingUnit),
    /// Member rounding mode.
    Rounding(MemberRounding),
    /// Key between the municipalities.
    KommunKey(Key),
    /// Key between the regions.
    RegionKey(Key),
    /// Reference date and source of the population figures.
    PopulationSource(String),
    /// Equity ceiling in percent.
    EquityCeiling(Decimal),
    /// Equity floor in kronor.
    EquityFloor(Option<Amount>),
    /// Base of the equity ratio.
    EquityBase(EquityBase),
    /// Whole-percent rounding of the cost distribution.
    PercentRounding(PercentRounding),
    /// What the cost distribution is measured against.
    DistributionBase(DistributionBase),
    /// Expected funding of the year after the plan (next-year equity base).
    ExpectedNextFunding(Option<Amount>),
    /// Key settings per year (see [`Edit::set_year_keys_from`](super::Edit::set_year_keys_from)).
    YearKeys(BTreeMap<Year, YearKeys>),
}

impl Setting {
    pub(super) fn read(&self, p: &Plan) -> Setting {
        let s = &p.settings;
        match self {
            Setting::Name(_) => Setting::Name(s.name.clone()),
            Setting::OrgNr(_) => Setting::OrgNr(s.org_nr.clone()),
            Setting::Shares(_) => Setting::Shares(s.shares),
            Setting::Unit(_) => Setting::Unit(s.unit),
            Setting::Rounding(_) => Setting::Rounding(s.rounding),
            Setting::KommunKey(_) => Setting::KommunKey(s.kommun_key.clone()),
            Setting::RegionKey(_) => Setting::RegionKey(s.region_key.clone()),
            Setting::PopulationSource(_) => Setting::PopulationSource(s.population_source.clone()),
            Setting::EquityCeiling(_) => Setting::EquityCeiling(s.equity_ceiling_percent),
            Setting::EquityFloor(_) => Setting::EquityFloor(s.equity_floor),
            Setting::EquityBase(_) => Setting::EquityBase(s.equity_base),
            Setting::PercentRounding(_) => Setting::PercentRounding(s.percent_rounding),
            Setting::DistributionBase(_) => Setting::DistributionBase(s.distribution_base),
            Setting::ExpectedNextFunding(_) => {
                Setting::ExpectedNextFunding(s.expected_next_funding)
            }
            Setting::YearKeys(_) => Setting::YearKeys(s.year_keys.clone()),
        }
    }

    pub(super) fn write(&self, p: &mut Plan) {
        let s = &mut p.settings;
        match self {
            Setting::Name(v) => s.name = v.clone(),
            Setting::OrgNr(v) => s.org_nr = v.clone(),
            Setting::Shares(v) => s.shares = *v,
            Setting::Unit(v) => s.unit = *v,
            Setting::Rounding(v) => s.rounding = *v,
            Setting::KommunKey(v) => s.kommun_key = v.clone(),
            Setting::RegionKey(v) => s.region_key = v.clone(),
            Setting::PopulationSource(v) => s.population_source = v.clone(),
            Setting::EquityCeiling(v) => s.equity_ceiling_percent = *v,
            Setting::EquityFloor(v) => s.equity_floor = *v,
            Setting::EquityBase(v) => s.equity_base = *v,
            Setting::PercentRounding(v) => s.percent_rounding = *v,
            Setting::DistributionBase(v) => s.distribution_base = *v,
            Setting::ExpectedNextFunding(v) => s.expected_next_funding = *v,
            Setting::YearKeys(v) => s.year_keys = v.clone(),
        }
    }

    /// The same setting as a scenario override, when scenarios can override it.
    pub(super) fn as_override(&self) -> Option<ScenarioSetting> {
        match self {
            Setting::Shares(v) => Some(ScenarioSetting::Shares(Some(*v))),
            Setting::KommunKey(v) => Some(ScenarioSetting::KommunKey(Some(v.clone()))),
            Setting::Rounding(v) => Some(ScenarioSetting::Rounding(Some(*v))),
            _ => None,
        }
    }

    /// Swedish name of the setting.
    pub fn label(&self) -> &'static str {
        match self {
            Setting::Name(_) => "namn",
            Setting::OrgNr(_) => "organisationsnummer",
            Setting::Shares(_) => "partsandelar",
            Setting::Unit(_) => "avrundningsenhet",
            Setting::Rounding(_) => "avrundning per medlem",
            Setting::KommunKey(_) => "fördelningsnyckel för kommunerna",
            Setting::RegionKey(_) => "fördelningsnyckel för regionerna",
            Setting::PopulationSource(_) => "källa för invånarantal",
            Setting::EquityCeiling(_) => "tak för eget kapital",
            Setting::EquityFloor(_) => "golv för eget kapital",
            Setting::EquityBase(_) => "bas för eget kapital",
            Setting::PercentRounding(_) => "avrundning av kostnadsfördelningen",
            Setting::DistributionBase(_) => "bas för kostnadsfördelningen",
            Setting::ExpectedNextFunding(_) => "förväntad medelstilldelning året efter planen",
            Setting::YearKeys(_) => "fördelningsnyckel per år",
        }
    }
}

/// A setting a scenario can override; `None` = as in the base plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScenarioSetting {
    /// Party shares.
    Shares(Option<PartyShares>),
    /// The municipal key.
    KommunKey(Option<Key>),
    /// Member rounding mode.
    Rounding(Option<MemberRounding>),
    /// The first year the scenario's overrides apply to (`None` = the first plan year).
    FromYear(Option<Year>),
}

impl ScenarioSetting {
    pub(super) fn read(&self, s: &Scenario) -> ScenarioSetting {
        match self {
            ScenarioSetting::Shares(_) => ScenarioSetting::Shares(s.overrides.shares),
            ScenarioSetting::KommunKey(_) => {
                ScenarioSetting::KommunKey(s.overrides.kommun_key.clone())
            }
            ScenarioSetting::Rounding(_) => ScenarioSetting::Rounding(s.overrides.rounding),
            ScenarioSetting::FromYear(_) => ScenarioSetting::FromYear(s.overrides.from_year),
        }
    }

    pub(super) fn write(&self, s: &mut Scenario) {
        match self {
            ScenarioSetting::Shares(v) => s.overrides.shares = *v,
            ScenarioSetting::KommunKey(v) => s.overrides.kommun_key = v.clone(),
            ScenarioSetting::Rounding(v) => s.overrides.rounding = *v,
            ScenarioSetting::FromYear(v) => s.overrides.from_year = *v,
        }
    }
}

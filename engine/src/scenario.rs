//! Scenario resolution (docs/scenarios.md): a scenario is the base plan with some inputs overridden
//! ([`Overrides`](crate::Overrides)). [`Plan::resolved`] applies a scenario's overrides onto a
//! copy of the plan; every computation then runs on that copy.

use crate::plan::{Overrides, Plan, ScenarioId, Year, YearKeys};

impl Plan {
    /// A copy of the plan with `scenario`'s overrides applied (`None`, or an id that does not
    /// exist, gives the base plan). Overrides of lines or members that no longer exist are
    /// ignored. The copy keeps the scenario list unchanged.
    pub fn resolved(&self, scenario: Option<ScenarioId>) -> Plan {
        let mut plan = self.clone();
        let Some(s) = scenario.and_then(|id| self.scenario(id)) else {
            return plan;
        };
        let o = &s.overrides;
        // From which year the overrides apply: `None` (or the first plan year or earlier) is
        // every year, as a scenario always did.
        let from = o
            .from_year
            .filter(|y| self.years.first().is_some_and(|first| y > first));
        let applies = |year: &Year| from.is_none_or(|f| *year >= f);
        for (year, funding) in o.funding.iter().filter(|(y, _)| applies(y)) {
            plan.year_inputs.entry(*year).or_default().funding = *funding;
        }
        if let Some(shares) = o.shares {
            plan.settings.shares = shares;
        }
        if let Some(key) = &o.kommun_key {
            match from {
                // The scenario's key applies to every year: per-year keys give way to it.
                None => {
                    plan.settings.kommun_key = key.clone();
                    for k in plan.settings.year_keys.values_mut() {
                        k.kommun_key = None;
                    }
                    plan.settings.year_keys.retain(|_, k| !k.is_empty());
                }
                // From its year on; earlier years keep the base plan's keys.
                Some(f) => {
                    let update = YearKeys {
                        kommun_key: Some(key.clone()),
                        ..YearKeys::default()
                    };
                    plan.settings.year_keys = plan.settings.year_keys_from(f, &update);
                }
            }
        }
        if let Some(rounding) = o.rounding {
            plan.settings.rounding = rounding;
        }
        if !o.line_amounts.is_empty() {
            for line in &mut plan.lines {
                if let Some(amounts) = o.line_amounts.get(&line.id) {
                    for (year, amount) in amounts.iter().filter(|(y, _)| applies(y)) {
                        line.amounts.insert(*year, *amount);
                    }
                }
            }
        }
        if !o.member_values.is_empty() {
            for member in &mut plan.members {
                if let Some(values) = o.member_values.get(&member.id) {
                    for (year, v) in values.iter().filter(|(y, _)| applies(y)) {
                        member.values.insert(*year, v.clone());
                    }
                }
            }
        }
        plan
    }

    /// The id of the scenario named `name` (case-insensitive, trimmed).
    pub fn scenario_by_name(&self, name: &str) -> Option<ScenarioId> {
        let n = name.trim().to_lowercase();
        self.scenarios
            .iter()
            .find(|s| s.name.trim().to_lowercase() == n)
            .map(|s| s.id)
    }

    /// The display name of `scenario` (`Basplan` for the base plan).
    pub fn scenario_name(&self, scenario: Option<ScenarioId>) -> String {
        scenario
            .and_then(|id| self.scenario(id))
            .map(|s| s.name.clone())
            .unwrap_or_else(|| BASE_PLAN_NAME.to_string())
    }
}

/// The display name of the base plan (no scenario).
pub const BASE_PLAN_NAME: &str = "Basplan";

impl Overrides {
    /// A short Swedish summary of what a scenario overrides, e.g.
    /// `Medelstilldelning 2026 · 3 belopp i 2 poster`.
    pub fn summary(&self) -> String {
        let o = self;
        let mut parts = Vec::new();
        if !o.funding.is_empty() {
            let years: Vec<String> = o.funding.keys().map(|y| y.to_string()).collect();
            parts.push(format!("Medelstilldelning {}", years.join(", ")));
        }
        if o.shares.is_some() {
            parts.push("Partsandelar".to_string());
        }
        if o.kommun_key.is_some() {
            parts.push("Fördelningsnyckel".to_string());
        }
        if o.rounding.is_some() {
            parts.push("Avrundning".to_string());
        }
        if !o.line_amounts.is_empty() {
            let amounts: usize = o.line_amounts.values().map(|m| m.len()).sum();
            let lines = o.line_amounts.len();
            parts.push(format!(
                "{amounts} belopp i {lines} {}",
                if lines == 1 { "post" } else { "poster" }
            ));
        }
        if !o.member_values.is_empty() {
            let n = o.member_values.len();
            parts.push(format!(
                "Nyckelvärden för {n} {}",
                if n == 1 { "medlem" } else { "medlemmar" }
            ));
        }
        if parts.is_empty() {
            "Inga ändringar ännu".to_string()
        } else if let Some(y) = o.from_year {
            format!("Från {y}: {}", parts.join(" · "))
        } else {
            parts.join(" · ")
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::money::Amount;
    use crate::plan::*;
    use std::collections::BTreeMap;

    #[test]
    fn overrides_apply_to_a_copy() {
        let mut p = Plan::empty("T", 2026, 1);
        let mut l = BudgetLine::new(LineId(1), "Team", Some(Category::Individinsatser));
        l.amounts.insert(2026, Amount::kr(100));
        p.lines.push(l);
        let mut o = Overrides::default();
        o.funding.insert(2026, FundingInput::Total(Amount::kr(400)));
        o.line_amounts
            .insert(LineId(1), BTreeMap::from([(2027, Amount::kr(7))]));
        o.line_amounts
            .insert(LineId(99), BTreeMap::from([(2027, Amount::kr(7))]));
        p.scenarios.push(Scenario {
            id: ScenarioId(5),
            name: "Äskande".into(),
            overrides: o,
        });
        let r = p.resolved(Some(ScenarioId(5)));
        assert_eq!(
            r.year_input(2026).funding,
            FundingInput::Total(Amount::kr(400))
        );
        assert_eq!(r.lines[0].amount(2026), Amount::kr(100));
        assert_eq!(r.lines[0].amount(2027), Amount::kr(7));
        assert_eq!(p.lines[0].amount(2027), Amount::ZERO);
        assert_eq!(p.resolved(None), p);
        assert_eq!(p.resolved(Some(ScenarioId(77))), p);
        assert_eq!(p.scenario_by_name(" äSKANDE "), Some(ScenarioId(5)));
    }

    #[test]
    fn summary_of_overrides() {
        use crate::plan::Overrides;
        assert_eq!(Overrides::default().summary(), "Inga ändringar ännu");
        let p = crate::example::example_plan();
        let o = Overrides {
            shares: Some(p.settings.shares),
            rounding: Some(p.settings.rounding),
            ..Overrides::default()
        };
        assert_eq!(o.summary(), "Partsandelar · Avrundning");
    }
}

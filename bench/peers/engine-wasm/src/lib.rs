//! The samplan engine behind a small wasm-bindgen interface for `bench/peers/run.mjs`: load a
//! plan file, compute it in full, apply one budget-cell edit with the incremental recompute the
//! app uses (`Recalc`, docs/recalc.md), and print the report as `samplan report` does, so the
//! benchmark can check the wasm build's figures against the native CLI before timing it.

use samplan_engine::{apply, compute, plan_from_json, Amount, Edit, Plan, Recalc, csv::report_to_csv};
use wasm_bindgen::prelude::*;

/// One loaded plan and its incrementally kept report.
#[wasm_bindgen]
pub struct Bench {
    plan: Plan,
    recalc: Recalc,
}

#[wasm_bindgen]
impl Bench {
    /// Reads a plan file (`samplan-plan` JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<Bench, JsError> {
        let plan = plan_from_json(json).map_err(|e| JsError::new(&e.to_string()))?;
        let recalc = Recalc::new(&plan);
        Ok(Bench { plan, recalc })
    }

    /// A full `compute` of the plan in memory; returns the number of years computed.
    pub fn compute(&self) -> usize {
        compute(&self.plan).years.len()
    }

    /// Sets budget line `line` (index in plan order) in `year` to `amount` kronor, then brings
    /// the whole report up to date with `Recalc::apply`; returns how many years it recomputed.
    pub fn edit(&mut self, line: usize, year: i32, amount: i32) -> Result<usize, JsError> {
        let id = self
            .plan
            .lines
            .get(line)
            .map(|l| l.id)
            .ok_or_else(|| JsError::new("no such line"))?;
        let edit = Edit::set_line_amount(&self.plan, None, id, year, Amount::kr(i64::from(amount)))
            .map_err(|e| JsError::new(&e.to_string()))?;
        apply(&mut self.plan, &edit).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(self.recalc.apply(&self.plan, &edit).years.len())
    }

    /// The plan's figures as `samplan report` prints them (`År;Avsnitt;Post;Värde`).
    pub fn report(&self) -> Result<String, JsError> {
        report_to_csv(&self.plan, None, None).map_err(|e| JsError::new(&e.to_string()))
    }
}

//! Thin glue between the engine's Swedish formatting/parsing and the views. No arithmetic on
//! money here: display goes through the engine's formatters, input through its parsers.

use rust_decimal::Decimal;
use samplan_engine::{
    format::{format_money, format_percent, format_percent_opt, DisplayUnit},
    Amount,
};

/// An amount in the chosen display unit (`1 234 567` kr or `1 235` tkr), without unit label.
pub fn money(amount: Amount, unit: DisplayUnit) -> String {
    format_money(amount.value(), unit)
}

/// An amount in whole kronor: `−1 945 000`.
pub fn kr(amount: Amount) -> String {
    samplan_engine::format::format_kr(amount.value())
}

/// Percent points with one decimal: `21,2 %`.
pub fn percent(p: Decimal) -> String {
    format_percent(p)
}

/// Percent or "–" when there is none.
pub fn percent_opt(p: Option<Decimal>) -> String {
    format_percent_opt(p)
}

/// A column header with the display unit: `Belopp (tkr)`.
pub fn with_unit(header: &str, unit: DisplayUnit) -> String {
    format!("{header} ({})", unit.label())
}

/// Parses money typed in a cell whose column is shown in `unit`: the engine's
/// [`samplan_engine::input::parse_amount_in`] with its Swedish message.
pub fn parse_money_in(text: &str, unit: DisplayUnit) -> Result<Amount, String> {
    samplan_engine::input::parse_amount_in(text, unit).map_err(|e| e.message())
}

/// Text for editing an amount in the display unit (exact, never rounds).
pub fn money_edit(amount: Amount, unit: DisplayUnit) -> String {
    samplan_engine::format::format_money_edit(amount, unit)
}

/// Text for the clipboard in the display unit (`1234567`).
pub fn money_copy(amount: Amount, unit: DisplayUnit) -> String {
    samplan_engine::format::format_money_copy(amount, unit)
}

/// Percent as typed/edited: `50` or `33,33` (no `%`).
pub fn percent_edit(p: Decimal) -> String {
    samplan_engine::format::format_percent_edit(p)
}

/// Parses a percentage (`50`, `33,3`, `50 %`).
pub fn parse_percent_text(text: &str) -> Result<Decimal, String> {
    samplan_engine::input::parse_percent(text).map_err(|e| e.message())
}

/// A browser date as local `ÅÅÅÅ-MM-DD hh:mm` (e.g. `2026-11-23 14:05`).
pub fn local_date_time(d: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

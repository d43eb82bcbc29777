//! Thin glue between the engine's Swedish formatting/parsing and the views. No arithmetic on
//! money here: display goes through the engine's formatters, input through its parsers.

use rust_decimal::Decimal;
use samplan_engine::{
    format_money, format_percent, format_percent_opt, parse_amount, Amount, DisplayUnit,
};

/// An amount in the chosen display unit (`1 234 567` kr or `1 235` tkr), without unit label.
pub fn money(amount: Amount, unit: DisplayUnit) -> String {
    format_money(amount.value(), unit)
}

/// An amount in whole kronor: `−1 945 000`.
pub fn kr(amount: Amount) -> String {
    samplan_engine::format_kr(amount.value())
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

/// Parses money typed in a cell whose column is shown in `unit`: in tkr mode a bare number
/// means thousands (`1 234` → 1 234 000 kr) unless the text names its unit (`kr`, `tkr`, `mkr`).
pub fn parse_money_in(text: &str, unit: DisplayUnit) -> Result<Amount, String> {
    let t = text.trim();
    let names_unit = t.to_lowercase().ends_with("kr");
    let result = match unit {
        DisplayUnit::Tkr if !names_unit && !t.is_empty() => parse_amount(&format!("{t} tkr")),
        _ => parse_amount(t),
    };
    result.map_err(|e| e.message())
}

/// The value in the display unit, exact (tkr keeps its decimals: 1 234 567 kr → 1 234,567).
fn in_unit(amount: Amount, unit: DisplayUnit) -> Decimal {
    match unit {
        DisplayUnit::Kr => amount.value(),
        DisplayUnit::Tkr => amount.value() / Decimal::ONE_THOUSAND,
    }
    .normalize()
}

/// Text for editing an amount in the display unit: exact, Swedish grouping (`1 234 567`,
/// `1 234,567` tkr), so committing it unchanged never rounds anything.
pub fn money_edit(amount: Amount, unit: DisplayUnit) -> String {
    let v = in_unit(amount, unit);
    samplan_engine::format_decimal(v, v.scale())
}

/// Text for the clipboard in the display unit: decimal comma, no grouping (`1234567`).
pub fn money_copy(amount: Amount, unit: DisplayUnit) -> String {
    samplan_engine::format_plain_natural(in_unit(amount, unit))
}

/// Percent as typed/edited: `50` or `33,33` (no `%`).
pub fn percent_edit(p: Decimal) -> String {
    let n = p.normalize();
    samplan_engine::format_decimal(n, n.scale())
}

/// Parses a percentage (`50`, `33,3`, `50 %`).
pub fn parse_percent_text(text: &str) -> Result<Decimal, String> {
    samplan_engine::parse_percent(text).map_err(|e| e.message())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_and_copy_texts_are_exact() {
        let a = Amount::kr(1_234_567);
        assert_eq!(money_edit(a, DisplayUnit::Kr), "1\u{a0}234\u{a0}567");
        assert_eq!(money_edit(a, DisplayUnit::Tkr), "1\u{a0}234,567");
        assert_eq!(money_copy(a, DisplayUnit::Tkr), "1234,567");
        assert_eq!(money_copy(-a, DisplayUnit::Kr), "-1234567");
    }

    #[test]
    fn typed_tkr_means_thousands() {
        assert_eq!(
            parse_money_in("1 234,5", DisplayUnit::Tkr),
            Ok(Amount::kr(1_234_500))
        );
        assert_eq!(
            parse_money_in("500 kr", DisplayUnit::Tkr),
            Ok(Amount::kr(500))
        );
        assert_eq!(
            parse_money_in("1 234", DisplayUnit::Kr),
            Ok(Amount::kr(1_234))
        );
        assert!(parse_money_in("12a", DisplayUnit::Kr).is_err());
    }
}

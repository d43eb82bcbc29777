//! Swedish display (docs/numbers.md): thousands grouped with U+00A0, decimal comma, minus U+2212,
//! percent with one decimal (`21,2 %`), and the kr / tkr display unit (tkr = kr / 1 000 rounded
//! half-up at display only). CSV output uses [`format_plain`] instead (no grouping, `-`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{round_half_up, Amount};

/// Non-breaking space used for thousands grouping and before `%`.
pub const NBSP: char = '\u{00A0}';
/// The typographic minus sign used in display.
pub const MINUS: char = '\u{2212}';

/// The display unit for money.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DisplayUnit {
    /// Whole kronor.
    #[default]
    Kr,
    /// Thousands of kronor, rounded half-up at display.
    Tkr,
}

impl DisplayUnit {
    /// The unit's label for column headers: `kr` or `tkr`.
    pub fn label(self) -> &'static str {
        match self {
            DisplayUnit::Kr => "kr",
            DisplayUnit::Tkr => "tkr",
        }
    }
}

fn group(int_digits: &str, sep: char) -> String {
    let len = int_digits.len();
    let mut out = String::with_capacity(len.saturating_add((len / 3).saturating_mul(2)));
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && len.saturating_sub(i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The most decimals a formatter writes (a `Decimal` has at most 28).
const MAX_DP: u32 = 28;

/// Renders from the mantissa's digits, so it is total for every `Decimal` (28 digits, scale
/// 28, `Decimal::MAX`): `rust_decimal`'s own `{:.n}` formatting has a fixed buffer and panics
/// past it.
fn render(value: Decimal, dp: u32, grouping: Option<char>, minus: char) -> String {
    let dp = dp.min(MAX_DP);
    let r = round_half_up(value, dp);
    let negative = r.is_sign_negative() && !r.is_zero();
    let digits = r.mantissa().unsigned_abs().to_string();
    let scale = r.scale() as usize;
    let (int_part, frac_digits) = if digits.len() > scale {
        let (i, f) = digits.split_at(digits.len().saturating_sub(scale));
        (i.to_string(), f.to_string())
    } else {
        ("0".to_string(), format!("{digits:0>scale$}"))
    };
    let frac = (dp > 0).then(|| format!("{frac_digits:0<width$}", width = dp as usize));
    let mut out = String::new();
    if negative {
        out.push(minus);
    }
    match grouping {
        Some(sep) => out.push_str(&group(&int_part, sep)),
        None => out.push_str(&int_part),
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

/// Formats a number with `dp` decimals, Swedish display style (`−1 234,50`).
pub fn format_decimal(value: Decimal, dp: u32) -> String {
    render(value, dp, Some(NBSP), MINUS)
}

/// Formats a count (rows, lines, members of an import) with Swedish grouping: `20 000`
/// (a non-breaking space between the groups).
pub fn format_count(n: usize) -> String {
    format_decimal(Decimal::from(n as u64), 0)
}

/// Formats kronor as whole kronor: `−1 945 000`.
pub fn format_kr(value: Decimal) -> String {
    format_decimal(value, 0)
}

/// Formats kronor in tkr (kr / 1 000, half-up, no decimals): `4 759 500` → `4 760`.
pub fn format_tkr(value: Decimal) -> String {
    format_decimal(value.checked_div(Decimal::ONE_THOUSAND).unwrap_or(value), 0)
}

/// Formats kronor in the chosen display unit (no unit label; the label goes in the header).
pub fn format_money(value: Decimal, unit: DisplayUnit) -> String {
    match unit {
        DisplayUnit::Kr => format_kr(value),
        DisplayUnit::Tkr => format_tkr(value),
    }
}

/// Formats percent points with one decimal and a (non-breaking) space: `21,2 %`.
pub fn format_percent(percent: Decimal) -> String {
    format!("{}{NBSP}%", format_decimal(percent, 1))
}

/// Formats percent points with all their decimals (at most six, trailing zeros dropped), no
/// unit: `99,995`, `100`. For sums that must read exactly, e.g. "summerar till 99,995 %, inte
/// 100 %" (two decimals would show 100,00).
pub fn format_percent_exact(percent: Decimal) -> String {
    let n = percent.round_dp(6).normalize();
    format_decimal(n, n.scale())
}

/// Like [`format_percent`], with "–" when there is no value (e.g. a zero budget).
pub fn format_percent_opt(percent: Option<Decimal>) -> String {
    percent
        .map(format_percent)
        .unwrap_or_else(|| "–".to_string())
}

/// Formats for CSV and clipboard: decimal comma, no grouping, ASCII `-`, `dp` decimals
/// (trailing zeros kept so Excel sees a number): `-1945000`, `21,16`.
pub fn format_plain(value: Decimal, dp: u32) -> String {
    render(value, dp, None, '-')
}

/// Formats for CSV without forcing decimals: whole numbers stay whole, others keep their scale.
pub fn format_plain_natural(value: Decimal) -> String {
    let n = value.normalize();
    format_plain(n, n.scale())
}

impl std::fmt::Display for Amount {
    /// Swedish display in whole kronor: `−1 945 000` (U+00A0 grouping, U+2212 minus).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_kr(self.value()))
    }
}

/// The value of `amount` in `unit`, exact (tkr keeps its decimals: 1 234 567 kr → 1 234,567).
fn in_unit(amount: Amount, unit: DisplayUnit) -> Decimal {
    match unit {
        DisplayUnit::Kr => amount.value(),
        DisplayUnit::Tkr => amount
            .value()
            .checked_div(Decimal::ONE_THOUSAND)
            .unwrap_or(amount.value()),
    }
    .normalize()
}

/// Text for editing an amount in the display unit: exact, Swedish grouping (`1 234 567`,
/// `1 234,567` tkr), so committing it unchanged never rounds anything.
pub fn format_money_edit(amount: Amount, unit: DisplayUnit) -> String {
    let v = in_unit(amount, unit);
    format_decimal(v, v.scale())
}

/// Text for the clipboard in the display unit: decimal comma, no grouping (`1234567`,
/// `1234,567` tkr).
pub fn format_money_copy(amount: Amount, unit: DisplayUnit) -> String {
    format_plain_natural(in_unit(amount, unit))
}

/// Percent as typed and edited: all its decimals, no unit (`50`, `33,33`).
pub fn format_percent_edit(percent: Decimal) -> String {
    let n = percent.normalize();
    format_decimal(n, n.scale())
}

/// The sign rule of every change shown to the user (docs/numbers.md): `text` (the value already
/// formatted, with its own minus) gets a leading `+` when `value` is positive and the text shows
/// a non-zero digit. A change that rounds to zero in the display (`0`, `0,0 %`) has no sign.
pub fn with_sign(text: String, value: Decimal) -> String {
    let shows_non_zero = text.chars().any(|c| c.is_ascii_digit() && c != '0');
    if value > Decimal::ZERO && shows_non_zero {
        format!("+{text}")
    } else {
        text
    }
}

/// A change of money in the display unit with its sign: `+12 000`, `−3 400`, `0`.
pub fn format_signed_money(value: Decimal, unit: DisplayUnit) -> String {
    with_sign(format_money(value, unit), value)
}

/// A change in percent with its sign: `+3,2 %`, `−0,4 %`, `0,0 %`.
pub fn format_signed_percent(percent: Decimal) -> String {
    with_sign(format_percent(percent), percent)
}

/// A change in percent as edited (all decimals, no unit) with its sign: `+2,5`, `−1`, `0`.
pub fn format_signed_percent_edit(percent: Decimal) -> String {
    with_sign(format_percent_edit(percent), percent)
}

/// A change in percentage points with one decimal and its sign: `+1,2 p.e.`, `0,0 p.e.`.
pub fn format_signed_points(points: Decimal) -> String {
    format!("{}{NBSP}p.e.", with_sign(format_decimal(points, 1), points))
}

/// Kronor as the CLI shows them: whole kronor, or two decimals when the value has öre
/// (`1 945 000`, `0,51`).
pub fn format_kr_ore(value: Decimal) -> String {
    if value.normalize().scale() > 0 {
        format_decimal(value, 2)
    } else {
        format_kr(value)
    }
}

/// [`format_kr_ore`] with its sign: `+4`, `−1`, `0`, `+0,51`.
pub fn format_signed_kr_ore(value: Decimal) -> String {
    with_sign(format_kr_ore(value), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(20_000), "20\u{a0}000");
        assert_eq!(format_count(1_234_567), "1\u{a0}234\u{a0}567");
    }

    #[test]
    fn signed_family_one_rule() {
        assert_eq!(
            format_signed_money(d("1200"), DisplayUnit::Kr),
            "+1\u{a0}200"
        );
        assert_eq!(format_signed_money(d("-5"), DisplayUnit::Kr), "\u{2212}5");
        assert_eq!(format_signed_money(d("400"), DisplayUnit::Tkr), "0");
        assert_eq!(format_signed_money(d("500"), DisplayUnit::Tkr), "+1");
        assert_eq!(format_signed_money(d("0"), DisplayUnit::Kr), "0");
        assert_eq!(format_signed_percent(d("3.24")), "+3,2\u{a0}%");
        assert_eq!(format_signed_percent(d("0.04")), "0,0\u{a0}%");
        assert_eq!(format_signed_percent(d("-0.4")), "\u{2212}0,4\u{a0}%");
        assert_eq!(format_signed_percent_edit(d("2.50")), "+2,5");
        assert_eq!(format_signed_percent_edit(d("-1")), "\u{2212}1");
        assert_eq!(format_signed_percent_edit(d("0")), "0");
        assert_eq!(format_signed_points(d("1.23")), "+1,2\u{a0}p.e.");
        assert_eq!(format_signed_points(d("0.01")), "0,0\u{a0}p.e.");
        assert_eq!(format_signed_points(d("-2")), "\u{2212}2,0\u{a0}p.e.");
        assert_eq!(format_signed_kr_ore(d("4")), "+4");
        assert_eq!(format_signed_kr_ore(d("-1")), "\u{2212}1");
        assert_eq!(format_signed_kr_ore(d("0")), "0");
        assert_eq!(format_signed_kr_ore(d("0.51")), "+0,51");
    }

    #[test]
    fn edit_and_copy_texts_are_exact() {
        let a = Amount::kr(1_234_567);
        assert_eq!(format_money_edit(a, DisplayUnit::Kr), "1\u{a0}234\u{a0}567");
        assert_eq!(format_money_edit(a, DisplayUnit::Tkr), "1\u{a0}234,567");
        assert_eq!(format_money_copy(a, DisplayUnit::Tkr), "1234,567");
        assert_eq!(format_money_copy(-a, DisplayUnit::Kr), "-1234567");
        assert_eq!(format_percent_edit(d("33.330")), "33,33");
        assert_eq!(a.to_string(), "1\u{a0}234\u{a0}567");
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn display_table() {
        let cases = [
            (format_kr(d("-1945000")), "\u{2212}1\u{a0}945\u{a0}000"),
            (format_kr(d("19038000")), "19\u{a0}038\u{a0}000"),
            (format_kr(d("999")), "999"),
            (format_kr(d("0")), "0"),
            (format_kr(d("-0.4")), "0"),
            (format_kr(d("4759499.5")), "4\u{a0}759\u{a0}500"),
            (format_tkr(d("4759500")), "4\u{a0}760"),
            (format_tkr(d("19038000")), "19\u{a0}038"),
            (format_tkr(d("2698345")), "2\u{a0}698"),
            (format_tkr(d("-1945000")), "\u{2212}1\u{a0}945"),
            (format_decimal(d("1234.5"), 2), "1\u{a0}234,50"),
            (format_percent(d("21.16")), "21,2\u{a0}%"),
            (format_percent(d("19.96")), "20,0\u{a0}%"),
            (format_percent_opt(None), "–"),
            (format_plain(d("-1945000"), 0), "-1945000"),
            (format_plain(d("21.155"), 2), "21,16"),
            (format_plain_natural(d("1234.50")), "1234,5"),
            (format_plain_natural(d("1000")), "1000"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn every_decimal_formats() {
        // `{:.4}` of a 28-digit decimal used to panic (a fixed 32-byte buffer).
        let max = "79228162514264337593543950335";
        assert_eq!(format_plain(Decimal::MAX, 4), format!("{max},0000"));
        assert_eq!(format_plain(Decimal::MIN, 2), format!("-{max},00"));
        assert_eq!(
            format_kr(Decimal::MAX),
            "79\u{a0}228\u{a0}162\u{a0}514\u{a0}264\u{a0}337\u{a0}593\u{a0}543\u{a0}950\u{a0}335"
        );
        assert_eq!(
            format_tkr(Decimal::MIN),
            "\u{2212}79\u{a0}228\u{a0}162\u{a0}514\u{a0}264\u{a0}337\u{a0}593\u{a0}543\u{a0}950"
        );
        let tiny = d("0.0000000000000000000000000001");
        assert_eq!(format_plain(tiny, 28), "0,0000000000000000000000000001");
        assert_eq!(format_plain(tiny, 40), "0,0000000000000000000000000001");
        assert_eq!(format_plain(-tiny, 4), "0,0000");
        assert_eq!(format_plain_natural(tiny), "0,0000000000000000000000000001");
        assert_eq!(
            format_plain(d("1234567890123456789012345678"), 4),
            "1234567890123456789012345678,0000"
        );
        assert_eq!(
            format_percent(Decimal::MAX),
            format!("{},0\u{a0}%", format_kr(Decimal::MAX))
        );
        assert_eq!(format_decimal(d("0.05"), 1), "0,1");
        assert_eq!(format_decimal(d("-0.04"), 1), "0,0");
        assert_eq!(format_decimal(d("12.5"), 0), "13");
    }

    #[test]
    fn display_round_trips_through_parser() {
        for v in ["-1945000", "0", "1234.5", "19038000", "-0.75"] {
            let shown = format_decimal(d(v), 2);
            assert_eq!(crate::parse::parse_number(&shown), Ok(d(v)), "{shown}");
        }
    }
}

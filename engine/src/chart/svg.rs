//! SVG building blocks shared by the charts (docs/app.md "Diagram"): the layout constants,
//! XML escaping, exact coordinates printed with `.`, shortened labels, the `<svg>` opening with
//! its title and description, and the empty chart.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::Chart;
use crate::money::round_half_up;

/// Width of every chart's `viewBox`, in SVG user units.
pub const CHART_WIDTH: i64 = 860;

/// Row height of the horizontal bar charts.
pub(super) const ROW_H: i64 = 28;
/// Bar thickness of the horizontal bar charts.
pub(super) const BAR_H: i64 = 18;
/// Right edge of the row labels (text anchored at the end).
pub(super) const LABEL_END: i64 = 240;
/// Left edge of the bars.
pub(super) const BAR_X: i64 = 250;
/// Width of the longest bar.
pub(super) const BAR_MAX: i64 = 400;
/// Gap between a bar's end and its value text.
pub(super) const VALUE_GAP: i64 = 8;
/// Margin above and below the rows.
pub(super) const PAD: i64 = 10;
/// Labels longer than this are shortened in the picture (the table has the full text).
pub(super) const LABEL_CHARS: usize = 30;

/// Escapes text for SVG/XML content and attribute values (the charts and the .xlsx export).
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0 (except tab and newlines), nor are
            // the noncharacters U+FFFE and U+FFFF.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate for an SVG attribute: rounded half-up to 2 decimals, `.` as decimal point,
/// no trailing zeros, never `-0`.
pub(super) fn num(value: Decimal) -> String {
    let r = round_half_up(value, 2).normalize();
    if r.is_zero() {
        "0".to_string()
    } else {
        r.to_string()
    }
}

pub(super) fn int(value: i64) -> Decimal {
    Decimal::from(value)
}

/// `value / max × length`, clamped to `0..=length`; 0 when `max` is not positive.
pub(super) fn scaled(value: Decimal, max: Decimal, length: Decimal) -> Decimal {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    value
        .checked_mul(length)
        .and_then(|v| v.checked_div(max))
        .map(|v| v.min(length))
        .unwrap_or(Decimal::ZERO)
}

/// Shortens a label for the picture: at most [`LABEL_CHARS`] characters, `…` when cut.
pub(super) fn short_label(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// Opens the `<svg>` element with its title and description.
pub(super) fn svg_open(class: &str, height: i64, title: &str, description: &str) -> String {
    let title = xml_escape(title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class}\" viewBox=\"0 0 {CHART_WIDTH} {height}\" \
         role=\"img\" aria-label=\"{title}\"><title>{title}</title><desc>{}</desc>",
        xml_escape(description)
    )
}

/// The valid "Inga data" chart.
pub(super) fn empty_chart(class: &str, title: &str, headers: Vec<String>) -> Chart {
    let description = format!("{title}: inga data att visa.");
    let mut svg = svg_open(class, 120, title, &description);
    let _ = write!(
        svg,
        "<text class=\"chart-empty\" x=\"{}\" y=\"64\" text-anchor=\"middle\">Inga data</text></svg>",
        CHART_WIDTH / 2
    );
    Chart::new(title, description, svg, headers, Vec::new())
}

//! The equity chart (docs/equity.md, docs/app.md "Diagram"): equity per year as columns, with
//! the ceiling per year and the floor, on a value axis with round steps.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::svg::{empty_chart, int, num, svg_open, CHART_WIDTH};
use super::{Chart, ChartRow};
use crate::equity::EquityYear;
use crate::format::{format_kr, format_percent_opt};
use crate::money::Amount;
use crate::plan::Year;

/// One year of the equity chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquityPoint {
    /// The year.
    pub year: Year,
    /// *EK UB* in kronor.
    pub equity: Amount,
    /// The ceiling in kronor (ceiling % × the ratio's base), when the base is known.
    pub ceiling: Option<Amount>,
    /// The equity ratio in percent, when known (shown in the table).
    pub ratio: Option<Decimal>,
}

impl EquityPoint {
    /// The point of one year of the equity roll-forward: the ceiling amount is
    /// `base × ceiling % / 100` at full precision.
    pub fn from_equity_year(y: &EquityYear) -> EquityPoint {
        let ceiling = y.base.and_then(|b| {
            b.value()
                .checked_mul(y.ceiling_percent)
                .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
                .map(Amount)
        });
        EquityPoint {
            year: y.year,
            equity: y.closing,
            ceiling,
            ratio: y.ratio,
        }
    }
}

/// The points of an equity roll-forward (e.g. `report.years.iter().map(|y| &y.equity)`):
/// the years whose equity is known (docs/equity.md: an unknown year has no figure to draw).
pub fn equity_points<'a>(years: impl IntoIterator<Item = &'a EquityYear>) -> Vec<EquityPoint> {
    years
        .into_iter()
        .filter(|y| y.known)
        .map(EquityPoint::from_equity_year)
        .collect()
}

// Layout of the equity chart.
pub(super) const EQ_HEIGHT: i64 = 380;
pub(super) const EQ_LEFT: i64 = 110;
pub(super) const EQ_RIGHT: i64 = 20;
pub(super) const EQ_TOP: i64 = 24;
pub(super) const EQ_PLOT_H: i64 = 280;

/// The largest absolute value the equity chart's scale works with (10^25 kr).
pub(super) const SCALE_LIMIT: Decimal =
    Decimal::from_parts(1_241_513_984, 370_409_800, 542_101, false, 0);

/// A "nice" grid step (1, 2 or 5 × 10ⁿ kr, at least 1 kr) giving about four intervals.
pub(super) fn nice_step(range: Decimal) -> Decimal {
    let raw = range.checked_div(int(4)).unwrap_or(Decimal::ONE);
    let mut p = Decimal::ONE;
    while let Some(next) = p.checked_mul(Decimal::TEN) {
        if next > raw {
            break;
        }
        p = next;
    }
    for m in [1, 2, 5, 10] {
        let step = p.checked_mul(int(m)).unwrap_or(p);
        if step >= raw {
            return step;
        }
    }
    p
}

/// Equity over the years: one vertical bar of *EK UB* per year, the year's ceiling as a
/// horizontal segment over its bar (class `chart-ceiling`), the floor as a line across the plot
/// (class `chart-floor`), a value axis with grid lines in kronor and a legend. Bars above the
/// ceiling, below the floor or negative get the classes `chart-above-ceiling`,
/// `chart-below-floor`, `chart-negative`. The table lists per year EK UB, the ceiling, the ratio
/// and a status text. No years gives the "Inga data" chart.
pub fn equity_chart(points: &[EquityPoint], floor: Option<Amount>) -> Chart {
    let title = "Eget kapital per år";
    let headers = vec![
        "År".to_string(),
        "Eget kapital UB (kr)".to_string(),
        "Tak (kr)".to_string(),
        "Andel av medelstilldelningen".to_string(),
        "Status".to_string(),
    ];
    if points.is_empty() {
        return empty_chart("chart--equity", title, headers);
    }
    let above = |p: &EquityPoint| p.ceiling.is_some_and(|c| p.equity > c);
    let below = |p: &EquityPoint| floor.is_some_and(|f| p.equity < f);
    let status = |p: &EquityPoint| {
        let mut s = Vec::new();
        if above(p) {
            s.push("Över taket");
        }
        if below(p) {
            s.push("Under golvet");
        }
        if s.is_empty() && p.ceiling.is_none() {
            // The ratio's base is unknown: whether it is over the ceiling cannot be told.
            "–".to_string()
        } else if s.is_empty() {
            "Inom gränserna".to_string()
        } else {
            s.join(", ")
        }
    };

    // Value range: always include 0, every EK UB, every ceiling and the floor.
    let values = points
        .iter()
        .flat_map(|p| [Some(p.equity), p.ceiling])
        .chain([floor])
        .flatten()
        .map(Amount::value);
    // The scale's arithmetic stays exact and far from `Decimal`'s limits: values beyond
    // ±10^25 kr (far outside docs/bounds.md) are drawn at that edge; the texts show them as they are.
    let (lo, hi) = values.fold((Decimal::ZERO, Decimal::ZERO), |(lo, hi), v| {
        let v = v.clamp(-SCALE_LIMIT, SCALE_LIMIT);
        (lo.min(v), hi.max(v))
    });
    // Layout only: the values are clamped to ±SCALE_LIMIT above, so the saturating operations
    // below never saturate in practice; a saturated pixel is still a drawable pixel.
    let step = nice_step(hi.saturating_sub(lo));
    let y_min = lo
        .checked_div(step)
        .unwrap_or_default()
        .floor()
        .saturating_mul(step);
    let mut y_max = hi
        .checked_div(step)
        .unwrap_or_default()
        .ceil()
        .saturating_mul(step);
    if y_max <= y_min {
        y_max = y_min.saturating_add(step);
    }
    let span = y_max.saturating_sub(y_min);
    let plot_w = int(CHART_WIDTH - EQ_LEFT - EQ_RIGHT);
    let y_of = |v: Decimal| -> Decimal {
        let off = y_max
            .saturating_sub(v.clamp(y_min, y_max))
            .checked_mul(int(EQ_PLOT_H))
            .and_then(|d| d.checked_div(span))
            .unwrap_or(Decimal::ZERO);
        int(EQ_TOP).saturating_add(off)
    };

    let description = {
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            return empty_chart("chart--equity", title, headers);
        };
        let mut d = format!(
            "Eget kapital vid årets slut {}–{}: från {} kr till {} kr.",
            first.year,
            last.year,
            format_kr(first.equity.value()),
            format_kr(last.equity.value())
        );
        let over: Vec<String> = points
            .iter()
            .filter(|p| above(p))
            .map(|p| p.year.to_string())
            .collect();
        let unknown: Vec<String> = points
            .iter()
            .filter(|p| p.ceiling.is_none())
            .map(|p| p.year.to_string())
            .collect();
        if !over.is_empty() {
            let _ = write!(d, " Över taket: {}.", over.join(", "));
        } else if unknown.is_empty() {
            d.push_str(" Inget år över taket.");
        }
        if !unknown.is_empty() {
            let _ = write!(
                d,
                " Taket okänt (kvoten kan inte beräknas): {}.",
                unknown.join(", ")
            );
        }
        if let Some(f) = floor {
            let under: Vec<String> = points
                .iter()
                .filter(|p| below(p))
                .map(|p| p.year.to_string())
                .collect();
            let _ = write!(d, " Golv {} kr", format_kr(f.value()));
            if under.is_empty() {
                d.push_str(", inget år under golvet.");
            } else {
                let _ = write!(d, "; under golvet: {}.", under.join(", "));
            }
        }
        d
    };

    let mut svg = svg_open("chart--equity", EQ_HEIGHT, title, &description);
    let left = int(EQ_LEFT);
    let right = int(CHART_WIDTH - EQ_RIGHT);
    // Grid and value axis.
    let mut tick = y_min;
    while tick <= y_max {
        let y = num(y_of(tick));
        let _ = write!(
            svg,
            "<line class=\"chart-grid\" x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\"/>\
             <text class=\"chart-tick\" x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>",
            l = num(left),
            r = num(right),
            tx = EQ_LEFT - 8,
            ty = num(y_of(tick).saturating_add(int(4))),
            label = format_kr(tick),
        );
        match tick.checked_add(step) {
            Some(next) => tick = next,
            None => break,
        }
    }
    let zero = num(y_of(Decimal::ZERO));
    let _ = write!(
        svg,
        "<line class=\"chart-axis\" x1=\"{l}\" y1=\"{zero}\" x2=\"{r}\" y2=\"{zero}\"/>",
        l = num(left),
        r = num(right),
    );

    // Bars, ceilings and labels.
    let n = int(i64::try_from(points.len()).unwrap_or(i64::MAX));
    let slot = plot_w.checked_div(n).unwrap_or_default();
    let half = |v: Decimal| v.checked_div(int(2)).unwrap_or_default();
    let eighth = |v: Decimal| v.checked_div(int(8)).unwrap_or_default();
    let bar_w = half(slot);
    let y_zero = y_of(Decimal::ZERO);
    for (i, p) in points.iter().enumerate() {
        let slot_x =
            left.saturating_add(slot.saturating_mul(int(i64::try_from(i).unwrap_or(i64::MAX))));
        let x = slot_x.saturating_add(half(slot.saturating_sub(bar_w)));
        let y_v = y_of(p.equity.value());
        let (top, height) = if y_v <= y_zero {
            (y_v, y_zero.saturating_sub(y_v))
        } else {
            (y_zero, y_v.saturating_sub(y_zero))
        };
        let mut class = String::from("chart-bar chart-equity");
        if above(p) {
            class.push_str(" chart-above-ceiling");
        }
        if below(p) {
            class.push_str(" chart-below-floor");
        }
        if p.equity.value().is_sign_negative() && !p.equity.is_zero() {
            class.push_str(" chart-negative");
        }
        let center = slot_x.saturating_add(half(slot));
        let label_y = if p.equity.value().is_sign_negative() && !p.equity.is_zero() {
            top.saturating_add(height).saturating_add(int(14))
        } else {
            top.saturating_sub(int(6))
        };
        let _ = write!(
            svg,
            "<g class=\"chart-row\"><title>{year}: eget kapital {ek} kr{ceil}, {status}</title>\
             <rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\"/>\
             <text class=\"chart-value\" x=\"{cx}\" y=\"{ly}\" text-anchor=\"middle\">{ek}</text>",
            year = p.year,
            ek = format_kr(p.equity.value()),
            ceil = p
                .ceiling
                .map(|c| format!(", tak {} kr", format_kr(c.value())))
                .unwrap_or_default(),
            status = status(p).to_lowercase(),
            x = num(x),
            y = num(top),
            w = num(bar_w),
            h = num(height),
            cx = num(center),
            ly = num(label_y),
        );
        if let Some(c) = p.ceiling {
            let cy = num(y_of(c.value()));
            let _ = write!(
                svg,
                "<line class=\"chart-ceiling\" x1=\"{x1}\" y1=\"{cy}\" x2=\"{x2}\" y2=\"{cy}\"/>",
                x1 = num(slot_x.saturating_add(eighth(slot))),
                x2 = num(slot_x.saturating_add(slot).saturating_sub(eighth(slot))),
            );
        }
        let _ = write!(
            svg,
            "<text class=\"chart-year\" x=\"{cx}\" y=\"{yy}\" text-anchor=\"middle\">{year}</text></g>",
            cx = num(center),
            yy = EQ_TOP + EQ_PLOT_H + 20,
            year = p.year,
        );
    }
    if let Some(f) = floor {
        let fy = num(y_of(f.value()));
        let _ = write!(
            svg,
            "<line class=\"chart-floor\" x1=\"{l}\" y1=\"{fy}\" x2=\"{r}\" y2=\"{fy}\"/>",
            l = num(left),
            r = num(right),
        );
    }

    // Legend.
    let ly = EQ_TOP + EQ_PLOT_H + 52;
    let _ = write!(
        svg,
        "<g class=\"chart-legend\">\
         <rect class=\"chart-legend-swatch chart-bar chart-equity\" x=\"{EQ_LEFT}\" y=\"{sy}\" width=\"14\" height=\"14\"/>\
         <text class=\"chart-label\" x=\"{t1}\" y=\"{ly}\">Eget kapital UB</text>\
         <line class=\"chart-ceiling\" x1=\"{c1}\" y1=\"{my}\" x2=\"{c2}\" y2=\"{my}\"/>\
         <text class=\"chart-label\" x=\"{t2}\" y=\"{ly}\">Tak</text>",
        sy = ly - 11,
        t1 = EQ_LEFT + 20,
        c1 = EQ_LEFT + 170,
        c2 = EQ_LEFT + 200,
        my = ly - 4,
        t2 = EQ_LEFT + 206,
    );
    if floor.is_some() {
        let _ = write!(
            svg,
            "<line class=\"chart-floor\" x1=\"{c1}\" y1=\"{my}\" x2=\"{c2}\" y2=\"{my}\"/>\
             <text class=\"chart-label\" x=\"{t}\" y=\"{ly}\">Golv</text>",
            c1 = EQ_LEFT + 270,
            c2 = EQ_LEFT + 300,
            my = ly - 4,
            t = EQ_LEFT + 306,
        );
    }
    // The bar colours that differ from the plain one each get a swatch of their own, so the
    // legend's colours are the bars' colours.
    let mut x: i64 = if floor.is_some() {
        EQ_LEFT + 370
    } else {
        EQ_LEFT + 270
    };
    let swatches = [
        (
            points.iter().any(above),
            "chart-above-ceiling",
            "Över taket",
            120,
        ),
        (
            points
                .iter()
                .any(|p| below(p) || (p.equity.value().is_sign_negative() && !p.equity.is_zero())),
            "chart-below-floor",
            "Under golvet eller negativt",
            0,
        ),
    ];
    for (shown, class, label, width) in swatches {
        if shown {
            let _ = write!(
                svg,
                "<rect class=\"chart-legend-swatch chart-bar {class}\" x=\"{x}\" y=\"{sy}\" width=\"14\" height=\"14\"/>\
                 <text class=\"chart-label\" x=\"{t}\" y=\"{ly}\">{label}</text>",
                sy = ly - 11,
                t = x.saturating_add(20),
            );
            x = x.saturating_add(width);
        }
    }
    svg.push_str("</g></svg>");

    let rows = points
        .iter()
        .map(|p| {
            ChartRow::new(
                p.year.to_string(),
                vec![
                    format_kr(p.equity.value()),
                    p.ceiling
                        .map(|c| format_kr(c.value()))
                        .unwrap_or_else(|| "–".to_string()),
                    format_percent_opt(p.ratio),
                    status(p),
                ],
            )
        })
        .collect();
    Chart::new(title, description, svg, headers, rows)
}

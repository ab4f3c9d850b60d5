//! Charts as SVG, drawn by plotters on the server. Each has its axes, their numbers and labels
//! and each bar's value, written as SVG text the browser sets ([`axes`]), so the server needs
//! no fonts; the page keeps the table of the same numbers beside it.

mod axes;

pub use axes::Axes;
use axes::{BOTTOM, Overlay, TOP, left_room, ticks};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// Colours from the style sheet's palette.
const BAR: RGBColor = RGBColor(0x1f, 0x5f, 0x5b);
const OVER: RGBColor = RGBColor(0xb0, 0x3a, 0x2e);
const LIMIT: RGBColor = RGBColor(0x55, 0x55, 0x55);

type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A plot with room for its axes on `root`, over `x` and `y`.
fn plot<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    left: u32,
) -> Option<Plot<'a, 'b>> {
    ChartBuilder::on(root)
        .margin_top(TOP)
        .margin_right(6)
        .y_label_area_size(left)
        .x_label_area_size(BOTTOM)
        .build_cartesian_2d(x, y)
        .ok()
}

/// The axes of a plot: the y axis with `ticks` numbered, the x axis with the labels of
/// `axes`, both at the plot's edges.
fn draw_axes(
    plot: &Plot,
    axes: &Axes,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
    ticks: &[f64],
) -> Overlay {
    let mut o = Overlay::default();
    let at = |x: f64, y: f64| plot.backend_coord(&(x, y));
    let (left, bottom) = at(x0, y0);
    let (right, top) = at(x1, y1);
    let rows: Vec<(f64, i32)> = ticks.iter().map(|t| (*t, at(x0, *t).1)).collect();
    o.y_axis(axes, left, (bottom, top), &rows);
    let labels: Vec<(i32, &str)> = axes
        .x
        .iter()
        .map(|(x, w)| (at(*x, y0).0, w.as_str()))
        .collect();
    o.x_axis(bottom, (left, right), &labels);
    o
}

/// A bar chart of counts per column with a limit line (a capacity, a mean): bars above the
/// limit are red; each bar's count is written above it.
pub fn bars_with_limit(
    counts: &[u32],
    limit: &[f64],
    axes: &Axes,
    width: u32,
    height: u32,
) -> String {
    let mut svg = String::new();
    let overlay;
    {
        let top = counts
            .iter()
            .map(|c| f64::from(*c))
            .chain(limit.iter().copied())
            .fold(1.0_f64, f64::max)
            * 1.15;
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let n = counts.len().max(1) as f64;
        let y_ticks = ticks(0.0, top, true);
        let Some(mut chart) = plot(&root, 0.0..n, 0.0..top, left_room(axes, &y_ticks)) else {
            return String::new();
        };
        let bars = counts.iter().enumerate().map(|(i, c)| {
            let x = i as f64;
            let over = limit.get(i).is_some_and(|l| f64::from(*c) > *l);
            let color = if over { OVER } else { BAR };
            Rectangle::new([(x + 0.15, 0.0), (x + 0.85, f64::from(*c))], color.filled())
        });
        // Drawing only fails on a broken backend; a missing chart leaves the table.
        if chart.draw_series(bars).is_err() {
            return String::new();
        }
        let line = limit
            .iter()
            .enumerate()
            .flat_map(|(i, l)| [(i as f64, *l), (i as f64 + 1.0, *l)]);
        if chart
            .draw_series(LineSeries::new(line, LIMIT.stroke_width(2)))
            .is_err()
        {
            return String::new();
        }
        let mut o = draw_axes(&chart, axes, (0.0, n), (0.0, top), &y_ticks);
        for (i, c) in counts.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(i as f64 + 0.5, f64::from(*c)));
            let words = (axes.number)(f64::from(*c));
            // A value the limit line would cross is written inside its bar, in white.
            let line = limit.get(i).map(|l| chart.backend_coord(&(0.0, *l)).1);
            let (_, bottom) = chart.backend_coord(&(0.0, 0.0));
            match line {
                Some(l) if (y - 2 - l).abs() < 12 && bottom - y > 14 => {
                    o.text_in((x, y + 12), "middle", &words, "#ffffff")
                }
                _ => o.text((x, y - 2), "middle", &words),
            }
        }
        overlay = o;
        if root.present().is_err() {
            return String::new();
        }
    }
    overlay.onto(svg)
}

/// A goal's progress over time: the values as a line with dots, the baseline as a thin line
/// and the target as a thick one, each named at its right end (`names`: baseline, target).
/// `points` are (day number, value); the x axis runs from the first to the last day given (or
/// `x_end` when later, e.g. the goal's due day).
pub fn progress_line(
    points: &[(f64, f64)],
    (baseline, target): (f64, f64),
    x_end: f64,
    (axes, names): (&Axes, (&str, &str)),
    (width, height): (u32, u32),
) -> String {
    let mut svg = String::new();
    let overlay;
    {
        let lo = points
            .iter()
            .map(|p| p.1)
            .chain([baseline, target])
            .fold(f64::INFINITY, f64::min);
        let hi = points
            .iter()
            .map(|p| p.1)
            .chain([baseline, target])
            .fold(f64::NEG_INFINITY, f64::max);
        let pad = ((hi - lo) * 0.1).max(0.5);
        let x0 = points.first().map_or(0.0, |p| p.0);
        let x1 = points.last().map_or(1.0, |p| p.0).max(x_end).max(x0 + 1.0);
        let (y0, y1) = (lo - pad, hi + pad);
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let whole = [baseline, target].iter().all(|v| v.fract() == 0.0);
        let y_ticks = ticks(y0, y1, whole);
        let Some(mut chart) = plot(&root, x0..x1, y0..y1, left_room(axes, &y_ticks)) else {
            return String::new();
        };
        let lines = [
            (baseline, LIMIT.stroke_width(1)),
            (target, BAR.stroke_width(3)),
        ];
        for (y, style) in lines {
            if chart
                .draw_series(LineSeries::new([(x0, y), (x1, y)], style))
                .is_err()
            {
                return String::new();
            }
        }
        if chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                OVER.stroke_width(2),
            ))
            .is_err()
            || chart
                .draw_series(points.iter().map(|p| Circle::new(*p, 4, OVER.filled())))
                .is_err()
        {
            return String::new();
        }
        let mut o = draw_axes(&chart, axes, (x0, x1), (y0, y1), &y_ticks);
        for (y, name) in [(baseline, names.0), (target, names.1)] {
            let (x, y) = chart.backend_coord(&(x1, y));
            o.text((x - 2, y - 3), "end", name);
        }
        overlay = o;
        if root.present().is_err() {
            return String::new();
        }
    }
    overlay.onto(svg)
}

/// Stacked bars: one bar per column, its parts stacked bottom-up in `colours` order, the
/// column's total written above it.
pub fn stacked_bars(
    columns: &[Vec<u32>],
    colours: &[RGBColor],
    axes: &Axes,
    (width, height): (u32, u32),
) -> String {
    let mut svg = String::new();
    let overlay;
    {
        let totals: Vec<u32> = columns.iter().map(|c| c.iter().sum()).collect();
        let top = totals.iter().map(|t| f64::from(*t)).fold(1.0_f64, f64::max) * 1.15;
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let n = columns.len().max(1) as f64;
        let y_ticks = ticks(0.0, top, true);
        let Some(mut chart) = plot(&root, 0.0..n, 0.0..top, left_room(axes, &y_ticks)) else {
            return String::new();
        };
        let mut parts = Vec::new();
        for (i, col) in columns.iter().enumerate() {
            let x = i as f64;
            let mut base = 0.0;
            for (j, v) in col.iter().enumerate() {
                if *v == 0 {
                    continue;
                }
                let colour = colours.get(j).copied().unwrap_or(LIMIT);
                let h = f64::from(*v);
                parts.push(Rectangle::new(
                    [(x + 0.15, base), (x + 0.85, base + h)],
                    colour.filled(),
                ));
                base += h;
            }
        }
        if chart.draw_series(parts).is_err() {
            return String::new();
        }
        let mut o = draw_axes(&chart, axes, (0.0, n), (0.0, top), &y_ticks);
        for (i, t) in totals.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(i as f64 + 0.5, f64::from(*t)));
            o.text((x, y - 2), "middle", &(axes.number)(f64::from(*t)));
        }
        overlay = o;
        if root.present().is_err() {
            return String::new();
        }
    }
    overlay.onto(svg)
}

/// The colours of the placement forms (network, other family-based, institutional, other).
pub const FORM_COLOURS: [RGBColor; 4] = [
    RGBColor(0x1f, 0x5f, 0x5b),
    RGBColor(0x6b, 0xa3, 0x9b),
    RGBColor(0xb0, 0x3a, 0x2e),
    RGBColor(0x99, 0x99, 0x99),
];

/// The x labels of one bar per column: each label at its bar's middle.
pub fn columns(labels: impl IntoIterator<Item = String>) -> Vec<(f64, String)> {
    labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| (i as f64 + 0.5, l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(v: f64) -> String {
        format!("{v}")
    }

    fn axes(x: &[&str]) -> Axes<'static> {
        Axes {
            x: columns(x.iter().map(|s| (*s).to_owned())),
            y_title: "Besøg",
            number: &plain,
        }
    }

    #[test]
    fn one_bar_per_count_red_above_the_limit_with_its_value_and_axes() {
        let svg = bars_with_limit(
            &[2, 9, 0],
            &[8.0, 8.0, 8.0],
            &axes(&["jan", "feb", "mar"]),
            240,
            100,
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        // Three rectangles besides the background: count fills of the two colours.
        let teal = svg.matches("#1F5F5B").count() + svg.matches("#1f5f5b").count();
        let red = svg.matches("#B03A2E").count() + svg.matches("#b03a2e").count();
        assert_eq!((teal, red), (2, 1), "{svg}");
        assert!(svg.contains("polyline"), "the limit line is drawn");
        // The axes: their name, the month under each bar, each bar's count above it, and
        // the y numbers: the axis reaches 9 × 1.15 = 10.35, a fifth of it is 2.07, so the step
        // is 5 (the first of 1, 2, 5 at least that): 0, 5, 10.
        for words in [
            ">Besøg<", ">jan<", ">feb<", ">mar<", ">9<", ">0<", ">5<", ">10<",
        ] {
            assert!(svg.contains(words), "{words} in {svg}");
        }
        assert_eq!(
            svg.matches("<line").count(),
            2 + 3,
            "two axes and three ticks: {svg}"
        );
    }

    #[test]
    fn a_progress_line_draws_its_points_baseline_and_target_named() {
        let svg = progress_line(
            &[(0.0, 3.0), (30.0, 5.0), (60.0, 6.0)],
            (3.0, 8.0),
            120.0,
            (&axes(&[]), ("Start", "Mål")),
            (300, 140),
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        // Three dots for three entries.
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        // The progress line, the baseline and the target line.
        assert_eq!(svg.matches("<polyline").count(), 3, "{svg}");
        assert!(svg.contains(">Mål<") && svg.contains(">Start<"), "{svg}");
    }

    #[test]
    fn stacked_bars_draw_one_block_per_non_zero_part_and_each_total() {
        let svg = stacked_bars(
            &[vec![1, 0, 2, 0], vec![0, 0, 0, 0], vec![3, 1, 0, 0]],
            &FORM_COLOURS,
            &axes(&["okt", "nov", "dec"]),
            (240, 100),
        );
        // Non-zero parts: 1 and 2 in the first bar, 3 and 1 in the third: four blocks (the
        // drawing has no background).
        assert_eq!(svg.matches("<rect").count(), 4, "{svg}");
        // Totals 3, 0 and 4 above the bars.
        for words in [">3<", ">4<", ">okt<", ">dec<"] {
            assert!(svg.contains(words), "{words} in {svg}");
        }
    }
}

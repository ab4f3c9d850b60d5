//! Charts as SVG, drawn by plotters on the server. A chart carries no text of its own (labels,
//! numbers and the accessible table are in the page's HTML), so it needs no fonts.

use plotters::prelude::*;

/// Colours from the style sheet's palette.
const BAR: RGBColor = RGBColor(0x1f, 0x5f, 0x5b);
const OVER: RGBColor = RGBColor(0xb0, 0x3a, 0x2e);
const LIMIT: RGBColor = RGBColor(0x55, 0x55, 0x55);

/// A small bar chart of counts per period with a limit line: bars above the limit are red.
pub fn bars_with_limit(counts: &[u32], limit: &[f64], width: u32, height: u32) -> String {
    let mut svg = String::new();
    {
        let top = counts
            .iter()
            .map(|c| f64::from(*c))
            .chain(limit.iter().copied())
            .fold(1.0_f64, f64::max)
            * 1.1;
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let n = counts.len().max(1) as f64;
        let chart = ChartBuilder::on(&root)
            .margin(2)
            .build_cartesian_2d(0.0..n, 0.0..top);
        let Ok(mut chart) = chart else {
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
        if root.present().is_err() {
            return String::new();
        }
    }
    svg
}

/// A goal's progress over time: the values as a line with dots, the baseline as a thin line
/// and the target as a thick one. `points` are (day number, value); the x axis runs from the
/// first to the last day given (or `x_end` when later, e.g. the goal's due day).
pub fn progress_line(
    points: &[(f64, f64)],
    baseline: f64,
    target: f64,
    x_end: f64,
    width: u32,
    height: u32,
) -> String {
    let mut svg = String::new();
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
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(6)
            .build_cartesian_2d(x0..x1, (lo - pad)..(hi + pad))
        else {
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
            || root.present().is_err()
        {
            return String::new();
        }
    }
    svg
}

/// Stacked bars: one bar per column, its parts stacked bottom-up in `colours` order.
pub fn stacked_bars(columns: &[Vec<u32>], colours: &[RGBColor], width: u32, height: u32) -> String {
    let mut svg = String::new();
    {
        let top = columns
            .iter()
            .map(|c| c.iter().map(|v| f64::from(*v)).sum::<f64>())
            .fold(1.0_f64, f64::max)
            * 1.1;
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let n = columns.len().max(1) as f64;
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(2)
            .build_cartesian_2d(0.0..n, 0.0..top)
        else {
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
        if chart.draw_series(parts).is_err() || root.present().is_err() {
            return String::new();
        }
    }
    svg
}

/// The colours of the placement forms (network, other family-based, institutional, other).
pub const FORM_COLOURS: [RGBColor; 4] = [
    RGBColor(0x1f, 0x5f, 0x5b),
    RGBColor(0x6b, 0xa3, 0x9b),
    RGBColor(0xb0, 0x3a, 0x2e),
    RGBColor(0x99, 0x99, 0x99),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_count_and_red_above_the_limit() {
        let svg = bars_with_limit(&[2, 9, 0], &[8.0, 8.0, 8.0], 240, 80);
        assert!(svg.starts_with("<svg"), "{svg}");
        // Three rectangles besides the background: count fills of the two colours.
        let teal = svg.matches("#1F5F5B").count() + svg.matches("#1f5f5b").count();
        let red = svg.matches("#B03A2E").count() + svg.matches("#b03a2e").count();
        assert_eq!((teal, red), (2, 1), "{svg}");
        assert!(svg.contains("polyline"), "the limit line is drawn");
    }

    #[test]
    fn a_progress_line_draws_its_points_baseline_and_target() {
        let svg = progress_line(
            &[(0.0, 3.0), (30.0, 5.0), (60.0, 6.0)],
            3.0,
            8.0,
            120.0,
            300,
            120,
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        // Three dots for three entries.
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        // The progress line, the baseline and the target line.
        assert_eq!(svg.matches("<polyline").count(), 3, "{svg}");
    }

    #[test]
    fn stacked_bars_draw_one_block_per_non_zero_part() {
        let svg = stacked_bars(
            &[vec![1, 0, 2, 0], vec![0, 0, 0, 0], vec![3, 1, 0, 0]],
            &FORM_COLOURS,
            240,
            80,
        );
        // Non-zero parts: 1 and 2 in the first bar, 3 and 1 in the third: four blocks (the
        // drawing has no background).
        assert_eq!(svg.matches("<rect").count(), 4, "{svg}");
    }
}

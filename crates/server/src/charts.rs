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
}

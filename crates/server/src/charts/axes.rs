//! What a chart's axes say: the lines, the ticks and their numbers, the labels along the x
//! axis, the y axis's name and each bar's value. plotters places the plot; the words are SVG
//! text the browser sets, so the server needs no fonts. Every word comes from the caller, in
//! the reader's language.

/// The reader's words and numbers for a chart's axes.
pub struct Axes<'a> {
    /// Labels along the x axis at data positions (a bar `i` has its middle at `i + 0.5`).
    pub x: Vec<(f64, String)>,
    /// What the y axis counts or measures ("Anbringelser", "Besøg").
    pub y_title: &'a str,
    /// A value written as the page writes numbers (a Danish decimal comma).
    pub number: &'a dyn Fn(f64) -> String,
}

/// Room around the plot for the axes' words, in pixels: top (the y axis's name and bar
/// values), left (the y numbers), bottom (the x labels).
pub const TOP: u32 = 16;
pub const LEFT: u32 = 36;
pub const BOTTOM: u32 = 18;

const INK: &str = "#4f5b5e";
const FONT: &str = "font-family=\"system-ui, sans-serif\" font-size=\"11\"";

/// About how wide a word of the axes is, in pixels (11-pixel system text).
fn width_of(words: &str) -> i32 {
    i32::try_from(words.chars().count()).unwrap_or(i32::MAX / 8) * 6
}

/// Room on the left for the y axis's numbers (or words, "Ikke nået"): the widest of them, and
/// never less than [`LEFT`].
pub fn left_room(axes: &Axes, ticks: &[f64]) -> u32 {
    let widest = ticks
        .iter()
        .map(|t| width_of(&(axes.number)(*t)))
        .max()
        .unwrap_or(0);
    u32::try_from(widest + 10).unwrap_or(LEFT).max(LEFT)
}

/// Evenly spaced "nice" ticks between `lo` and `hi`: steps of 1, 2 or 5 times a
/// power of ten, about five of them; whole steps only for counts (`whole`).
pub fn ticks(lo: f64, hi: f64, whole: bool) -> Vec<f64> {
    let span = (hi - lo).max(f64::EPSILON);
    let raw = span / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    if whole {
        step = step.max(1.0).round();
    }
    let first = (lo / step).ceil() * step;
    (0..)
        .map(|i| ((first + f64::from(i) * step) * 1e9).round() / 1e9)
        .take_while(|t| *t <= hi + step * 1e-9)
        .collect()
}

/// SVG drawn over a plot: lines and text at pixel positions, put before the `</svg>` end.
#[derive(Default)]
pub struct Overlay(String);

impl Overlay {
    /// A thin line in the axes' ink.
    pub fn line(&mut self, (x1, y1): (i32, i32), (x2, y2): (i32, i32)) {
        self.0.push_str(&format!(
            "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"{INK}\" stroke-width=\"1\"/>"
        ));
    }

    /// Text anchored `start`, `middle` or `end` at a pixel position.
    pub fn text(&mut self, at: (i32, i32), anchor: &str, words: &str) {
        self.text_in(at, anchor, words, INK);
    }

    /// Text in a colour of its own (white inside a bar).
    pub fn text_in(&mut self, (x, y): (i32, i32), anchor: &str, words: &str, fill: &str) {
        self.0.push_str(&format!(
            "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" fill=\"{fill}\" {FONT}>{}</text>",
            escape(words)
        ));
    }

    /// The y axis at the plot's left edge `x`, from `bottom` to `top` pixels, its ticks (value,
    /// pixel row) and its name above it.
    pub fn y_axis(&mut self, axes: &Axes, x: i32, (bottom, top): (i32, i32), ticks: &[(f64, i32)]) {
        self.line((x, bottom), (x, top));
        for (value, y) in ticks {
            self.line((x - 3, *y), (x, *y));
            self.text((x - 5, *y + 3), "end", &(axes.number)(*value));
        }
        self.text((2, 10), "start", axes.y_title);
    }

    /// The x axis at pixel row `y` from `left` to `right`, with the labels at their pixel
    /// columns.
    pub fn x_axis(&mut self, y: i32, (left, right): (i32, i32), labels: &[(i32, &str)]) {
        self.line((left, y), (right, y));
        // A label near an end is set inwards from it, so it is never cut off; one that would
        // run into the label before it is left out (the table beside the chart has them all).
        let mut free_from = i32::MIN;
        for (x, words) in labels {
            let w = width_of(words);
            let (anchor, from) = if *x + w / 2 > right {
                ("end", *x - w)
            } else if *x - w / 2 < left {
                ("start", *x)
            } else {
                ("middle", *x - w / 2)
            };
            if from < free_from {
                continue;
            }
            self.text((*x, y + 13), anchor, words);
            free_from = from + w + 6;
        }
    }

    /// The SVG with the overlay drawn on top.
    pub fn onto(self, svg: String) -> String {
        match svg.rfind("</svg>") {
            Some(end) => format!("{}{}{}", &svg[..end], self.0, &svg[end..]),
            None => svg,
        }
    }
}

/// Text made safe inside SVG.
fn escape(words: &str) -> String {
    words
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_within_the_range() {
        assert_eq!(ticks(0.0, 9.0, true), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.0, 3.0, true), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(ticks(0.0, 40.0, true), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(ticks(2.5, 8.0, false), vec![4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.0, 1.0, false), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
    }

    #[test]
    fn labels_that_would_run_into_each_other_are_left_out_and_none_is_cut_off() {
        // Thirteen "jan 26" (6 letters: 36 pixels) 20 pixels apart on a 270-pixel axis. The
        // first is set from its start (it would stick out on the left): 10 to 46, so the next
        // may begin at 52; each drawn label is 36 wide plus 6 of room, so every third fits:
        // at 10, 70, 130, 190 and 250 (the last ends at 268, inside the axis).
        let labels: Vec<(i32, &str)> = (0..13).map(|i| (10 + i * 20, "jan 26")).collect();
        let mut o = Overlay::default();
        o.x_axis(100, (0, 270), &labels);
        let svg = o.onto("<svg></svg>".to_owned());
        let xs: Vec<&str> = svg
            .split("<text x=\"")
            .skip(1)
            .map(|t| &t[..t.find('"').unwrap()])
            .collect();
        assert_eq!(xs, ["10", "70", "130", "190", "250"], "{svg}");
        assert!(
            svg.contains("x=\"10\" y=\"113\" text-anchor=\"start\""),
            "{svg}"
        );
    }

    #[test]
    fn the_y_axis_has_room_for_its_widest_word() {
        let words = |v: f64| {
            if v == 0.0 {
                "Ikke nået".to_owned()
            } else {
                "Nået".to_owned()
            }
        };
        let axes = Axes {
            x: vec![],
            y_title: "",
            number: &words,
        };
        // "Ikke nået": 9 letters at 6 pixels and 10 of room.
        assert_eq!(left_room(&axes, &[0.0, 1.0]), 64);
        let plain = |v: f64| format!("{v}");
        let numbers = Axes {
            x: vec![],
            y_title: "",
            number: &plain,
        };
        assert_eq!(left_room(&numbers, &[0.0, 10.0]), LEFT);
    }

    #[test]
    fn words_are_escaped() {
        let mut o = Overlay::default();
        o.text((0, 0), "start", "Børn & <unge>");
        let svg = o.onto("<svg></svg>".to_owned());
        assert!(
            svg.contains(">Børn &amp; &lt;unge&gt;</text></svg>"),
            "{svg}"
        );
    }
}

//! Accessibility checks run in Chromium on the page a browser is on (WCAG 2.1 AA, the level
//! Danish public-sector law requires): axe-core's serious and critical violations, field errors
//! tied to their fields with the focus on the summary, page titles that say the page, and a
//! focus ring that stands out against what lies beside it.

use fantoccini::key::Key;
use serde_json::Value;

use crate::browser::Browser;

const AXE: &str = include_str!("../vendor/axe-core/axe.min.js");

/// The CSS width of a 1280-pixel screen at 200 % zoom (WCAG 1.4.4).
pub const ZOOMED_WIDTH: u32 = 640;

/// The serious and critical violations on the current page, as "rule: targets" lines.
pub async fn violations(b: &Browser) -> Vec<String> {
    b.client.execute(AXE, vec![]).await.expect("axe loads");
    let found = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']}).then(r => done(
               r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))
             ), e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe runs");
    strings(found)
}

/// Opens every collapsed section (`<details>`), as a person reading the whole page would;
/// true when there was one.
pub async fn open_every_section(b: &Browser) -> bool {
    b.client
        .execute(
            "const closed = [...document.querySelectorAll('details:not([open])')];
             closed.forEach(d => d.open = true);
             return closed.length > 0;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap_or(false)
}

/// Sets the window to the width of 200 % zoom (or back to 1280) and lets the page react.
pub async fn zoom(b: &Browser, zoomed: bool) {
    let width = if zoomed { ZOOMED_WIDTH } else { 1280 };
    b.client
        .set_window_size(width, 1000)
        .await
        .expect("window resized");
    // The resize event has run once the page answers a script after it.
    b.client
        .execute("window.dispatchEvent(new Event('resize'));", vec![])
        .await
        .unwrap();
}

/// What is wrong with the page's title: it must say what the page's heading says.
pub async fn title_problem(b: &Browser) -> Option<String> {
    let found = b
        .client
        .execute(
            "const h = document.querySelector('main h1');
             const heading = h ? h.innerText.replace(/\\s+/g, ' ').trim() : '';
             return [document.title, heading];",
            vec![],
        )
        .await
        .unwrap();
    let pair = strings(found);
    let (title, heading) = (&pair[0], &pair[1]);
    (*title != format!("{heading} · Kith")).then(|| format!("title {title:?}, heading {heading:?}"))
}

/// The field errors on the page not tied to a field (`aria-invalid` and `aria-describedby`
/// naming them), and whether the focus is elsewhere than the summary of problems.
pub async fn untied_errors(b: &Browser) -> Vec<String> {
    let found = b
        .client
        .execute(
            "const out = [];
             const errors = [...document.querySelectorAll('.field-error')];
             if (errors.length === 0) out.push('no field error on the page');
             for (const e of errors) {
               const tied = e.id && [...document.querySelectorAll('[aria-invalid=true]')]
                 .some(c => (c.getAttribute('aria-describedby') || '').split(' ').includes(e.id));
               if (!tied) out.push('not tied: ' + e.innerText);
             }
             const summary = document.getElementById('problems');
             if (summary && document.activeElement !== summary)
               out.push('focus on ' + document.activeElement.tagName + ', not the summary');
             return out;",
            vec![],
        )
        .await
        .unwrap();
    strings(found)
}

/// Tabs through the first `presses` stops and reports each focus ring whose colour has less
/// than 3:1 contrast (WCAG 1.4.11) against what lies just outside it on the screen.
pub async fn weak_focus_rings(b: &Browser, presses: usize) -> Vec<String> {
    let mut weak = Vec::new();
    for _ in 0..presses {
        press(b, Key::Tab).await;
        let found = b.client.execute(RING_CONTRAST, vec![]).await.unwrap();
        if let Some(w) = found.as_str() {
            weak.push(w.to_owned());
        }
    }
    weak
}

/// The focused element's ring contrast against the background just outside the ring, or null
/// when it is at least 3:1. The background is what the screen shows there: the first element
/// under that point with a colour of its own.
const RING_CONTRAST: &str = "
const el = document.activeElement;
if (!el || el === document.body || !el.matches(':focus-visible')) return null;
const s = getComputedStyle(el);
const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
const lum = c => { const [r, g, b] = rgb(c).map(v => v / 255)
  .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05); };
if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2)
  return el.tagName + ' ' + (el.innerText || el.name || '') + ': no visible focus ring';
const r = el.getBoundingClientRect();
const out = parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth) + 2;
const x = Math.max(0, r.left - out), y = Math.min(innerHeight - 1, Math.max(0, r.top + r.height / 2));
let bg = 'rgb(255, 255, 255)';
for (const e of document.elementsFromPoint(x, y)) {
  if (e === el || el.contains(e)) continue;
  const c = getComputedStyle(e).backgroundColor;
  const a = rgb(c);
  if (a.length === 3 || (a.length === 4 && a[3] > 0)) { bg = c; break; }
}
const k = ratio(s.outlineColor, bg);
return k >= 3 ? null : el.tagName + ' ' + (el.innerText || el.name || '').slice(0, 40)
  + ': ring ' + s.outlineColor + ' on ' + bg + ' is ' + k.toFixed(2) + ':1';
";

/// Presses and releases one key, wherever the focus is (as a person at the keyboard would).
pub async fn press(b: &Browser, key: Key) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let c: char = key.into();
    let actions = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: c })
        .then(KeyAction::Up { value: c });
    b.client.perform_actions(actions).await.expect("key press");
}

fn strings(v: Value) -> Vec<String> {
    match v {
        Value::Array(v) => v
            .into_iter()
            .map(|x| x.as_str().unwrap_or("").to_owned())
            .collect(),
        other => vec![format!("unexpected result {other}")],
    }
}

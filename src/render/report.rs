//! Reports: Markdown from a MiniJinja template, HTML from that Markdown in one self-contained
//! page (inline CSS and SVG, no network), JSON from the same data.

use std::borrow::Cow;
use std::collections::BTreeMap;

use minijinja::{AutoEscape, Value};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use serde::Serialize;

use super::labels::labels;
use super::template;
use crate::calendar::{self, Calendar, Date};
use crate::error::Result;
use crate::i18n::Lang;
use crate::i18n::localize_digits;
use crate::model::vocab::*;
use crate::model::{Names, Settings};
use crate::text::visible;

/// The auto-escape mode of report templates: values print as Markdown text.
const MARKDOWN: &str = "markdown";

/// What every report template sees besides its data.
pub struct Setting<'a> {
    pub lang: Lang,
    pub calendar: Calendar,
    pub settings: &'a Settings,
    /// City names by slug, for the `city` filter.
    pub names: BTreeMap<String, Names>,
}

/// Renders `data` (its top-level keys become variables) with the template `name`/`source`.
///
/// `extra` adds variables beside the data's own; they print escaped like the data.
pub fn markdown<T: Serialize>(
    name: &str,
    source: &str,
    data: &T,
    setting: &Setting,
    extra: serde_json::Map<String, serde_json::Value>,
) -> Result<String> {
    let mut env = template::environment();
    // The data stays as it is (templates compare and group it); what a template prints is
    // escaped on the way out, in every template, the workspace's own too. `| safe` opts out.
    env.set_auto_escape_callback(|_| AutoEscape::Custom(MARKDOWN.into()));
    // Each value of the other direction from the page (a Persian title in an English report,
    // a Latin name in a Persian one) is isolated, so the words around it keep their order.
    let page = setting.lang;
    env.set_formatter(move |out, state, value| match state.auto_escape() {
        AutoEscape::Custom(name) if name == MARKDOWN && !value.is_safe() => {
            let text = super::markdown::escape(&value.to_string());
            out.write_str(&isolated(&text, page))?;
            Ok(())
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    let (lang, cal) = (setting.lang, setting.calendar);
    env.add_filter("date", move |value: String| match value.parse::<Date>() {
        Ok(d) => calendar::format_date(d, cal, lang),
        Err(_) => value,
    });
    env.add_filter("longdate", move |value: String| {
        match value.parse::<Date>() {
            Ok(d) => calendar::format_date_long(d, cal, lang),
            Err(_) => value,
        }
    });
    env.add_filter("num", move |value: Value| {
        localize_digits(&value.to_string(), lang).into_owned()
    });
    let names = setting.names.clone();
    env.add_filter("city", move |slug: String| {
        names
            .get(&slug)
            .map_or(slug.clone(), |n| n.shown(lang).to_owned())
    });
    env.add_filter("label", move |value: String| vocab_label(&value, lang));
    env.add_filter("firstline", |value: String| {
        value
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .trim()
            .to_owned()
    });
    let ctx = minijinja::context! {
        lang => match lang { Lang::En => "en", Lang::Fa => "fa" },
        calendar => match cal { Calendar::Gregorian => "gregorian", Calendar::Jalali => "jalali" },
        settings => Value::from(minijinja::value::Serde(setting.settings)),
        labels => Value::from(minijinja::value::Serde(labels(lang))),
        // Straight from the data: a copy through JSON first was a third of a large report's
        // memory. The first map holding a name wins: `extra` before the data.
        ..minijinja::value::merge_maps([Value::from(minijinja::value::Serde(&extra)), Value::from(minijinja::value::Serde(data))])
    };
    // Values are escaped as they are printed; this pass also covers what a workspace's template
    // writes itself or prints `| safe`, so no report holds a raw control character.
    template::render(&mut env, name, source, ctx).map(|text| match visible(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(shown) => shown,
    })
}

/// `text` between FSI and PDI when it is written the other way from a `page` in `lang`.
fn isolated(text: &str, page: Lang) -> Cow<'_, str> {
    match page {
        Lang::Fa => crate::text::isolate(text),
        Lang::En if text.chars().any(crate::text::is_arabic_script) => {
            Cow::Owned(crate::text::isolate_lines(text, |line| {
                line.chars().any(crate::text::is_arabic_script)
            }))
        }
        Lang::En => Cow::Borrowed(text),
    }
}

/// The label of any vocabulary value, in the chosen language (slugs do not collide in meaning).
fn vocab_label(slug: &str, lang: Lang) -> String {
    macro_rules! try_vocab {
        ($($t:ty),*) => {$(
            if let Some(v) = <$t>::from_slug(slug) {
                return v.label(lang).to_owned();
            }
        )*};
    }
    try_vocab!(
        InteractionKind,
        ActionStatus,
        Owner,
        Stage,
        ReadinessStatus,
        RelationStatus,
        RelationKind,
        FacilitatorStatus,
        ContactRole,
        Requirement
    );
    slug.to_owned()
}

/// One self-contained HTML page from the report's Markdown; right-to-left for Persian. Built
/// in one buffer: a 10,000-city report is tens of megabytes.
pub fn html(markdown: &str, title: &str, lang: Lang, chart: Option<String>) -> String {
    let (code, dir) = lang_dir(lang);
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(title)
    );
    let body = page.len();
    push_body_html(&mut page, markdown, Links::Web);
    if let Some(svg) = chart {
        insert_chart(&mut page, body, &svg);
    }
    page.push_str("</body>\n</html>\n");
    page
}

/// The `lang` and `dir` of a page in `lang`.
pub(super) fn lang_dir(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("en", "ltr"),
        Lang::Fa => ("fa", "rtl"),
    }
}

/// Which link targets the HTML keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Links {
    /// `http(s)`: a page opened in a browser.
    Web,
    /// `https` only: an e-mail, which mail clients and readers hold to more.
    Https,
}

/// The report's Markdown as HTML elements, through [`HtmlGuard`], after what `out` holds.
pub(super) fn push_body_html(out: &mut String, markdown: &str, links: Links) {
    use pulldown_cmark::{Options, Parser, html};
    let mut guard = HtmlGuard {
        links: Vec::new(),
        https_only: links == Links::Https,
        cell: None,
    };
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES);
    // Text in one piece, so a date or an id is seen whole.
    let events = pulldown_cmark::TextMergeStream::new(parser).flat_map(|e| guard.pass(e));
    html::push_html(out, events);
}

/// Puts the chart into the page's body (from byte `body` on) under the headline: the first
/// table (the aims), where a reader looks first; else under the title.
pub(super) fn insert_chart(page: &mut String, body: usize, chart: &str) {
    let Some(html) = page.get(body..) else {
        return;
    };
    let at = html
        .find("</table>")
        .map(|t| t + "</table>".len())
        .or_else(|| html.find("</h1>").map(|h| h + "</h1>".len()))
        .unwrap_or(0);
    // Room for exactly the chart: inserting must not double a large page's buffer.
    page.reserve_exact(chart.len());
    page.insert_str(body + at, chart);
}

/// What the HTML of a report may hold, whatever the Markdown (a workspace's template too):
/// dossier text is escaped before it becomes Markdown, and this is the second line of defence.
/// Raw HTML is shown as text, never run; images are dropped for their text, so the page loads
/// nothing; a link keeps its text and loses its target unless it is `http(s)`. Table cells
/// isolate their text (`<bdi>`), so a Latin name in a Persian page reads right, and vice versa.
/// Control characters in text are shown as escapes ([`visible`]), also those a character
/// reference such as `&#27;` makes: the page is read as text too.
///
/// Dates, ids and numbers never break across lines (a browser breaks `2026-12-01` and `a-r2mq`
/// at their hyphens): a table cell holding only such a value (one word, or a number such as
/// `3/11 (+1)`) is kept on one line whole, and in running text each date, id or number with
/// a separator is a `white-space:nowrap` span. Inline styles, as mail clients keep them.
struct HtmlGuard {
    /// For each link open: whether its tag was kept.
    links: Vec<bool>,
    /// Keep `https:` links only (e-mail), not `http:` ones.
    https_only: bool,
    /// The events of the table cell being read, held until its end says how it may wrap.
    cell: Option<Vec<Event<'static>>>,
}

/// The style of what must not break across lines.
const NOWRAP: &str = "white-space:nowrap";

impl HtmlGuard {
    fn pass<'a>(&mut self, event: Event<'a>) -> Vec<Event<'a>> {
        match event {
            Event::Start(Tag::TableCell) => {
                self.cell = Some(Vec::new());
                vec![]
            }
            Event::End(TagEnd::TableCell) => {
                let inner = self.cell.take().unwrap_or_default();
                let text: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let open = match unbreakable_cell(&text) {
                    true => format!("<bdi style=\"{NOWRAP}\">"),
                    false => "<bdi>".to_owned(),
                };
                let mut out = vec![Event::Start(Tag::TableCell), Event::InlineHtml(open.into())];
                for e in inner {
                    match e {
                        Event::Text(t) => out.extend(nowrap_spans(t)),
                        e => out.push(e),
                    }
                }
                out.extend([Event::InlineHtml("</bdi>".into()), event]);
                out
            }
            event if self.cell.is_some() => {
                let passed = self.pass_inline(event);
                if let Some(cell) = &mut self.cell {
                    cell.extend(passed.into_iter().map(Event::into_static));
                }
                vec![]
            }
            Event::Text(text) => nowrap_spans(shown(text)),
            event => self.pass_inline(event),
        }
    }

    fn pass_inline<'a>(&mut self, event: Event<'a>) -> Vec<Event<'a>> {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => vec![Event::Text(shown(raw))],
            Event::Text(text) => vec![Event::Text(shown(text))],
            Event::Code(code) => vec![Event::Code(shown(code))],
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => vec![],
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let keep = is_web_url(dest_url)
                    && (!self.https_only
                        || dest_url
                            .trim_start()
                            .to_ascii_lowercase()
                            .starts_with("https://"));
                self.links.push(keep);
                if keep { vec![event] } else { vec![] }
            }
            Event::End(TagEnd::Link) => match self.links.pop() {
                Some(true) => vec![event],
                _ => vec![],
            },
            other => vec![other],
        }
    }
}

/// A table cell that is kept on one line: one word (a date, an id, a slug, a code) or a
/// number with its sign and change (`3/11 (+1)`, `−2`, `—`), of at most 40 characters.
fn unbreakable_cell(text: &str) -> bool {
    let text = crate::text::strip_isolates(text);
    let text = text.trim();
    let numeric = |c: char| c.is_numeric() || " +−-=/().,%٫٬—".contains(c);
    !text.is_empty()
        && text.chars().count() <= 40
        && (!text.contains(char::is_whitespace) || text.chars().all(numeric))
}

/// `text` with each date, id or number that holds a separator (`2026-12-01`, `۱۴۰۵/۰۹/۱۰`,
/// `a-r2mq`, `3/11`, `10:30`) in a span that does not break: the rest stays text.
fn nowrap_spans(text: CowStr<'_>) -> Vec<Event<'_>> {
    let runs = unbreakable_runs(&text);
    if runs.is_empty() {
        return vec![Event::Text(text)];
    }
    let mut out = Vec::with_capacity(runs.len() * 4 + 1);
    let mut at = 0;
    for (start, end) in runs {
        if start > at {
            out.push(Event::Text(text[at..start].to_owned().into()));
        }
        let run = &text[start..end];
        // Left to right as a whole, as in a table cell: after a Persian word the bidi
        // algorithm would otherwise show `۲۰۰۰-۰۱-۱۴` as three numbers in reverse order.
        let ltr = !run
            .chars()
            .any(|c| c.is_alphabetic() && crate::text::is_arabic_script(c));
        let dir = if ltr { " dir=\"ltr\"" } else { "" };
        out.push(Event::InlineHtml(
            format!("<span{dir} style=\"{NOWRAP}\">").into(),
        ));
        out.push(Event::Text(run.to_owned().into()));
        out.push(Event::InlineHtml("</span>".into()));
        at = end;
    }
    if at < text.len() {
        out.push(Event::Text(text[at..].to_owned().into()));
    }
    out
}

/// The byte ranges of `text` that are a date, an id or a number with a separator: a run of
/// letters, digits and `-` `/` `:` `.` `+` holding a digit and a separator between two of its
/// letters or digits, without the punctuation at its ends (`2026-11-10:` is `2026-11-10`).
fn unbreakable_runs(text: &str) -> Vec<(usize, usize)> {
    let part = |c: char| c.is_alphanumeric() || matches!(c, '-' | '/' | ':' | '.' | '+');
    let mut runs = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !part(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            if !part(n) {
                break;
            }
            end = i + n.len_utf8();
            chars.next();
        }
        let run = &text[start..end];
        let head = run.len() - run.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core = run.trim_matches(|c: char| !c.is_alphanumeric());
        if core.contains(|c: char| c.is_numeric()) && core.contains(|c: char| !c.is_alphanumeric())
        {
            runs.push((start + head, start + head + core.len()));
        }
    }
    runs
}

/// Text of the page with its control characters escaped ([`visible`]).
fn shown(text: CowStr<'_>) -> CowStr<'_> {
    match visible(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped.into(),
    }
}

/// `http://…` or `https://…`: the only link targets a report keeps.
fn is_web_url(url: &str) -> bool {
    let url = url.trim_start().to_ascii_lowercase();
    url.starts_with("https://") || url.starts_with("http://")
}

const CSS: &str = "body{font-family:Vazirmatn,Tahoma,'Segoe UI',Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2630;line-height:1.5}\
h1{font-size:1.6rem;border-bottom:2px solid #1f6f8b;padding-bottom:.3rem}h2{font-size:1.2rem;margin-top:2rem;color:#1f6f8b}\
html[lang=fa] ol{list-style-type:persian}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d5dde3;padding:.3rem .5rem;text-align:start;vertical-align:top}\
th{background:#eef3f6}tr:nth-child(even) td{background:#fafcfd}svg{max-width:100%;height:auto;margin:1rem 0}\
@media print{body{margin:0}h2,h3{break-after:avoid}tr,li{break-inside:avoid}}";

/// Text for an HTML element or attribute written here (the title, the chart's labels), with
/// its control characters escaped ([`visible`]) like the page's.
pub(super) fn escape(text: &str) -> String {
    visible(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Horizontal bars of readiness (items met of all) per city, as inline SVG.
pub fn readiness_chart(rows: &[(String, usize, usize)], lang: Lang) -> String {
    const BAR: usize = 18;
    const GAP: usize = 6;
    const LABEL: usize = 170;
    const WIDTH: usize = 600;
    let plot = WIDTH - LABEL - 60;
    let height = rows.len() * (BAR + GAP) + GAP;
    let rtl = lang == Lang::Fa;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" direction=\"ltr\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" font-size=\"12\" font-family=\"Vazirmatn,Tahoma,sans-serif\"><title>{}</title>",
        escape(lang.pick("Readiness per city", "آمادگی هر شهر"))
    );
    for (i, (name, met, total)) in rows.iter().enumerate() {
        let y = GAP + i * (BAR + GAP);
        let filled = if *total == 0 { 0 } else { plot * met / total };
        let score = localize_digits(&format!("{met}/{total}"), lang).into_owned();
        let (label_x, anchor, bar_x, fill_x, score_x, score_anchor) = if rtl {
            (WIDTH - 4, "end", 60, 60 + plot - filled, 56, "end")
        } else {
            (LABEL - 6, "end", LABEL, LABEL, LABEL + plot + 4, "start")
        };
        svg.push_str(&format!(
            "<text x=\"{label_x}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text><rect x=\"{bar_x}\" y=\"{y}\" width=\"{plot}\" height=\"{BAR}\" fill=\"#eef3f6\"/><rect x=\"{fill_x}\" y=\"{y}\" width=\"{filled}\" height=\"{BAR}\" fill=\"#1f6f8b\"/><text x=\"{score_x}\" y=\"{}\" text-anchor=\"{score_anchor}\">{score}</text>",
            y + BAR - 5,
            escape(name),
            y + BAR - 5,
        ));
    }
    svg.push_str("</svg>");
    svg
}

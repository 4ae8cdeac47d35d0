//! E-mail drafts of reports (`--format eml`): one message, `multipart/alternative`, with the
//! report as plain text for its text part ([`super::plain`]: what a text mail client shows)
//! and an HTML part that mail clients show as it is meant.
//!
//! Mail clients drop `<style>` blocks, SVG, scripts and remote images, so the HTML part here
//! has none: every element carries its own `style`, the readiness chart is drawn with table
//! cells, and the only links kept are `https:` ones. `X-Unsent: 1` makes Outlook open the file
//! as a draft to send; Thunderbird and Apple Mail open it as a message to forward or edit.
//!
//! A report hands over its Markdown, its title and its chart's bars ([`Draft`]); what the
//! report holds is the report's business, so a new report structure plugs in unchanged.

use std::io::Write;

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;

use super::report::{Links, escape, insert_chart, lang_dir, push_body_html};
use crate::i18n::{Lang, localize_digits};
use crate::model::Mailbox;

/// The domain of the placeholders: reserved, it can never be delivered (RFC 2606).
pub const PLACEHOLDER_DOMAIN: &str = "example.invalid";
/// The sender when neither `report.from` in `diplomat.yaml` nor `--mail-from` names one:
/// `.invalid` can never be delivered (RFC 2606), so a draft sent unchanged bounces at once.
pub const PLACEHOLDER_FROM: &str = "analyst@example.invalid";
/// The recipient when neither `report.to` nor `--mail-to` names one.
pub const PLACEHOLDER_TO: &str = "directors@example.invalid";

/// One bar of the readiness chart: a city's name, items met, items in all.
pub type Bar = (String, usize, usize);

/// Everything an e-mail draft is made of.
pub struct Draft<'a> {
    /// The subject, also the HTML part's title.
    pub subject: &'a str,
    /// The report as Markdown: the source of the text part and of the HTML part.
    pub markdown: &'a str,
    /// The readiness chart, drawn under the period.
    pub chart: Option<&'a [Bar]>,
    pub lang: Lang,
    pub from: &'a Mailbox,
    pub to: &'a [Mailbox],
    pub cc: &'a [Mailbox],
    /// When the draft was made, in seconds since 1970 (the `Date:` header).
    /// When the draft was written, in the analyst's time zone (a mail client shows it as is).
    pub date: jiff::ZonedDateTime,
}

/// The draft as an RFC 5322 message (CRLF lines, ASCII, non-ASCII headers RFC 2047-encoded),
/// written to `out` as it is encoded.
pub fn eml(draft: &Draft, out: &mut dyn Write) -> std::io::Result<()> {
    let html = html(draft.markdown, draft.subject, draft.lang, draft.chart);
    let address = |m: &Mailbox| Address::new_address(m.name.clone(), m.address.clone());
    let list = |ms: &[Mailbox]| Address::new_list(ms.iter().map(address).collect());
    let domain = draft
        .from
        .address
        .rsplit_once('@')
        .map_or("localhost", |(_, d)| d);
    let mut message = MessageBuilder::new()
        .from(address(draft.from))
        .to(list(draft.to))
        .subject(one_line(draft.subject))
        .header("Date", Raw::new(rfc2822(&draft.date)))
        .message_id(format!(
            "diplomat.{}.{}@{domain}",
            draft.date.timestamp().as_second(),
            std::process::id()
        ))
        .header("X-Unsent", Raw::new("1"))
        .text_body(super::plain::text(
            draft.markdown,
            draft.lang,
            super::plain::MAIL_WIDTH,
        ))
        .html_body(html);
    if !draft.cc.is_empty() {
        message = message.cc(list(draft.cc));
    }
    message.write_to(out)
}

/// A header's text on one line: line breaks and tabs (a line break in a city's name) become
/// spaces, so no text can add a header; other controls and an unbalanced bidi override are
/// spelled out as the report's text spells them, so a mail client's list shows the subject as
/// it was written.
fn one_line(text: &str) -> String {
    crate::text::visible(text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The HTML part: one page, styles inline on each element, right-to-left for Persian.
pub fn html(markdown: &str, title: &str, lang: Lang, chart: Option<&[Bar]>) -> String {
    let mut elements = String::new();
    push_body_html(&mut elements, markdown, Links::Https);
    let chart = chart.map(|bars| readiness_chart(bars, lang));
    let (code, dir) = lang_dir(lang);
    let align = start(lang);
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body dir=\"{dir}\" style=\"margin:0;padding:16px;background:#ffffff;color:#1d2630;font-family:Vazirmatn,Tahoma,'Segoe UI',Arial,sans-serif;font-size:14px;line-height:1.5;direction:{dir};text-align:{align}\">\n<div dir=\"{dir}\" style=\"max-width:720px\">\n",
        escape(title)
    );
    let body = page.len();
    const END: &str = "</div>\n</body>\n</html>\n";
    let room = chart.as_ref().map_or(0, String::len) + END.len();
    inline_styles(&elements, lang, &mut page, room);
    drop(elements);
    if let Some(chart) = chart {
        insert_chart(&mut page, body, &chart);
    }
    page.push_str(END);
    page
}

/// `left` or `right`: where text starts in `lang` (mail clients do not all know `start`).
fn start(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "left",
        Lang::Fa => "right",
    }
}

/// Gives each element pulldown-cmark writes its style, appended to `out` with `room` to spare
/// (its size known before it is written: the page is the largest string of a draft). Text is
/// escaped by then (`<` is `&lt;`), so every `<` here opens a tag the renderer wrote.
fn inline_styles(body: &str, lang: Lang, out: &mut String, room: usize) {
    let styles = styles(lang);
    let mut len = 0;
    each_piece(body, &styles, |piece| len += piece.len());
    out.reserve_exact(len + room);
    each_piece(body, &styles, |piece| out.push_str(piece));
}

/// The style of each element the Markdown renderer writes.
fn styles(lang: Lang) -> [(&'static str, String); 14] {
    let align = start(lang);
    let cell =
        format!("border:1px solid #d5dde3;padding:4px 8px;text-align:{align};vertical-align:top");
    [
        (
            "h1",
            "font-size:22px;margin:0 0 8px;padding-bottom:4px;border-bottom:2px solid #1f6f8b;color:#1d2630".into(),
        ),
        ("h2", "font-size:17px;margin:24px 0 8px;color:#1f6f8b".into()),
        ("h3", "font-size:15px;margin:16px 0 6px;color:#1d2630".into()),
        ("p", "margin:0 0 10px".into()),
        ("ul", "margin:0 0 10px;padding-inline-start:24px".into()),
        // Persian numerals where the client knows the list style (others show 1. 2. 3.).
        (
            "ol",
            match lang {
                Lang::En => "margin:0 0 10px;padding-inline-start:24px".into(),
                Lang::Fa => "margin:0 0 10px;padding-inline-start:24px;list-style-type:persian".into(),
            },
        ),
        ("li", "margin:2px 0".into()),
        (
            "table",
            "border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px".into(),
        ),
        ("th", format!("{cell};background:#eef3f6;font-weight:bold")),
        ("td", cell),
        (
            "code",
            "font-family:Consolas,Menlo,monospace;font-size:13px;background:#f3f5f7".into(),
        ),
        (
            "blockquote",
            format!("margin:0 0 10px;padding:0 12px;border-{align}:3px solid #d5dde3;color:#4a5560"),
        ),
        ("a", "color:#1f6f8b".into()),
        ("hr", "border:0;border-top:1px solid #d5dde3".into()),
    ]
}

/// The styled body in pieces, each handed to `emit` in order.
fn each_piece<'a>(
    body: &'a str,
    styles: &'a [(&'static str, String)],
    mut emit: impl FnMut(&'a str),
) {
    const STYLE: &str = " style=\"";
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        emit(&rest[..open]);
        rest = &rest[open..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        let name_end = tag[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(tag.len(), |n| n + 1);
        let name = &tag[1..name_end];
        match styles.iter().find(|(n, _)| *n == name) {
            Some((_, style)) => match tag.find(STYLE) {
                // A table cell's alignment from the Markdown: ours first, its own after.
                Some(at) => {
                    let after = at + STYLE.len();
                    for piece in [&tag[..after], style, ";", &tag[after..]] {
                        emit(piece);
                    }
                }
                None => {
                    for piece in [&tag[..name_end], STYLE, style, "\"", &tag[name_end..]] {
                        emit(piece);
                    }
                }
            },
            None => emit(tag),
        }
    }
    emit(rest);
}

/// Readiness per city as rows of table cells: a name, a bar (two cells, met and not met) and
/// the count, as every mail client draws tables.
fn readiness_chart(bars: &[Bar], lang: Lang) -> String {
    let align = start(lang);
    let mut html = format!(
        "<p style=\"margin:12px 0 4px;font-weight:bold\">{}</p>\n<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:100%;max-width:600px;margin:0 0 12px;font-size:13px\">\n",
        escape(lang.pick("Readiness per city", "آمادگی هر شهر"))
    );
    for (name, met, total) in bars {
        let percent = if *total == 0 {
            0
        } else {
            (met * 100 / total).min(100)
        };
        let score = localize_digits(&format!("{met}/{total}"), lang).into_owned();
        let mut bar = String::new();
        for (width, color) in [(percent, "#1f6f8b"), (100 - percent, "#e3eaef")] {
            if width > 0 {
                bar.push_str(&format!(
                    "<td width=\"{width}%\" bgcolor=\"{color}\" style=\"width:{width}%;height:14px;background:{color};font-size:0;line-height:0\">&nbsp;</td>"
                ));
            }
        }
        html.push_str(&format!(
            "<tr><td style=\"padding:3px 8px;width:30%;text-align:{align};white-space:nowrap\"><bdi>{}</bdi></td><td style=\"padding:3px 0;width:55%\"><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:100%\"><tr>{bar}</tr></table></td><td style=\"padding:3px 8px;white-space:nowrap;text-align:right\">{score}</td></tr>\n",
            escape(name)
        ));
    }
    html.push_str("</table>\n");
    html
}

/// `Sat, 5 Dec 2026 20:30:00 +0330`: the local time with its offset, as mail clients write it.
fn rfc2822(date: &jiff::ZonedDateTime) -> String {
    jiff::fmt::rfc2822::to_string(date).unwrap_or_else(|_| {
        mail_builder::headers::date::Date::new(date.timestamp().as_second()).to_rfc822()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_element_gets_its_style_and_text_stays_text() {
        let body = "<h1>T</h1>\n<p>a &lt;b&gt; <a href=\"https://x.org\">x</a></p>\n<table><thead><tr><th style=\"text-align: right\">h</th></tr></thead></table>";
        let mut styled = String::new();
        inline_styles(body, Lang::En, &mut styled, 0);
        assert!(styled.starts_with("<h1 style=\"font-size:22px"), "{styled}");
        assert!(styled.contains("<a style=\"color:#1f6f8b\" href=\"https://x.org\">"));
        assert!(styled.contains("a &lt;b&gt;"));
        assert!(styled.contains("font-weight:bold;text-align: right\">h</th>"));
        assert!(styled.contains("<tr>"));
    }

    #[test]
    fn the_chart_draws_full_empty_and_partial_bars() {
        let chart = readiness_chart(
            &[
                ("A".into(), 0, 11),
                ("B".into(), 11, 11),
                ("C".into(), 3, 0),
            ],
            Lang::Fa,
        );
        assert!(chart.contains("width=\"100%\" bgcolor=\"#e3eaef\""));
        assert!(chart.contains("width=\"100%\" bgcolor=\"#1f6f8b\""));
        assert!(chart.contains("۳/۰"));
        assert!(!chart.contains("<svg"));
    }

    #[test]
    fn a_header_stays_on_one_line() {
        assert_eq!(one_line("Kazan\nBcc: x@y.org"), "Kazan Bcc: x@y.org");
        assert_eq!(one_line("Kazan\r\nBcc: x@y.org"), "Kazan\\r Bcc: x@y.org");
    }

    #[test]
    fn a_header_shows_a_bidi_override_as_the_text_does() {
        assert_eq!(one_line("Porto \u{202e}txt.exe"), "Porto \\u{202e}txt.exe");
        // Balanced isolates around a Persian name are text, and stay.
        assert_eq!(one_line("\u{2067}اصفهان\u{2069}"), "\u{2067}اصفهان\u{2069}");
    }
}

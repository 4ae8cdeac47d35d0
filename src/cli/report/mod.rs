mod review;
mod roadmap;
mod weekly;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Ctx;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::model::Mailbox;
use crate::render::Format;
use crate::render::email::{self, Bar, Draft};
use crate::render::report::{self, Setting};
use crate::workspace::{self, Workspace};

verbs! {
    pub enum ReportCommand {
        /// The weekly report: the programme's aims, interactions, actions, readiness, changes.
        Weekly(weekly::WeeklyArgs),
        /// The joint action plan and opportunities by joint chamber, for the chambers' heads.
        Roadmap(roadmap::RoadmapArgs),
        /// The brief for a case-file review session on one city.
        Review(review::ReviewArgs),
    }
}

/// Options every report takes.
#[derive(Debug, Args)]
pub struct Output {
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Render with this template instead of the workspace's or the built-in one.
    #[arg(long, value_name = "F")]
    pub template: Option<PathBuf>,
    /// Include e-mail addresses and phone numbers (left out by default: facilitators are private citizens).
    #[arg(long)]
    pub include_contacts: bool,
    /// E-mail draft (`--format eml`): the sender, e.g. "Narges Tavakoli <narges@example.org>"
    /// (default: `report.from` in diplomat.yaml).
    #[arg(long, value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// E-mail draft: a recipient (repeatable; default: `report.to` in diplomat.yaml).
    #[arg(long, value_name = "ADDRESS")]
    pub mail_to: Vec<String>,
    /// E-mail draft: a recipient in copy (repeatable; default: `report.cc` in diplomat.yaml).
    #[arg(long, value_name = "ADDRESS")]
    pub mail_cc: Vec<String>,
}

/// What a report hands over to become a page or an e-mail draft.
pub struct Mail<'a> {
    /// The e-mail's subject and the page's title.
    pub subject: &'a str,
    pub markdown: &'a str,
    pub chart: Option<&'a [Bar]>,
    pub lang: Lang,
}

impl Mail<'_> {
    /// A report with no chart.
    pub fn text<'a>(subject: &'a str, markdown: &'a str, lang: Lang) -> Mail<'a> {
        Mail {
            subject,
            markdown,
            chart: None,
            lang,
        }
    }
}

impl Output {
    /// The report's Markdown: `data` drawn by its template ([`Output::template`]).
    pub fn markdown<T: serde::Serialize>(
        &self,
        ctx: &Ctx,
        ws: &Workspace,
        (name, builtin): (&str, &str),
        data: &T,
        setting: &Setting,
    ) -> Result<String> {
        let (name, source) = self.template(ws, name, builtin, ctx.messages())?;
        report::markdown(&name, &source, data, setting, Default::default())
    }

    /// The template's name (as the analyst knows it) and text: `--template`, the workspace's
    /// `templates/NAME`, or the built-in one.
    pub fn template(
        &self,
        ws: &Workspace,
        name: &str,
        builtin: &str,
        lang: Lang,
    ) -> Result<(String, String)> {
        match &self.template {
            // Named on the command line: the analyst's own choice of file, wherever it is.
            Some(p) => {
                let shown = workspace::shown_path(&ws.root, p).display().to_string();
                let text = std::fs::read_to_string(p).map_err(|e| Error::file(Op::Read, p, &e))?;
                Ok((shown, text))
            }
            None => Ok(ws
                .template(name, lang)?
                .unwrap_or_else(|| (format!("templates/{name}"), builtin.to_owned()))),
        }
    }

    /// The report as an e-mail draft, addressed by `--mail-from/--mail-to/--mail-cc`, else by
    /// `report:` in diplomat.yaml, else to placeholders that cannot be delivered (said on
    /// stderr). Written to `-o FILE` or standard output as it is encoded: a draft is never
    /// held whole.
    pub fn eml(&self, ctx: &mut Ctx, ws: &Workspace, mail: Mail) -> Result<()> {
        let settings = &ws.settings.report;
        let from = match &self.mail_from {
            Some(text) => Some(mailbox(text, "--mail-from")?),
            None => settings.from.clone(),
        };
        let mut to = addresses(&self.mail_to, "--mail-to")?;
        if to.is_empty() {
            to = settings.to.clone();
        }
        let mut cc = addresses(&self.mail_cc, "--mail-cc")?;
        if cc.is_empty() {
            cc = settings.cc.clone();
        }
        let from = from.unwrap_or_else(|| {
            ctx.note(|lang: Lang| {
                let (domain, key, flag) = (
                    lang.code(email::PLACEHOLDER_DOMAIN),
                    lang.code("report: from:"),
                    lang.code("--mail-from"),
                );
                say!(
                    lang,
                    "no sender named: the draft's From is a placeholder at {domain}; name the sender under {key} in diplomat.yaml or with {flag}",
                    "فرستنده‌ای نام برده نشده: فرستندهٔ پیش‌نویس نشانی جایگزینی در {domain} است؛ فرستنده را زیر {key} در diplomat.yaml یا با {flag} بنویسید"
                )
            });
            placeholder(email::PLACEHOLDER_FROM)
        });
        if to.is_empty() {
            ctx.note(|lang: Lang| {
                let (domain, key, flag) = (
                    lang.code(email::PLACEHOLDER_DOMAIN),
                    lang.code("report: to:"),
                    lang.code("--mail-to"),
                );
                say!(
                    lang,
                    "no recipient named: the draft is addressed to a placeholder at {domain}, which cannot be delivered; name the recipients under {key} in diplomat.yaml or with {flag}",
                    "گیرنده‌ای نام برده نشده: پیش‌نویس به نشانی جایگزینی در {domain} فرستاده می‌شود که به جایی نمی‌رسد؛ گیرندگان را زیر {key} در diplomat.yaml یا با {flag} بنویسید"
                )
            });
            to.push(placeholder(email::PLACEHOLDER_TO));
        }
        // Encoded in the draft (quoted-printable), a key would pass the output's mask.
        let markdown = crate::problem::mask_secret_keys(mail.markdown);
        let draft = Draft {
            subject: mail.subject,
            markdown: &markdown,
            chart: mail.chart,
            lang: mail.lang,
            from: &from,
            to: &to,
            cc: &cc,
            date: jiff::Timestamp::now().to_zoned_datetime(crate::cli::local_zone()),
        };
        super::output::emit_with(ctx, self.output.as_deref(), |out| email::eml(&draft, out))
    }

    /// The report's Markdown as `format` asks: an HTML page (with the chart under its headline),
    /// an e-mail draft, or the Markdown itself; to `-o FILE` or standard output.
    pub fn emit_report(
        &self,
        ctx: &mut Ctx,
        ws: &Workspace,
        format: Format,
        mail: Mail,
    ) -> Result<()> {
        match format {
            Format::Html => {
                let chart = mail
                    .chart
                    .map(|bars| report::readiness_chart(bars, mail.lang));
                let page = report::html(mail.markdown, mail.subject, mail.lang, chart);
                self.emit(ctx, &page)
            }
            Format::Eml => self.eml(ctx, ws, mail),
            // On a terminal (or with `COLUMNS`), the Markdown fits its width; a file gets it whole.
            _ => match (ctx.width, &self.output) {
                (Some(width), None) => {
                    let fitted = crate::render::terminal::fit(mail.markdown, width, mail.lang);
                    self.emit(ctx, &fitted)
                }
                _ => self.emit(ctx, mail.markdown),
            },
        }
    }

    /// Writes the report to `-o FILE` or standard output.
    pub fn emit(&self, ctx: &mut Ctx, text: &str) -> Result<()> {
        self.emit_bytes(ctx, text.as_bytes())
    }

    /// Writes a report that is not text (a workbook) to `-o FILE` or standard output.
    pub fn emit_bytes(&self, ctx: &mut Ctx, bytes: &[u8]) -> Result<()> {
        super::output::emit(ctx, self.output.as_deref(), bytes)
    }
}

fn placeholder(address: &str) -> Mailbox {
    Mailbox {
        name: None,
        address: address.to_owned(),
    }
}

/// An address given on the command line, or a usage error naming its flag.
fn mailbox(text: &str, flag: &str) -> Result<Mailbox> {
    Mailbox::parse(text).map_err(|why| {
        let (flag, text) = (flag.to_owned(), text.to_owned());
        Error::usage(move |lang: Lang| {
            let (flag, value, why) = (lang.code(&flag), lang.code(&text), why.words(lang));
            say!(lang, "{flag} {value} {why}", "{flag} {value} {why}")
        })
    })
}

fn addresses(texts: &[String], flag: &str) -> Result<Vec<Mailbox>> {
    texts.iter().map(|t| mailbox(t, flag)).collect()
}

/// Reports take markdown (default), html, json or eml, and each of its `extra` formats (the
/// weekly report a workbook, the roadmap CSV): `--format`, else `-o`'s extension. An extension
/// naming a format the report does not take is refused, never written as Markdown under it.
pub fn format(ctx: &Ctx, output: Option<&Path>, extra: &[Format]) -> Result<Format> {
    if ctx.global.format.is_none()
        && let Some(ext) = output.and_then(crate::render::foreign_extension)
    {
        return Err(crate::render::foreign_output(
            ext,
            ".md, .html, .json, .eml or .xlsx",
        ));
    }
    let by_extension = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(|e| match e.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "md" => Some(Format::Markdown),
            "eml" => Some(Format::Eml),
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        });
    let format = ctx
        .global
        .format
        .or(by_extension)
        .unwrap_or(Format::Markdown);
    match format {
        // A draft is a file for a mail client, not text for a screen.
        Format::Eml if output.is_none() && std::io::stdout().is_terminal() => {
            Err(Error::usage(|lang: Lang| {
                let (o, example) = (lang.code("-o FILE"), lang.code("-o week.eml"));
                say!(
                    lang,
                    "an e-mail draft is a file to open in a mail client, not text for the terminal: write it with {o} (e.g. {example}) or pipe it",
                    "پیش‌نویس ایمیل پرونده‌ای برای برنامهٔ ایمیل است، نه متنی برای پایانه: آن را با {o} بنویسید (مثلاً {example}) یا به لوله بدهید"
                )
            }))
        }
        Format::Xlsx if extra.contains(&Format::Xlsx) => {
            super::output::refuse_terminal(output)?;
            Ok(format)
        }
        Format::Markdown | Format::Html | Format::Json | Format::Eml => Ok(format),
        other if extra.contains(&other) => Ok(other),
        other => {
            let taken: Vec<String> = ["markdown", "html", "json", "eml"]
                .into_iter()
                .map(str::to_owned)
                .chain(extra.iter().map(|f| format!("{f:?}").to_lowercase()))
                .collect();
            Err(Error::usage(move |lang: Lang| {
                let (other, taken) = (
                    lang.code(format!("{other:?}").to_lowercase()),
                    lang.code_list(&taken),
                );
                say!(
                    lang,
                    "this report is written as {taken}, not {other}",
                    "این گزارش به شکل {taken} نوشته می‌شود، نه {other}"
                )
            }))
        }
    }
}

pub fn setting<'a>(ctx: &Ctx, ws: &'a Workspace) -> Setting<'a> {
    Setting {
        lang: ctx.lang,
        calendar: ctx.calendar,
        settings: &ws.settings,
        names: ws
            .dossiers
            .iter()
            .map(|l| (l.dossier.slug.clone(), l.dossier.name.clone()))
            .collect(),
    }
}

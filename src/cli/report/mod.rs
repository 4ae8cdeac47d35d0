mod review;
mod roadmap;
mod weekly;

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{Ctx, Outcome};
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::lang::Lang;
use crate::render::Format;
use crate::render::report::Setting;
use crate::workspace::{self, Workspace};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The weekly report: the programme's aims, interactions, actions, readiness, changes.
    Weekly(weekly::WeeklyArgs),
    /// The joint action plan and opportunities by joint chamber, for the chambers' heads.
    Roadmap(roadmap::RoadmapArgs),
    /// The brief for a case-file review session on one city.
    Review(review::ReviewArgs),
}

impl ReportCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            ReportCommand::Weekly(args) => args.run(ctx),
            ReportCommand::Roadmap(args) => args.run(ctx),
            ReportCommand::Review(args) => args.run(ctx),
        }
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
}

impl Output {
    /// The template's name (as the analyst knows it) and text: `--template`, the workspace's
    /// `templates/NAME`, or the built-in one.
    pub fn template(&self, ws: &Workspace, name: &str, builtin: &str) -> Result<(String, String)> {
        let path = match &self.template {
            Some(p) => Some(p.clone()),
            None => ws.template_override(name),
        };
        match path {
            None => Ok((format!("templates/{name}"), builtin.to_owned())),
            Some(p) => {
                let shown = workspace::shown_path(&ws.root, &p).display().to_string();
                let text =
                    std::fs::read_to_string(&p).map_err(|e| Error::file(Op::Read, &p, &e))?;
                Ok((shown, text))
            }
        }
    }

    /// Writes the report to `-o FILE` or standard output.
    pub fn emit(&self, ctx: &mut Ctx, text: &str) -> Result<()> {
        match &self.output {
            None => ctx.write(text),
            Some(path) => {
                edit::write_atomic(path, text.as_bytes())?;
                ctx.note(|lang: Lang| {
                    let file = lang.code(path.display());
                    say!(lang, "wrote {file}", "{file} نوشته شد")
                });
                Ok(())
            }
        }
    }
}

/// Reports take markdown (default), html or json.
pub fn format(ctx: &Ctx, output: Option<&Path>) -> Result<Format> {
    let by_extension = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(|e| match e {
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "md" => Some(Format::Markdown),
            _ => None,
        });
    let format = ctx
        .global
        .format
        .or(by_extension)
        .unwrap_or(Format::Markdown);
    match format {
        Format::Markdown | Format::Html | Format::Json => Ok(format),
        other => Err(Error::usage(|lang: Lang| {
            let other = lang.code(format!("{other:?}").to_lowercase());
            say!(
                lang,
                "reports are markdown, html or json, not {other}",
                "گزارش‌ها markdown، html یا json هستند، نه {other}"
            )
        })),
    }
}

pub fn setting<'a>(ctx: &Ctx, ws: &'a Workspace) -> Setting<'a> {
    Setting {
        lang: ctx.lang(Some(ws)),
        calendar: ctx.calendar(Some(ws)),
        settings: &ws.settings,
        names: ws
            .dossiers
            .iter()
            .map(|l| (l.dossier.slug.clone(), l.dossier.name.clone()))
            .collect(),
    }
}

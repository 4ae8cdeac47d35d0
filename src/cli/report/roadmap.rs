use clap::Args;

use super::{Mail, Output};
use crate::calendar;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::vocab::Owner;
use crate::query::{cities, roadmap};
use crate::render::{self, Format};

pub const BUILTIN_TEMPLATE: &str = include_str!("../../../templates/roadmap.md.j2");

/// The joint action plan and opportunities, grouped by joint chamber and city, with owner
/// (Municipality, Chamber or joint), due date and status: for the heads of the joint chambers.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat report roadmap\n  diplomat report roadmap --city kazan --city saint-petersburg -o russia.html\n  diplomat report roadmap --owner chamber --format csv"
)]
pub struct RoadmapArgs {
    /// Only these cities (repeatable; slug or any name).
    #[arg(long = "city", value_name = "C", add = crate::cli::city_completer())]
    cities: Vec<String>,
    /// Only actions of this owner (and opportunities it leads).
    #[arg(long, value_enum)]
    owner: Option<Owner>,
    #[command(flatten)]
    output: Output,
}

impl RoadmapArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = super::format(ctx, self.output.output.as_deref(), &[Format::Csv])?;
        let ws = ctx.load()?;
        let dossiers = if self.cities.is_empty() {
            ws.dossiers.iter().map(|l| &l.dossier).collect()
        } else {
            self.cities
                .iter()
                .map(|c| cities::find_in(&ws, c).map(|l| &l.dossier))
                .collect::<Result<Vec<_>>>()?
        };
        let data = roadmap::build(&dossiers, self.owner, ctx.today);
        let setting = super::setting(ctx, &ws);
        let text = match format {
            Format::Json => render::json(&data)?,
            Format::Csv => csv(&data),
            _ => {
                let template = ("roadmap.md.j2", BUILTIN_TEMPLATE);
                let markdown = self.output.markdown(ctx, &ws, template, &data, &setting)?;
                let lang = setting.lang;
                let label = render::labels::label(lang, "roadmap_title");
                let day = calendar::format_date_long(ctx.today, setting.calendar, lang);
                let subject = format!("{label} — {day}");
                let mail = Mail::text(&subject, &markdown, lang);
                self.output.emit_report(ctx, &ws, format, mail)?;
                return Ok(Outcome::Ok);
            }
        };
        self.output.emit(ctx, &text)?;
        Ok(Outcome::Ok)
    }
}

/// One row per action or opportunity, for a spreadsheet.
fn csv(data: &roadmap::Roadmap) -> String {
    let columns = [
        "joint_chamber",
        "city",
        "type",
        "id",
        "title",
        "owner",
        "due",
        "status",
        "sector",
    ];
    let mut rows = Vec::new();
    let cell = |s: &str| s.to_owned();
    for chamber in &data.chambers {
        let jc = chamber.joint_chamber.as_deref().unwrap_or("");
        for city in &chamber.cities {
            for a in &city.actions {
                let due = a.due.map(|d| d.to_string()).unwrap_or_default();
                rows.push(vec![
                    cell(jc),
                    cell(&city.slug),
                    cell("action"),
                    cell(&a.id),
                    cell(&a.title),
                    cell(a.owner.slug()),
                    cell(&due),
                    cell(a.status.slug()),
                    cell(""),
                ]);
            }
            for o in &city.opportunities {
                rows.push(vec![
                    cell(jc),
                    cell(&city.slug),
                    cell("opportunity"),
                    cell(&o.id),
                    cell(&o.title),
                    cell(o.lead.map_or("", |l| l.slug())),
                    cell(""),
                    cell(o.stage.slug()),
                    cell(&o.sector),
                ]);
            }
        }
    }
    render::csv::write(&columns, rows)
}

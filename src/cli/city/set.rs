use clap::Args;

use crate::change::relationship;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::vocab::{RelationKind, RelationStatus};

/// Change the relationship with a city: its status, kind, signing and expiry dates, joint
/// chamber, representatives and sectors.
///
/// A change of status is appended to `relationship.history:` with its date (`--date`, default
/// today), so the weekly report can say when a relationship was reactivated; a date before the
/// last one recorded is refused. `--sector` (repeat it) replaces the list of sectors, and
/// `--language` the city's working languages (codes such as `es`; a dossier without them has
/// its country's likely language); an empty `--joint-chamber`, representative or `--language`
/// removes it.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat city set florence --status reactivating\n  diplomat city set barcelona --status active --date 1405/09/01\n  diplomat city set kazan --chamber-rep \"International Council, Isfahan Chamber of Commerce\" --sector tourism --sector education\n  diplomat city set barcelona --language es --language ca"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    #[arg(long, value_enum, value_name = "S")]
    status: Option<RelationStatus>,
    #[arg(long, value_enum, value_name = "K")]
    kind: Option<RelationKind>,
    /// When the agreement was signed: a date, or `YYYY-MM` or `YYYY` where only that is known.
    #[arg(long, value_name = "DATE")]
    signed: Option<String>,
    #[arg(long, value_name = "T")]
    joint_chamber: Option<String>,
    /// Who represents Isfahan Municipality in this file.
    #[arg(long, value_name = "NAME")]
    municipality_rep: Option<String>,
    /// Who represents the Isfahan Chamber of Commerce in this file.
    #[arg(long, value_name = "NAME")]
    chamber_rep: Option<String>,
    /// A sector of the relationship (repeat it; the list given replaces the one stored).
    #[arg(long = "sector", value_name = "X")]
    sectors: Vec<String>,
    /// A working language of the city, by its code, e.g. `es` (repeat it; the list given
    /// replaces the one stored).
    #[arg(long = "language", value_name = "L")]
    languages: Vec<String>,
    /// With `--status`: since when (default today).
    #[arg(long, value_name = "DATE", requires = "status")]
    date: Option<String>,
    /// When the agreement ends (an MoU's end); its renewal is due `renew_notice_days` before.
    /// An empty value removes it.
    #[arg(long, value_name = "DATE")]
    expires: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let joint_chamber = input::optional(self.joint_chamber, "--joint-chamber")?;
        let municipality = input::optional(self.municipality_rep, "--municipality-rep")?;
        let chamber = input::optional(self.chamber_rep, "--chamber-rep")?;
        let sectors = input::list_flag(self.sectors, "--sector")?;
        let languages = input::list_flag(self.languages, "--language")?;
        if let Some(bad) = languages
            .iter()
            .flatten()
            .find(|c| !crate::model::languages::is_language_code(c))
        {
            return Err(not_a_language(bad));
        }
        let signed = write::opt_signed(ctx, self.signed.as_deref(), "--signed")?;
        let expires = match self.expires.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(text) => Some(Some(write::date(ctx, text, "--expires")?)),
        };
        // `--date` requires `--status`: with nothing else to change, it is not given either.
        let (given, doubt) =
            write::dated(ctx, self.date.as_deref(), "--date", write::Doubt::Future)?;
        let date = given.unwrap_or(ctx.today);
        let change = relationship::Set {
            status: self.status,
            kind: self.kind,
            signed,
            expires,
            joint_chamber,
            municipality_rep: municipality,
            chamber_rep: chamber,
            sectors,
            languages,
            date,
        };
        if change.is_empty() {
            return Err(write::nothing_to_change(
                "--status --kind --signed --expires --joint-chamber --municipality-rep \
                 --chamber-rep --sector --language",
            ));
        }
        let target = write::target(ctx, &self.city)?;
        let applied = relationship::set(&write::writer(ctx, &target), &target, &change)?;
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}

/// `--language Spanish`: the city's languages are codes, as the people who speak them are
/// matched by.
fn not_a_language(given: &str) -> crate::error::Error {
    let given = given.to_owned();
    crate::error::Error::usage(move |lang: crate::i18n::Lang| {
        let (value, flag) = (lang.code(&given), lang.code("--language"));
        say!(
            lang,
            "{value} given to {flag} is not a language code",
            "{value} که به {flag} داده شد کد زبان نیست"
        )
    })
    .hint(|lang: crate::i18n::Lang| {
        let example = lang.code("--language es --language ca");
        say!(
            lang,
            "give each language by its code (ISO 639), e.g. {example} for Spanish and Catalan",
            "هر زبان را با کدش (ISO 639) بدهید، مثلاً {example} برای اسپانیایی و کاتالان"
        )
    })
}

use clap::Args;
use minijinja::context;

use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::input;
use crate::model::vocab::{RelationKind, RelationStatus};
use crate::workspace;

pub const BUILTIN_TEMPLATE: &str = include_str!("../../../templates/city.yaml");

/// A new dossier from `templates/city.yaml` (the workspace's own, else the built-in one).
///
/// Refuses a slug that already has a dossier.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat city new tabriz-partner --name \"Kyoto\" --country JP\n  diplomat city new karbala --name Karbala --name-fa کربلا --country IQ --kind proposed --status proposed"
)]
pub struct NewArgs {
    /// The file name and id: lowercase letters, digits and `-`.
    slug: String,
    /// The English name.
    #[arg(long, value_name = "EN")]
    name: String,
    /// ISO 3166 country code, e.g. `ES`.
    #[arg(long, value_name = "CC")]
    country: String,
    /// The Persian name.
    #[arg(long, value_name = "FA")]
    name_fa: Option<String>,
    #[arg(long, value_enum, default_value_t = RelationKind::Proposed)]
    kind: RelationKind,
    #[arg(long, value_enum, default_value_t = RelationStatus::Proposed)]
    status: RelationStatus,
    /// When the agreement was signed: a date, or `YYYY-MM` or `YYYY` where only that is known.
    #[arg(long, value_name = "DATE")]
    signed: Option<String>,
}

impl NewArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        let path = edit::new_dossier_path(&root, &self.slug)?;
        let name = input::non_empty(&self.name, "--name")?;
        let name_fa = input::opt_line(self.name_fa, "--name-fa")?;
        let country = country_code(&self.country)?;
        let signed = write::opt_signed(ctx, self.signed.as_deref(), "--signed")?;
        let (template_name, source) = workspace::template(&root, "city.yaml", ctx.messages())?
            .unwrap_or_else(|| {
                (
                    "templates/city.yaml".to_owned(),
                    BUILTIN_TEMPLATE.to_owned(),
                )
            });
        let mut env = crate::render::template::environment();
        let text = crate::render::template::render(
            &mut env,
            &template_name,
            &source,
            context! {
                slug => &self.slug,
                name_en => &name,
                name_fa => &name_fa,
                country => &country,
                kind => self.kind.slug(),
                status => self.status.slug(),
                signed => signed.map(|d| d.to_string()),
            },
        )?;
        let shown = workspace::shown_path(&root, &path);
        let lang = ctx.messages();
        let (dossier, _) =
            workspace::parse_dossier(&shown, text.as_bytes(), lang).map_err(|problems| {
                Error::input(|lang: Lang| {
                    let template = lang.code(&template_name);
                    let first = problems
                        .first()
                        .map(|p| p.show(lang).to_string())
                        .unwrap_or_default();
                    say!(
                        lang,
                        "{template} does not make a valid dossier:\n{first}",
                        "{template} پروندهٔ معتبری نمی‌سازد:\n{first}"
                    )
                })
            })?;
        // The values land as data, whatever the template does with them: a template that
        // writes `{{ name_en }}` unquoted would turn `Foo #x` into `Foo`.
        let misread = [
            (
                "--name",
                "name_en",
                Some(name.as_str()),
                Some(dossier.name.en.as_str()),
            ),
            (
                "--name-fa",
                "name_fa",
                name_fa.as_deref(),
                dossier.name.fa.as_deref(),
            ),
            (
                "--country",
                "country",
                Some(country.as_str()),
                Some(dossier.country.as_str()),
            ),
        ]
        .into_iter()
        .find(|(_, _, given, read)| given.is_some() && read.is_some() && given != read);
        if let Some((flag, variable, _, read)) = misread {
            let read = read.unwrap_or_default();
            let template = |lang: Lang| lang.code(&template_name);
            return Err(Error::input(|lang: Lang| {
                let (template, flag, read) = (template(lang), lang.code(flag), lang.code(read));
                say!(
                    lang,
                    "{template} does not keep {flag} as given: it reads back as {read}",
                    "{template} مقدار {flag} را همان‌طور که داده شد نگه نمی‌دارد: {read} خوانده می‌شود"
                )
            })
            .hint(|lang: Lang| {
                let filter = lang.code(format!("{{{{ {variable} | yaml }}}}"));
                say!(
                    lang,
                    "write it in the template as {filter}, which quotes it where YAML needs it",
                    "در الگو آن را به صورت {filter} بنویسید تا هر جا YAML لازم دارد نقل‌قول شود"
                )
            }));
        }
        let _lock = edit::lock(&root)?;
        let taken = [path.clone(), path.with_extension("yml")];
        // Not `exists()`, which follows links: a dangling one is a dossier moved away, and
        // would be replaced.
        if let Some(existing) = taken.iter().find(|p| std::fs::symlink_metadata(p).is_ok()) {
            let what = [Lang::En, Lang::Fa].map(|lang| workspace::file::not_a_file(existing, lang));
            let existing = workspace::shown_path(&root, existing);
            return Err(Error::usage(|lang: Lang| {
                let file = lang.code(existing.display());
                match &what[lang as usize] {
                    Some(why) => say!(
                        lang,
                        "{file} is there already, and cannot be read: {why}",
                        "{file} از پیش هست و خوانده نمی‌شود: {why}"
                    ),
                    None => {
                        let edit = lang.code(format!("diplomat city edit {}", self.slug));
                        say!(
                            lang,
                            "{file} already exists; {edit} changes it",
                            "{file} از پیش هست؛ {edit} تغییرش می‌دهد"
                        )
                    }
                }
            }));
        }
        std::fs::create_dir_all(path.parent().unwrap_or(&root))
            .map_err(|e| Error::file(Op::Create, std::path::Path::new("cities/"), &e))?;
        edit::write_atomic(&path, text.as_bytes())?;
        ctx.write(&format!("{}\n", shown.display()))?;
        write::done(ctx, |lang: Lang| {
            let slug = lang.code(&self.slug);
            say!(lang, "created {slug}", "پروندهٔ {slug} ساخته شد")
        });
        write::commit(ctx, &root, &[&path], &format!("{}: new dossier", self.slug))?;
        Ok(Outcome::Ok)
    }
}

/// `--country` as a code of ISO 3166-1 (`es` is `ES`); a code that is not one is refused here,
/// naming the flag, with the code meant when that is clear (`UK` is `GB`).
fn country_code(given: &str) -> Result<String> {
    let code = given.trim().to_uppercase();
    if crate::model::country::is_code(&code) {
        return Ok(code);
    }
    let said = |lang: Lang| {
        let value = lang.code(format!("--country {}", given.trim()));
        let (standard, help) = (lang.embed("ISO 3166-1"), lang.help());
        let hint = match crate::model::country::near(given) {
            Some(near) => {
                let near = lang.code(near);
                say!(lang, "did you mean {near}?", "منظورتان {near} بود؟")
            }
            None => {
                let example = lang.code("ES");
                say!(
                    lang,
                    "use the two letters of {standard}, e.g. {example} for Spain",
                    "دو حرف {standard} را بنویسید، مثلاً {example} برای اسپانیا"
                )
            }
        };
        say!(
            lang,
            "{value} is not an {standard} country code\n  = {help}: {hint}",
            "{value} کد کشور معتبری در {standard} نیست\n  = {help}: {hint}"
        )
    };
    Err(Error::said(said(Lang::En), said(Lang::Fa)))
}

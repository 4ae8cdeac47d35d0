//! MiniJinja templates: built into the binary, replaceable by a file in the workspace's
//! `templates/`. Undefined variables are errors, and errors name the template and line.

use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// The work one render may do, in MiniJinja fuel: about one instruction, or 64 bytes of text
/// made. A workspace's template with a loop that does not end (two nested `range(100000)`)
/// stops with a located error instead of running for hours: after 0.4 s in a release build,
/// 2.5 s in a debug one. A loop that doubles a string stops after 0.9 s and 1.5 GB, since
/// fuel bounds the text a template makes too.
///
/// The built-in templates, measured on `examples/gen_workspace.rs` workspaces (about 15 KB a
/// dossier, 20–40 actions and 50–80 interactions each): `report weekly` takes 0.49 million on
/// 1,000 dossiers, 3.2 million over their whole history, and 4.7 million on 10,000 dossiers;
/// `report roadmap` 0.72 million on 1,000 and 7.1 million on 10,000 (17 MB of Markdown).
/// Fuel grows with the dossiers, so a workspace of 30 needs about 20,000. The budget is about
/// three times the largest of these.
pub const FUEL: u64 = 20_000_000;

/// The environment every template renders in.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    // Templates write Markdown and YAML: nothing is escaped behind the author's back (MiniJinja
    // would JSON-escape every value of a `.yaml` template).
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    if let Ok(syntax) = SyntaxConfig::builder().keep_trailing_newline(true).build() {
        env.set_syntax(syntax);
    }
    // Quotes a value only where YAML would misread it (for dossier skeletons).
    env.add_filter("yaml", |value: String| {
        crate::edit::text(value.replace(['\n', '\r'], " ").trim()).to_yaml_string()
    });
    env
}

/// Renders `source` (known to the analyst as `name`) with `ctx`.
pub fn render(
    env: &mut Environment<'static>,
    name: &str,
    source: &str,
    ctx: minijinja::Value,
) -> Result<String> {
    env.add_template_owned(name.to_owned(), source.to_owned())
        .and_then(|_| env.get_template(name)?.render(ctx))
        .map_err(|e| match e.kind() {
            ErrorKind::OutOfFuel => out_of_fuel(name, e.line()),
            _ => {
                let why = describe(&e);
                Error::input(|lang: Lang| {
                    let (name, why) = (lang.code(name), lang.embed(&why));
                    say!(lang, "template {name}: {why}", "الگوی {name}: {why}")
                })
            }
        })
}

/// The template used up [`FUEL`]: most likely a loop that does not end.
fn out_of_fuel(name: &str, line: Option<usize>) -> Error {
    let (en_at, fa_at) = match line {
        Some(line) => (
            format!(" at line {line}"),
            format!(" در سطر {}", Lang::Fa.num(line)),
        ),
        None => (String::new(), String::new()),
    };
    Error::said(
        format!(
            "`{name}`: the template ran out of its budget of {} million steps{en_at}, far more than any report needs (the built-in ones take 7 million for 10,000 cities): look for a loop that does not end",
            FUEL / 1_000_000
        ),
        format!(
            "{}: بودجهٔ اجرای الگو ({} میلیون گام){fa_at} تمام شد، که بسیار بیش از نیاز هر گزارشی است (گزارش‌های خود برنامه برای ۱۰٬۰۰۰ شهر ۷ میلیون گام لازم دارند): حلقه‌ای را بیابید که پایان نمی‌یابد",
            Lang::Fa.code(name),
            Lang::Fa.num(FUEL / 1_000_000)
        ),
    )
}

/// `line 12: undefined value (in weekly.md.j2:12)`, with the cause chain.
fn describe(err: &minijinja::Error) -> String {
    let mut text = match err.line() {
        Some(line) => format!("line {line}: {}", err.kind()),
        None => err.kind().to_string(),
    };
    if let Some(detail) = err.detail() {
        text.push_str(&format!(": {detail}"));
    }
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    text
}

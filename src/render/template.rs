//! MiniJinja templates: built into the binary, replaceable by a file in the workspace's
//! `templates/`. Undefined variables are errors, and errors name the template and line.

use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, UndefinedBehavior};

use crate::error::{Error, Result};

/// The environment every template renders in.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
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
        .map_err(|e| Error::usage(format!("template `{name}`: {}", describe(&e))))
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

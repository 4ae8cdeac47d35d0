use std::path::PathBuf;

use clap::{Args, CommandFactory};

use super::{Cli, Ctx, Outcome, write};
use crate::error::{Error, Op, Result};

/// Print the manual page (roff), or write one page per command into a folder.
///
/// With `--dir`, writes `diplomat.1` and a page per subcommand (`diplomat-city-list.1`, …),
/// replacing older pages of the same names, and prints their paths.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat man | man -l -\n  diplomat man --dir ~/.local/share/man/man1     # then `man diplomat-city-list`"
)]
pub struct ManArgs {
    /// Write every page into this folder (made if missing) instead of printing the main one.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

impl ManArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let mut cmd = Cli::command().disable_help_subcommand(true);
        cmd.build();
        let Some(dir) = self.dir else {
            let page = render(cmd)?;
            ctx.write(&String::from_utf8_lossy(&page))?;
            return Ok(Outcome::Ok);
        };
        std::fs::create_dir_all(&dir).map_err(|e| Error::file(Op::Create, &dir, &e))?;
        let mut pages = Vec::new();
        collect(cmd, &mut pages);
        for page in &pages {
            let path = dir.join(clap_mangen::Man::new(page.clone()).get_filename());
            std::fs::write(&path, render(page.clone())?)
                .map_err(|e| Error::file(Op::Write, &path, &e))?;
            ctx.write(&format!("{}\n", path.display()))?;
        }
        write::done(ctx, |lang: crate::i18n::Lang| {
            let (n, dir) = (lang.num(pages.len()), lang.code(dir.display()));
            say!(
                lang,
                "wrote {n} manual pages in {dir}",
                "{n} صفحهٔ راهنما در {dir} نوشته شد"
            )
        });
        Ok(Outcome::Ok)
    }
}

/// The command and every visible subcommand, depth first, parents before children.
fn collect(cmd: clap::Command, pages: &mut Vec<clap::Command>) {
    let subs: Vec<clap::Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    pages.push(cmd);
    for sub in subs {
        collect(sub, pages);
    }
}

fn render(cmd: clap::Command) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut page)
        .map_err(|e| Error::Other(anyhow::anyhow!("cannot render the manual page: {e}")))?;
    Ok(page)
}

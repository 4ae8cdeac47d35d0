use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Ctx, Outcome};
use crate::error::Result;

/// Print a shell completion script (bash, zsh, fish, powershell, elvish).
///
/// Commands, flags and their values then complete on Tab. Load the script in the shell's start-up file (see the examples), or save it where the shell looks
/// for completions.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  echo 'source <(diplomat completions bash)' >> ~/.bashrc\n  diplomat completions zsh > ~/.zfunc/_diplomat     # with `fpath+=~/.zfunc` before `compinit` in ~/.zshrc\n  diplomat completions fish > ~/.config/fish/completions/diplomat.fish\n  diplomat completions powershell >> $PROFILE"
)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    shell: Shell,
}

impl CompletionsArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        // The script asks `diplomat` itself at each Tab, so CITY arguments complete to the
        // slugs of the workspace at hand; the program answers when `COMPLETE` is set (main.rs).
        let cmd = Cli::command();
        let name = cmd.get_name().to_owned();
        let completer: &dyn clap_complete::env::EnvCompleter = match self.shell {
            Shell::Bash => &clap_complete::env::Bash,
            Shell::Zsh => &clap_complete::env::Zsh,
            Shell::Fish => &clap_complete::env::Fish,
            Shell::PowerShell => &clap_complete::env::Powershell,
            Shell::Elvish => &clap_complete::env::Elvish,
            _ => {
                let mut cmd = cmd;
                let mut script = Vec::new();
                clap_complete::generate(self.shell, &mut cmd, name, &mut script);
                ctx.write(&String::from_utf8_lossy(&script))?;
                return Ok(Outcome::Ok);
            }
        };
        let mut script = Vec::new();
        completer
            .write_registration("COMPLETE", &name, &name, &name, &mut script)
            .map_err(crate::error::Error::from)?;
        ctx.write(&String::from_utf8_lossy(&script))?;
        Ok(Outcome::Ok)
    }
}

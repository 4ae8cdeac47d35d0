//! The flags every command about a person shares: who they are when added (`facilitator add`,
//! `pool add`), and their contact details when changed (`facilitator set`, `contact set`,
//! `pool set`), read with the same checks everywhere.

use clap::Args;

use crate::change::person::Details;
use crate::error::Result;
use crate::input;
use crate::model::ContactDetails;

/// A new person: name, id, and what they bring (facilitators and candidates).
#[derive(Debug, Args)]
pub struct NewPerson {
    #[arg(long)]
    pub name: String,
    /// The person's id (default: made from the name). Reuse it in every city the person serves.
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long, value_name = "FA")]
    pub name_fa: Option<String>,
    /// A language spoken (repeatable).
    #[arg(long = "language", value_name = "L")]
    pub languages: Vec<String>,
    /// A field of expertise (repeatable).
    #[arg(long = "expertise", value_name = "E")]
    pub expertise: Vec<String>,
    /// How the person knows the city or its country (studies, family, trade).
    #[arg(long, value_name = "T")]
    pub connection: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
}

/// [`NewPerson`], read: every value checked as the command line checks it.
pub struct Person {
    pub id: String,
    pub name: String,
    pub name_fa: Option<String>,
    pub languages: Vec<String>,
    pub expertise: Vec<String>,
    pub connection: Option<String>,
    pub contact: ContactDetails,
}

impl NewPerson {
    pub fn read(self) -> Result<Person> {
        Ok(Person {
            id: input::person_id(self.id.as_deref(), &self.name)?,
            name: input::non_empty(&self.name, "--name")?,
            name_fa: input::opt_line(self.name_fa, "--name-fa")?,
            languages: input::lines(self.languages, "--language")?,
            expertise: input::lines(self.expertise, "--expertise")?,
            connection: input::opt_line(self.connection, "--connection")?,
            contact: ContactDetails {
                email: input::opt_email(self.email, "--email")?,
                phone: input::opt_phone(self.phone, "--phone")?,
            },
        })
    }
}

/// `--email E` / `--no-email`, `--phone P` / `--no-phone` of a `set`.
#[derive(Debug, Args)]
pub struct DetailFlags {
    #[arg(long, value_name = "E", conflicts_with = "no_email")]
    pub email: Option<String>,
    /// Remove the e-mail address.
    #[arg(long)]
    pub no_email: bool,
    #[arg(long, value_name = "P", conflicts_with = "no_phone")]
    pub phone: Option<String>,
    /// Remove the phone number.
    #[arg(long)]
    pub no_phone: bool,
}

impl DetailFlags {
    /// The change asked for: `None` leaves a detail, `Some(None)` removes it.
    pub fn read(self) -> Result<Details> {
        Ok(Details {
            email: input::detail(self.email, self.no_email, "--email", input::email)?,
            phone: input::detail(self.phone, self.no_phone, "--phone", input::phone)?,
        })
    }
}

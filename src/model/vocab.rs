//! The programme's shared vocabulary: every value has a stable slug (stored in the dossier) and
//! an English and a Persian label, so public and private sector read a file the same way.

use crate::i18n::Lang;

/// A closed list of values, read from a dossier by its slug.
pub trait Vocab: Copy + PartialEq + 'static {
    fn parse(s: &str) -> Option<Self>;
    /// The value as stored in a dossier (its slug).
    fn stored(self) -> &'static str;
    fn all_slugs() -> &'static [&'static str];
}

macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $slug:literal, $en:literal, $fa:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $slug)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The value as stored in a dossier.
            pub fn slug(self) -> &'static str {
                match self { $(Self::$variant => $slug,)+ }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match self { $(Self::$variant => lang.pick($en, $fa),)+ }
            }

            pub fn from_slug(s: &str) -> Option<Self> {
                match s { $($slug => Some(Self::$variant),)+ _ => None }
            }

            pub fn slugs() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|v| v.slug())
            }
        }

        impl Vocab for $name {
            fn parse(s: &str) -> Option<Self> {
                Self::from_slug(s)
            }
            fn stored(self) -> &'static str {
                self.slug()
            }
            fn all_slugs() -> &'static [&'static str] {
                &[$($slug),+]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }

        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                Self::ALL
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.slug()).help(self.label(Lang::En)))
            }
        }
    };
}

vocab! {
    /// What kind of tie Isfahan has with the city.
    RelationKind {
        SisterCity = "sister-city", "sister city", "خواهرخوانده";
        Friendship = "friendship", "friendship", "دوستی";
        CooperationMou = "cooperation-mou", "cooperation MoU", "تفاهم‌نامهٔ همکاری";
        Proposed = "proposed", "proposed", "پیشنهادی";
    }
}

vocab! {
    /// Where the relationship stands today.
    RelationStatus {
        Active = "active", "active", "فعال";
        Reactivating = "reactivating", "reactivating", "در حال احیا";
        Dormant = "dormant", "dormant", "راکد";
        Suspended = "suspended", "suspended", "معلق";
        Proposed = "proposed", "proposed", "پیشنهادی";
    }
}

vocab! {
    FacilitatorStatus {
        Prospective = "prospective", "prospective", "بالقوه";
        Active = "active", "active", "فعال";
        Inactive = "inactive", "inactive", "غیرفعال";
    }
}

vocab! {
    ContactRole {
        EmbassyCounsellor = "embassy-counsellor", "embassy counsellor", "رایزن سفارت";
        Expert = "expert", "expert", "کارشناس";
        CityOfficial = "city-official", "city official", "مقام شهری";
        Chamber = "chamber", "chamber of commerce", "اتاق بازرگانی";
        Business = "business", "business", "بخش خصوصی";
        Other = "other", "other", "سایر";
    }
}

vocab! {
    /// Who a person is to the programme, as follow-ups count them (`follow_up_days:` in
    /// `diplomat.yaml`): a facilitator, or a contact by their role.
    PersonRole {
        Facilitator = "facilitator", "facilitator", "تسهیل‌گر";
        EmbassyCounsellor = "embassy-counsellor", "embassy counsellor", "رایزن سفارت";
        CityOfficial = "city-official", "city official", "مقام شهری";
        Chamber = "chamber", "chamber of commerce", "اتاق بازرگانی";
        Business = "business", "business", "بخش خصوصی";
        Expert = "expert", "expert", "کارشناس";
        Other = "other", "other", "سایر";
    }
}

impl From<ContactRole> for PersonRole {
    fn from(role: ContactRole) -> Self {
        match role {
            ContactRole::EmbassyCounsellor => Self::EmbassyCounsellor,
            ContactRole::Expert => Self::Expert,
            ContactRole::CityOfficial => Self::CityOfficial,
            ContactRole::Chamber => Self::Chamber,
            ContactRole::Business => Self::Business,
            ContactRole::Other => Self::Other,
        }
    }
}

impl PersonRole {
    /// Days between follow-ups when `diplomat.yaml` says nothing of the role; 0: never.
    pub fn default_follow_up_days(self) -> u32 {
        match self {
            Self::Facilitator => 30,
            Self::EmbassyCounsellor | Self::Chamber => 60,
            Self::CityOfficial | Self::Business => 90,
            Self::Expert => 120,
            Self::Other => 0,
        }
    }
}

vocab! {
    ReadinessStatus {
        Met = "met", "met", "برآورده";
        Partial = "partial", "partial", "نسبی";
        Unmet = "unmet", "unmet", "برآورده‌نشده";
        Unknown = "unknown", "unknown", "نامعلوم";
    }
}

vocab! {
    /// Who carries an action of the joint plan.
    Owner {
        Municipality = "municipality", "Municipality", "شهرداری";
        Chamber = "chamber", "Chamber", "اتاق بازرگانی";
        Joint = "joint", "Joint", "مشترک";
    }
}

vocab! {
    ActionStatus {
        Open = "open", "open", "باز";
        InProgress = "in-progress", "in progress", "در جریان";
        Done = "done", "done", "انجام‌شده";
        Blocked = "blocked", "blocked", "متوقف";
        Dropped = "dropped", "dropped", "کنار گذاشته";
    }
}

impl ActionStatus {
    /// Open, in progress or blocked: still owed.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress | Self::Blocked)
    }
}

vocab! {
    InteractionKind {
        Meeting = "meeting", "meeting", "جلسه";
        Letter = "letter", "letter", "نامه";
        Call = "call", "call", "تماس";
        Visit = "visit", "visit", "بازدید";
        Event = "event", "event", "رویداد";
        Other = "other", "other", "سایر";
    }
}

vocab! {
    /// What a planned event is: a `visit` is ours, abroad; a `delegation` theirs, in Isfahan; a
    /// `review` a case-file review session. Where a slug is also an interaction's kind, its
    /// labels are the interaction's, so a visit reads the same planned and held.
    EventKind {
        Meeting = "meeting", "meeting", "جلسه";
        Visit = "visit", "visit", "بازدید";
        Delegation = "delegation", "delegation", "هیئت مهمان";
        Exhibition = "exhibition", "exhibition", "نمایشگاه";
        Event = "event", "event", "رویداد";
        Review = "review", "review", "جلسهٔ بررسی";
        Other = "other", "other", "سایر";
    }
}

impl EventKind {
    /// The interaction that records the event once held (`event held`): a visit or a
    /// delegation is a visit, an exhibition an event; a review session is a review entry
    /// instead (`None`).
    pub fn interaction(self) -> Option<InteractionKind> {
        match self {
            Self::Meeting => Some(InteractionKind::Meeting),
            Self::Visit | Self::Delegation => Some(InteractionKind::Visit),
            Self::Exhibition | Self::Event => Some(InteractionKind::Event),
            Self::Other => Some(InteractionKind::Other),
            Self::Review => None,
        }
    }
}

vocab! {
    /// Where a planned event stands.
    EventStatus {
        Planned = "planned", "planned", "در برنامه";
        Confirmed = "confirmed", "confirmed", "قطعی";
        Held = "held", "held", "برگزارشده";
        Cancelled = "cancelled", "cancelled", "لغوشده";
    }
}

impl EventStatus {
    /// Planned or confirmed: still to come (or past and not yet said to be held).
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Planned | Self::Confirmed)
    }
}

vocab! {
    Stage {
        Idea = "idea", "idea", "ایده";
        Exploring = "exploring", "exploring", "بررسی";
        Negotiating = "negotiating", "negotiating", "مذاکره";
        Agreed = "agreed", "agreed", "توافق";
        Closed = "closed", "closed", "بسته‌شده";
        Lost = "lost", "lost", "از دست رفته";
    }
}

vocab! {
    /// The six requirements for strengthening international interaction, as the programme names them.
    Requirement {
        Communication = "communication", "effective communication", "ارتباط مؤثر با شرکای خارجی";
        InternationalEnvironment = "international_environment", "international environment", "محیط بین‌الملل مطلوب";
        DiplomaticSupport = "diplomatic_support", "diplomatic support", "همراهی دستگاه دیپلماسی";
        InvestmentReadiness = "investment_readiness", "investment readiness", "آمادگی سرمایه‌پذیری";
        Branding = "branding", "branding", "برندسازی و تبلیغات";
        InternationalCapacity = "international_capacity", "international capacity", "دانش و مهارت بین‌المللی";
    }
}

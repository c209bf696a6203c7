//! Why something was refused, as a stable code and its arguments, never as a sentence: the words
//! are in the catalogue (`radgestmat-i18n`, key `error-<code>`), in every language, so that the
//! API says it in English, a page in the user's language, and editing a sentence loses nothing.

use std::fmt;

use radgestmat_i18n::FluentValue;

use crate::{AlertState, AssetStatus, Language};

vocabulary! {
    /// Words that go into reasons and are themselves translated (`term-<name>`).
    pub enum Term: "term" {
        Asset = "asset",
        Site = "site",
        Location = "location",
        Department = "department",
        Employee = "employee",
        Category = "category",
        Manufacturer = "manufacturer",
        Model = "model",
        Supplier = "supplier",
        CustomField = "custom_field",
        CustomFields = "custom_fields",
        UserAccount = "user_account",
        Locations = "locations",
        Employees = "employees",
        Assets = "assets",
        Assignments = "assignments",
        Models = "models",
        UserAccounts = "user_accounts",
        SmtpPassword = "smtp_password",
        WebhookSecret = "webhook_secret",
    }
}

/// One argument of a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// Translated itself.
    Term(Term),
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Term> for Arg {
    fn from(term: Term) -> Arg {
        Arg::Term(term)
    }
}

impl From<AssetStatus> for Arg {
    fn from(status: AssetStatus) -> Arg {
        Arg::Text(status.as_str().to_owned())
    }
}

impl From<AlertState> for Arg {
    fn from(state: AlertState) -> Arg {
        Arg::Text(state.as_str().to_owned())
    }
}

impl From<Vec<&'static str>> for Arg {
    fn from(names: Vec<&'static str>) -> Arg {
        Arg::Text(names.join(", "))
    }
}

impl Arg {
    /// The value in `language`; a term takes the reason's `count`, for its plural.
    fn value(&self, language: Language, count: Option<i64>) -> FluentValue<'static> {
        match self {
            Arg::Text(text) => FluentValue::from(text.clone()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Term(term) => {
                let args: Vec<_> = count.map(|n| ("count", FluentValue::from(n))).into_iter().collect();
                let key = format!("term-{}", term.as_str());
                FluentValue::from(radgestmat_i18n::text(language.as_str(), &key, &args))
            }
        }
    }
}

/// Declares the catalogue of reasons: each variant's code, and its arguments by name.
macro_rules! reasons {
    ($( $(#[$meta:meta])* $variant:ident $({ $($arg:ident: $ty:ty),* $(,)? })? = $code:literal ),* $(,)?) => {
        /// Why an input or a request was refused.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Reason {
            $( $(#[$meta])* $variant $({ $($arg: $ty),* })? ),*,
            /// Several at once (the assets of a kit), said one after the other.
            Several(Vec<Reason>),
        }

        impl Reason {
            /// Every code, for the test that each is in the catalogue in every language.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// The stable code (`too-long`); its words are `reason-<code>` in the catalogue.
            pub fn code(&self) -> &'static str {
                match self {
                    $( Reason::$variant $({ $($arg: _),* })? => $code, )*
                    Reason::Several(_) => "several",
                }
            }

            /// The arguments, by name.
            #[allow(unused_variables)]
            pub fn args(&self) -> Vec<(&'static str, Arg)> {
                match self {
                    $( Reason::$variant $({ $($arg),* })? => vec![$($((stringify!($arg), Arg::from($arg.clone())),)*)?], )*
                    Reason::Several(_) => vec![],
                }
            }
        }
    };
}

reasons! {
    // What an input field may hold.
    Empty = "must-not-be-empty",
    TooLong { max: usize } = "too-long",
    TooShort { min: usize } = "too-short",
    EasyToGuess = "easy-to-guess",
    TooManyBytes { max: usize } = "too-many-bytes",
    ControlCharacters = "control-characters",
    NotAnEmail = "not-an-email",
    TooManyAddresses { max: usize } = "too-many-addresses",
    NotAnId = "not-an-id",
    NotIds = "not-ids",
    Negative = "negative",
    CostTooHigh { max: i64 } = "cost-too-high",
    BeforePurchase = "before-purchase",
    YearRange { min: i64, max: i64 } = "year-range",
    NotInFuture = "must-not-be-in-the-future",
    InFuture = "must-be-in-the-future",
    TagLength = "tag-length",
    TagCharacters = "tag-characters",
    CodeCharacters = "code-characters",
    UsernameShape = "username-shape",
    OneOf { names: Vec<&'static str> } = "one-of",
    SortOneOf { names: Vec<&'static str> } = "sort-one-of",
    LimitRange { max: u64 } = "limit-range",
    TrueOrFalse = "true-or-false",
    UnknownParameter = "unknown-parameter",
    DayOrInstant = "day-or-instant",
    NotACursor = "not-a-cursor",
    JsonObject = "json-object",
    /// What the JSON decoder said of a value.
    Malformed { detail: String } = "malformed",
    ThresholdRange = "threshold-range",
    PortRange = "port-range",
    NotAServerName = "not-a-server-name",
    RequiredToSend = "required-to-send",
    RequiredWithPassword = "required-with-password",
    NotHttp = "not-http",
    // What a form says of what it could not read.
    PositiveWholeNumber = "positive-whole-number",
    NotValid = "not-valid",
    DateExample = "date-example",
    AmountExample = "amount-example",
    MustBeChosen = "must-be-chosen",
    // Check-out and check-in.
    AssignedByCheckOut = "assigned-by-check-out",
    NoHolder = "no-holder",
    BothHolders = "both-holders",
    ChooseEmployee = "choose-employee",
    ConfirmOpenEnded = "confirm-open-ended",
    EmptyKit = "empty-kit",
    KitTooBig { max: usize } = "kit-too-big",
    NamedTwice { tag: String } = "named-twice",
    NoAsset { key: String } = "no-asset",
    NoSuch { what: Term, id: i64 } = "no-such",
    LocationElsewhere = "location-elsewhere",
    Inactive { who: String } = "inactive",
    CheckInFirst = "check-in-first",
    CheckedOutStays { tag: String } = "checked-out-stays",
    NotAvailable { tag: String, status: AssetStatus } = "not-available",
    AlreadyOut { tag: String } = "already-out",
    NotOut { tag: String } = "not-out",
    NotOutStatus { tag: String, status: AssetStatus } = "not-out-status",
    NotInRepair { tag: String, status: AssetStatus } = "not-in-repair",
    NotAuditReminder { id: i64 } = "not-audit-reminder",
    // Keeping the register whole.
    RetireInstead { tag: String, count: u64 } = "retire-instead",
    StillUsed { entity: Term, count: i64, label: Term } = "still-used",
    StillHolds { who: String, count: usize, tags: String } = "still-holds",
    LastAdmin = "last-admin",
    UsernameTaken = "username-taken",
    EmployeeHasAccount = "employee-has-account",
    NoMatricule { matricule: String } = "no-matricule",
    WrongPassword = "wrong-password",
    TagUsed = "tag-used",
    SerialUsed = "serial-used",
    AssetAlreadyOut = "asset-already-out",
    Duplicate = "duplicate",
    AlertAlready { id: i64, state: AlertState } = "alert-already",
    ProblemAlreadyReported { id: i64 } = "problem-already-reported",
    ChangedElsewhere = "changed-elsewhere",
    Stale { current: i64 } = "stale",
    TryAgainIn { seconds: u64 } = "try-again-in",
    // Notifications.
    NoSmtpServer = "no-smtp-server",
    SecretOtherKey { secret: Term, fingerprint: String } = "secret-other-key",
    SecretDamaged { secret: Term } = "secret-damaged",
    // Permissions a role lacks for a detail of a request.
    BackdateStaff = "backdate-staff",
    LoanAlertsOnly = "loan-alerts-only",
    OverrideAdmin = "override-admin",
    // The command line's maintenance.
    DemoNeedsEmpty = "demo-needs-empty",
    RestoreNeedsEmpty = "restore-needs-empty",
    NotABackup { file: String } = "not-a-backup",
    UnsupportedArchive { format: String, version: u64 } = "unsupported-archive",
    OtherSchema { archive: usize, app_version: String, here: usize } = "other-schema",
    UnexpectedLine { line: String } = "unexpected-line",
    Truncated = "truncated",
    NulInRow { table: String, key: String, column: String } = "nul-in-row",
    // Imports.
    FileEmpty = "file-empty",
    BlankHeader { column: usize } = "blank-header",
    DuplicateHeader { name: String, first: usize, again: usize } = "duplicate-header",
    UnreadableLine { line: u64, detail: String } = "unreadable-line",
    NoSheet { detail: String } = "no-sheet",
    OldExcel = "old-excel",
    FieldTwice { field: String, first: String, again: String } = "field-twice",
    UnknownField { header: String, field: String } = "unknown-field",
    MissingColumn { field: String } = "missing-column",
    UnknownNamed { what: Term, name: String } = "unknown-named",
    AmbiguousNamed { what: Term, name: String } = "ambiguous-named",
    NewModelNeeds { name: String } = "new-model-needs",
    NewLocationNeedsSite { name: String } = "new-location-needs-site",
    TagTwiceInFile { line: u64 } = "tag-twice-in-file",
    SerialTwiceInFile { line: u64 } = "serial-twice-in-file",
    ValueTwiceInFile { line: u64 } = "value-twice-in-file",
    StatusUnknown { value: String } = "status-unknown",
    AssignedNeedsHolder = "assigned-needs-holder",
    HolderOfUnavailable { status: AssetStatus } = "holder-of-unavailable",
    ImportHasErrors { count: i64 } = "import-has-errors",
    ImportNotChecked { state: String } = "import-not-checked",
    ImportRowFailed { line: i64, detail: String } = "import-row-failed",
    ChangedSinceCheck { tag: String } = "changed-since-check",
    RecordExists { what: Term, key: String } = "record-exists",
    NoRecord { what: Term, key: String } = "no-record",
    KeyTwiceInFile { line: u64 } = "key-twice-in-file",
    RoleUnknown { value: String } = "role-unknown",
    YesOrNo = "yes-or-no",
    SheetFull { max: u64 } = "sheet-full",
    BulkRefused { tag: String, detail: String } = "bulk-refused",
    // Custom fields.
    CustomKeyShape = "custom-key-shape",
    FormatOfText = "format-of-text",
    ListNeedsOptions = "list-needs-options",
    NotAMacAddress = "not-a-mac-address",
    NotAnImei = "not-an-imei",
    NotANumber = "not-a-number",
    OneOfOptions { names: String } = "one-of-options",
    CustomKindExpected { kind: String } = "custom-kind-expected",
    NoCustomField { key: String } = "no-custom-field",
    UnknownCustomField { key: String } = "unknown-custom-field",
    CustomValueUsed { tag: String } = "custom-value-used",
    CustomValueShared { tags: String, value: String } = "custom-value-shared",
    // Labels.
    TooManyAssets { max: usize } = "too-many-assets",
    NoAssetSelected = "no-asset-selected",
    UrlTooLong { url: String } = "url-too-long",
    NotCode128 { tag: String, character: String } = "not-code128",
    StartPastSheet { start: usize, per_sheet: usize } = "start-past-sheet",
}

impl Reason {
    /// Several reasons as one: the only one, or all of them.
    pub fn all(mut reasons: Vec<Reason>) -> Reason {
        match reasons.len() {
            1 => reasons.remove(0),
            _ => Reason::Several(reasons),
        }
    }

    /// The reason in `language`.
    pub fn text(&self, language: Language) -> String {
        if let Reason::Several(all) = self {
            return all.iter().map(|r| r.text(language)).collect::<Vec<_>>().join("; ");
        }
        let args = self.args();
        let count = args.iter().find_map(|(name, arg)| match (name, arg) {
            (&"count", Arg::Number(n)) => Some(*n),
            _ => None,
        });
        let args: Vec<(&str, FluentValue<'static>)> =
            args.into_iter().map(|(name, arg)| (name, arg.value(language, count))).collect();
        radgestmat_i18n::text(language.as_str(), &format!("reason-{}", self.code()), &args)
    }
}

/// In English, as the API, the logs and the command line say it.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Language::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_and_term_is_in_the_catalogue_in_every_language() {
        for language in radgestmat_i18n::LANGUAGES {
            let keys = radgestmat_i18n::keys(language);
            for code in Reason::CODES {
                assert!(keys.contains(&format!("reason-{code}")), "reason-{code} missing in {language}");
            }
            for term in Term::ALL {
                assert!(keys.contains(&format!("term-{}", term.as_str())), "term-{term} missing in {language}");
            }
        }
    }

    #[test]
    fn a_reason_is_said_with_its_arguments_in_each_language() {
        let reason = Reason::StillUsed { entity: Term::Category, count: 1, label: Term::Models };
        assert_eq!(reason.to_string(), "this category is still used by 1 model");
        assert_eq!(reason.text(Language::Fr), "1 modèle y fait encore référence");
        let reason = Reason::StillUsed { entity: Term::Category, count: 2, label: Term::Models };
        assert_eq!(reason.to_string(), "this category is still used by 2 models");
        assert_eq!(reason.text(Language::Fr), "2 modèles y font encore référence");
        let holds = Reason::StillHolds { who: "Amira".into(), count: 1, tags: "KIT-000001".into() };
        assert!(
            holds.text(Language::Fr).starts_with("Amira détient encore 1 matériel :"),
            "{}",
            holds.text(Language::Fr)
        );
        let status = Reason::NotAvailable { tag: "KIT-000001".into(), status: AssetStatus::InRepair };
        assert_eq!(status.to_string(), "KIT-000001 is in repair: only an asset in stock can be checked out");
        assert_eq!(Reason::TooLong { max: 200 }.text(Language::Fr), "doit compter au plus 200 caractères");
        let both = Reason::Several(vec![Reason::NoAsset { key: "KIT-9".into() }, Reason::Empty]);
        assert_eq!(both.to_string(), "asset KIT-9 not found; must not be empty");
    }
}

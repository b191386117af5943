//! Public value types: start-up options, behaviour modes and recorded requests.

use std::fmt;
use std::str::FromStr;

/// One HTTP request as the fake server received it, recorded before it was answered.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedRequest {
    /// The HTTP method, upper case (`"GET"`, `"POST"`, ...).
    pub method: String,
    /// The request path without the query string, exactly as sent (trailing slash kept).
    pub path: String,
    /// The raw query string (without `?`), if the URL had one.
    pub query: Option<String>,
    /// Every header, in arrival order, with lower-case names.
    pub headers: Vec<(String, String)>,
    /// The raw body, decoded as UTF-8 (invalid sequences replaced).
    pub body: String,
}

impl RecordedRequest {
    /// The value of the first header named `name` (case-insensitive), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// How the fake server is started.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The behaviour mode at start; it can be changed later with `FakeInfisical::set_mode`.
    pub mode: Mode,
    /// Which zod major version the 422 validation issues imitate.
    pub zod: ZodVersion,
    /// Start as an instance that has already been set up.
    pub initialized: bool,
    /// Answer `POST /__fake/reset` by becoming a fresh, never set-up instance again, so one
    /// server can be bootstrapped over and over (the benchmarks do). No real Infisical has
    /// this route; off by default.
    pub resettable: bool,
}

/// The zod major version whose issue objects the 422 answers imitate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ZodVersion {
    /// zod 3 issues (`invalid_string`, `"Required"`, ...): what released builds send.
    #[default]
    V3,
    /// zod 4 issues (`invalid_format`, `"Invalid input: ..."`): the newer main branch.
    V4,
}

/// The behaviour of the fake server; see the crate docs for each mode's answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mode {
    /// A healthy Infisical instance.
    #[default]
    Normal,
    /// Migrations are running: every `/api` route answers 503.
    StartingUp,
    /// `MAINTENANCE_MODE=true`: config shows `isMigrationModeOn: true`, writes answer 500.
    Maintenance,
    /// A failed earlier bootstrap left the admin user behind: not initialized, but every
    /// valid bootstrap answers 400 "User already exists".
    HalfInitialized,
    /// The bootstrap POST answers 429 `RateLimitExceeded`.
    RateLimited,
    /// The bootstrap POST answers 500 "Something went wrong" (after body validation).
    InternalError,
    /// A plain web server, not Infisical: every GET answers 200 `text/html`.
    HtmlEverywhere,
    /// Some other JSON API: `/api/status` answers 200 `{"status":"ok"}`.
    OtherJsonApi,
    /// The bootstrap succeeds on the server, but its answer never comes: the connection
    /// stays open and silent until the client gives up.
    HangAfterRequest,
    /// The bootstrap succeeds and answers 200, with an empty token.
    EmptyToken,
    /// The bootstrap succeeds and answers 200, with a body cut off half way.
    MalformedBody,
    /// Server builds whose fresh token is too old at once: every authenticated call with it
    /// answers 401 "Identity access token exceeded max age, please re-authenticate".
    TokenMaxAge,
    /// The answer to a bootstrap POST is lost: the request is read whole and carried out as
    /// in [`Mode::Normal`], then the connection is closed without a status line. Every other
    /// route answers as usual, so a client can check afterwards whether the instance is set up.
    DropAfterRequest,
    /// Every request answers 301 to the same path on the redirect target (by default the
    /// same host over https), as a proxy that upgrades http does.
    Redirect301,
    /// Like [`Mode::Redirect301`] with 302 Found.
    Redirect302,
    /// Like [`Mode::Redirect301`] with 307 Temporary Redirect, which replays a POST's body.
    Redirect307,
    /// Every request is read, then never answered: the connection stays open and silent.
    Hang,
}

impl Mode {
    /// Every mode with its command-line name, in declaration order.
    pub const ALL: [(Mode, &'static str); 17] = [
        (Mode::Normal, "normal"),
        (Mode::StartingUp, "starting-up"),
        (Mode::Maintenance, "maintenance"),
        (Mode::HalfInitialized, "half-initialized"),
        (Mode::RateLimited, "rate-limited"),
        (Mode::InternalError, "internal-error"),
        (Mode::HtmlEverywhere, "html-everywhere"),
        (Mode::OtherJsonApi, "other-json-api"),
        (Mode::HangAfterRequest, "hang-after-request"),
        (Mode::EmptyToken, "empty-token"),
        (Mode::MalformedBody, "malformed-body"),
        (Mode::TokenMaxAge, "token-max-age"),
        (Mode::DropAfterRequest, "drop-after-request"),
        (Mode::Redirect301, "redirect-301"),
        (Mode::Redirect302, "redirect-302"),
        (Mode::Redirect307, "redirect-307"),
        (Mode::Hang, "hang"),
    ];

    /// The kebab-case name used on the command line, e.g. `"starting-up"`.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(mode, _)| *mode == self)
            .map(|(_, name)| *name)
            .unwrap_or("normal")
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for a mode name that [`Mode::from_str`] does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownMode(pub String);

impl fmt::Display for UnknownMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Mode::ALL.iter().map(|(_, name)| *name).collect();
        write!(
            f,
            "unknown mode {:?} (expected one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownMode {}

impl FromStr for Mode {
    type Err = UnknownMode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL
            .iter()
            .find(|(_, name)| *name == wanted)
            .map(|(mode, _)| *mode)
            .ok_or_else(|| UnknownMode(text.to_string()))
    }
}

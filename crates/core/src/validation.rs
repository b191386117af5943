//! Checks on the admin form, field by field, before anything is sent.
//!
//! The server only checks that each field is present and that the email looks like one. The
//! rules here are stricter: the email must pass zod's check as the server applies it, and the
//! password must meet the policy of Infisical's own sign-up page, so that the admin can later
//! log in through the web UI with the same password. The server trims passwords before
//! hashing them, so a password with surrounding spaces is refused here rather than silently
//! changed.

use serde::{Deserialize, Serialize};
use validator::{ValidateEmail, ValidateLength};

use crate::secret::Password;

/// The longest organization name accepted. Infisical's own forms stop at 64.
pub const MAX_ORGANIZATION_CHARS: u64 = 64;
/// Shortest password the sign-up policy allows.
pub const MIN_PASSWORD_CHARS: usize = 14;
/// Longest password the sign-up policy allows.
pub const MAX_PASSWORD_CHARS: usize = 100;

/// What the person typed in the admin step, as it arrives from the UI.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminForm {
    /// The first admin's email address.
    pub email: String,
    /// The first admin's password.
    pub password: Password,
    /// The password typed a second time.
    pub confirm_password: Password,
    /// The name of the first organization.
    pub organization: String,
}

/// A form that passed every check: the only input [`crate::bootstrap`] accepts.
#[derive(Debug, Clone)]
pub struct ValidatedAdmin {
    /// The email, exactly as typed (the server lower-cases it).
    pub email: String,
    /// The password, which has no surrounding spaces.
    pub password: Password,
    /// The organization name, trimmed.
    pub organization: String,
}

/// One message per field that needs fixing; a field without a problem is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldErrors {
    /// Problem with the email, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Problem with the password, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Problem with the confirmation, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm_password: Option<String>,
    /// Problem with the organization name, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
}

impl FieldErrors {
    /// Whether every field is fine.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// One rule of the sign-up password policy and whether the current password meets it, for
/// the live hints under the password field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordRule {
    /// A stable identifier the UI may key on.
    pub id: &'static str,
    /// The rule, phrased as an instruction.
    pub label: &'static str,
    /// Whether the password meets it.
    pub met: bool,
}

impl AdminForm {
    /// Checks every field and returns the form in its sendable shape.
    ///
    /// # Errors
    ///
    /// Returns the message for each field that needs fixing.
    pub fn validate(&self) -> Result<ValidatedAdmin, FieldErrors> {
        let errors = self.field_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidatedAdmin {
            email: self.email.clone(),
            password: self.password.clone(),
            organization: self.organization.trim().to_owned(),
        })
    }

    /// The message for each field that needs fixing, empty fields included.
    pub fn field_errors(&self) -> FieldErrors {
        FieldErrors {
            email: email_error(&self.email),
            password: password_error(self.password.expose()),
            confirm_password: confirmation_error(&self.password, &self.confirm_password),
            organization: organization_error(&self.organization),
        }
    }
}

/// Evaluates each rule of the sign-up password policy against `password`.
pub fn password_rules(password: &str) -> Vec<PasswordRule> {
    let length = password.chars().count();
    let rule = |id, label, met| PasswordRule { id, label, met };
    vec![
        rule(
            "length",
            "14 to 100 characters",
            (MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&length),
        ),
        rule(
            "letter",
            "At least one letter",
            password.chars().any(char::is_alphabetic),
        ),
        rule(
            "digitOrSymbol",
            "At least one number or symbol",
            password
                .chars()
                .any(|c| c.is_numeric() || !(c.is_alphabetic() || c.is_whitespace())),
        ),
        rule(
            "noRepeats",
            "No character 4 times in a row",
            !has_run_of_four(password),
        ),
        rule(
            "noEdgeSpaces",
            "No spaces at the start or end",
            password.trim() == password,
        ),
        rule(
            "noControl",
            "No line breaks, tabs, backslashes or invisible characters",
            !password
                .chars()
                .any(|c| c.is_control() || c == '\\' || is_invisible(c)),
        ),
    ]
}

fn email_error(email: &str) -> Option<String> {
    if email.trim().is_empty() {
        return Some("Enter the admin's email address".into());
    }
    if email.trim() != email {
        return Some("Remove the spaces before or after the email address".into());
    }
    if email.len() > MAX_EMAIL_CHARS || !email.validate_email() || !meets_server_email_rule(email) {
        return Some("Enter a valid email address, like admin@example.com".into());
    }
    None
}

/// The longest email address accepted (the limit of the SMTP path).
const MAX_EMAIL_CHARS: usize = 254;

/// Infisical validates emails with zod's rule, which is stricter than the validator crate:
/// ASCII only; a local part of letters, digits and `_ ' + - .`, not starting with a dot,
/// without `..`, and ending in a letter, digit, `_`, `+` or `-`; a domain of labels made of
/// letters, digits and dashes, each starting with a letter or digit, ending in a top-level
/// domain of 2 or more letters. `admin@localhost` and `ü@example.com` pass the validator
/// crate but the server would refuse them.
fn meets_server_email_rule(email: &str) -> bool {
    if email.len() > MAX_EMAIL_CHARS || !email.is_ascii() {
        return false;
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_'+-.".contains(c))
        && local.ends_with(|c: char| c.is_ascii_alphanumeric() || "_+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let Some((tld, names)) = labels.split_last() else {
        return false;
    };
    let names_ok = !names.is_empty()
        && names.iter().all(|label| {
            label.starts_with(|c: char| c.is_ascii_alphanumeric())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && names_ok && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// Characters that show nothing or reorder text: direction marks and overrides, zero-width
/// spaces and joiners, the byte-order mark. In a password they cannot be typed again; in an
/// organization name they can disguise it.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}')
}

fn password_error(password: &str) -> Option<String> {
    if password.is_empty() {
        return Some("Enter a password".into());
    }
    let first_unmet = password_rules(password)
        .into_iter()
        .find(|rule| !rule.met)?;
    Some(match first_unmet.id {
        "length" if password.chars().count() < MIN_PASSWORD_CHARS => {
            format!("Use at least {MIN_PASSWORD_CHARS} characters")
        }
        "length" => format!("Use at most {MAX_PASSWORD_CHARS} characters"),
        "letter" => "Add at least one letter".into(),
        "digitOrSymbol" => "Add at least one number or symbol".into(),
        "noRepeats" => "Do not repeat a character 4 or more times in a row".into(),
        "noEdgeSpaces" => {
            "Remove the spaces at the start or end: the server would drop them".into()
        }
        _ => "Remove line breaks, tabs, backslashes and invisible characters".into(),
    })
}

fn confirmation_error(password: &Password, confirmation: &Password) -> Option<String> {
    if confirmation.expose().is_empty() {
        Some("Type the password again".into())
    } else if confirmation.expose() != password.expose() {
        Some("The passwords do not match".into())
    } else {
        None
    }
}

fn organization_error(organization: &str) -> Option<String> {
    let name = organization.trim();
    if name.is_empty() {
        Some("Enter a name for the first organization".into())
    } else if !name.validate_length(None, Some(MAX_ORGANIZATION_CHARS), None) {
        Some(format!("Use at most {MAX_ORGANIZATION_CHARS} characters"))
    } else if name.chars().any(char::is_control) {
        Some("Remove line breaks, tabs and other control characters".into())
    } else if name.chars().any(is_invisible) {
        Some("Remove invisible characters, such as direction marks or zero-width spaces".into())
    } else {
        None
    }
}

fn has_run_of_four(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(4).any(|w| w.iter().all(|&c| c == w[0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "Correct-Horse-42-Staple";

    fn form(email: &str, password: &str, confirm: &str, organization: &str) -> AdminForm {
        AdminForm {
            email: email.into(),
            password: Password::new(password),
            confirm_password: Password::new(confirm),
            organization: organization.into(),
        }
    }

    #[test]
    fn a_good_form_validates_and_trims_the_organization() {
        let admin = form("admin@example.com", GOOD, GOOD, "  Acme  ")
            .validate()
            .unwrap();
        assert_eq!(admin.organization, "Acme");
        assert_eq!(admin.email, "admin@example.com");
    }

    #[test]
    fn empty_form_gets_a_message_per_field() {
        let errors = form("", "", "", "").validate().unwrap_err();
        assert!(errors.email.is_some() && errors.password.is_some());
        assert!(errors.confirm_password.is_some() && errors.organization.is_some());
    }

    #[test]
    fn email_with_spaces_or_without_a_real_domain_is_refused() {
        for email in [
            " admin@example.com",
            "admin@localhost",
            "a@b.c",
            "admin",
            "admin@ex.c0m",
        ] {
            assert!(email_error(email).is_some(), "{email:?} should be refused");
        }
        assert_eq!(email_error("first.last+tag@sub.example.io"), None);
    }

    #[test]
    fn emails_follow_the_servers_rule() {
        for email in [
            "ü@example.com",
            ".a@example.com",
            "a..b@example.com",
            "a.@example.com",
            "a@-example.com",
            "a@exa_mple.com",
            "a@example.c",
            "a b@example.com",
        ] {
            assert!(email_error(email).is_some(), "{email:?} should be refused");
        }
        for email in [
            "o'neil@example.com",
            "a_b-c+d@mail.example.co",
            "A@Example.COM",
        ] {
            assert_eq!(email_error(email), None, "{email:?} should pass");
        }
    }

    #[test]
    fn invisible_characters_are_refused() {
        assert!(password_error("Correct-Horse-42\u{200F}")
            .unwrap()
            .contains("invisible"));
        assert!(organization_error("Acme\u{202E}")
            .unwrap()
            .contains("invisible"));
    }

    #[test]
    fn short_password_asks_for_length() {
        assert_eq!(
            password_error("Short-1").unwrap(),
            "Use at least 14 characters"
        );
    }

    #[test]
    fn password_with_edge_spaces_is_refused() {
        assert!(password_error(" Correct-Horse-42 ")
            .unwrap()
            .contains("spaces"));
    }

    #[test]
    fn password_with_four_repeats_is_refused() {
        assert!(password_error("Correct-Hooooorse-42")
            .unwrap()
            .contains("repeat"));
        assert_eq!(password_error("Correct-Hooorse-42"), None);
    }

    #[test]
    fn password_needs_a_letter_and_a_digit_or_symbol() {
        assert!(password_error("12345678901234567")
            .unwrap()
            .contains("letter"));
        assert!(password_error("CorrectHorseStaple")
            .unwrap()
            .contains("number or symbol"));
    }

    #[test]
    fn password_over_100_characters_is_refused() {
        let long = format!("{GOOD}{}", "ab1".repeat(30));
        assert_eq!(password_error(&long).unwrap(), "Use at most 100 characters");
    }

    #[test]
    fn mismatched_confirmation_is_reported_on_its_own_field() {
        let errors = form(
            "admin@example.com",
            GOOD,
            "Correct-Horse-42-Stapler",
            "Acme",
        )
        .validate()
        .unwrap_err();
        assert_eq!(
            errors.confirm_password.as_deref(),
            Some("The passwords do not match")
        );
        assert_eq!(errors.password, None);
    }

    #[test]
    fn organization_of_65_characters_is_refused() {
        assert!(organization_error(&"a".repeat(65)).is_some());
        assert_eq!(organization_error(&"a".repeat(64)), None);
    }

    #[test]
    fn rules_are_all_met_by_a_good_password() {
        assert!(password_rules(GOOD).iter().all(|rule| rule.met));
    }

    #[test]
    fn field_errors_serialize_only_the_fields_with_problems() {
        let errors = FieldErrors {
            email: Some("x".into()),
            ..FieldErrors::default()
        };
        assert_eq!(
            serde_json::to_value(errors).unwrap(),
            serde_json::json!({"email": "x"})
        );
    }
}

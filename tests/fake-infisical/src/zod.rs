//! Validation of the bootstrap body the way Infisical's zod schema does it, producing the
//! same issue objects as zod 3 or zod 4 would.
//!
//! Schema: `email: string().email().trim().min(1)`, `password: string().trim().min(1)`,
//! `organization: string().trim().min(1)`; unknown keys dropped. The email check runs on the
//! untrimmed string, and every check runs even after an earlier one failed.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Map, Value};

use crate::email::{is_zod_email, ZOD4_EMAIL_PATTERN};
use crate::ZodVersion;

/// The three bootstrap fields after zod's transforms (trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BootstrapInput {
    /// The email, trimmed (not yet lower-cased: the service does that).
    pub email: String,
    /// The password, trimmed.
    pub password: String,
    /// The organization name, trimmed.
    pub organization: String,
}

/// One zod issue: a JSON object whose keys keep the order zod emits them in.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Issue(Vec<(&'static str, Value)>);

impl Serialize for Issue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Validates a parsed request body (`Value::Null` when there was none).
pub(crate) fn validate(body: &Value, zod: ZodVersion) -> Result<BootstrapInput, Vec<Issue>> {
    let Value::Object(fields) = body else {
        return Err(vec![invalid_type(
            zod,
            &[],
            "object",
            type_name(Some(body)),
        )]);
    };
    let mut issues = Vec::new();
    let email = string_field(fields, "email", zod, &mut issues, true);
    let password = string_field(fields, "password", zod, &mut issues, false);
    let organization = string_field(fields, "organization", zod, &mut issues, false);
    match (email, password, organization) {
        (Some(email), Some(password), Some(organization)) if issues.is_empty() => {
            Ok(BootstrapInput {
                email,
                password,
                organization,
            })
        }
        _ => Err(issues),
    }
}

/// Checks one string field; returns its trimmed value when the type was right.
fn string_field(
    fields: &Map<String, Value>,
    key: &'static str,
    zod: ZodVersion,
    issues: &mut Vec<Issue>,
    is_email: bool,
) -> Option<String> {
    let value = fields.get(key);
    let Some(Value::String(text)) = value else {
        issues.push(invalid_type(zod, &[key], "string", type_name(value)));
        return None;
    };
    if is_email && !is_zod_email(text) {
        issues.push(invalid_email(zod, key));
    }
    let trimmed = js_trim(text);
    if trimmed.is_empty() {
        issues.push(too_small(zod, key));
    }
    Some(trimmed.to_string())
}

/// Trims like JavaScript's `String#trim` (Unicode white space plus the BOM).
pub(crate) fn js_trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// zod's name for the type of a JSON value; `None` is a missing key.
fn type_name(value: Option<&Value>) -> &'static str {
    match value {
        None => "undefined",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
    }
}

fn invalid_type(zod: ZodVersion, path: &[&str], expected: &str, received: &str) -> Issue {
    match zod {
        ZodVersion::V3 => {
            let message = if received == "undefined" {
                "Required".to_string()
            } else {
                format!("Expected {expected}, received {received}")
            };
            Issue(vec![
                ("code", json!("invalid_type")),
                ("expected", json!(expected)),
                ("received", json!(received)),
                ("path", json!(path)),
                ("message", json!(message)),
            ])
        }
        ZodVersion::V4 => Issue(vec![
            ("expected", json!(expected)),
            ("code", json!("invalid_type")),
            ("path", json!(path)),
            (
                "message",
                json!(format!(
                    "Invalid input: expected {expected}, received {received}"
                )),
            ),
        ]),
    }
}

fn invalid_email(zod: ZodVersion, key: &str) -> Issue {
    match zod {
        ZodVersion::V3 => Issue(vec![
            ("validation", json!("email")),
            ("code", json!("invalid_string")),
            ("message", json!("Invalid email")),
            ("path", json!([key])),
        ]),
        ZodVersion::V4 => Issue(vec![
            ("origin", json!("string")),
            ("code", json!("invalid_format")),
            ("format", json!("email")),
            ("pattern", json!(ZOD4_EMAIL_PATTERN)),
            ("path", json!([key])),
            ("message", json!("Invalid email address")),
        ]),
    }
}

fn too_small(zod: ZodVersion, key: &str) -> Issue {
    match zod {
        ZodVersion::V3 => Issue(vec![
            ("code", json!("too_small")),
            ("minimum", json!(1)),
            ("type", json!("string")),
            ("inclusive", json!(true)),
            ("exact", json!(false)),
            (
                "message",
                json!("String must contain at least 1 character(s)"),
            ),
            ("path", json!([key])),
        ]),
        ZodVersion::V4 => Issue(vec![
            ("origin", json!("string")),
            ("code", json!("too_small")),
            ("minimum", json!(1)),
            ("inclusive", json!(true)),
            ("path", json!([key])),
            (
                "message",
                json!("Too small: expected string to have >=1 characters"),
            ),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(issues: &[Issue]) -> String {
        serde_json::to_string(issues).unwrap()
    }

    #[test]
    fn keeps_zod3_key_order() {
        let body = json!({"email": " a@b.io", "password": "  ", "organization": 7});
        let issues = validate(&body, ZodVersion::V3).unwrap_err();
        assert_eq!(
            text(&issues),
            r#"[{"validation":"email","code":"invalid_string","message":"Invalid email","path":["email"]},{"code":"too_small","minimum":1,"type":"string","inclusive":true,"exact":false,"message":"String must contain at least 1 character(s)","path":["password"]},{"code":"invalid_type","expected":"string","received":"number","path":["organization"],"message":"Expected string, received number"}]"#
        );
    }

    #[test]
    fn empty_email_gets_two_issues() {
        let body = json!({"email": "", "password": "p", "organization": "o"});
        let issues = validate(&body, ZodVersion::V4).unwrap_err();
        assert_eq!(issues.len(), 2);
        assert!(text(&issues).contains("invalid_format"));
        assert!(text(&issues).contains("too_small"));
    }

    #[test]
    fn trims_valid_input() {
        let body = json!({"email": "A@B.io", "password": " pw ", "organization": " Org ", "x": 1});
        let input = validate(&body, ZodVersion::V3).unwrap();
        assert_eq!(input.email, "A@B.io");
        assert_eq!(input.password, "pw");
        assert_eq!(input.organization, "Org");
    }
}

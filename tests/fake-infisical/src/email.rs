//! The email check zod applies in `z.string().email()`, written out by hand.
//!
//! Accepted: `local@label.label.tld` where the local part uses ASCII letters, digits and
//! `_ ' + - .`, does not start with `.` and does not end with `'` or `.`; each domain label
//! starts with a letter or digit and then uses letters, digits and `-`; the last label is
//! two or more ASCII letters. No `..` anywhere, no whitespace, exactly one `@`.

/// The pattern zod 4 reports in `invalid_format` issues for emails (`RegExp#toString`).
pub(crate) const ZOD4_EMAIL_PATTERN: &str = r"/^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/";

/// Whether `text` passes zod's email check (before any trimming).
pub(crate) fn is_zod_email(text: &str) -> bool {
    if text.starts_with('.') || text.contains("..") {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    local_part_ok(local) && domain_ok(domain)
}

fn local_part_ok(local: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_'+-.".contains(c);
    match local.chars().last() {
        Some(last) => local.chars().all(allowed) && last != '\'' && last != '.',
        None => false,
    }
}

fn domain_ok(domain: &str) -> bool {
    let Some((labels, tld)) = domain.rsplit_once('.') else {
        return false;
    };
    let label_ok = |label: &str| {
        let mut chars = label.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && labels.split('.').all(label_ok)
}

#[cfg(test)]
mod tests {
    use super::is_zod_email;

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in [
            "admin@example.com",
            "first.last+tag@sub.example.io",
            "O'Neil@Example.COM",
            "a_b-c@x-.yz",
            "1@2.ab",
        ] {
            assert!(is_zod_email(ok), "{ok}");
        }
    }

    #[test]
    fn rejects_what_zod_rejects() {
        for bad in [
            "",
            "plain",
            "user@localhost",
            "a@b.c",
            " admin@example.com",
            "admin@example.com ",
            ".admin@example.com",
            "ad..min@example.com",
            "admin.@example.com",
            "admin'@example.com",
            "a@b@example.com",
            "admin@-example.com",
            "admin@example..com",
            "admin@example.c0m",
            "admin@exämple.com",
            "admin@example.com.",
            "@example.com",
            "ad min@example.com",
        ] {
            assert!(!is_zod_email(bad), "{bad}");
        }
    }
}

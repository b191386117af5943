//! One test per row of the exit-code table (7 is in `headless`), plus the `check` command.

use bootstrap_core::History;
use fake_infisical::{Mode, Options};

use crate::support::{bootstrap, closed_port_url, fake, Invocation};

fn with_mode(mode: Mode) -> fake_infisical::FakeInfisical {
    fake(Options {
        mode,
        ..Options::default()
    })
}

#[test]
fn exit_0_prints_the_token_and_remembers_the_instance() {
    let server = fake(Options::default());
    let run = bootstrap(&server.url(), &["--store", "none", "--output", "token"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{}\n", server.issued_tokens()[0]));
    assert_eq!(
        crate::support::request_lines(&server),
        [
            "GET /api/status",
            "GET /api/v1/admin/config",
            "POST /api/v1/admin/bootstrap"
        ]
    );
    let instances = History::in_dir(run.data.path()).load().unwrap().instances;
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0].server, server.url());
    assert_eq!(instances[0].organization_name, "Acme");
}

#[test]
fn exit_0_with_json_output_has_the_servers_shape() {
    let server = fake(Options::default());
    let run = bootstrap(
        &format!("{}/api/", server.url()),
        &["--store", "none", "--output", "json"],
    )
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["identity"]["credentials"]["token"],
        server.issued_tokens()[0]
    );
    assert_eq!(json["organization"]["name"], "Acme");
    assert_eq!(json["user"]["email"], "admin@example.com");
    assert_eq!(
        server.requests().last().unwrap().path,
        "/api/v1/admin/bootstrap"
    );
}

#[test]
fn exit_0_when_already_set_up_and_told_to_ignore_it() {
    let server = fake(Options {
        initialized: true,
        ..Options::default()
    });
    let run = bootstrap(
        &server.url(),
        &[
            "--ignore-if-bootstrapped",
            "--store",
            "none",
            "--output",
            "token",
        ],
    )
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("nothing to do"), "{}", run.stderr);
    assert_eq!(server.bootstrap_posts(), 0);
}

#[test]
fn exit_2_names_the_bad_field_and_sends_nothing() {
    let server = fake(Options::default());
    let run = Invocation::new(&[
        "bootstrap",
        "--server",
        &server.url(),
        "--email",
        "admin@localhost",
        "--organization",
        "Acme",
        "--password-stdin",
        "--store",
        "none",
        "--output",
        "token",
    ])
    .stdin("short")
    .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("error: --email: Enter a valid email address"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: --password-stdin: Use at least 14 characters"),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty(), "nothing may be sent");
}

#[test]
fn exit_2_for_plain_http_to_another_machine_without_consent() {
    let run = bootstrap(
        "http://10.255.255.1:8080",
        &["--store", "none", "--output", "token"],
    )
    .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--allow-http"), "{}", run.stderr);
}

#[test]
fn exit_2_when_the_token_would_be_kept_and_shown_nowhere() {
    let server = fake(Options::default());
    let run = bootstrap(&server.url(), &["--store", "none"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--store none"), "{}", run.stderr);
    assert!(server.requests().is_empty());
}

#[test]
fn exit_2_without_a_password_source() {
    let server = fake(Options::default());
    let mut args: Vec<String> = bootstrap(&server.url(), &[]).args();
    args.retain(|arg| arg != "--password-stdin");
    let run = Invocation::new(&args).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("INFISICAL_ADMIN_PASSWORD"),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn exit_3_when_nothing_listens() {
    let run = bootstrap(
        &closed_port_url(),
        &["--store", "none", "--output", "token"],
    )
    .run();
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stderr.contains("refused"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn exit_4_for_a_web_page_and_for_a_server_starting_up() {
    for mode in [Mode::HtmlEverywhere, Mode::StartingUp, Mode::OtherJsonApi] {
        let server = with_mode(mode);
        let run = bootstrap(&server.url(), &["--store", "none", "--output", "token"]).run();
        assert_eq!(run.code, 4, "{mode}: {run:?}");
        assert_eq!(server.bootstrap_posts(), 0, "{mode}");
    }
}

#[test]
fn exit_5_when_already_set_up() {
    let server = fake(Options {
        initialized: true,
        ..Options::default()
    });
    let run = bootstrap(&server.url(), &["--store", "none", "--output", "token"]).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert!(run.stderr.contains("set up already"), "{}", run.stderr);
    assert_eq!(server.bootstrap_posts(), 0);
}

#[test]
fn exit_6_shows_the_servers_own_message() {
    let server = with_mode(Mode::InternalError);
    let run = bootstrap(&server.url(), &["--store", "none", "--output", "token"]).run();
    assert_eq!(run.code, 6, "{run:?}");
    assert!(
        run.stderr.contains("(HTTP 500): Something went wrong"),
        "{}",
        run.stderr
    );
    assert_eq!(server.bootstrap_posts(), 1);

    let server = with_mode(Mode::HalfInitialized);
    let run = bootstrap(&server.url(), &["--store", "none", "--output", "token"]).run();
    assert_eq!(run.code, 6, "{run:?}");
    assert!(
        run.stderr.contains("an admin user already exists"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Reset the server's database"),
        "{}",
        run.stderr
    );
}

#[test]
fn exit_8_when_the_answer_is_lost_says_the_instance_is_now_set_up() {
    let server = with_mode(Mode::DropAfterRequest);
    let run = bootstrap(&server.url(), &["--store", "none", "--output", "token"]).run();
    assert_eq!(run.code, 8, "{run:?}");
    assert!(
        run.stderr.contains("now reports itself as set up"),
        "{}",
        run.stderr
    );
    assert_eq!(server.bootstrap_posts(), 1, "the POST is never retried");
    assert_eq!(run.stdout, "");
}

#[test]
fn check_prints_one_line_and_exits_by_state() {
    let server = fake(Options::default());
    let run = Invocation::new(&["check", &server.url()]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.lines().count(), 1);
    assert!(run.stdout.starts_with("ready: "), "{}", run.stdout);

    let run = Invocation::new(&["check", &closed_port_url()]).run();
    assert_eq!(run.code, 3, "{run:?}");
    assert!(
        run.stdout.starts_with("connection-refused: "),
        "{}",
        run.stdout
    );

    let server = with_mode(Mode::Maintenance);
    let run = Invocation::new(&["check", &server.url()]).run();
    assert_eq!(
        (run.code, run.stdout.split(':').next()),
        (4, Some("maintenance"))
    );

    let run = Invocation::new(&["check", "secrets.example.com"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("did you mean 'https://secrets.example.com'"),
        "{}",
        run.stderr
    );
}

#[test]
fn drop_in_environment_variables_are_read() {
    let server = fake(Options::default());
    let run = Invocation::new(&["bootstrap", "--store", "none", "--output", "token"])
        .env("INFISICAL_API_URL", &format!("{}/api", server.url()))
        .env("INFISICAL_ADMIN_EMAIL", "admin@example.com")
        .env("INFISICAL_ADMIN_ORGANIZATION", "Acme")
        .env("INFISICAL_ADMIN_PASSWORD", crate::support::PASSWORD)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.trim(), server.issued_tokens()[0]);
}

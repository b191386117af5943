// A stand-in backend for the browser preview. It answers the same commands as the Rust side
// with made-up data, so every screen can be seen without Tauri. Preview only.
//
// Address words pick the server's state: "ready", "setup" (already set up), "maint",
// "starting", "down" (unreachable); anything else is "not Infisical". An address without
// "://" is refused. While running: an email containing "taken" is refused by the "server",
// an organization containing "nokeychain" leaves the token unsaved, and an address
// containing "gone" reports the instance as set up in the meantime.

import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AdminForm,
  Finished,
  IpcError,
  PasswordRule,
  ServerCheck,
  Validation,
} from "../src/api";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects the way Tauri does: with the plain error object, not an Error. */
function refuse(error: IpcError): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- mirrors the real IPC
  throw error;
}

function normalize(address: string): string {
  const trimmed = address.trim().replace(/\/+$/, "");
  const [scheme, rest] = trimmed.split("://");
  const [host, ...path] = rest.split("/");
  return `${scheme.toLowerCase()}://${host.toLowerCase()}${path.length ? `/${path.join("/")}` : ""}`;
}

function check(address: string): ServerCheck {
  if (!address.includes("://") || address.trim().length < 10) {
    refuse({
      kind: "invalidAddress",
      field: "server",
      message:
        "Enter the full address, including https://, for example https://secrets.example.com",
    });
  }
  const server = normalize(address);
  const next: Record<string, ServerCheck["nextStep"]> = {
    ready: "continue",
    alreadySetUp: "setUpAnother",
    startingUp: "wait",
    notInfisicalPage: "fixAddress",
  };
  const pick = (state: ServerCheck["state"], explanation: string): ServerCheck => ({
    server,
    state,
    explanation,
    nextStep: next[state] ?? "retry",
    proxy: null,
    needsHttpConsent: false,
    hasStoredToken: state === "alreadySetUp" ? false : null,
    caCertificate: null,
  });
  if (server.includes("ready")) {
    return pick(
      "ready",
      "This Infisical server is not set up yet. Continue to create its first admin.",
    );
  }
  if (server.includes("setup")) {
    return pick(
      "alreadySetUp",
      "This instance has been set up already. Bootstrap works only once per instance.",
    );
  }
  if (server.includes("maint")) {
    return pick("maintenance", "The server is in maintenance mode. Turn it off, then check again.");
  }
  if (server.includes("starting")) {
    return pick(
      "startingUp",
      "The server is still running its database migrations. Check again shortly.",
    );
  }
  if (server.includes("down")) {
    return pick(
      "connectionRefused",
      "The server could not be reached: the connection was refused.",
    );
  }
  return pick(
    "notInfisicalPage",
    "This address does not answer like Infisical: /api/status returned HTML. Check it.",
  );
}

function rules(password: string): PasswordRule[] {
  const length = [...password].length;
  return [
    { id: "length", label: "14 to 100 characters", met: length >= 14 && length <= 100 },
    { id: "letter", label: "At least one letter", met: /\p{L}/u.test(password) },
    {
      id: "digitOrSymbol",
      label: "At least one number or symbol",
      met: /[^\p{L}\s]/u.test(password),
    },
    { id: "noRepeats", label: "No character 4 times in a row", met: !/(.)\1{3}/u.test(password) },
    {
      id: "noEdgeSpaces",
      label: "No spaces at the start or end",
      met: password.trim() === password,
    },
    {
      id: "noControl",
      label: "No line breaks, tabs or backslashes",
      met: !/[\p{Cc}\\]/u.test(password),
    },
  ];
}

function validate(form: AdminForm): Validation {
  const passwordRules = rules(form.password);
  const fields: Validation["fields"] = {};
  if (!form.email.trim()) {
    fields.email = "Enter the admin's email address";
  } else if (!/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(form.email)) {
    fields.email = "Enter a valid email address, like admin@example.com";
  }
  const unmet = passwordRules.find((rule) => !rule.met);
  if (!form.password) {
    fields.password = "Enter a password";
  } else if (unmet) {
    fields.password = `Password rule not met: ${unmet.label.toLowerCase()}`;
  }
  if (!form.confirmPassword) {
    fields.confirmPassword = "Type the password again";
  } else if (form.confirmPassword !== form.password) {
    fields.confirmPassword = "The passwords do not match";
  }
  if (!form.organization.trim()) {
    fields.organization = "Enter a name for the first organization";
  } else if (form.organization.trim().length > 64) {
    fields.organization = "Use at most 64 characters";
  }
  return { fields, passwordRules };
}

function bootstrap(server: string, form: AdminForm): Finished {
  if (server.includes("gone")) {
    refuse({
      kind: "alreadySetUp",
      message: "The server says this instance has been set up already.",
    });
  }
  if (form.email.includes("taken")) {
    refuse({
      kind: "rejected",
      message: "The server refused the details.",
      fields: { email: "The server did not accept this email address" },
    });
  }
  const organizationName = form.organization.trim();
  const organizationSlug = organizationName.toLowerCase().replace(/[^a-z0-9]+/g, "-") + "-x7k2";
  const base = {
    server,
    organizationName,
    organizationSlug,
    identityName: "bootstrap-admin-identity",
    verification: { result: "accepted" as const },
    verificationExplanation: "The server accepts the token.",
  };
  if (organizationName.toLowerCase().includes("nokeychain")) {
    return {
      ...base,
      adminEmail: form.email,
      custody: {
        status: "notSaved",
        reason: "no Secret Service provider is running on this desktop",
      },
      token: "st.preview.4f1c2a9e7b3d5f8a0c6e2b4d9f1a3c5e7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f6a8c",
    };
  }
  return {
    ...base,
    adminEmail: form.email,
    custody: {
      status: "saved",
      location: "the system keyring (Secret Service)",
      service: "dev.bootstrapwizard.infisical.instance-admin-token",
      account: `${server} org:${organizationSlug}`,
    },
  };
}

mockIPC(async (cmd, payload) => {
  const args = (payload ?? {}) as Record<string, unknown>;
  switch (cmd) {
    case "check_server":
      await pause(700);
      return check(String(args.address));
    case "validate_admin":
      return validate(args.form as AdminForm);
    case "run_bootstrap":
      await pause(1000);
      return bootstrap(String(args.server), args.form as AdminForm);
    case "copy_token":
      await pause(150);
      return null;
    case "start_over":
      return null;
    default:
      return refuse({ kind: "internal", message: `The preview does not know the command ${cmd}` });
  }
});

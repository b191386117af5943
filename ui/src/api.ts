// The typed boundary between the UI and the Rust backend: one function per command.
// Components import from here and never call `invoke` with a string of their own.
// The JSON shapes are pinned on the Rust side by snapshot tests (src-tauri/src/ipc_error.rs
// and src-tauri/tests/ipc.rs); keep these types in step with them.

import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { open } from "@tauri-apps/plugin-dialog";

/** A problem found by the backend. `kind` is stable; `message` is for people. */
export interface IpcError {
  kind:
    | "invalidAddress"
    | "invalidInput"
    | "alreadySetUp"
    | "rejected"
    | "serverError"
    | "unreachable"
    | "noAnswer"
    | "unusableResponse"
    | "busy"
    | "noToken"
    | "clipboard"
    | "file"
    | "userAlreadyExists"
    | "httpConsentRequired"
    | "notReady"
    | "redirected"
    | "cancelled"
    | "stillStarting"
    | "certificate"
    | "settings"
    | "unknownInstance"
    | "tokenMissing"
    | "keychain"
    | "history"
    | "browser"
    | "internal";
  message: string;
  /** The one field the problem belongs to, when there is one. */
  field?: FormField;
  /** A message per field, when several fields have problems. */
  fields?: Partial<Record<FormField, string>>;
}

export type FormField = "server" | "email" | "password" | "confirmPassword" | "organization";

export type ServerStateName =
  | "ready"
  | "alreadySetUp"
  | "startingUp"
  | "maintenance"
  | "notInfisicalPage"
  | "notInfisicalApi"
  | "redirect"
  | "dnsFailure"
  | "connectionRefused"
  | "timeout"
  | "tlsFailure"
  | "unreachable";

export type NextStep = "continue" | "retry" | "wait" | "fixAddress" | "useHttps" | "addCertificate" | "setUpAnother";

export type TlsKind = "unknownIssuer" | "expired" | "nameMismatch" | "other";

export interface ServerCheck {
  /** The normalized address the backend will use, e.g. "https://h.example.com/infisical". */
  server: string;
  state: ServerStateName;
  /** One line for people: what was found and what to do next. */
  explanation: string;
  nextStep: NextStep;
  /** The proxy the requests went through, credentials masked. */
  proxy: string | null;
  /** Plain http to another computer: Continue needs the person's explicit consent. */
  needsHttpConsent: boolean;
  /** For "alreadySetUp": whether this app's keychain holds a token for it (null: unknown). */
  hasStoredToken: boolean | null;
  /** The CA certificate file trusted for this server, if one was chosen. */
  caCertificate: string | null;
  /** "redirect": the HTTP status, where it points, and the https address to offer. */
  status?: number;
  redirectTarget?: string;
  suggestion?: string | null;
  /** "tlsFailure": which certificate check failed, and the TLS library's words. */
  tlsKind?: TlsKind;
  detail?: string;
  /** "dnsFailure": the name that did not resolve. */
  host?: string;
  /** "timeout": the timeout that ran out. */
  seconds?: number;
  /** "unreachable": what went wrong. */
  reason?: string;
}

/** Where a wait for a starting server stands, sent after each check. */
export interface WaitProgress {
  attempt: number;
  elapsedSecs: number;
  nextCheckInSecs: number;
  givesUpInSecs: number;
}

export interface AdminForm {
  email: string;
  password: string;
  confirmPassword: string;
  organization: string;
}

export type FieldErrors = Partial<Record<Exclude<FormField, "server">, string>>;

export interface PasswordRule {
  id: "length" | "letter" | "digitOrSymbol" | "noRepeats" | "noEdgeSpaces" | "noControl";
  label: string;
  met: boolean;
}

export interface Validation {
  fields: FieldErrors;
  passwordRules: PasswordRule[];
}

export type Custody =
  | { status: "saved"; location: string; service: string; account: string }
  | { status: "notSaved"; reason: string };

/** What the server said about the new token when the app tried it once. */
export type TokenCheck =
  | { result: "accepted" }
  | { result: "exceededMaxAge" }
  | { result: "rejected"; status: number; message: string }
  | { result: "notChecked"; reason: string };

export interface Finished {
  server: string;
  organizationName: string;
  organizationSlug: string;
  identityName: string;
  adminEmail: string;
  custody: Custody;
  /** RFC 3339 expiry from the token's claims; absent when the token has none. */
  expiresAt?: string;
  verification: TokenCheck;
  /** What the verification result means, for people. */
  verificationExplanation: string;
  /** Present only when the keychain did not take the token, so it can still be copied. */
  token?: string;
}

/** Pre-flight: is this a reachable Infisical that is not set up yet? Rejects with kind "invalidAddress". */
export function checkServer(address: string): Promise<ServerCheck> {
  return invoke("check_server", { address });
}

/**
 * Checks again with backoff while the server is starting up, calling `onProgress` after each
 * check. Resolves with the state it settles in; rejects with kind "cancelled" or
 * "stillStarting" (after five minutes).
 */
export function waitForServer(address: string, onProgress: (progress: WaitProgress) => void): Promise<ServerCheck> {
  const channel = new Channel<WaitProgress>();
  channel.onmessage = onProgress;
  return invoke("wait_for_server", { address, onProgress: channel });
}

/** Stops the wait in progress; its promise rejects with kind "cancelled". */
export function cancelWait(): Promise<void> {
  return invoke("cancel_wait");
}

/** Opens the system file dialog for a PEM CA certificate; null when the person cancels. */
export async function pickCaCertificateFile(): Promise<string | null> {
  const chosen = await open({
    title: "Choose the CA certificate (PEM) that signed the server's certificate",
    multiple: false,
    directory: false,
    filters: [{ name: "PEM certificate", extensions: ["pem", "crt", "cer"] }],
  });
  return typeof chosen === "string" ? chosen : null;
}

/** Trusts the CA certificate at `path` for `server` from now on. Rejects with kind "certificate". */
export function setCaCertificate(server: string, path: string): Promise<void> {
  return invoke("set_ca_certificate", { server, path });
}

/** Stops trusting the CA certificate chosen for `server`. */
export function forgetCaCertificate(server: string): Promise<void> {
  return invoke("forget_ca_certificate", { server });
}

/** Tells the backend that the first screen is painted, has its focus and can be typed into. */
export function pageReady(): Promise<void> {
  return invoke("page_ready");
}

/** Field-by-field checks, cheap enough to run on every keystroke. */
export function validateAdmin(form: AdminForm): Promise<Validation> {
  return invoke("validate_admin", { form });
}

/**
 * Re-checks the server, sends the one bootstrap request, then keeps the token in the keychain.
 * `httpConsent` must be true for plain http to another computer.
 */
export function runBootstrap(server: string, form: AdminForm, httpConsent: boolean): Promise<Finished> {
  return invoke("run_bootstrap", { server, form, httpConsent });
}

/** Puts the token of the last setup on the clipboard and checks that it got there. */
export function copyToken(): Promise<void> {
  return invoke("copy_token");
}

/** Forgets the last setup's in-memory state. Stored tokens stay in the keychain. */
export function startOver(): Promise<void> {
  return invoke("start_over");
}

/** Tries the keychain again with the last setup's token. */
export function retrySave(): Promise<Custody> {
  return invoke("retry_save");
}

/** Opens a native save dialog and writes the token there, owner-only. `null` if cancelled. */
export function saveTokenToFile(): Promise<{ path: string } | null> {
  return invoke("save_token_to_file");
}

/** Closes the window for good (after the person confirmed losing an unsaved token). */
export function closeWindow(): Promise<void> {
  return invoke("close_window");
}

/** Calls `handler` when the person tries to close the window while the token is unsaved. */
export function onCloseRequested(handler: () => void): Promise<UnlistenFn> {
  return listen("close-requested", handler);
}

/** One set-up instance as the history keeps it. Nothing in it is secret. */
export interface InstanceRecord {
  server: string;
  organizationName: string;
  organizationSlug: string;
  organizationId: string;
  adminEmail: string;
  identityId: string;
  identityName: string;
  /** RFC 3339, UTC. */
  setUpAt: string;
  tokenExpiresAt?: string;
  caCertificate?: string;
}

/** Whether the keychain still holds an instance's token. */
export type TokenState =
  | { status: "present" }
  | { status: "missing" }
  | { status: "unreadable"; reason: string };

export interface Instance extends InstanceRecord {
  /** A later setup of the same server exists, so this token probably no longer works. */
  stale: boolean;
  token: TokenState;
}

export interface Overview {
  /** Newest first. */
  instances: Instance[];
  /** Set when a corrupted history file was moved aside: what happened, for people. */
  setAside?: string;
  /** The last admin email and organization, to start a new setup with. */
  suggestion?: { adminEmail: string; organizationName: string };
}

/** Names one remembered instance; the backend derives the keychain entry from it. */
export interface InstanceId {
  server: string;
  organizationId: string;
}

/** The instances set up so far, with the state of each token. */
export function listInstances(): Promise<Overview> {
  return invoke("list_instances");
}

/** The remembered instances at `address`, which a new setup there would make stale. */
export function instancesOfServer(address: string): Promise<InstanceRecord[]> {
  return invoke("instances_of_server", { address });
}

/** Copies an instance's token; the backend clears it after `clearAfterSeconds`. */
export function copyInstanceToken(id: InstanceId): Promise<{ clearAfterSeconds: number }> {
  return invoke("copy_instance_token", { ...id });
}

/** Clears the copied token now if the clipboard still holds it; true when it did. */
export function clearClipboard(): Promise<boolean> {
  return invoke("clear_clipboard");
}

/** The token itself, to show for a few seconds at the person's request. */
export function revealInstanceToken(id: InstanceId): Promise<{ token: string }> {
  return invoke("reveal_instance_token", { ...id });
}

/** One read-only call to the instance with the stored token. */
export function checkInstanceToken(
  id: InstanceId,
): Promise<TokenCheck & { explanation: string }> {
  return invoke("check_instance_token", { ...id });
}

/** Opens the instance in the default browser. */
export function openInstance(id: InstanceId): Promise<void> {
  return invoke("open_instance", { ...id });
}

/** Deletes the instance's keychain entry and its record. Ask the person first. */
export function forgetInstance(id: InstanceId): Promise<void> {
  return invoke("forget_instance", { ...id });
}

/** Calls `handler` when the clipboard timer ends; `cleared` is false if it held something else. */
export function onClipboardCleared(handler: (cleared: boolean) => void): Promise<UnlistenFn> {
  return listen<boolean>("clipboard-cleared", (event) => handler(event.payload));
}

/** Narrows an unknown rejection to an IpcError. */
export function asIpcError(error: unknown): IpcError {
  if (typeof error === "object" && error !== null && "kind" in error && "message" in error) {
    return error as IpcError;
  }
  return { kind: "internal", message: String(error) };
}

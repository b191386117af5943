// The typed boundary between the UI and the Rust backend: one function per command.
// Components import from here and never call `invoke` with a string of their own.
// The JSON shapes are pinned on the Rust side by snapshot tests (src-tauri/src/ipc_error.rs
// and src-tauri/tests/ipc.rs); keep these types in step with them.

import { invoke } from "@tauri-apps/api/core";

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
  | "notInfisical"
  | "unreachable";

export interface ServerCheck {
  /** The normalized address the backend will use, e.g. "https://h.example.com/infisical". */
  server: string;
  state: ServerStateName;
  /** One line for people: what was found and what to do next. */
  explanation: string;
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

export interface Finished {
  server: string;
  organizationName: string;
  organizationSlug: string;
  identityName: string;
  adminEmail: string;
  custody: Custody;
  /** Present only when the keychain did not take the token, so it can still be copied. */
  token?: string;
}

/** Pre-flight: is this a reachable Infisical that is not set up yet? Rejects with kind "invalidAddress". */
export function checkServer(address: string): Promise<ServerCheck> {
  return invoke("check_server", { address });
}

/** Field-by-field checks, cheap enough to run on every keystroke. */
export function validateAdmin(form: AdminForm): Promise<Validation> {
  return invoke("validate_admin", { form });
}

/** Sends the one bootstrap request, then keeps the token in the keychain. */
export function runBootstrap(server: string, form: AdminForm): Promise<Finished> {
  return invoke("run_bootstrap", { server, form });
}

/** Puts the token of the last setup on the clipboard and checks that it got there. */
export function copyToken(): Promise<void> {
  return invoke("copy_token");
}

/** Forgets the last setup's in-memory state. Stored tokens stay in the keychain. */
export function startOver(): Promise<void> {
  return invoke("start_over");
}

/** Narrows an unknown rejection to an IpcError. */
export function asIpcError(error: unknown): IpcError {
  if (typeof error === "object" && error !== null && "kind" in error && "message" in error) {
    return error as IpcError;
  }
  return { kind: "internal", message: String(error) };
}

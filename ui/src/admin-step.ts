// Step 2: the first admin and organization, validated by the backend as the person types.

import {
  asIpcError,
  validateAdmin,
  type AdminForm,
  type FieldErrors,
  type Validation,
} from "./api";
import { byId, setFieldError } from "./dom";
import { initPasswordUi, renderRules, setPasswordsVisible } from "./password-ui";
import { announce, showStep } from "./wizard";

type Field = keyof FieldErrors;

const FIELDS: { field: Field; id: string; label: string }[] = [
  { field: "email", id: "email", label: "Email" },
  { field: "password", id: "password", label: "Password" },
  { field: "confirmPassword", id: "confirm-password", label: "Confirm password" },
  { field: "organization", id: "organization", label: "Organization name" },
];
const DEBOUNCE_MS = 120;
const LOCAL_TITLE = "Check these fields before you continue:";
const SERVER_TITLE = "The server did not accept these details:";

const form = byId<HTMLFormElement>("admin-form");
const summary = byId("admin-errors");
const summaryList = byId<HTMLUListElement>("admin-errors-list");
const input = (field: Field): HTMLInputElement =>
  byId<HTMLInputElement>(FIELDS.find((f) => f.field === field)?.id ?? field);

/** Fields the person has typed in or left; only these show their messages early. */
const touched = new Set<Field>();
let triedToContinue = false;
/** Messages the backend sent back after a refused run, kept until that field is edited. */
let serverErrors: FieldErrors = {};
let debounce: number | undefined;
let latestRequest = 0;

/** What the person typed, exactly as typed. */
export function readForm(): AdminForm {
  return {
    email: input("email").value,
    password: input("password").value,
    confirmPassword: input("confirmPassword").value,
    organization: input("organization").value,
  };
}

/** Empties both password fields and hides them again. */
export function clearPasswords(): void {
  input("password").value = "";
  input("confirmPassword").value = "";
  setPasswordsVisible(false);
}

/** Starts the step afresh; the email and organization stay as suggestions. */
export function resetAdminStep(): void {
  window.clearTimeout(debounce);
  clearPasswords();
  touched.clear();
  triedToContinue = false;
  serverErrors = {};
  for (const { field } of FIELDS) {
    setFieldError(input(field), undefined);
  }
  hideSummary();
}

/** Shows the messages the backend gave when it refused the run, field by field. */
export function showServerErrors(fields: FieldErrors): void {
  serverErrors = { ...fields };
  triedToContinue = true;
  const errors = FIELDS.filter(({ field }) => fields[field]).map(
    ({ field }) => [field, fields[field] ?? ""] as const,
  );
  for (const [field, message] of errors) {
    setFieldError(input(field), message);
  }
  showSummary(SERVER_TITLE, errors);
}

function messageFor(field: Field, errors: FieldErrors): string | undefined {
  if (!triedToContinue && !touched.has(field)) {
    return undefined;
  }
  return errors[field] ?? serverErrors[field];
}

function render(validation: Validation, passwordTyped: boolean): void {
  for (const { field } of FIELDS) {
    setFieldError(input(field), messageFor(field, validation.fields));
  }
  renderRules(validation.passwordRules, passwordTyped);
  pruneSummary(validation.fields);
}

async function validateNow(): Promise<Validation | null> {
  window.clearTimeout(debounce);
  const request = ++latestRequest;
  try {
    const form = readForm();
    const validation = await validateAdmin(form);
    if (request !== latestRequest) {
      return null;
    }
    render(validation, form.password !== "");
    return validation;
  } catch (error) {
    if (request === latestRequest) {
      announce(`The form could not be checked: ${asIpcError(error).message}`);
    }
    return null;
  }
}

function scheduleValidation(): void {
  window.clearTimeout(debounce);
  debounce = window.setTimeout(() => void validateNow(), DEBOUNCE_MS);
}

function showSummary(title: string, errors: readonly (readonly [Field, string])[]): void {
  byId("admin-errors-title").textContent = title;
  summaryList.replaceChildren(
    ...errors.map(([field, message]) => {
      const spec = FIELDS.find((f) => f.field === field);
      const item = document.createElement("li");
      item.dataset.field = field;
      const link = document.createElement("a");
      link.href = `#${spec?.id ?? field}`;
      link.textContent = `${spec?.label ?? field}: ${message}`;
      item.append(link);
      return item;
    }),
  );
  summary.hidden = false;
  summary.focus();
}

/** Drops the summary entries of fields that are fine now; hides it when none are left. */
function pruneSummary(errors: FieldErrors): void {
  if (summary.hidden) {
    return;
  }
  for (const item of summaryList.querySelectorAll<HTMLLIElement>("li")) {
    const field = item.dataset.field as Field;
    if (!errors[field] && !serverErrors[field]) {
      item.remove();
    }
  }
  if (summaryList.childElementCount === 0) {
    hideSummary();
  }
}

function hideSummary(): void {
  summary.hidden = true;
  summaryList.replaceChildren();
}

async function submit(): Promise<void> {
  triedToContinue = true;
  const validation = await validateNow();
  if (!validation) {
    return;
  }
  const errors = FIELDS.map(
    ({ field }) => [field, validation.fields[field] ?? serverErrors[field]] as const,
  ).filter((entry): entry is readonly [Field, string] => Boolean(entry[1]));
  if (errors.length > 0) {
    showSummary(LOCAL_TITLE, errors);
    return;
  }
  hideSummary();
  setPasswordsVisible(false);
  showStep(3);
}

export function initAdminStep(): void {
  initPasswordUi();
  for (const { field } of FIELDS) {
    const element = input(field);
    element.addEventListener("input", () => {
      touched.add(field);
      delete serverErrors[field];
      scheduleValidation();
    });
    element.addEventListener("blur", () => {
      touched.add(field);
      scheduleValidation();
    });
  }
  summaryList.addEventListener("click", (event) => {
    const link = (event.target as Element).closest("a");
    if (link) {
      event.preventDefault();
      byId(link.hash.slice(1)).focus();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit();
  });
  byId("back-to-server").addEventListener("click", () => showStep(1));
}

/** Fills the password rules when the step opens, without showing any message yet. */
export function enterAdminStep(): void {
  void validateNow();
}

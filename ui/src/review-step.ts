// Step 3: what will be sent, and the one bootstrap request.

import { asIpcError, runBootstrap, type FieldErrors, type IpcError } from "./api";
import { clearPasswords, readForm, showServerErrors } from "./admin-step";
import { showFinished } from "./done-step";
import { byId, setBusyButton, setDisabled } from "./dom";
import { httpConsent, invalidateCheck, readyServer, showAddressError } from "./server-step";
import { announce, showStep } from "./wizard";

const ERROR_TITLES: Partial<Record<IpcError["kind"], string>> = {
  alreadySetUp: "This instance is already set up",
  rejected: "The server refused the details",
  invalidInput: "Some details need fixing",
  unreachable: "The server could not be reached",
  noAnswer: "The server did not answer in time",
  serverError: "The server reported an error",
  unusableResponse: "The server's answer could not be used",
  busy: "Another setup is still running",
  notReady: "The server is no longer ready",
  redirected: "The server redirected the request",
  httpConsentRequired: "Plain http needs your consent",
  certificate: "The certificate could not be used",
};

/** Refusals after which the way forward is back at the server step. */
const BACK_TO_SERVER: IpcError["kind"][] = [
  "alreadySetUp",
  "notReady",
  "redirected",
  "httpConsentRequired",
];

const form = byId<HTMLFormElement>("review-form");
const runButton = byId<HTMLButtonElement>("run-bootstrap");
const backButton = byId<HTMLButtonElement>("back-to-admin");
const errorPanel = byId("run-error");
let running = false;

function hideError(): void {
  errorPanel.hidden = true;
  errorPanel.dataset.kind = "";
}

function showError(problem: IpcError): void {
  errorPanel.dataset.kind = problem.kind;
  byId("run-error-title").textContent = ERROR_TITLES[problem.kind] ?? "The instance was not set up";
  byId("run-error-text").textContent = problem.message;
  byId("run-error-actions").hidden = !BACK_TO_SERVER.includes(problem.kind);
  errorPanel.hidden = false;
  errorPanel.focus();
}

/** The per-field messages of a refusal, if it names any admin field. */
function fieldErrorsOf(problem: IpcError): FieldErrors | null {
  if (problem.kind !== "rejected" && problem.kind !== "invalidInput") {
    return null;
  }
  const fields: FieldErrors = {};
  for (const [field, message] of Object.entries(problem.fields ?? {})) {
    if (field !== "server" && message) {
      fields[field as keyof FieldErrors] = message;
    }
  }
  if (problem.field && problem.field !== "server" && !fields[problem.field]) {
    fields[problem.field] = problem.message;
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

function handleFailure(problem: IpcError): void {
  if (problem.kind === "invalidAddress") {
    showAddressError(problem.message);
    showStep(1, byId("server-address"));
    announce("The server address needs fixing.");
    return;
  }
  const fields = fieldErrorsOf(problem);
  if (fields) {
    showStep(2);
    showServerErrors(fields);
    return;
  }
  showError(problem);
}

async function run(): Promise<void> {
  const server = readyServer();
  if (running || server === null) {
    return;
  }
  running = true;
  hideError();
  setDisabled([runButton, backButton], true);
  setBusyButton(runButton, true);
  announce("Setting up the instance…", true);
  try {
    const finished = await runBootstrap(server, readForm(), httpConsent());
    clearPasswords();
    showFinished(finished);
    showStep(4);
    announce("The instance is set up.");
  } catch (error) {
    announce("");
    handleFailure(asIpcError(error));
  } finally {
    running = false;
    setDisabled([runButton, backButton], false);
    setBusyButton(runButton, false);
  }
}

/** Fills in what will be sent each time the step opens. */
export function enterReviewStep(): void {
  const { email, organization } = readForm();
  byId("review-server").textContent = readyServer() ?? "";
  byId("review-email").textContent = email;
  byId("review-organization").textContent = organization.trim();
  hideError();
}

export function initReviewStep(): void {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  backButton.addEventListener("click", () => showStep(2));
  byId("run-error-to-server").addEventListener("click", () => {
    invalidateCheck();
    showStep(1);
  });
}

// Step 1: the address of the server, and the pre-flight check that tells what is there.

import {
  asIpcError,
  cancelWait,
  checkServer,
  forgetCaCertificate,
  pickCaCertificateFile,
  setCaCertificate,
  waitForServer,
  type ServerCheck,
  type WaitProgress,
} from "./api";
import { byId, setBusyButton, setButtonRank, setFieldError } from "./dom";
import { STATE_LOOK, actionsFor, setDetail, showActions, titleOf, type Tone } from "./server-look";
import { announce, showStep } from "./wizard";

const form = byId<HTMLFormElement>("server-form");
const address = byId<HTMLInputElement>("server-address");
const checkButton = byId<HTMLButtonElement>("check-server");
const continueButton = byId<HTMLButtonElement>("to-admin");
const panel = byId("server-status");
const consent = byId<HTMLInputElement>("http-consent");
const progressLine = byId("server-wait-progress");

/** The last check, kept only while the address field still holds what was checked. */
let lastCheck: ServerCheck | null = null;
let busy = false;

/** The normalized address to set up, or null unless the last check found it ready (and any
 * plain-http consent was given). */
export function readyServer(): string | null {
  if (lastCheck?.state !== "ready" || (lastCheck.needsHttpConsent && !consent.checked)) {
    return null;
  }
  return lastCheck.server;
}

/** Whether the person agreed to send the password over plain http. */
export function httpConsent(): boolean {
  return consent.checked;
}

/** Forgets the last check, e.g. after the address changed or the server turned out set up. */
export function invalidateCheck(): void {
  lastCheck = null;
  panel.hidden = true;
  panel.dataset.state = "";
  continueButton.hidden = true;
  consent.checked = false;
  setButtonRank(checkButton, "primary");
}

/** Empties the step for a new run of the wizard. */
export function resetServerStep(): void {
  address.value = "";
  setFieldError(address, undefined);
  invalidateCheck();
}

/** Shows a problem with the address that was found later, e.g. while running bootstrap. */
export function showAddressError(message: string): void {
  invalidateCheck();
  setFieldError(address, message);
}

function showPanel(
  state: string,
  tone: Tone,
  title: string,
  text: string,
  check?: ServerCheck,
): void {
  panel.dataset.state = state;
  panel.dataset.tone = tone;
  byId("server-status-title").textContent = title;
  byId("server-status-text").textContent = text;
  byId("server-status-details").hidden = check === undefined;
  byId("server-status-address").textContent = check?.server ?? "";
  setDetail("redirect", check?.redirectTarget);
  setDetail("proxy", check?.proxy);
  setDetail("ca", check?.caCertificate);
  setDetail("tls", check?.state === "tlsFailure" ? check.detail : null);
  const stored = byId("server-stored-token");
  stored.hidden = check?.state !== "alreadySetUp" || check.hasStoredToken === null;
  stored.dataset.stored = String(check?.hasStoredToken ?? "");
  stored.textContent = check?.hasStoredToken
    ? "This app holds a token for this server in your keychain."
    : "This app holds no token for this server.";
  byId("http-consent-field").hidden = !(check?.state === "ready" && check.needsHttpConsent);
  progressLine.hidden = true;
  showActions(check ? actionsFor(check) : ["server-retry"]);
  panel.hidden = false;
}

function updateContinue(): void {
  const ready = lastCheck?.state === "ready";
  continueButton.hidden = !ready;
  continueButton.disabled = readyServer() === null;
  setButtonRank(checkButton, ready ? "secondary" : "primary");
}

function showResult(check: ServerCheck): void {
  lastCheck = check;
  const title = titleOf(check);
  showPanel(check.state, STATE_LOOK[check.state].tone, title, check.explanation, check);
  updateContinue();
  announce(`${title}. ${check.explanation}`);
}

function showProblem(error: unknown): void {
  const problem = asIpcError(error);
  if (problem.field === "server") {
    setFieldError(address, problem.message);
    announce("");
    address.focus();
    return;
  }
  const titles: Record<string, string> = {
    cancelled: "Stopped waiting",
    stillStarting: "Still starting after five minutes",
    certificate: "The certificate could not be used",
  };
  const title = titles[problem.kind] ?? "The check did not finish";
  showPanel(
    problem.kind,
    problem.kind === "cancelled" ? "warning" : "error",
    title,
    problem.message,
  );
  announce(`${title}. ${problem.message}`);
}

/** Runs `work` with the step locked and the check button busy; the lock always ends. */
async function whileBusy(message: string, work: () => Promise<void>): Promise<void> {
  if (busy) {
    return;
  }
  busy = true;
  setFieldError(address, undefined);
  address.readOnly = true;
  checkButton.disabled = true;
  continueButton.disabled = true;
  setBusyButton(checkButton, true);
  announce(message, true);
  try {
    await work();
  } catch (error) {
    showProblem(error);
  } finally {
    busy = false;
    address.readOnly = false;
    checkButton.disabled = false;
    setBusyButton(checkButton, false);
    updateContinue();
  }
}

function runCheck(): Promise<void> {
  return whileBusy("Checking the server…", async () => {
    invalidateCheck();
    showResult(await checkServer(address.value));
  });
}

function describeProgress(step: WaitProgress): string {
  const minutes = Math.floor(step.givesUpInSecs / 60);
  const seconds = step.givesUpInSecs % 60;
  return `Still starting: check ${step.attempt}, next check in ${step.nextCheckInSecs} s. Waiting up to ${minutes} min ${seconds} s more.`;
}

function runWait(): Promise<void> {
  return whileBusy("Waiting for the server to start…", async () => {
    showActions(["server-cancel-wait"]);
    progressLine.hidden = false;
    progressLine.textContent = "Waiting for the server to start…";
    byId("server-cancel-wait").focus();
    const settled = await waitForServer(address.value, (step) => {
      progressLine.dataset.attempt = String(step.attempt);
      progressLine.textContent = describeProgress(step);
    });
    showResult(settled);
  });
}

async function chooseCertificate(): Promise<void> {
  const server = lastCheck?.server;
  if (!server) {
    return;
  }
  const path = await pickCaCertificateFile().catch((error: unknown) => {
    showProblem(error);
    return null;
  });
  if (path === null) {
    return;
  }
  await whileBusy("Checking the server with the certificate…", async () => {
    await setCaCertificate(server, path);
    showResult(await checkServer(server));
  });
}

async function forgetCertificate(): Promise<void> {
  const server = lastCheck?.server;
  if (server) {
    await whileBusy("Checking the server…", async () => {
      await forgetCaCertificate(server);
      showResult(await checkServer(server));
    });
  }
}

function editAddress(): void {
  address.focus();
  address.select();
}

export function initServerStep(): void {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void runCheck();
  });
  address.addEventListener("input", () => {
    if (lastCheck !== null || !panel.hidden) {
      invalidateCheck();
    }
    setFieldError(address, undefined);
  });
  consent.addEventListener("change", updateContinue);
  byId("server-retry").addEventListener("click", () => void runCheck());
  byId("server-wait").addEventListener("click", () => void runWait());
  byId("server-cancel-wait").addEventListener("click", () => void cancelWait());
  byId("server-use-https").addEventListener("click", () => {
    if (lastCheck?.suggestion) {
      address.value = lastCheck.suggestion;
      void runCheck();
    }
  });
  byId("server-choose-ca").addEventListener("click", () => void chooseCertificate());
  byId("server-forget-ca").addEventListener("click", () => void forgetCertificate());
  byId("server-edit").addEventListener("click", editAddress);
  byId("server-another").addEventListener("click", () => {
    resetServerStep();
    address.focus();
  });
  continueButton.addEventListener("click", () => {
    if (readyServer() !== null) {
      showStep(2);
    }
  });
}

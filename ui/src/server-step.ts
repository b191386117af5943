// Step 1: the address of the server, and the pre-flight check that it can be set up.

import { asIpcError, checkServer, type ServerCheck, type ServerStateName } from "./api";
import { byId, setBusyButton, setButtonRank, setFieldError } from "./dom";
import { announce, showStep } from "./wizard";

type Tone = "success" | "warning" | "error";

const STATE_LOOK: Record<ServerStateName, { title: string; tone: Tone }> = {
  ready: { title: "Ready to set up", tone: "success" },
  alreadySetUp: { title: "Already set up", tone: "warning" },
  maintenance: { title: "In maintenance mode", tone: "warning" },
  startingUp: { title: "Still starting up", tone: "warning" },
  notInfisical: { title: "Not an Infisical server", tone: "error" },
  unreachable: { title: "Server not reachable", tone: "error" },
};

const form = byId<HTMLFormElement>("server-form");
const address = byId<HTMLInputElement>("server-address");
const checkButton = byId<HTMLButtonElement>("check-server");
const continueButton = byId<HTMLButtonElement>("to-admin");
const panel = byId("server-status");

/** The last check, kept only while the address field still holds what was checked. */
let lastCheck: ServerCheck | null = null;
let checking = false;

/** The normalized address to set up, or null unless the last check found it ready. */
export function readyServer(): string | null {
  return lastCheck?.state === "ready" ? lastCheck.server : null;
}

/** Forgets the last check, e.g. after the address changed or the server turned out set up. */
export function invalidateCheck(): void {
  lastCheck = null;
  panel.hidden = true;
  panel.dataset.state = "";
  continueButton.hidden = true;
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

function showPanel(state: string, tone: Tone, title: string, text: string, server?: string): void {
  panel.dataset.state = state;
  panel.dataset.tone = tone;
  byId("server-status-title").textContent = title;
  byId("server-status-text").textContent = text;
  byId("server-status-details").hidden = server === undefined;
  byId("server-status-address").textContent = server ?? "";
  panel.hidden = false;
}

function showResult(check: ServerCheck): void {
  const look = STATE_LOOK[check.state];
  showPanel(check.state, look.tone, look.title, check.explanation, check.server);
  const ready = check.state === "ready";
  continueButton.hidden = !ready;
  setButtonRank(checkButton, ready ? "secondary" : "primary");
  announce(`${look.title}. ${check.explanation}`);
}

async function runCheck(): Promise<void> {
  if (checking) {
    return;
  }
  checking = true;
  invalidateCheck();
  setFieldError(address, undefined);
  address.readOnly = true;
  checkButton.disabled = true;
  continueButton.disabled = true;
  setBusyButton(checkButton, true);
  announce("Checking the server…", true);
  try {
    lastCheck = await checkServer(address.value);
    showResult(lastCheck);
  } catch (error) {
    const problem = asIpcError(error);
    if (problem.kind === "invalidAddress" || problem.field === "server") {
      setFieldError(address, problem.message);
      announce("");
    } else {
      showPanel("error", "error", "The check did not finish", problem.message);
      announce(`The check did not finish. ${problem.message}`);
    }
  } finally {
    checking = false;
    address.readOnly = false;
    checkButton.disabled = false;
    continueButton.disabled = false;
    setBusyButton(checkButton, false);
    if (address.getAttribute("aria-invalid") === "true") {
      address.focus();
    }
  }
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
  continueButton.addEventListener("click", () => {
    if (readyServer() !== null) {
      showStep(2);
    }
  });
}

// Step 4: what was created, where the token went, and the way back to a fresh start.

import { asIpcError, copyToken, startOver, type Finished } from "./api";
import {
  clearCustody,
  initCustody,
  setStatus,
  showCustody,
  showVerification,
  tokenIsKept,
} from "./custody-ui";
import { resetAdminStep } from "./admin-step";
import { byId } from "./dom";
import { resetServerStep } from "./server-step";
import { announce, showStep } from "./wizard";

const copyButton = byId<HTMLButtonElement>("copy-token");
const startOverButton = byId<HTMLButtonElement>("start-over");
const confirmPanel = byId("start-over-confirm");

/** Fills the step from the backend's answer. The token is shown only if it was not saved. */
export function showFinished(finished: Finished): void {
  byId("done-organization-name").textContent = finished.organizationName;
  byId("done-organization-slug").textContent = finished.organizationSlug;
  byId("done-identity").textContent = finished.identityName;
  byId("done-email").textContent = finished.adminEmail;
  byId("done-server").textContent = finished.server;
  byId("done-expiry").textContent = finished.expiresAt
    ? new Date(finished.expiresAt).toLocaleString()
    : "Never (the token carries no expiry)";
  showCustody(finished.custody, finished.token);
  showVerification(finished);
  setStatus("");
  confirmPanel.hidden = true;
}

async function copy(): Promise<void> {
  copyButton.disabled = true;
  setStatus("");
  try {
    await copyToken();
    setStatus("Token copied to the clipboard.", "success");
  } catch (error) {
    setStatus(asIpcError(error).message, "error");
  } finally {
    copyButton.disabled = false;
  }
}

/** Forgets everything about this run and opens step 1 with an empty address. */
async function restart(): Promise<void> {
  startOverButton.disabled = true;
  try {
    await startOver();
  } catch (error) {
    // The backend keeps nothing a new run depends on, so the page still starts afresh.
    announce(`The last setup could not be cleared: ${asIpcError(error).message}`);
  } finally {
    startOverButton.disabled = false;
  }
  clearCustody();
  confirmPanel.hidden = true;
  resetServerStep();
  resetAdminStep();
  showStep(1);
}

export function initDoneStep(): void {
  initCustody();
  copyButton.addEventListener("click", () => void copy());
  const tokenText = byId<HTMLTextAreaElement>("token-text");
  tokenText.addEventListener("focus", () => tokenText.select());
  startOverButton.addEventListener("click", () => {
    if (tokenIsKept()) {
      void restart();
    } else {
      confirmPanel.hidden = false;
      confirmPanel.focus();
    }
  });
  byId("cancel-start-over").addEventListener("click", () => {
    confirmPanel.hidden = true;
    copyButton.focus();
  });
  byId("confirm-start-over").addEventListener("click", () => void restart());
  byId("done-form").addEventListener("submit", (event) => event.preventDefault());
}

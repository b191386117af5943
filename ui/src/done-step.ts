// Step 4: what was created, where the token went, and the way back to a fresh start.

import { asIpcError, copyToken, startOver, type Finished } from "./api";
import { resetAdminStep } from "./admin-step";
import { byId } from "./dom";
import { resetServerStep } from "./server-step";
import { announce, showStep } from "./wizard";

const custodyPanel = byId("done-custody");
const tokenField = byId("token-field");
const tokenText = byId<HTMLTextAreaElement>("token-text");
const copyButton = byId<HTMLButtonElement>("copy-token");
const copyStatus = byId("copy-status");
const startOverButton = byId<HTMLButtonElement>("start-over");
const confirmPanel = byId("start-over-confirm");

let tokenIsSaved = true;

function setCopyStatus(text: string, tone: "success" | "error" | "" = ""): void {
  copyStatus.textContent = text;
  copyStatus.dataset.tone = tone;
}

/** Fills the step from the backend's answer. The token is shown only if it was not saved. */
export function showFinished(finished: Finished): void {
  byId("done-organization-name").textContent = finished.organizationName;
  byId("done-organization-slug").textContent = finished.organizationSlug;
  byId("done-identity").textContent = finished.identityName;
  byId("done-email").textContent = finished.adminEmail;
  byId("done-server").textContent = finished.server;

  const custody = finished.custody;
  custodyPanel.dataset.status = custody.status;
  tokenIsSaved = custody.status === "saved";
  const account = byId("done-custody-account");
  if (custody.status === "saved") {
    custodyPanel.dataset.tone = "success";
    byId("done-custody-title").textContent = "Token saved";
    byId("done-custody-text").textContent = `The token is saved in ${custody.location}.`;
    account.textContent = `Account: ${custody.account}`;
    account.hidden = false;
  } else {
    custodyPanel.dataset.tone = "error";
    byId("done-custody-title").textContent = "Copy the token now";
    byId("done-custody-text").textContent =
      `The token is NOT saved: ${custody.reason}. ` +
      "Copy it now and keep it somewhere safe; it cannot be fetched again.";
    account.textContent = "";
    account.hidden = true;
  }
  tokenText.value = finished.token ?? "";
  tokenField.hidden = !finished.token;
  setCopyStatus("");
  confirmPanel.hidden = true;
}

async function copy(): Promise<void> {
  copyButton.disabled = true;
  setCopyStatus("");
  try {
    await copyToken();
    setCopyStatus("Token copied to the clipboard.", "success");
  } catch (error) {
    setCopyStatus(asIpcError(error).message, "error");
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
  tokenText.value = "";
  tokenField.hidden = true;
  confirmPanel.hidden = true;
  setCopyStatus("");
  resetServerStep();
  resetAdminStep();
  showStep(1);
}

export function initDoneStep(): void {
  copyButton.addEventListener("click", () => void copy());
  tokenText.addEventListener("focus", () => tokenText.select());
  startOverButton.addEventListener("click", () => {
    if (tokenIsSaved) {
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

// The token's fate on the Done step: where it is kept, and the ways to keep it when the
// keychain refused it (copy, retry the keychain, or a private file), plus the guard that
// asks before the window closes with the token only in memory.

import {
  asIpcError,
  closeWindow,
  onCloseRequested,
  retrySave,
  saveTokenToFile,
  type Custody,
  type Finished,
} from "./api";
import { byId, setBusyButton } from "./dom";

const panel = byId("done-custody");
const tokenField = byId("token-field");
const tokenText = byId<HTMLTextAreaElement>("token-text");
const status = byId("copy-status");
const retryButton = byId<HTMLButtonElement>("retry-save");
const fileButton = byId<HTMLButtonElement>("save-file");
const fileConfirm = byId("save-file-confirm");
const closeConfirm = byId("close-confirm");

/** Whether the token is kept somewhere outside this window (keychain or file). */
let kept = true;

/** Whether the token is safe outside this window. */
export function tokenIsKept(): boolean {
  return kept;
}

/** A short result next to the token's buttons. */
export function setStatus(text: string, tone: "success" | "error" | "" = ""): void {
  status.textContent = text;
  status.dataset.tone = tone;
}

/** Shows where the token is kept, and the fallbacks when it is nowhere yet. */
export function showCustody(custody: Custody, token: string | undefined): void {
  panel.dataset.status = custody.status;
  kept = custody.status === "saved";
  const account = byId("done-custody-account");
  if (custody.status === "saved") {
    panel.dataset.tone = "success";
    byId("done-custody-title").textContent = "Token saved";
    byId("done-custody-text").textContent = `The token is saved in ${custody.location}.`;
    account.textContent = `Account: ${custody.account}`;
    account.hidden = false;
  } else {
    panel.dataset.tone = "error";
    byId("done-custody-title").textContent = "The token is not saved: keep it now";
    byId("done-custody-text").textContent =
      `The keychain did not take the token: ${custody.reason}. ` +
      "Copy it, retry the keychain, or save it to a file: it can never be fetched again.";
    account.textContent = "";
    account.hidden = true;
  }
  if (token !== undefined) {
    tokenText.value = token;
  }
  tokenField.hidden = kept || tokenText.value === "";
  retryButton.hidden = kept;
  fileButton.hidden = kept;
  fileConfirm.hidden = true;
}

/** Shows whether the server accepts the new token. */
export function showVerification(finished: Finished): void {
  const box = byId("done-verification");
  const check = finished.verification;
  box.dataset.result = check.result;
  box.dataset.tone = check.result === "accepted" ? "success" : "warning";
  byId("done-verification-title").textContent =
    check.result === "accepted"
      ? "The server accepts the token"
      : check.result === "exceededMaxAge"
        ? "The server rejects its own new token"
        : check.result === "rejected"
          ? "The server refused the token"
          : "The token could not be checked";
  byId("done-verification-text").textContent = finished.verificationExplanation;
  box.hidden = false;
}

/** Forgets the token shown in the page. */
export function clearCustody(): void {
  tokenText.value = "";
  tokenField.hidden = true;
  kept = true;
  fileConfirm.hidden = true;
  closeConfirm.hidden = true;
  setStatus("");
}

async function retry(): Promise<void> {
  setBusyButton(retryButton, true);
  retryButton.disabled = true;
  try {
    const custody = await retrySave();
    showCustody(custody, undefined);
    setStatus(
      custody.status === "saved" ? "Saved in the keychain." : "The keychain still refused it.",
      custody.status === "saved" ? "success" : "error",
    );
  } catch (error) {
    setStatus(asIpcError(error).message, "error");
  } finally {
    setBusyButton(retryButton, false);
    retryButton.disabled = false;
  }
}

async function saveFile(): Promise<void> {
  fileConfirm.hidden = true;
  fileButton.disabled = true;
  try {
    const saved = await saveTokenToFile();
    if (saved) {
      kept = true;
      setStatus(`Saved to ${saved.path}, readable only by you.`, "success");
    } else {
      setStatus("Nothing was saved.");
    }
  } catch (error) {
    setStatus(asIpcError(error).message, "error");
  } finally {
    fileButton.disabled = false;
  }
}

export function initCustody(): void {
  retryButton.addEventListener("click", () => void retry());
  fileButton.addEventListener("click", () => {
    fileConfirm.hidden = false;
    fileConfirm.focus();
  });
  byId("cancel-save-file").addEventListener("click", () => {
    fileConfirm.hidden = true;
    fileButton.focus();
  });
  byId("confirm-save-file").addEventListener("click", () => void saveFile());
  byId("cancel-close").addEventListener("click", () => {
    closeConfirm.hidden = true;
  });
  byId("confirm-close").addEventListener("click", () => void closeWindow());
  void onCloseRequested(() => {
    closeConfirm.hidden = false;
    closeConfirm.focus();
  });
}

// The bar under the instance list while a token is on the clipboard: a countdown to the
// backend's automatic clear, and "Clear now".

import { asIpcError, clearClipboard, onClipboardCleared } from "./api";
import { byId } from "./dom";

const bar = byId("clipboard-bar");
const label = byId("clipboard-text");
const clearButton = byId<HTMLButtonElement>("clear-clipboard");
let timer: number | undefined;
let remaining = 0;
let what = "";

function show(state: "counting" | "cleared" | "kept", message: string): void {
  bar.hidden = false;
  bar.dataset.state = state;
  label.textContent = message;
  clearButton.hidden = state !== "counting";
}

function stop(): void {
  window.clearInterval(timer);
  timer = undefined;
}

function tick(): void {
  remaining = Math.max(0, remaining - 1);
  if (remaining > 0) {
    label.textContent = `${what} copied. The clipboard clears in ${remaining} s.`;
  } else {
    stop();
  }
}

/** Starts the countdown for a copy the backend confirmed. `name` says whose token it is. */
export function startCountdown(name: string, seconds: number): void {
  stop();
  what = `Token of ${name}`;
  remaining = seconds;
  show("counting", `${what} copied. The clipboard clears in ${remaining} s.`);
  timer = window.setInterval(tick, 1000);
}

async function clearNow(): Promise<void> {
  clearButton.disabled = true;
  try {
    const cleared = await clearClipboard();
    stop();
    show(
      cleared ? "cleared" : "kept",
      cleared
        ? "Clipboard cleared."
        : "The clipboard holds something else now, so it was left alone.",
    );
  } catch (error) {
    label.textContent = asIpcError(error).message;
  } finally {
    clearButton.disabled = false;
  }
}

export function initClipboardBar(): void {
  clearButton.addEventListener("click", () => void clearNow());
  void onClipboardCleared((cleared) => {
    stop();
    show(
      cleared ? "cleared" : "kept",
      cleared
        ? "Clipboard cleared: the token is no longer on it."
        : "The clipboard holds something else now, so it was left alone.",
    );
  });
}

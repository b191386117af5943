// The frame around the steps: which one is shown, the step indicator, and the status line.

import { byId } from "./dom";

export type StepNumber = 1 | 2 | 3 | 4;

const STEP_COUNT = 4;
const STEP_TITLES: Record<StepNumber, string> = {
  1: "Server",
  2: "Admin & organization",
  3: "Review & run",
  4: "Done",
};
const APP_TITLE = "Infisical Bootstrap Wizard";

type EnterHook = () => void;
const enterHooks = new Map<StepNumber, EnterHook[]>();
let current: StepNumber = 1;

/** Runs `hook` each time `step` is shown, before focus moves to its heading. */
export function onEnter(step: StepNumber, hook: EnterHook): void {
  enterHooks.set(step, [...(enterHooks.get(step) ?? []), hook]);
}

export function currentStep(): StepNumber {
  return current;
}

/**
 * Shows one step, updates the indicator and moves focus to the step's heading, or to
 * `focusTarget` when the caller knows better (e.g. a field that needs fixing).
 */
export function showStep(step: StepNumber, focusTarget?: HTMLElement): void {
  current = step;
  for (const section of document.querySelectorAll<HTMLElement>("section.step")) {
    section.hidden = section.dataset.step !== String(step);
  }
  renderIndicator(step);
  for (const hook of enterHooks.get(step) ?? []) {
    hook();
  }
  document.title = `${STEP_TITLES[step]} · ${APP_TITLE}`;
  window.scrollTo({ top: 0 });
  const heading = document.querySelector<HTMLElement>(`section.step[data-step="${step}"] h2`);
  (focusTarget ?? heading)?.focus();
}

function renderIndicator(step: StepNumber): void {
  byId("step-count").textContent = `Step ${step} of ${STEP_COUNT}`;
  for (const item of byId("stepper").querySelectorAll<HTMLLIElement>("li")) {
    const n = Number(item.dataset.step);
    const state = n < step ? "done" : n === step ? "current" : "upcoming";
    item.dataset.state = state;
    if (state === "current") {
      item.setAttribute("aria-current", "step");
    } else {
      item.removeAttribute("aria-current");
    }
    const dot = item.querySelector(".step-dot");
    if (dot) {
      dot.textContent = state === "done" ? "✓" : String(n);
    }
    const label = item.querySelector(".step-state");
    if (label) {
      label.textContent =
        state === "done" ? " (completed)" : state === "current" ? " (current step)" : "";
    }
  }
}

/**
 * Puts a short status in the polite live region. `busy` adds a spinner beside it.
 * The text is cleared first so that the same message is announced again when repeated.
 */
let pendingAnnouncement: number | undefined;

export function announce(text: string, busy = false): void {
  const status = byId("live-status");
  window.clearTimeout(pendingAnnouncement);
  status.textContent = "";
  status.classList.toggle("is-busy", busy && text !== "");
  if (text) {
    pendingAnnouncement = window.setTimeout(() => {
      status.textContent = text;
    }, 30);
  }
}

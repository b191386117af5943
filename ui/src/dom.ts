// Small DOM helpers shared by the steps. They keep the ARIA wiring in one place.

/** The element with `id`; the markup in index.html guarantees it exists. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`The page has no element #${id}`);
  }
  return element as T;
}

/** Adds or removes one id in an element's aria-describedby list, keeping the others. */
export function toggleDescription(element: HTMLElement, id: string, on: boolean): void {
  const ids = (element.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  const others = ids.filter((other) => other !== id);
  // An error is read before the hint, so it goes first.
  const next = on ? [id, ...others] : others;
  if (next.length > 0) {
    element.setAttribute("aria-describedby", next.join(" "));
  } else {
    element.removeAttribute("aria-describedby");
  }
}

/**
 * Shows `message` under a field (in the element `<field id>-error`), or clears it when
 * there is none, and keeps aria-invalid and aria-describedby in step.
 */
export function setFieldError(input: HTMLElement, message: string | undefined): void {
  const error = byId(`${input.id}-error`);
  const text = message ?? "";
  if (error.textContent !== text) {
    error.textContent = text;
  }
  error.hidden = text === "";
  if (text) {
    input.setAttribute("aria-invalid", "true");
  } else {
    input.removeAttribute("aria-invalid");
  }
  toggleDescription(input, error.id, text !== "");
}

/** Disables or enables a set of buttons together. */
export function setDisabled(buttons: HTMLButtonElement[], disabled: boolean): void {
  for (const button of buttons) {
    button.disabled = disabled;
  }
}

/** Marks a button as the one doing the work: disabled, with a spinner, aria-busy. */
export function setBusyButton(button: HTMLButtonElement, busy: boolean): void {
  button.classList.toggle("is-busy", busy);
  if (busy) {
    button.setAttribute("aria-busy", "true");
  } else {
    button.removeAttribute("aria-busy");
  }
}

/** Switches a button between the primary and secondary look. */
export function setButtonRank(button: HTMLButtonElement, rank: "primary" | "secondary"): void {
  button.classList.toggle("btn-primary", rank === "primary");
  button.classList.toggle("btn-secondary", rank === "secondary");
}

/** Resolves once the page as it is now has been painted: after the next frame, not before. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

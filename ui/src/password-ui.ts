// The helpers around the password fields: live rule hints, the Caps Lock warning and the
// show/hide toggle. Nothing here reads the passwords: the rules and whether each is met
// come from the backend's validation.

import type { PasswordRule } from "./api";
import { byId, toggleDescription } from "./dom";

const rulesList = byId<HTMLUListElement>("password-rules");
const toggle = byId<HTMLButtonElement>("toggle-password");
const toggleLabel = byId("toggle-password-label");
const passwordInputs = [
  byId<HTMLInputElement>("password"),
  byId<HTMLInputElement>("confirm-password"),
];

/**
 * Ticks each rule of the password policy: "✓" when met, "•" while not yet. While the
 * password is empty no rule is ticked: "no spaces at the ends" is true but not yet earned.
 */
export function renderRules(rules: PasswordRule[], passwordTyped: boolean): void {
  const items = new Map<string, HTMLLIElement>();
  for (const item of rulesList.querySelectorAll<HTMLLIElement>("li")) {
    items.set(item.dataset.rule ?? "", item);
  }
  for (const rule of rules) {
    let item = items.get(rule.id);
    if (!item) {
      item = createRuleItem(rule.id);
      rulesList.append(item);
    }
    items.delete(rule.id);
    const met = rule.met && passwordTyped;
    item.dataset.met = String(met);
    setText(item, ".rule-mark", met ? "✓" : "•");
    setText(item, ".rule-label", rule.label);
    setText(item, ".rule-state", met ? " (met)" : " (not yet met)");
  }
  for (const stale of items.values()) {
    stale.remove();
  }
}

function createRuleItem(id: string): HTMLLIElement {
  const item = document.createElement("li");
  item.dataset.rule = id;
  const mark = document.createElement("span");
  mark.className = "rule-mark";
  mark.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "rule-label";
  const state = document.createElement("span");
  state.className = "rule-state visually-hidden";
  item.append(mark, label, state);
  return item;
}

function setText(parent: Element, selector: string, text: string): void {
  const element = parent.querySelector(selector);
  if (element && element.textContent !== text) {
    element.textContent = text;
  }
}

/** Shows the passwords as plain text or hides them again; both fields move together. */
export function setPasswordsVisible(visible: boolean): void {
  for (const input of passwordInputs) {
    input.type = visible ? "text" : "password";
  }
  toggleLabel.textContent = visible ? "Hide" : "Show";
}

function watchCapsLock(input: HTMLInputElement): void {
  const warning = byId(`${input.id}-caps`);
  const update = (on: boolean): void => {
    warning.hidden = !on;
    toggleDescription(input, warning.id, on);
  };
  const check = (event: KeyboardEvent): void => {
    // Some keys (e.g. dead keys) report no modifier state at all.
    if (typeof event.getModifierState === "function") {
      update(event.getModifierState("CapsLock"));
    }
  };
  input.addEventListener("keydown", check);
  input.addEventListener("keyup", check);
  input.addEventListener("blur", () => update(false));
}

export function initPasswordUi(): void {
  toggle.addEventListener("click", () => {
    setPasswordsVisible(passwordInputs[0].type === "password");
  });
  for (const input of passwordInputs) {
    watchCapsLock(input);
  }
}

// The home screen: the instances set up so far, one row each, and the way to a new setup.
// Shown at launch when the history is not empty. The actions on a row are in home-actions.ts.

import { resetAdminStep } from "./admin-step";
import { asIpcError, listInstances, startOver, type Instance, type Overview } from "./api";
import { clearCustody } from "./custody-ui";
import { byId } from "./dom";
import { bindRowActions } from "./home-actions";
import { initClipboardBar } from "./clipboard-bar";
import { resetServerStep } from "./server-step";
import { currentStep, showStep } from "./wizard";

const home = byId("home");
const wizard = byId("wizard");
const list = byId<HTMLUListElement>("instance-list");
const toHome = byId<HTMLButtonElement>("to-home");
let lastOverview: Overview = { instances: [] };

/** Formats an RFC 3339 date for people, or says it is unknown. */
export function formatDate(value: string | undefined): string {
  return value ? new Date(value).toLocaleString() : "unknown";
}

function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = content;
  return element;
}

function button(className: string, label: string, rank = "btn-secondary"): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `btn ${rank} btn-small ${className}`;
  element.textContent = label;
  return element;
}

function tokenNote(instance: Instance): HTMLElement | undefined {
  switch (instance.token.status) {
    case "missing":
      return text("p", "instance-flag", "Token missing from the keychain");
    case "unreadable":
      return text("p", "instance-flag", `The keychain could not be read: ${instance.token.reason}`);
    case "present":
      return undefined;
  }
}

function row(instance: Instance): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "instance";
  item.dataset.server = instance.server;
  item.dataset.organizationId = instance.organizationId;
  item.dataset.token = instance.token.status;
  item.dataset.stale = String(instance.stale);

  const head = document.createElement("div");
  head.className = "instance-head";
  const title = text("h3", "instance-title", instance.organizationName);
  title.append(" ", text("span", "slug mono", instance.organizationSlug));
  head.append(title);
  if (instance.stale) {
    head.append(text("span", "badge badge-stale", "Stale"));
  }
  item.append(head, text("p", "instance-server mono", instance.server));

  const expiry = instance.tokenExpiresAt
    ? `token expires ${formatDate(instance.tokenExpiresAt)}`
    : "token never expires";
  item.append(
    text(
      "p",
      "instance-meta",
      `Set up ${formatDate(instance.setUpAt)} by ${instance.adminEmail} · ${expiry}`,
    ),
  );
  if (instance.stale) {
    item.append(
      text(
        "p",
        "instance-note",
        "A later setup of this server replaced this instance, so this token probably no longer works.",
      ),
    );
  }
  const note = tokenNote(instance);
  if (note) {
    item.append(note);
  }

  const usable = instance.token.status === "present";
  const actions = document.createElement("div");
  actions.className = "instance-actions";
  const copy = button("copy-token", "Copy token", "btn-primary");
  const reveal = button("reveal-token", "Reveal");
  const check = button("check-token", "Check token");
  for (const needsToken of [copy, reveal, check]) {
    needsToken.disabled = !usable;
  }
  actions.append(copy, reveal, check, button("open-instance", "Open"), button("forget", "Forget"));
  item.append(actions);

  const revealed = text("code", "instance-token mono", "");
  revealed.hidden = true;
  const status = text("p", "instance-status", "");
  status.setAttribute("role", "status");
  item.append(revealed, status);
  bindRowActions(item, instance, refreshHome);
  return item;
}

function render(overview: Overview): void {
  lastOverview = overview;
  list.replaceChildren(...overview.instances.map(row));
  const notice = byId("home-notice");
  notice.hidden = !overview.setAside;
  byId("home-notice-text").textContent = overview.setAside
    ? `${overview.setAside.charAt(0).toUpperCase()}${overview.setAside.slice(1)}.`
    : "";
  toHome.hidden = overview.instances.length === 0;
}

/** Reads the history again and redraws the list. Shows the wizard when it became empty. */
export async function refreshHome(): Promise<void> {
  try {
    render(await listInstances());
  } catch (error) {
    byId("home-status").textContent = asIpcError(error).message;
  }
  if (!home.hidden && lastOverview.instances.length === 0) {
    startNewSetup();
  }
}

/** Shows the home screen and moves focus to its heading. */
export async function showHome(): Promise<void> {
  await refreshHome();
  if (lastOverview.instances.length === 0) {
    return;
  }
  wizard.hidden = true;
  home.hidden = false;
  document.title = "Your instances · Infisical Bootstrap Wizard";
  toHome.hidden = true;
  byId("home-heading").focus();
}

/** Opens the wizard at step 1, with the last admin email and organization as suggestions. */
export function startNewSetup(): void {
  home.hidden = true;
  wizard.hidden = false;
  toHome.hidden = lastOverview.instances.length === 0;
  if (currentStep() !== 1) {
    // A finished or half-done run is left behind; its kept token stays in the keychain.
    void startOver().catch(() => undefined);
    clearCustody();
    resetServerStep();
    resetAdminStep();
  }
  const suggestion = lastOverview.suggestion;
  if (suggestion) {
    const email = byId<HTMLInputElement>("email");
    const organization = byId<HTMLInputElement>("organization");
    email.value = email.value || suggestion.adminEmail;
    organization.value = organization.value || suggestion.organizationName;
  }
  showStep(1, byId("server-address"));
}

/**
 * Opens the home screen when there is a history, else the wizard. `canLeaveWizard` says
 * whether the wizard may be left now (not while a token exists only on the Done step).
 */
export async function initHome(canLeaveWizard: () => boolean): Promise<void> {
  initClipboardBar();
  byId("new-instance").addEventListener("click", startNewSetup);
  toHome.addEventListener("click", () => {
    if (currentStep() === 4 && !canLeaveWizard()) {
      byId("live-status").textContent =
        "Copy the token or save it to a file before you leave this page: it is not in your keychain.";
      return;
    }
    void showHome();
  });
  await showHome();
  if (home.hidden) {
    startNewSetup();
  }
}

// How each server state looks: its title and tone, and which details and actions it shows.

import type { ServerCheck, ServerStateName } from "./api";
import { byId } from "./dom";

export type Tone = "success" | "warning" | "error";

export const STATE_LOOK: Record<ServerStateName, { title: string; tone: Tone }> = {
  ready: { title: "Ready to set up", tone: "success" },
  alreadySetUp: { title: "Already set up", tone: "warning" },
  startingUp: { title: "Still starting up", tone: "warning" },
  maintenance: { title: "In maintenance mode", tone: "warning" },
  notInfisicalPage: { title: "Not Infisical: a web page", tone: "error" },
  notInfisicalApi: { title: "Not Infisical's API", tone: "error" },
  redirect: { title: "The server redirects", tone: "warning" },
  dnsFailure: { title: "Name not found", tone: "error" },
  connectionRefused: { title: "Connection refused", tone: "error" },
  timeout: { title: "No answer in time", tone: "error" },
  tlsFailure: { title: "Secure connection failed", tone: "error" },
  unreachable: { title: "Server not reachable", tone: "error" },
};

const TLS_TITLES: Record<string, string> = {
  unknownIssuer: "Certificate not trusted",
  expired: "Certificate expired",
  nameMismatch: "Certificate for another name",
};

/** The panel title for a check, more precise for certificate problems. */
export function titleOf(check: ServerCheck): string {
  if (check.state === "tlsFailure" && check.tlsKind && TLS_TITLES[check.tlsKind]) {
    return TLS_TITLES[check.tlsKind];
  }
  return STATE_LOOK[check.state].title;
}

/** Shows or hides one detail row (its dt and dd) and sets its value. */
export function setDetail(name: string, value: string | null | undefined): void {
  const rows = document.querySelectorAll<HTMLElement>(
    `#server-status-details [data-detail="${name}"]`,
  );
  for (const row of rows) {
    row.hidden = !value;
    if (row.tagName === "DD") {
      row.textContent = value ?? "";
    }
  }
}

/** The action buttons of the server panel, by the id of their element. */
export const ACTIONS = [
  "server-retry",
  "server-wait",
  "server-cancel-wait",
  "server-use-https",
  "server-choose-ca",
  "server-forget-ca",
  "server-edit",
  "server-another",
] as const;

export type Action = (typeof ACTIONS)[number];

/** Shows exactly the given actions, and hides the row when there are none. */
export function showActions(visible: Action[]): void {
  for (const id of ACTIONS) {
    byId(id).hidden = !visible.includes(id);
  }
  byId("server-actions").hidden = visible.length === 0;
}

/** The actions a check offers, from its next step and what the app knows. */
export function actionsFor(check: ServerCheck): Action[] {
  const actions: Action[] = [];
  switch (check.nextStep) {
    case "retry":
      actions.push("server-retry");
      break;
    case "wait":
      actions.push("server-wait", "server-retry");
      break;
    case "useHttps":
      actions.push("server-use-https", "server-edit");
      break;
    case "addCertificate":
      actions.push("server-choose-ca", "server-edit");
      break;
    case "fixAddress":
      actions.push("server-edit", "server-retry");
      break;
    case "setUpAnother":
      actions.push("server-another");
      break;
    case "continue":
      break;
  }
  if (check.caCertificate) {
    actions.push("server-forget-ca");
  }
  return actions;
}

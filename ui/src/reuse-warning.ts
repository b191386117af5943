// Before a setup of an address this app already holds a token for: say that the old
// instance will be replaced and its token go stale, and let the person keep both (the
// default) or forget the old one once the new setup has succeeded.

import { asIpcError, forgetInstance, instancesOfServer, type InstanceRecord } from "./api";
import { byId } from "./dom";
import { formatDate, refreshHome } from "./home";
import { announce, onEnter } from "./wizard";

const panel = byId("reuse-warning");
const forgetNote = byId("reuse-forget-note");
let older: InstanceRecord[] = [];

function choice(): "keep" | "forget" {
  const checked = panel.querySelector<HTMLInputElement>("input[name='reuse']:checked");
  return checked?.value === "forget" ? "forget" : "keep";
}

async function onReview(): Promise<void> {
  const server = byId("review-server").textContent ?? "";
  older = [];
  panel.hidden = true;
  if (!server) {
    return;
  }
  try {
    older = await instancesOfServer(server);
  } catch {
    return;
  }
  const newest = older[older.length - 1];
  if (!newest) {
    return;
  }
  byId("reuse-title").textContent =
    `This app already holds a token for ${server} from ${formatDate(newest.setUpAt)}.`;
  byId("reuse-text").textContent =
    "A new setup replaces that instance (after a server reset, say), so the old token will " +
    "stop working. Its keychain entry is kept apart from the new one and marked stale.";
  panel.hidden = false;
}

async function onDone(): Promise<void> {
  const server = byId("done-server").textContent ?? "";
  const stale = older.filter((record) => record.server === server);
  older = [];
  if (choice() === "forget" && stale.length > 0) {
    try {
      for (const record of stale) {
        await forgetInstance({ server: record.server, organizationId: record.organizationId });
      }
      announce("The old token of this server was forgotten, as you asked.");
    } catch (error) {
      announce(`The old token could not be forgotten: ${asIpcError(error).message}`);
    }
  }
  await refreshHome();
}

export function initReuseWarning(): void {
  for (const radio of panel.querySelectorAll<HTMLInputElement>("input[name='reuse']")) {
    radio.addEventListener("change", () => {
      forgetNote.hidden = choice() !== "forget";
    });
  }
  onEnter(3, () => void onReview());
  onEnter(4, () => void onDone());
}

// What the buttons of one instance row do: copy, reveal, check, open and forget. Every call
// names the instance by server and organization id; the backend finds its keychain entry.

import {
  asIpcError,
  checkInstanceToken,
  copyInstanceToken,
  forgetInstance,
  openInstance,
  revealInstanceToken,
  type Instance,
  type InstanceId,
  type IpcError,
} from "./api";
import { startCountdown } from "./clipboard-bar";

/** How long a revealed token stays on screen. */
const REVEAL_MS = 5000;

function part<T extends HTMLElement>(item: HTMLElement, selector: string): T {
  const element = item.querySelector<T>(selector);
  if (!element) {
    throw new Error(`The instance row has no ${selector}`);
  }
  return element;
}

/** Runs `work` with `button` disabled, and shows a failure on the row's status line. */
async function busy(
  item: HTMLElement,
  button: HTMLButtonElement,
  work: () => Promise<void>,
  onError?: (error: IpcError) => void,
): Promise<void> {
  const status = part(item, ".instance-status");
  button.disabled = true;
  status.dataset.tone = "";
  status.textContent = "";
  try {
    await work();
  } catch (error) {
    const problem = asIpcError(error);
    status.dataset.tone = "error";
    status.textContent = problem.message;
    onError?.(problem);
  } finally {
    button.disabled = false;
  }
}

function say(item: HTMLElement, message: string, tone: "success" | "error" | ""): void {
  const status = part(item, ".instance-status");
  status.dataset.tone = tone;
  status.textContent = message;
}

function confirmForget(
  item: HTMLElement,
  instance: Instance,
  id: InstanceId,
  refresh: () => Promise<void>,
): void {
  item.querySelector(".forget-confirm")?.remove();
  const panel = document.createElement("div");
  panel.className = "panel forget-confirm";
  panel.dataset.tone = "warning";
  panel.setAttribute("role", "group");
  panel.tabIndex = -1;
  const title = document.createElement("p");
  title.className = "panel-title";
  title.textContent = `Forget ${instance.organizationName} at ${instance.server}?`;
  const body = document.createElement("p");
  body.textContent =
    "Its token is deleted from your keychain and the instance leaves this list. " +
    "Copy the token first if you still need it. The server itself is not changed.";
  const actions = document.createElement("div");
  actions.className = "panel-actions";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "btn btn-secondary btn-small forget-cancel";
  cancel.textContent = "Keep it";
  const confirm = document.createElement("button");
  confirm.type = "button";
  confirm.className = "btn btn-danger btn-small forget-confirm-button";
  confirm.textContent = "Forget instance";
  actions.append(cancel, confirm);
  panel.append(title, body, actions);
  item.append(panel);
  panel.focus();
  cancel.addEventListener("click", () => {
    panel.remove();
    part<HTMLButtonElement>(item, ".forget").focus();
  });
  confirm.addEventListener(
    "click",
    () =>
      void busy(item, confirm, async () => {
        await forgetInstance(id);
        await refresh();
      }),
  );
}

/** Wires the buttons of `item`, the row of `instance`. `refresh` redraws the list. */
export function bindRowActions(
  item: HTMLElement,
  instance: Instance,
  refresh: () => Promise<void>,
): void {
  const id: InstanceId = { server: instance.server, organizationId: instance.organizationId };
  const onMissing = (error: IpcError): void => {
    if (error.kind === "tokenMissing" || error.kind === "unknownInstance") {
      void refresh();
    }
  };

  const copy = part<HTMLButtonElement>(item, ".copy-token");
  copy.addEventListener(
    "click",
    () =>
      void busy(
        item,
        copy,
        async () => {
          const copied = await copyInstanceToken(id);
          say(item, "Token copied to the clipboard.", "success");
          startCountdown(instance.organizationName, copied.clearAfterSeconds);
        },
        onMissing,
      ),
  );

  const reveal = part<HTMLButtonElement>(item, ".reveal-token");
  const shown = part(item, ".instance-token");
  reveal.addEventListener(
    "click",
    () =>
      void busy(
        item,
        reveal,
        async () => {
          const { token } = await revealInstanceToken(id);
          shown.textContent = token;
          shown.hidden = false;
          say(item, "The token is shown for 5 seconds.", "");
          window.setTimeout(() => {
            shown.textContent = "";
            shown.hidden = true;
            say(item, "The token is hidden again.", "");
          }, REVEAL_MS);
        },
        onMissing,
      ),
  );

  const check = part<HTMLButtonElement>(item, ".check-token");
  check.addEventListener(
    "click",
    () =>
      void busy(
        item,
        check,
        async () => {
          say(item, "Asking the server…", "");
          const checked = await checkInstanceToken(id);
          say(item, checked.explanation, checked.result === "accepted" ? "success" : "error");
          item.dataset.check = checked.result;
        },
        onMissing,
      ),
  );

  const open = part<HTMLButtonElement>(item, ".open-instance");
  open.addEventListener("click", () => void busy(item, open, () => openInstance(id)));

  const forget = part<HTMLButtonElement>(item, ".forget");
  forget.addEventListener("click", () => confirmForget(item, instance, id, refresh));
}

// Preview only: walks the real UI to a given screen from the query string, so a plain
// headless screenshot can show any step. It types and clicks as a person would.
//
//   ?step=1&state=setup   step 1 after checking an address with that word (see mock-ipc.ts)
//   ?step=2               step 2 with nothing typed;   &errors=1  after pressing Continue
//   ?step=3               step 3 filled in;            &fail=gone  after a failed run
//   ?step=4               step 4, token saved;         &custody=notSaved  token not saved

const params = new URLSearchParams(window.location.search);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (test()) {
      return;
    }
    await wait(50);
  }
  throw new Error(`The preview gave up waiting for ${what}`);
}

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function type(id: string, value: string): void {
  const input = element<HTMLInputElement>(id);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("blur"));
}

async function reach(): Promise<void> {
  const step = Number(params.get("step") ?? "1");
  const state = params.get("state");
  if (step === 1 && !state) {
    return;
  }
  type("server-address", `https://${state ?? "ready"}.${params.get("fail") ?? "example"}.com/`);
  element("check-server").click();
  await until(() => !element("server-status").hidden, "the server check");
  if (step === 1) {
    return;
  }
  element("to-admin").click();
  await until(() => element("password-rules").childElementCount > 0, "the password rules");
  if (step === 2) {
    if (params.get("errors")) {
      type("email", "admin@example");
      type("password", "short1");
      element("to-review").click();
    }
    return;
  }
  const organization = params.get("custody") === "notSaved" ? "Nokeychain Labs" : "Acme Robotics";
  type("email", "ops@acme.example.com");
  type("password", "Correct-Horse-42-Staple");
  type("confirm-password", "Correct-Horse-42-Staple");
  type("organization", organization);
  await wait(200);
  element("to-review").click();
  await until(
    () => !document.querySelector<HTMLElement>('section[data-step="3"]')?.hidden,
    "step 3",
  );
  if (step === 3 && !params.get("fail")) {
    return;
  }
  element("run-bootstrap").click();
  await until(() => !element<HTMLButtonElement>("run-bootstrap").disabled, "the run");
}

void reach().then(() => {
  document.documentElement.dataset.previewReady = "true";
});

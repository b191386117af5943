// Entry point: wires each step to the frame, then opens the home screen or the first step.

import { enterAdminStep, initAdminStep } from "./admin-step";
import { pageReady } from "./api";
import { tokenIsKept } from "./custody-ui";
import { initDoneStep } from "./done-step";
import { afterNextPaint } from "./dom";
import { initHome } from "./home";
import { initReuseWarning } from "./reuse-warning";
import { enterReviewStep, initReviewStep } from "./review-step";
import { initServerStep } from "./server-step";
import { onEnter } from "./wizard";

initServerStep();
initAdminStep();
initReviewStep();
initDoneStep();

onEnter(2, enterAdminStep);
onEnter(3, enterReviewStep);
initReuseWarning();

// With instances set up before, the list opens; otherwise the wizard, with the cursor in the
// address field, since the address is the only thing to do. Once that screen is painted, the
// backend hears that the window can be typed into (the launch benchmark waits for that).
void initHome(tokenIsKept)
  .then(afterNextPaint)
  .then(pageReady)
  .catch(() => undefined);

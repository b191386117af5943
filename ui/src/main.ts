// Entry point: wires each step to the frame and opens the first one.

import { enterAdminStep, initAdminStep } from "./admin-step";
import { initDoneStep } from "./done-step";
import { enterReviewStep, initReviewStep } from "./review-step";
import { initServerStep } from "./server-step";
import { byId } from "./dom";
import { onEnter, showStep } from "./wizard";

initServerStep();
initAdminStep();
initReviewStep();
initDoneStep();

onEnter(2, enterAdminStep);
onEnter(3, enterReviewStep);

// At launch the address is the only thing to do, so the cursor waits there.
showStep(1, byId("server-address"));

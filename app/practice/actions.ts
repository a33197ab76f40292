"use server";

import { authAction } from "@/lib/server/access";
import { recordAnswer } from "@/lib/services/practice";
import { submitAnswerSchema } from "@/lib/validation/practice";

/** Any signed-in user may practise; the answer is always stored for the session's user. */
export const submitAnswerAction = authAction({ schema: submitAnswerSchema }, (input, { user }) =>
  recordAnswer(user.id, input),
);

"use server";

import { authAction } from "@/lib/server/access";
import { joinClass } from "@/lib/services/classes";
import { joinClassSchema } from "@/lib/validation/classes";

/** Any signed-in user joins a class by its code; the membership is always the session's user's. */
export const joinClassAction = authAction({ schema: joinClassSchema }, (input, { user }) => joinClass(user, input.code));

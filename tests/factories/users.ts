import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/server/db";
import type { Role } from "@/lib/server/action-client";

// A precomputed argon2id hash keeps factories fast; tests that need a real
// password go through registerStudent instead.
const PLACEHOLDER_HASH = "$argon2id$v=19$m=19456,t=2,p=1$placeholder$placeholder";

export async function createUser(overrides: { role?: Role; email?: string; name?: string } = {}) {
  return getDb().user.create({
    data: {
      email: overrides.email ?? `user-${randomUUID()}@example.com`,
      name: overrides.name ?? "Test User",
      role: overrides.role ?? "STUDENT",
      passwordHash: PLACEHOLDER_HASH,
    },
  });
}

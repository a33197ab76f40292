import { describe, expect, it, vi } from "vitest";
import * as argon2 from "@node-rs/argon2";
import { verifyAgainstDummy } from "@/lib/server/password";

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof argon2>();
  return { ...real, hash: vi.fn(real.hash), verify: vi.fn(real.verify) };
});

describe("verifyAgainstDummy", () => {
  it("costs one verification and no hashing, from the first unknown email of a process on", async () => {
    await expect(verifyAgainstDummy("anything at all")).resolves.toBe(false);
    await expect(verifyAgainstDummy("something else")).resolves.toBe(false);
    expect(vi.mocked(argon2.verify)).toHaveBeenCalledTimes(2);
    expect(vi.mocked(argon2.hash)).not.toHaveBeenCalled();
  });
});

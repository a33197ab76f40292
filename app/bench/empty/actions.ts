"use server";

/**
 * The benchmark's baseline: a server action that does nothing, so
 * `npm run bench:practice` can compare practice's round trip with the
 * framework's own cost on the same server in the same run.
 */
export async function emptyAction(): Promise<void> {
  // Nothing to do: the cost measured is Next.js's own.
}

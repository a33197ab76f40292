"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/** False in the server's HTML and before hydration, true once React runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

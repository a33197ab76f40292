import { z } from "./zod";

/** The colour theme a browser asked for (a cookie); "system" follows the operating system. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "theme";
export const themeSchema = z.enum(THEMES, { error: "Choose system, light or dark." });

/** The cookie's value as a theme; anything else (missing, tampered) is the default. */
export function themeOf(value: string | undefined): Theme {
  const parsed = themeSchema.safeParse(value);
  return parsed.success ? parsed.data : "system";
}

/** The class <html> carries for a theme (see app/globals.css). */
export function themeClass(theme: Theme): string | undefined {
  return theme === "light" ? undefined : theme;
}

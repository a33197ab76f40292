"use client";

import { useState, type MouseEvent } from "react";
import { THEME_COOKIE, THEMES, themeClass, type Theme } from "@/lib/validation/theme";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Stores the choice for the server's next render and shows it now. */
function applyTheme(next: Theme): void {
  document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
  const root = document.documentElement;
  root.classList.remove(...THEMES);
  const cls = themeClass(next);
  if (cls) root.classList.add(cls);
}

/**
 * System / light / dark. A form that posts to /api/theme without JavaScript;
 * with it, a press sets the cookie and the class on <html> at once, with no
 * reload (a reload of practice would move on to the next question).
 */
export function ThemeToggle({ theme }: { theme: Theme }) {
  const [current, setCurrent] = useState<Theme>(theme);

  function choose(event: MouseEvent<HTMLButtonElement>, next: Theme) {
    event.preventDefault();
    applyTheme(next);
    setCurrent(next);
  }

  return (
    <form method="post" action="/api/theme">
      <div role="group" aria-label="Colour theme" className="flex items-center rounded-md border border-slate-300 text-xs dark:border-slate-600">
      {THEMES.map((t) => (
        <button
          key={t}
          type="submit"
          name="theme"
          value={t}
          aria-pressed={current === t}
          onClick={(event) => choose(event, t)}
          className={`px-2 py-1 first:rounded-l-md last:rounded-r-md ${
            current === t
              ? "bg-slate-800 font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
              : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
          }`}
        >
          {LABELS[t]}
        </button>
      ))}
      </div>
    </form>
  );
}

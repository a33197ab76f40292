import { formatUtcDateTime } from "@/components/ui/format-date";

/** Shared wording for mock exam pages, the same on the server and in the browser. */

export function formatDateTime(date: Date): string {
  return formatUtcDateTime(date);
}

export function formatScore(correct: number, total: number): string {
  const percent = total > 0 ? Math.round((correct / total) * 100) : 0;
  return `${correct} of ${total} (${percent}%)`;
}

/** 754 seconds -> "12 min 34 s"; 3600 -> "60 min 0 s". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** Milliseconds left -> "mm:ss" (or "h:mm:ss" from an hour). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** "3, 7 and 9". */
export function listNumbers(numbers: number[]): string {
  if (numbers.length <= 1) return numbers.join("");
  return `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
}

// The student's progress in plain terms: mastery levels per topic, the one
// thing to do next, whether their pace reaches the exam, and the activity
// series the dashboard draws (calendar heatmap, weekly accuracy, reviews due
// per day). Pure: days are the student's local calendar days ("YYYY-MM-DD",
// calendar.ts), and every function takes today or now as an argument.
import { addDays, daysBetween, localDay, parseDay } from "./calendar";

export type MasteryLevel = "not-started" | "attempted" | "familiar" | "proficient" | "mastered";

/** The levels in order, with the words the dashboard shows and their definitions. */
export const MASTERY_LEVELS: readonly { level: MasteryLevel; label: string; definition: string }[] = [
  { level: "not-started", label: "Not started", definition: "You have not answered any question of this topic yet." },
  {
    level: "attempted",
    label: "Attempted",
    definition: "You have met some questions, but you would be expected to get fewer than half of the topic right today.",
  },
  {
    level: "familiar",
    label: "Familiar",
    definition: "You have met at least a quarter of the topic's questions and would be expected to get at least half right today.",
  },
  {
    level: "proficient",
    label: "Proficient",
    definition: "You have met at least 60% of the topic's questions and would be expected to get at least 70% right today.",
  },
  {
    level: "mastered",
    label: "Mastered",
    definition: "You have met at least 90% of the topic's questions and would be expected to get at least 85% right today.",
  },
];

/**
 * Thresholds of each level: the share of the topic's questions met, and the
 * expected share right on a random question of the topic today (the learner
 * model's recall of what was met, prior knowledge for the rest, guessing
 * included). Both must hold, so a few lucky answers cannot make a topic
 * "mastered" before most of it has been seen.
 */
const LEVEL_RULES: readonly { level: MasteryLevel; coverage: number; expected: number }[] = [
  { level: "mastered", coverage: 0.9, expected: 0.85 },
  { level: "proficient", coverage: 0.6, expected: 0.7 },
  { level: "familiar", coverage: 0.25, expected: 0.5 },
];

export type TopicProgressInput = {
  /** Questions of the topic the student has answered at least once. */
  met: number;
  /** Published questions in the topic. */
  total: number;
  /** Expected share right on a random question of the topic today, 0-1. */
  expected: number;
};

export function masteryLevel({ met, total, expected }: TopicProgressInput): MasteryLevel {
  if (met <= 0 || total <= 0) return "not-started";
  const coverage = Math.min(1, met / total);
  for (const rule of LEVEL_RULES) {
    if (coverage >= rule.coverage && expected >= rule.expected) return rule.level;
  }
  return "attempted";
}

export function masteryLabel(level: MasteryLevel): string {
  return MASTERY_LEVELS.find((l) => l.level === level)?.label ?? level;
}

export type NextStepInput = {
  hasExamDate: boolean;
  daysLeft: number | null;
  reviewsDue: number;
  newToday: number;
  doneToday: number;
  dailyGoal: number;
  /** The topic furthest below the student's overall expected score, if any is clearly below. */
  weakestTopic: { name: string; slug: string; expected: number } | null;
  overallExpected: number;
  /** Days since the last mock exam was submitted; null if none. */
  daysSinceMock: number | null;
  unmet: number;
};

export type NextStep = { kind: "set-exam" | "reviews" | "new" | "weak-topic" | "mock" | "done"; text: string; href: string; action: string };

/** A topic counts as weak when it is this far below the student's overall expected score. */
const WEAK_TOPIC_GAP = 0.1;
/** In the last weeks before the exam, a mock exam a week tells the student where they stand. */
const MOCK_WINDOW_DAYS = 21;
const MOCK_EVERY_DAYS = 7;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The one thing to do next, most urgent first: a plan needs an exam date;
 * due reviews lose the most if left; today's new questions keep the syllabus
 * on pace; then the weakest topic; close to the exam, a mock exam a week.
 */
export function nextStep(input: NextStepInput): NextStep {
  if (!input.hasExamDate) {
    return { kind: "set-exam", text: "Set your exam date so the plan can pace the syllabus for you.", href: "/settings", action: "Set exam date" };
  }
  if (input.reviewsDue > 0) {
    return { kind: "reviews", text: `${count(input.reviewsDue, "review is", "reviews are")} due.`, href: "/practice", action: "Start reviews" };
  }
  if (input.newToday > 0 && input.doneToday < input.dailyGoal) {
    return {
      kind: "new",
      text: `Meet ${count(input.newToday, "new question", "new questions")} today to stay on pace for the whole syllabus.`,
      href: "/practice",
      action: "Practise",
    };
  }
  const weak = input.weakestTopic;
  if (weak && weak.expected < input.overallExpected - WEAK_TOPIC_GAP) {
    return { kind: "weak-topic", text: `${weak.name} is your weakest topic.`, href: `/practice?topic=${encodeURIComponent(weak.slug)}`, action: "Drill it" };
  }
  if (
    input.daysLeft !== null &&
    input.daysLeft > 0 &&
    input.daysLeft <= MOCK_WINDOW_DAYS &&
    (input.daysSinceMock === null || input.daysSinceMock >= MOCK_EVERY_DAYS)
  ) {
    return { kind: "mock", text: "Take a mock exam to see where you stand under exam conditions.", href: "/practice/mock", action: "Start a mock exam" };
  }
  if (input.doneToday < input.dailyGoal) {
    return {
      kind: "new",
      text: `${count(input.dailyGoal - input.doneToday, "question", "questions")} to reach today's goal.`,
      href: "/practice",
      action: "Practise",
    };
  }
  return {
    kind: "done",
    text: input.unmet > 0 ? "Today's goal is met. More practice now brings in new questions early." : "Today's goal is met, and you have met every question.",
    href: "/practice",
    action: "Keep practising",
  };
}

export type PaceInput = {
  /** Answers per day over the recent window. */
  recentPerDay: number;
  dailyGoal: number;
  /** Questions not yet met, and days left before the exam. */
  unmet: number;
  daysLeft: number;
};

export type Pace = {
  verdict: "on-track" | "behind" | "no-activity";
  /** Days at the recent pace to meet every question not yet met, if that pace met only new ones. */
  daysToMeetAll: number | null;
};

/** The recent pace is "on track" when it keeps at least 90% of the daily goal. */
const ON_TRACK_SHARE = 0.9;

export function paceVerdict({ recentPerDay, dailyGoal, unmet, daysLeft }: PaceInput): Pace {
  if (recentPerDay <= 0) return { verdict: "no-activity", daysToMeetAll: null };
  const daysToMeetAll = unmet > 0 ? Math.ceil(unmet / recentPerDay) : 0;
  const verdict = recentPerDay >= ON_TRACK_SHARE * dailyGoal && daysToMeetAll <= Math.max(0, daysLeft) ? "on-track" : "behind";
  return { verdict, daysToMeetAll };
}

export type DayCount = { day: string; answered: number; correct: number };

export type HeatmapCell = { day: string; answered: number; level: 0 | 1 | 2 | 3 | 4; future: boolean };

/** Weekday of a calendar day, Monday = 0. */
function weekdayOf(day: string): number {
  const parsed = parseDay(day);
  if (!parsed) throw new RangeError(`Not a calendar day: ${day}`);
  const sunday0 = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day)).getUTCDay();
  return (sunday0 + 6) % 7;
}

/**
 * The calendar heatmap: `weeks` columns of Monday-to-Sunday cells ending with
 * the week holding today; the level is the day's answers against the daily
 * goal (0 none, 4 the goal or more).
 */
export function activityHeatmap(days: readonly DayCount[], today: string, weeks: number, dailyGoal: number): HeatmapCell[][] {
  const answered = new Map(days.map((d) => [d.day, d.answered]));
  const firstMonday = addDays(today, -weekdayOf(today) - 7 * (weeks - 1));
  const goal = Math.max(1, dailyGoal);
  const columns: HeatmapCell[][] = [];
  for (let w = 0; w < weeks; w++) {
    const column: HeatmapCell[] = [];
    for (let d = 0; d < 7; d++) {
      const day = addDays(firstMonday, 7 * w + d);
      const n = answered.get(day) ?? 0;
      const share = n / goal;
      const level = n === 0 ? 0 : share >= 1 ? 4 : share >= 0.5 ? 3 : share >= 0.25 ? 2 : 1;
      column.push({ day, answered: n, level, future: daysBetween(today, day) > 0 });
    }
    columns.push(column);
  }
  return columns;
}

export type WeekAccuracy = { weekStart: string; answered: number; correct: number; accuracy: number | null };

/** Accuracy per week (Monday-started) over the last `weeks` weeks, oldest first; null in a week without answers. */
export function weeklyAccuracy(days: readonly DayCount[], today: string, weeks: number): WeekAccuracy[] {
  const thisMonday = addDays(today, -weekdayOf(today));
  const result: WeekAccuracy[] = [];
  for (let w = weeks - 1; w >= 0; w--) result.push({ weekStart: addDays(thisMonday, -7 * w), answered: 0, correct: 0, accuracy: null });
  const first = result[0]?.weekStart ?? thisMonday;
  for (const d of days) {
    const offset = daysBetween(first, d.day);
    if (offset < 0 || daysBetween(d.day, today) < 0) continue;
    const week = result[Math.floor(offset / 7)];
    if (!week) continue;
    week.answered += d.answered;
    week.correct += d.correct;
  }
  for (const week of result) week.accuracy = week.answered > 0 ? week.correct / week.answered : null;
  return result;
}

/** Reviews falling due on each of the next `days` local days, today first; overdue ones count today. */
export function reviewsDueByDay(dues: readonly Date[], now: Date, timeZone: string | null, days: number): { day: string; due: number }[] {
  const today = localDay(now, timeZone);
  const result = Array.from({ length: days }, (_, i) => ({ day: addDays(today, i), due: 0 }));
  for (const due of dues) {
    const offset = due.getTime() <= now.getTime() ? 0 : daysBetween(today, localDay(due, timeZone));
    const slot = result[Math.max(0, offset)];
    if (slot) slot.due += 1;
  }
  return result;
}

/** Answers per day over the `window` days before today (today excluded: it is still under way). */
export function recentPace(days: readonly DayCount[], today: string, window: number): number {
  let total = 0;
  for (const d of days) {
    const ago = daysBetween(d.day, today);
    if (ago >= 1 && ago <= window) total += d.answered;
  }
  return total / window;
}

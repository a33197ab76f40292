import { describe, expect, it } from "vitest";
import { z } from "zod";
import { studySettingsSchema } from "@/lib/validation/settings";

const NOW = new Date("2026-03-01T23:30:00Z");

function errorsOf(input: Record<string, string>, now = NOW) {
  const parsed = studySettingsSchema(now).safeParse(input);
  return parsed.success ? null : z.flattenError(parsed.error).fieldErrors;
}

describe("study settings (shared by the form and the action)", () => {
  it("accepts empty fields as 'not set' and a sensible plan", () => {
    expect(studySettingsSchema(NOW).parse({ examDate: "", dailyGoal: "", timeZone: "" })).toEqual({
      examDate: null,
      dailyGoal: null,
      timeZone: null,
    });
    expect(studySettingsSchema(NOW).parse({ examDate: "2026-06-15", dailyGoal: "25", timeZone: "Europe/Berlin" })).toEqual({
      examDate: "2026-06-15",
      dailyGoal: 25,
      timeZone: "Europe/Berlin",
    });
  });

  it("refuses an exam date in the past or more than about 3 years away", () => {
    expect(errorsOf({ examDate: "2026-02-28" })?.examDate).toEqual(["The exam date is in the past. Choose today or a later day."]);
    expect(errorsOf({ examDate: "2030-01-01" })?.examDate).toEqual(["Choose an exam date within the next 3 years."]);
    expect(errorsOf({ examDate: "2026-02-30" })?.examDate).toEqual(["Enter the exam date as a calendar date."]);
    expect(errorsOf({ examDate: "2028-12-31" })).toBeNull();
  });

  it("judges 'the past' by the student's own day", () => {
    // 23:30 UTC on 1 March is already 2 March in Berlin.
    expect(errorsOf({ examDate: "2026-03-01", timeZone: "UTC" })).toBeNull();
    expect(errorsOf({ examDate: "2026-03-01", timeZone: "Europe/Berlin" })?.examDate).toHaveLength(1);
  });

  it("refuses a daily goal of 0, 10,000, a fraction or a word", () => {
    expect(errorsOf({ dailyGoal: "0" })?.dailyGoal).toEqual(["Set a daily goal of at least 1 question, or leave it empty."]);
    expect(errorsOf({ dailyGoal: "10000" })?.dailyGoal).toEqual(["A daily goal can be at most 500 questions."]);
    expect(errorsOf({ dailyGoal: "2.5" })?.dailyGoal).toEqual(["Enter the daily goal as a whole number."]);
    expect(errorsOf({ dailyGoal: "lots" })?.dailyGoal).toHaveLength(1);
    expect(errorsOf({ dailyGoal: "500" })).toBeNull();
  });

  it("refuses a time zone the runtime does not know", () => {
    expect(errorsOf({ timeZone: "Mars/Olympus_Mons" })?.timeZone).toHaveLength(1);
  });
});

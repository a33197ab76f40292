import type { Page } from "@playwright/test";

/** A question as the editor's fields take it. */
export type Draft = { stem: string; options: Array<[text: string, feedback: string]>; correct: number; explanation: string };

/** Types the draft into the question editor's fields. */
export async function fillEditor(page: Page, draft: Draft, topic = "Problem area: role transitions") {
  await page.getByLabel("Question (stem)").fill(draft.stem);
  for (const [i, [text, feedback]] of draft.options.entries()) {
    const letter = "ABCDEF"[i]!;
    await page.getByLabel(`Option ${letter} text`).fill(text);
    await page.getByLabel(`Option ${letter} feedback`).fill(feedback);
  }
  await page.getByLabel(`Option ${"ABCDEF"[draft.correct]!} is correct`).check();
  await page.getByLabel("Explanation").fill(draft.explanation);
  await page.getByLabel("Topic").selectOption({ label: topic });
}

/** A valid question for the editor, its stem unique by `token`. */
export function draft(token: string): Draft {
  return {
    stem: `Case ${token}: after moving abroad for a new job, a nurse feels low and unsure of herself. Which problem area fits?`,
    options: [
      ["A role transition, since the move changed several of her roles at once", "Yes: the move changed her roles."],
      ["Grief", "Nobody died."],
      ["A role dispute", "No disagreement is described."],
      ["Deficits", "She had good ties before."],
    ],
    correct: 0,
    explanation: "A move that changes roles is a role transition. No death or dispute is described.",
  };
}


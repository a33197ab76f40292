// What a hydrated practice page does, for the scripts that drive practice
// against `next start` (bench:practice, test:durability): read the question
// form of /practice and the server action's result from its RSC payload.
import type { Client } from "./client";

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

type Input = { name: string; value: string; type: string };

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([^\s=/<>"]+)="([^"]*)"/g)) out[match[1]!] = decodeEntities(match[2]!);
  return out;
}

/** The inputs of the first form on the page that has an input with this name. */
export function formWith(html: string, inputName: string): Input[] | null {
  for (const form of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const inputs = [...form[1]!.matchAll(/<input\b[^>]*>/g)].map((m) => {
      const a = attributes(m[0]);
      return { name: a.name ?? "", value: a.value ?? "", type: a.type ?? "text" };
    });
    if (inputs.some((i) => i.name === inputName)) return inputs;
  }
  return null;
}

/** The question a student has on screen: its token, its options, and the form's server action. */
export type OnScreen = { presentationId: string; optionIds: string[]; actionId: string };

/** The action result's row in an RSC payload: the first row whose JSON is an object with "ok". */
export function actionResult(payload: string): Record<string, unknown> | null {
  for (const line of payload.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 1 || line[colon + 1] !== "{") continue;
    try {
      const value = JSON.parse(line.slice(colon + 1)) as Record<string, unknown>;
      if ("ok" in value) return value;
    } catch {
      // Not a JSON row (a text chunk, a module reference).
    }
  }
  return null;
}

/** Opens /practice as a browser does (the page's HTML) and reads the question form. */
export async function openPractice(client: Client): Promise<OnScreen> {
  const page = await client.get("/practice");
  if (page.status !== 200) throw new Error(`/practice answered ${String(page.status)} ${page.location ?? ""}`);
  const inputs = formWith(page.html, "optionId");
  if (!inputs) throw new Error("/practice showed no unanswered question");
  // useActionState's form carries its action as {"id": ..., "bound": ...} in a hidden $ACTION_n:0 field.
  const ref = inputs.find((i) => /^\$ACTION_\d+:0$/.test(i.name));
  if (!ref) throw new Error("the question form has no server action reference");
  return {
    presentationId: inputs.find((i) => i.name === "presentationId")?.value ?? "",
    optionIds: inputs.filter((i) => i.name === "optionId").map((i) => i.value),
    actionId: (JSON.parse(ref.value) as { id: string }).id,
  };
}


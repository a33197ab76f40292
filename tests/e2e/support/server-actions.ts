import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Server actions as the production build knows them, and a way to post one
 * the way a hydrated page does. The build's manifests are the list, so an
 * action added later cannot be left out of a test that walks them.
 */

/** What a dynamic segment gets in a crafted URL: a value that names nothing real. */
export const CRAFTED_ID = "crafted-id";

/**
 * The URL of an app path as the build's manifests name it ("app/(auth)/login/page",
 * "/instructor/classes/[id]/page", "/api/theme/route"): route groups dropped,
 * dynamic segments given CRAFTED_ID.
 */
export function urlOfAppPath(appPath: string): string {
  const segments = appPath
    .replace(/^app\//, "")
    .split("/")
    .filter((s) => s !== "" && s !== "page" && s !== "route" && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? CRAFTED_ID : s));
  return `/${segments.join("/")}`;
}

export type SourceAction = { name: string; file: string; args: string };

/** Every exported server action under a folder ("use server" files), with the argument list a browser would send. */
export function actionsInSource(folder: string): SourceAction[] {
  const found: SourceAction[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name)) {
        const text = readFileSync(full, "utf8");
        if (!/^\s*["']use server["'];?/.test(text)) continue;
        const file = path.relative(process.cwd(), full).split(path.sep).join("/");
        for (const match of text.matchAll(/^export const (\w+)\s*=/gm)) found.push({ name: match[1]!, file, args: '["$K1"]' });
        for (const match of text.matchAll(/^export async function (\w+)\(([^)]*)\)/gm)) {
          // (previous state, form) for useActionState forms; (form) for plain form actions.
          const params = match[2]!.split(",").filter((p) => p.trim() !== "").length;
          found.push({ name: match[1]!, file, args: params === 2 ? '[null,"$K1"]' : '["$K1"]' });
        }
      }
    }
  };
  walk(path.resolve(folder));
  return found;
}

export type BuiltAction = SourceAction & { id: string; url: string };

/** The actions in the build (those whose file starts with `prefix`), each with a page that loads it: a URL to post to. */
export function actionsInBuild(prefix = "app/"): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const source = actionsInSource("app");
  const built: BuiltAction[] = [];
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!(entry.filename ?? "").startsWith(prefix)) continue;
    // A page of the app's own, without a dynamic segment when there is one (not Next's /_not-found).
    const workers = Object.keys(entry.workers).filter((w) => !w.startsWith("app/_"));
    const worker = workers.find((w) => !w.includes("[")) ?? workers[0] ?? Object.keys(entry.workers)[0]!;
    const own = source.find((s) => s.name === entry.exportedName && s.file === entry.filename);
    built.push({ id, url: urlOfAppPath(worker), name: entry.exportedName ?? id, file: entry.filename ?? "", args: own?.args ?? '["$K1"]' });
  }
  return built;
}

/**
 * A post the way a hydrated page makes it: the form's fields prefixed "_1_",
 * then the argument list in part "0" (it must come last: the server resolves
 * the form as soon as it reads the list).
 */
export function postAction(request: APIRequestContext, action: BuiltAction, fields: Record<string, string> = {}) {
  // FormData keeps this order; an object would not (its key "0" always comes first).
  const multipart = new FormData();
  for (const [key, value] of Object.entries(fields)) multipart.append(`_1_${key}`, value);
  multipart.append("0", action.args);
  return request.post(action.url, { headers: { "Next-Action": action.id, Accept: "text/x-component" }, multipart, maxRedirects: 0 });
}

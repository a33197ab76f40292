import { z } from "zod";

/**
 * zod, for every schema of the app. In the browser zod must not compile
 * parsers with `new Function`: building an object schema probes whether eval
 * is allowed, and under the site's Content-Security-Policy (no 'unsafe-eval')
 * the caught probe is still reported as a violation. Schemas that reach the
 * browser import z from here, so the setting is made before any is built.
 * On the server the compiled parsers stay.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };

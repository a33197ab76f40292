/**
 * The security headers every response carries. No "server-only" guard:
 * next.config.ts, which Next.js loads outside the server bundle, reads it too.
 *
 * Two Content-Security-Policies share everything but script-src. Documents get
 * a fresh nonce per request from proxy.ts (Next.js finds it in the request's
 * CSP header and puts it on every script it renders); scripts those scripts
 * load are trusted through 'strict-dynamic'. Every other response (server
 * action results, route handlers, static files) gets the static policy from
 * next.config.ts, which allows no inline script at all.
 */

const SHARED_DIRECTIVES = [
  "default-src 'self'",
  // Style attributes (a numbered list's start, the last-resort error page, charts) are not scripts: they may stay inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** The policy for one response; with a nonce, the one for a document. */
export function contentSecurityPolicy(options: { nonce?: string; development?: boolean } = {}): string {
  const scripts = ["script-src 'self'"];
  if (options.nonce) scripts.push(`'nonce-${options.nonce}'`, "'strict-dynamic'");
  // React's development build rebuilds server errors' stacks with eval; the production build never evals.
  if (options.development) scripts.push("'unsafe-eval'");
  return [...SHARED_DIRECTIVES, scripts.join(" ")].join("; ");
}

/** A new nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Features the app never uses, switched off for it and anything it might embed. */
export const PERMISSIONS_POLICY = ["accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb"]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * A year of HTTPS-only for this host. Without includeSubDomains or preload:
 * the app cannot know whether other sites under the same domain serve HTTPS.
 */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

/** The headers for every response, whatever proxy.ts does. */
export function staticSecurityHeaders(development: boolean): { key: string; value: string }[] {
  return [
    // Lower case, as proxy.ts's headers arrive: a document's nonce policy then replaces this one instead of joining it.
    { key: "content-security-policy", value: contentSecurityPolicy({ development }) },
    // For browsers that predate frame-ancestors.
    { key: "x-frame-options", value: "DENY" },
    { key: "x-content-type-options", value: "nosniff" },
    { key: "referrer-policy", value: "same-origin" },
    { key: "permissions-policy", value: PERMISSIONS_POLICY },
  ];
}

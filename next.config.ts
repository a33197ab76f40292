import type { NextConfig } from "next";
import { staticSecurityHeaders, STRICT_TRANSPORT_SECURITY } from "./lib/server/security-headers";

// `next build` runs with NODE_ENV=production, `next dev` with development: the headers are fixed at build time.
const development = process.env.NODE_ENV === "development";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() / unauthorized(): real 403 / 401 responses for pages and server actions.
  // Question imports may be up to 5 MB of text (lib/questions/formats); other actions stay small.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
  // better-sqlite3 is a native addon: load it from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  // Every response: a Content-Security-Policy without inline scripts, no framing, no sniffing, no
  // unused browser features (lib/server/security-headers.ts). proxy.ts gives documents a nonce policy instead.
  // HSTS only when the visitor came over HTTPS, which a built app serving the public always does through a
  // TLS-terminating proxy that says so in X-Forwarded-Proto: a plain-http `next start` (localhost, the e2e
  // server) never sends it, and browsers ignore it over plain http anyway.
  headers: () =>
    Promise.resolve([
      { source: "/:path*", headers: staticSecurityHeaders(development) },
      ...(development
        ? []
        : [
            {
              source: "/:path*",
              has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https.*" }],
              headers: [{ key: "strict-transport-security", value: STRICT_TRANSPORT_SECURITY }],
            },
          ]),
    ]),
};

export default nextConfig;

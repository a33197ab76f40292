import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() / unauthorized(): real 403 / 401 responses for pages and server actions.
  // Question imports may be up to 5 MB of text (lib/questions/formats); other actions stay small.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
  // better-sqlite3 is a native addon: load it from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  // No page may be framed by another site (clickjacking of the admin's role buttons).
  // The scale-and-safety issue replaces this with a full Content-Security-Policy.
  headers: () =>
    Promise.resolve([
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ]),
};

export default nextConfig;

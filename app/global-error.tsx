"use client";

/** Last resort when the root layout itself fails (for example, the database is unreachable). No details leak. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "4rem auto", padding: "0 1.5rem" }}>
        <h1>Something went wrong on our side</h1>
        <p>Nothing you did was lost. Please try again in a moment.</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}

import Link from "next/link";

/** A full-page message (not allowed, not found, session expired) with a way forward. */
export function PageMessage({
  title,
  body,
  action,
}: {
  title: string;
  body: string;
  action: { href: string; label: string };
}) {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">{title}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">{body}</p>
      <Link href={action.href} className="mt-8 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        {action.label}
      </Link>
    </main>
  );
}

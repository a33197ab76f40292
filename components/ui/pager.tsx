import Link from "next/link";

const LINK = "font-semibold text-brand-700 hover:underline dark:text-brand-100";

/** Previous / "Page N of M" / Next links under a paged table; `hrefFor` builds a page's address. */
export function Pager({ label, page, pageCount, hrefFor, className = "mt-4" }: { label: string; page: number; pageCount: number; hrefFor: (page: number) => string; className?: string }) {
  return (
    <nav aria-label={label} className={`${className} flex items-center justify-between gap-3 text-sm`}>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" className={LINK}>
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600 dark:text-slate-300">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} rel="next" className={LINK}>
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

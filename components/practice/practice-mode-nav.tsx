import Link from "next/link";

const LINKS = [
  { href: "/practice", label: "Adaptive" },
  { href: "/practice/topics", label: "Topics" },
  { href: "/practice/mistakes", label: "Mistakes" },
  { href: "/practice/bookmarks", label: "Bookmarks" },
] as const;

/** The ways to practise: the adaptive mix, a topic drill, recent mistakes, bookmarks. */
export function PracticeModeNav() {
  return (
    <nav aria-label="Practice modes">
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {LINKS.map((link) => (
          <li key={link.href}>
            <Link href={link.href} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

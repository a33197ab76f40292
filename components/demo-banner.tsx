/** Shown on every page while accounts with published demo passwords exist. */
export function DemoBanner() {
  return (
    // A landmark (complementary), so axe's "all content in a region" rule holds on every page.
    <aside aria-label="Demo mode" className="bg-amber-100 px-6 py-2 text-center text-sm text-amber-900">
      <strong>Demo installation.</strong> The demo accounts&apos; passwords are published in the README: do not use this
      site for real students. An admin removes them with <code>npm run demo:remove</code>.
    </aside>
  );
}

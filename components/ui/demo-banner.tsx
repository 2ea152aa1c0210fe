export function DemoBanner() {
  return (
    <div
      role="note"
      className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 dark:bg-amber-900 dark:text-amber-50"
    >
      <strong>Demo mode:</strong> every call here is synthetic, served by callscope&apos;s local Graph
      emulator. No sign-in, no real tenant.
    </div>
  );
}

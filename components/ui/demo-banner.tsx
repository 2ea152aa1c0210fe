export function DemoBanner() {
  return (
    <div role="note" className="bg-warn-soft px-4 py-2 text-center text-sm text-warn-fg">
      <strong>Demo mode:</strong> every call here is synthetic, served by callscope&apos;s local Graph
      emulator. No sign-in, no real tenant.
    </div>
  );
}

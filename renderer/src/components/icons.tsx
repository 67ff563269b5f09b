/** Small line icons (inline SVG: no icon font, no network). Decorative: hidden from screen readers. */
const PATHS: Record<string, string> = {
  overview: 'M3 13h4v4H3zM8 8h4v9H8zM13 4h4v13h-4z',
  imports: 'M10 3v9m0 0l-3.5-3.5M10 12l3.5-3.5M4 14v2.5h12V14',
  ledger: 'M3 4h14v12H3zM3 8h14M3 12h14M8 4v12',
  contracts: 'M5 3h7l3 3v11H5zM12 3v3h3M7.5 10h5M7.5 13h5',
  scenarios: 'M3 16l4-5 3 3 4-6 3 4M3 4v12h14',
  export: 'M4 4h8l4 4v8H4zM12 4v4h4M7 13l2-2.5L7 8M10.5 13H13',
  allocation: 'M10 3a7 7 0 1 0 7 7h-7zM12 2.5a6 6 0 0 1 5.5 5.5H12z',
  chevron: 'M6 8l4 4 4-4',
  jobs: 'M10 3a7 7 0 1 0 7 7M10 6v4l3 2',
  folder: 'M3 6h5l1.5 1.5H17V15H3z',
};

export function Icon({ name, size = 16 }: { name: keyof typeof PATHS | string; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? ''} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

import type { Config } from "tailwindcss";

// Tailwind v4 reads this through `@config` in app/globals.css. Colours are not here: they are semantic
// tokens in globals.css's `@theme`, as CSS variables, so dark mode can redefine them in one place.
const config: Config = {
  theme: {
    extend: {
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
      },
    },
  },
};

export default config;

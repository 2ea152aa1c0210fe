import type { Config } from "tailwindcss";

// Theme tokens only: Tailwind v4 reads this through `@config` in app/globals.css.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        good: { DEFAULT: "#15803d", soft: "#dcfce7" },
        poor: { DEFAULT: "#b91c1c", soft: "#fee2e2" },
        unclassified: { DEFAULT: "#6b7280", soft: "#f3f4f6" },
        audio: "#2563eb",
        video: "#7c3aed",
        screen: "#d97706",
        data: "#0d9488",
      },
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
      },
    },
  },
};

export default config;

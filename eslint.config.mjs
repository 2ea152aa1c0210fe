import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const SERVER = [
  "./lib/graph",
  "./lib/api",
  "./lib/auth",
  "./lib/log",
  "./lib/security",
  "./lib/config/server.ts",
  "./lib/config/startup-check.ts",
];
const UI = ["./app", "./components", "./lib/client"];

/** Who may not import whom. `target` is the importer, `from` what it must not import. */
function layerZones() {
  const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });
  return [
    zone(
      "./lib/graph",
      ["./lib/callrecords", "./lib/api", "./lib/reports", "./lib/auth", ...UI],
      "lib/graph is the wire layer: it knows Graph's JSON, not the domain or the services above it.",
    ),
    zone(
      "./lib/callrecords",
      ["./lib/api", "./lib/reports", "./lib/auth", "./lib/config", ...UI],
      "lib/callrecords is the pure domain: it may read Graph's wire types, nothing above.",
    ),
    zone(
      "./lib/auth",
      ["./lib/api", "./lib/reports", ...UI],
      "lib/auth raises its own errors; lib/api maps them to responses.",
    ),
    zone(
      "./lib/reports",
      ["./lib/api", ...UI],
      "lib/reports is a service beside lib/api: it takes what it needs as arguments and raises its own errors.",
    ),
    zone("./lib/api", UI, "lib/api serves routes; it never imports pages, components or browser code."),
    zone(
      "./lib/config",
      ["./lib/graph", "./lib/callrecords", "./lib/api", "./lib/reports", "./lib/auth", ...UI],
      "lib/config is read by every layer and imports none of them.",
    ),
    zone(
      "./lib/client",
      [...SERVER, "./app", "./components"],
      "lib/client runs in the browser: domain and client-safe modules only.",
    ),
    zone("./components", [...SERVER, "./app"], "Components render: data comes through lib/client hooks."),
    // Parsing Graph's JSON uses zod, whose eval probe the browser's Content-Security-Policy reports: server only.
    zone(
      ["./lib/client", "./components", "./app/(dashboard)"],
      [
        "./lib/callrecords/parse.ts",
        "./lib/callrecords/parse-call-list.ts",
        "./lib/callrecords/parse-phone-log.ts",
      ],
      "Parsing Graph's wire format is server work (zod would break the browser's CSP): use the parsed model.",
    ),
    // Of the reports service, the browser may only read its model and expiry choices.
    ...["./lib/client", "./components"].map((target) =>
      zone(target, "./lib/reports", "Only lib/reports/model.ts and expiry.ts are safe for the browser.", [
        "./model.ts",
        "./expiry.ts",
      ]),
    ),
  ];
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Layers point one way (docs/architecture.md): wire → domain → services → routes → pages → components.
    // Tests and test helpers may reach across layers to wire things up.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "lib/testing/**", "e2e/**", "scripts/**", "emulator/**"],
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": ["error", { zones: layerZones() }],
    },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      ".emulator/**",
      ".data/**",
    ],
  },
];

export default config;

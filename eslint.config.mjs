import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const SERVER = [
  "./lib/graph",
  "./lib/api",
  "./lib/auth",
  "./lib/log",
  "./lib/security",
  "./lib/db",
  "./lib/ip-info",
  "./lib/reports/db-store.ts",
  "./lib/reports/service.ts",
  "./lib/feed/store",
  "./lib/history/store.ts",
  "./lib/history/service.ts",
  "./lib/sites/store.ts",
  "./lib/sites/service.ts",
  "./lib/alerts/store.ts",
  "./lib/alerts/service.ts",
  "./lib/alerts/outbound.ts",
  "./lib/alerts/senders.ts",
  "./lib/config/server.ts",
  "./lib/config/startup-check.ts",
];
const UI = ["./app", "./components", "./lib/client"];

const LIB = [
  "alerts",
  "api",
  "auth",
  "callrecords",
  "client",
  "config",
  "db",
  "demo",
  "errors",
  "feed",
  "format",
  "graph",
  "history",
  "http",
  "ip-info",
  "log",
  "reports",
  "security",
  "sites",
];
/** Every folder of lib/ but these. */
const libBut = (...allowed) =>
  LIB.filter((folder) => !allowed.includes(folder)).map((folder) => `./lib/${folder}`);

/**
 * Who may not import whom. `target` is the importer, `from` what it must not import. Every folder of lib/
 * has a zone (docs/architecture.md draws them); lib/testing and tests may cross.
 */
function layerZones() {
  // Duplicates (a folder named twice) are dropped: the rule refuses them.
  const unique = (paths) => (Array.isArray(paths) ? [...new Set(paths)] : paths);
  const zone = (target, from, message, except) => ({
    target,
    from: unique(from),
    message,
    ...(except ? { except } : {}),
  });
  return [
    // Leaves: read by every layer, importing none of them.
    ...["errors", "format", "http", "demo", "db", "security"].map((folder) =>
      zone(
        `./lib/${folder}`,
        libBut(folder),
        `lib/${folder} is a leaf (docs/architecture.md): it imports no other folder of lib/.`,
      ),
    ),
    zone(
      "./lib/log",
      [...libBut("log", "config"), ...UI],
      "lib/log is the one logger: it reads whether logging is on from lib/config, nothing else.",
    ),
    zone(
      "./lib/config",
      [...libBut("config", "errors", "format"), ...UI],
      "lib/config is read by every layer and imports none of them.",
    ),
    zone(
      "./lib/graph",
      [...libBut("graph", "config", "errors", "http", "format", "log"), ...UI],
      "lib/graph is the wire layer: it knows Graph's JSON, not the domain or the services above it.",
    ),
    zone(
      "./lib/callrecords",
      [...libBut("callrecords", "graph", "format", "errors"), ...UI],
      "lib/callrecords is the pure domain: it may read Graph's wire types, nothing above.",
    ),
    zone(
      "./lib/sites",
      [...libBut("sites", "auth", "db", "errors", "format", "callrecords"), ...UI],
      "lib/sites holds building data (parser and subnet matching, pure) and its storage: it may use lib/db and lib/auth's roles, nothing of the services.",
    ),
    zone(
      "./lib/ip-info",
      [...libBut("ip-info", "callrecords", "format", "sites", "config"), ...UI],
      "lib/ip-info answers ISP and country for an address from its tables: it knows addresses (lib/sites/address), nothing of the services or storage.",
    ),
    zone(
      "./lib/auth",
      [...libBut("auth", "config", "errors", "format"), ...UI],
      "lib/auth raises its own errors; lib/api maps them to responses.",
    ),
    zone(
      "./lib/reports",
      [...libBut("reports", "auth", "callrecords", "config", "db", "errors", "format", "graph"), ...UI],
      "lib/reports is a service beside lib/api: it takes what it needs as arguments and raises its own errors.",
    ),
    zone(
      "./lib/history",
      [
        ...libBut("history", "auth", "callrecords", "config", "db", "errors", "format", "log", "sites"),
        ...UI,
      ],
      "lib/history is a service beside lib/api: facts come in as calls and sessions, storage is lib/db.",
    ),
    zone(
      "./lib/feed",
      [...libBut("feed", "api", "auth", "callrecords", "config", "db", "format", "graph", "security"), ...UI],
      "lib/feed is a service beside lib/api: storage through lib/db, Graph through lib/graph, calls through the call service it is given.",
    ),
    zone(
      "./lib/alerts",
      [
        ...libBut(
          "alerts",
          "auth",
          "callrecords",
          "config",
          "db",
          "errors",
          "format",
          "history",
          "log",
          "security",
        ),
        ...UI,
      ],
      "lib/alerts is a service beside lib/api: calls come in judged, windows are read from lib/history, storage is lib/db.",
    ),
    // Of lib/api, the feed uses the call service's type, the request trace, the error envelope and the person resolver's type.
    zone(
      "./lib/feed",
      "./lib/api",
      "lib/feed takes the call service as an argument: of lib/api it may use call-service.ts (types), trace.ts, errors.ts, body.ts and person.ts.",
      ["./call-service.ts", "./trace.ts", "./errors.ts", "./body.ts", "./person.ts"],
    ),
    zone("./lib/api", UI, "lib/api serves routes; it never imports pages, components or browser code."),
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
    // Of the alerts service, the browser may only read its model (rule and destination shapes, words).
    ...["./lib/client", "./components"].map((target) =>
      zone(target, "./lib/alerts", "Only lib/alerts/model.ts is safe for the browser.", ["./model.ts"]),
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

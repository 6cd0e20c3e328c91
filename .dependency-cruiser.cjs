/**
 * The import rules of ARCHITECTURE.md, checked on every `npm test` (npm run check:imports).
 * Each rule's comment is the message a contributor sees when they break it; ARCHITECTURE.md says why.
 */

/** The pure core: no I/O, runs in the browser and on the server alike. */
const PURE_CORE = "^lib/(vocabulary|catalog|budget|engines|layout|designer|audit|tokens)/|^lib/format\\.ts$";
/** Our server-only folders: the database, the runtime, sessions, actions, configuration. */
const SERVER_ONLY = "^lib/(queries|server|auth|actions|api|runtime|secrets|migrations|generated)/|^lib/boot\\.ts$";
/** Packages the pure core must never import. */
const NOT_PURE_PACKAGES =
  "^(server-only|@prisma/|prisma|dockerode|react|react-dom|next|pino|better-auth|pg|better-sqlite3|@tanstack/)";
/** Tests, test fixtures, benches and browser tests may import anything. */
const TEST_CODE =
  "(\\.test\\.tsx?$|/testing/|^bench/|^e2e/|^scripts/|^playwright\\.config\\.ts$|^vitest\\.config\\.ts$)";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Modules form a cycle: move what both need to a lower module (often lib/vocabulary). Cycles made only of type imports are erased at build time and allowed.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "vocabulary-imports-nothing",
      severity: "error",
      comment: "lib/vocabulary is the bottom folder: it imports nothing of ours (only zod).",
      from: { path: "^lib/vocabulary/" },
      to: { path: "^(lib|components|app|sim|cli|bench)/", pathNot: "^lib/vocabulary/" },
    },
    {
      name: "pure-core-stays-pure",
      severity: "error",
      comment:
        "The pure core (vocabulary, catalog, budget, engines, layout, designer, audit, tokens, format) runs in the browser: no database, runtime, server-only module, React or Next.",
      from: { path: PURE_CORE, pathNot: TEST_CODE },
      to: { path: `${SERVER_ONLY}|^lib/metrics/|^components/|^app/|^sim/|^cli/` },
    },
    {
      name: "pure-core-no-server-packages",
      severity: "error",
      comment: "The pure core imports no server-only, Prisma, Docker, React or Next package.",
      from: { path: PURE_CORE, pathNot: TEST_CODE },
      to: { dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg"], path: NOT_PURE_PACKAGES },
    },
    {
      name: "catalog-below-budget-and-engines",
      severity: "error",
      comment: "lib/catalog sits below budget, engines, layout and designer: it may import only lib/vocabulary.",
      from: { path: "^lib/catalog/", pathNot: TEST_CODE },
      to: { path: "^lib/(budget|engines|layout|designer)/" },
    },
    {
      name: "budget-and-engines-are-siblings",
      severity: "error",
      comment:
        "lib/budget and lib/engines sit side by side below lib/layout: neither imports the other, layout or designer.",
      from: { path: "^lib/(budget|engines)/", pathNot: TEST_CODE },
      to: { path: "^lib/(budget|engines|layout|designer)/", pathNot: "^lib/$1/" },
    },
    {
      name: "layout-below-designer",
      severity: "error",
      comment: "lib/layout (the plan model) never imports lib/designer (the designer's client state).",
      from: { path: "^lib/layout/", pathNot: TEST_CODE },
      to: { path: "^lib/designer/" },
    },
    {
      name: "components-no-data-access",
      severity: "error",
      comment:
        "Components never touch the database, the runtime or server-only code: pages pass them data, and they call server actions (lib/actions/<domain>/<verb-noun>.ts). Row types from lib/queries may be imported as types.",
      from: { path: "^components/" },
      to: {
        path: "^lib/(queries|runtime|server|auth|secrets|migrations|api|generated)/|^lib/boot\\.ts$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "components-no-server-packages",
      severity: "error",
      comment: "Components never import Prisma, dockerode or server-only packages.",
      from: { path: "^components/" },
      to: {
        path: "^(server-only|@prisma/|prisma|dockerode|pino|pg|better-sqlite3|better-auth)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "pages-read-through-the-guard",
      severity: "error",
      comment:
        "app/ gets the database client only through authorizedRead() (lib/auth/authorize.ts), so no page reads without a permission check.",
      from: { path: "^app/" },
      to: { path: "^lib/queries/db\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "database-client-in-few-hands",
      severity: "error",
      comment:
        "The Prisma client (lib/queries/db.ts) is used by lib/queries, and by lib/auth, lib/actions, lib/secrets and lib/runtime (its long-running loops: health poller, reconciler) to open a transaction or pass a client to a query. Everything else calls a query.",
      from: { pathNot: `^lib/(queries|auth|actions|secrets|runtime)/|${TEST_CODE}` },
      to: { path: "^lib/queries/db\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "prisma-only-in-queries",
      severity: "error",
      comment: "Only lib/queries/db.ts imports the generated Prisma client and the Prisma adapters.",
      from: { pathNot: "^lib/queries/db\\.ts$" },
      to: { path: "^lib/generated/|^@prisma/(client|adapter-)" },
    },
    {
      name: "queries-are-data-access-only",
      severity: "error",
      comment:
        "lib/queries reads and writes the database and nothing else: no guard (lib/auth), no actions, no runtime, no UI. The caller authorizes.",
      from: { path: "^lib/queries/" },
      to: { path: "^lib/(auth|actions|api|runtime|designer|secrets)/|^components/|^app/" },
    },
    {
      name: "sim-is-independent-of-the-estimator",
      severity: "error",
      comment:
        "sim/ must never reach lib/budget (not even through another module): predicted-vs-actual compares two independent models.",
      from: { path: "^sim/" },
      to: { path: "^lib/budget/", reachable: true },
    },
    {
      name: "sim-stays-outside-the-app",
      severity: "error",
      comment:
        "sim/ is a standalone program: it may import lib/vocabulary, lib/catalog and lib/engines data, never the layout rules, the designer, the server or the UI.",
      from: { path: "^sim/" },
      to: { path: `^lib/(layout|designer)/|${SERVER_ONLY}|^lib/metrics/|^components/|^app/` },
    },
    {
      name: "app-code-never-imports-sim",
      severity: "error",
      comment: "The simulator is a separate program; the app talks to it over HTTP like to a real engine.",
      from: { path: "^(lib|components|app|cli)/", pathNot: TEST_CODE },
      to: { path: "^sim/" },
    },
    {
      name: "lib-never-imports-ui",
      severity: "error",
      comment: "lib/ never imports components/ or app/: UI depends on lib, not the other way round.",
      from: { path: "^lib/" },
      to: { path: "^(components|app)/" },
    },
    {
      name: "fixtures-only-in-tests",
      severity: "error",
      comment: "testing/ folders hold test fixtures: only tests, benches and other fixtures may import them.",
      from: { pathNot: TEST_CODE },
      to: { path: "/testing/" },
    },
    {
      name: "no-dev-dependencies-in-production",
      severity: "error",
      comment: "Production code (app, components, lib, cli) may not import a devDependency.",
      from: { path: "^(app|components|lib|cli)/", pathNot: TEST_CODE },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "This import does not resolve to a file or an installed package.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: {
      path: "^(node_modules|lib/generated|\\.next|\\.test-env|data/|e2e/artifacts|test-results|playwright-report|next-env\\.d\\.ts$|\\.dependency-cruiser)",
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

/**
 * The boundaries of the server, checked in scripts/test next to eslint (docs/architecture.md,
 * "Boundaries"): `npx depcruise --config .dependency-cruiser.mjs --output-type err server/src`.
 * A test file (`*.test.ts`) and server/test/ may reach past the port — they build engines.
 */
const TEST = '(\\.test\\.ts$|^server/test/)';
/** The composition roots: they alone pick and build an engine adapter. */
const ROOTS = '^server/src/(main|hall)\\.ts$|^server/src/analytics/history/cli\\.ts$';

/**
 * Named temporary exception to no-import-cycles: authz/refusals.ts records refusals in audit/, whose
 * routes ask authz (the auth ↔ authz cycle is gone: the principal type lives in shared/principal.ts).
 * Breaking it means handing the refusal recorder to authz at composition instead of importing it.
 * A cycle is excused only when every module in it is one of these.
 */
const KNOWN_CYCLE_MODULES = '^server/src/(authz/(index|ability|authority|documents|enforce|refusals|routes|route-guard)|audit/(index|routes))\\.ts$';

export default {
  forbidden: [
    {
      name: 'features-use-the-engine-port',
      comment: 'Features know the engine through engine/index.ts (port.ts, errors.ts) only; the adapters and the factory are for main.ts, hall.ts and tests.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: [TEST, ROOTS, '^server/src/engine/'] },
      to: { path: '^server/src/engine/(embedded/|zeebe/|factory\\.ts$)' },
    },
    {
      name: 'engine-imports-no-feature',
      comment: 'The port and its adapters import no feature (shared plumbing only): a feature change never reaches the engine.',
      severity: 'error',
      from: { path: '^server/src/engine/', pathNot: TEST },
      to: { path: '^server/src/', pathNot: '^server/src/(engine|shared)/' },
    },
    {
      name: 'casl-only-in-authz',
      comment: 'Every CASL rule lives in server/src/authz/; routes and services ask it (assertCan, accessibleFilter, the ability it builds).',
      severity: 'error',
      from: { path: '^server/src/', pathNot: ['^server/src/authz/', TEST] },
      to: { path: '(^|/)node_modules/@casl/ability/' },
    },
    {
      name: 'src-never-imports-test',
      comment: 'Production code never imports test code (harnesses, doubles, fixtures live under server/test/).',
      severity: 'error',
      from: { path: '^server/src/', pathNot: TEST },
      to: { path: '^server/test/' },
    },
    {
      name: 'no-dev-dependency-in-production',
      comment: 'A production file never imports a devDependency: the image may be built without them.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: TEST },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-import-cycles',
      comment: 'No module reaches itself through its imports.',
      severity: 'error',
      from: { path: '^server/src/' },
      to: { circular: true, via: { pathNot: KNOWN_CYCLE_MODULES } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.data|modeler|test-artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

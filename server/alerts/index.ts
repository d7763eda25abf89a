/**
 * The supervisor's alerts (issue 17 point 4, docs/backend.md «Alerts»): rules, the minute sweep
 * that raises and clears alerts, and their endpoints. No other feature imports it; app.ts wires
 * it (the sweep's timer, the routes) and hands tests the evaluator (`BackendApp.alerts`).
 */
export { createAlertEvaluator, type AlertEvaluator, type SweepOutcome } from './evaluator.js';
export { registerAlertRoutes } from './routes.js';
export { parseConsoleUrl } from './messages.js';

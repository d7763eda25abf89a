// npm run build: the widget in steps (dist/widget/: the panel and one file per channel; then
// dist/gov-support-widget.js, the launcher the script tag names, which knows the panel's hashed
// name), the one-file build, the ES build for bundler apps, the operator console
// (build/operator/, outside the public dist/), the public report's page (build/report/), the backend compiled (build/server/main.js), types, the elements manifest and openapi.json.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
rmSync('build', { recursive: true, force: true });
run('npx', ['vite', 'build', '--mode', 'panel', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--mode', 'launcher', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--mode', 'bundle', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--mode', 'esm', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'operator/vite.config.ts', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'report/vite.config.ts', '--logLevel', 'warn']);
run(process.execPath, ['scripts/build-server.mjs']);
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet']);
run('npx', ['tsx', 'scripts/build-openapi.ts']);
console.log(
  'built dist/: gov-support-widget.js (the launcher), widget/ (panel and channels), gov-support-widget.bundle.js (one file), esm/, types/, custom-elements.json, openapi.json; build/operator/ (the operator console), build/report/ (the public report page), build/server/main.js (the backend, compiled)',
);

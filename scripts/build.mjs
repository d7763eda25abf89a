// npm run build: the script-tag bundle and its office map file, the ES build, the operator console (build/operator/, outside the public dist/), types, the elements manifest and openapi.json.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
rmSync('build', { recursive: true, force: true });
run('npx', ['vite', 'build', '--mode', 'iife', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--mode', 'map', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--mode', 'esm', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'vite.operator.config.ts', '--logLevel', 'warn']);
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet']);
run('npx', ['tsx', 'scripts/build-openapi.ts']);
console.log('built dist/: gov-support-widget.js, gov-support-widget-map.js, esm/, types/, custom-elements.json, openapi.json; build/operator/ (the operator console)');

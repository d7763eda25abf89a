import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { readSettings } from './env.js';
import { operatorTokenWeakness } from './operator/token-strength.js';

async function main(): Promise<void> {
  const settings = readSettings();
  const backend = await buildApp(settings.app);
  await backend.app.listen({ port: settings.port, host: settings.host });

  const { port } = backend.app.server.address() as AddressInfo;
  const shownHost = ['0.0.0.0', '::'].includes(settings.host) ? 'localhost' : settings.host;
  const base = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  console.log(
    [
      '',
      'gov-support-widget demo backend',
      `  Demo site:     ${base}/`,
      `  English page:  ${base}/en/`,
      `  Health:        ${base}/health   Ready: ${base}/ready`,
      `  Config:        ${base}/config`,
      `  Operator:      ${base}/operator`,
      settings.app.operatorToken
        ? `  Operator token: from OPERATOR_TOKEN${operatorTokenWeakness(settings.app.operatorToken) ? '  (WEAK, accepted for a demo only: OPERATOR_TOKEN_DEMO=1)' : ''}`
        : `  Operator token: ${backend.operatorToken}  (generated for this run; set OPERATOR_TOKEN to keep one)`,
      `  Database:      ${settings.app.databaseUrl ? hidePassword(settings.app.databaseUrl) : settings.app.dbPath}`,
      `  Callbacks:     ${String(settings.app.callbackSettingsPath ?? '(default settings)')}`,
      `  Offices:       ${String(settings.app.offices?.dataPath ?? '(demo data)')}`,
      `  Office rules:  ${String(settings.app.offices?.settingsPath ?? '(default settings)')}`,
      `  CORS origins:  ${settings.app.corsOrigins.join(', ') || '(same origin only)'}`,
      `  Chat identity: ${settings.app.chat?.identitySecret ? 'site tokens checked (IDENTITY_SECRET)' : 'anonymous only (set IDENTITY_SECRET to check site tokens)'}`,
      `  Survey links:  ${settings.app.publicUrl ?? '(none in e-mails and SMS: set PUBLIC_URL to the site page with the widget)'}`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting at once`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: shutting down…`);
    backend.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/** A database URL fit to print: its password replaced. */
function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '…';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

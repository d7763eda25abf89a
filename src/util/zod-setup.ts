import { config } from 'zod/mini';

// Zod's fast path compiles parsers with `new Function`, and merely probing for it trips a strict
// Content-Security-Policy (a `securitypolicyviolation` event). The widget runs under such
// policies, so it always parses without eval.
config({ jitless: true });

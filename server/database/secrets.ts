import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Every signing secret kept in `meta` has this many random bytes. */
export const SECRET_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A signing secret of its own under `key` in `meta` (one per purpose: domain separation): 32
 * random bytes made once, so that what it signs survives a restart on the same database and is
 * shared by the processes using it (the first one writes it, the others keep theirs out by the
 * key's primary key). A damaged value is replaced (what was signed before is void, which is safe).
 */
export async function loadMetaSecret(db: Kysely<Database>, key: string): Promise<Buffer> {
  const fresh = () => randomBytes(SECRET_BYTES).toString('base64url');
  const read = async () => (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
  await db
    .insertInto('meta')
    .values({ key, value: fresh() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  let stored = await read();
  if (stored === undefined || !BASE64URL.test(stored) || Buffer.from(stored, 'base64url').length !== SECRET_BYTES) {
    await db
      .insertInto('meta')
      .values({ key, value: fresh() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
    stored = (await read())!;
  }
  return Buffer.from(stored, 'base64url');
}

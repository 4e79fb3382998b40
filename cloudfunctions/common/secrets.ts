/**
 * Server secrets come from the function's environment (CloudBase function env vars in the cloud,
 * injected by the local cloud locally). They are required: a missing secret is a deployment error,
 * not something to paper over with a default.
 */
export type SecretName = 'ANXUE_HASH_KEY' | 'ANXUE_ENC_KEY' | 'ANXUE_SESSION_KEY';

export function secret(name: SecretName): Buffer {
  const v = process.env[name];
  if (!v || v.length < 32) throw new Error(`missing or short secret ${name} (need ≥32 hex chars)`);
  return Buffer.from(v, 'hex');
}

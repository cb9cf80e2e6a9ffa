import type { AuditActor } from '../audit/audit.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * Who calls a use-case: the actor whose permissions apply, and how they are named in the audit trail
 * (with the request's IP and id). Routes build it from the request; the command line has no Caller
 * and uses the functions that take only an AuditActor.
 */
export type Caller = { actor: Actor; audit: AuditActor };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: anything but a UUID is simply not found (and never reaches a uuid column). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

// What a command needs to know about the request that carries it: who acts, in which role,
// from where, under which request id. Built by the auth plugin; routes pass it to commands.
import type { Role } from '../../domain/roles.js';

export interface RoleGrant {
  id: string;
  role: Role;
  orgId: string | null;
}

export interface Actor {
  userId: string;
  name: string;
  roles: RoleGrant[];
  sessionTokenHash: string;
}

export interface RequestContext {
  requestId: string;
  ip: string;
  actor: Actor | null;
  /** The role whose grant allowed this request (recorded in the audit row). */
  actingRole: Role | null;
  /** Set once a command has written this request's audit row. */
  audited: boolean;
}

export function systemContext(requestId: string): RequestContext {
  return { requestId, ip: '127.0.0.1', actor: null, actingRole: null, audited: false };
}

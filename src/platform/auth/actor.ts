/** Who is making a request: an agent with their memberships, as loaded once per request from the session. */
export type MembershipRole = 'admin' | 'agent' | 'readonly';

export type Membership = {
  organisationId: string;
  organisationSlug: string;
  organisationName: string;
  organisationKind: string;
  territoryId: string | null;
  territoryName: string | null;
  territorySlug: string | null;
  /** The version of the territory's logo (its upload time in ms, see tenancy/logo.ts); null: no logo. */
  territoryLogoVersion: number | null;
  role: MembershipRole;
};

export type Actor = {
  agentId: string;
  email: string;
  firstName: string;
  lastName: string;
  isOperator: boolean;
  memberships: Membership[];
};

export type SignedIn = {
  actor: Actor;
  sessionId: string;
  method: 'email' | 'oidc';
  /** The organisation the agent works in now (chosen in the header); null when they have none. */
  currentOrganisation: Membership | null;
};

export const roleLabels: Record<MembershipRole, string> = {
  admin: 'Administrateur de l’organisation',
  agent: 'Agent',
  readonly: 'Lecture seule',
};

export function displayName(actor: Pick<Actor, 'firstName' | 'lastName'>): string {
  return `${actor.firstName} ${actor.lastName}`.trim();
}

import { type CrmConnector, CrmError, type CrmKind } from '../../core/crm.js';
import type { CrmDrivers, CrmIo } from './crm.drivers.js';
import type { CrmConnectionRow } from './crm.repo.js';
import { type SecretBox, SecretBoxError } from './secret-box.js';

/** A workspace's live connector, and its secrets' values so errors can be scrubbed of them. */
export interface LiveConnector {
  connector: CrmConnector;
  secrets: readonly string[];
}

function secretValues(secrets: Record<string, unknown>): string[] {
  return Object.values(secrets).filter((v): v is string => typeof v === 'string');
}

/**
 * Opens stored connections into connectors and keeps one per workspace and connection version
 * (its `connectedAt`): connectors hold their access tokens in memory, so building one per event
 * would ask the CRM for a token every time. A reconnect is a new version, so a new connector.
 */
export class CrmConnections {
  readonly #live = new Map<string, LiveConnector & { version: number }>();

  constructor(
    private readonly drivers: CrmDrivers,
    private readonly box: SecretBox | undefined,
    private readonly io: CrmIo,
  ) {}

  /** Whether secrets can be stored at all (MUSTER_SECRET_KEY is set). */
  get canSeal(): boolean {
    return this.box !== undefined;
  }

  seal(workspaceId: string, secrets: Record<string, unknown>): string {
    if (!this.box) throw new Error('MUSTER_SECRET_KEY is not set; CRM secrets cannot be stored');
    return this.box.seal(JSON.stringify(secrets), workspaceId);
  }

  /** A connector for values not stored yet, to check them against the CRM before they are. */
  build(kind: CrmKind, settings: Record<string, unknown>, secrets: Record<string, unknown>): LiveConnector {
    return {
      connector: this.drivers[kind].create(settings, secrets, this.io),
      secrets: secretValues(secrets),
    };
  }

  /** Keeps a connector that was just checked, so its fresh access token is used, not thrown away. */
  remember(workspaceId: string, connectedAt: Date, live: LiveConnector): void {
    this.#live.set(workspaceId, { ...live, version: connectedAt.getTime() });
  }

  forget(workspaceId: string): void {
    this.#live.delete(workspaceId);
  }

  /**
   * The connector for a stored connection. A connection that cannot be opened (the key changed or
   * is gone, the stored values no longer fit) throws an `auth` CrmError: only an admin can fix it,
   * so the queue stops and tells them, exactly as when the CRM refuses the credentials.
   */
  for(row: CrmConnectionRow): LiveConnector {
    const cached = this.#live.get(row.workspaceId);
    if (cached && cached.version === row.connectedAt.getTime()) return cached;
    let live: LiveConnector;
    try {
      if (!this.box)
        throw new SecretBoxError(
          'MUSTER_SECRET_KEY is not set, so the saved CRM secrets cannot be opened; set the key they were saved with.',
        );
      const secrets: unknown = JSON.parse(this.box.open(row.secretsEnc, row.workspaceId));
      live = this.build(
        row.kind,
        row.settings,
        typeof secrets === 'object' && secrets !== null ? { ...secrets } : {},
      );
    } catch (error) {
      // Only a SecretBoxError's words are ours; anything else (a zod issue) may quote a secret.
      const message =
        error instanceof SecretBoxError
          ? error.message
          : 'The saved CRM settings no longer fit this version of Muster; connect the CRM again.';
      throw new CrmError(message, { kind: 'auth', code: 'saved_connection' });
    }
    this.remember(row.workspaceId, row.connectedAt, live);
    return live;
  }
}

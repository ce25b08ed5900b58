import type { z } from 'zod';
import type { CrmConnector, CrmConnectorOptions, CrmKind, Fetch } from '../../core/crm.js';

/** The I/O a connector is built with. */
export interface CrmIo {
  fetch: Fetch;
  now: () => Date;
}

export type CrmCheck =
  | { ok: true; settings: Record<string, unknown>; secrets: Record<string, unknown> }
  /** The ids of the fields the CRM's rules refused. */
  | { ok: false; fields: string[] };

/**
 * One CRM as the crm feature sees it: its rules for settings and secrets, and how to build a
 * connector. The app makes these from the integrations, which the feature may not import.
 */
export interface CrmDriver {
  check(settings: Record<string, string>, secrets: Record<string, string>): CrmCheck;
  /** Builds a connector from stored values; throws when they no longer fit the CRM's rules. */
  create(settings: unknown, secrets: unknown, io: CrmIo): CrmConnector;
}

export type CrmDrivers = { readonly [K in CrmKind]: CrmDriver };

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? { ...value } : {};
}

/**
 * A driver over a connector's zod schemas and factory.
 * @example crmDriver({ settings: zohoSettingsSchema, secrets: zohoSecretsSchema }, createZohoConnector)
 */
export function crmDriver<S, T>(
  schemas: { settings: z.ZodType<S>; secrets: z.ZodType<T> },
  create: (options: CrmConnectorOptions<S, T>) => CrmConnector,
): CrmDriver {
  return {
    check(settings, secrets) {
      const s = schemas.settings.safeParse(settings);
      const k = schemas.secrets.safeParse(secrets);
      if (s.success && k.success) return { ok: true, settings: asRecord(s.data), secrets: asRecord(k.data) };
      // Only the field names leave here: zod's issues may quote the input, and the input is secret.
      const fields = [s, k].flatMap((r) =>
        r.success ? [] : r.error.issues.map((i) => String(i.path[0] ?? '')),
      );
      return { ok: false, fields: [...new Set(fields)] };
    },
    create(settings, secrets, io) {
      return create({
        settings: schemas.settings.parse(settings),
        secrets: schemas.secrets.parse(secrets),
        fetch: io.fetch,
        now: io.now,
      });
    },
  };
}

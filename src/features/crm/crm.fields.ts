import type { CrmKind } from '../../core/crm.js';
import type { MessageKey } from '../../core/i18n/catalog.js';

/**
 * What `/crm connect <crm>` asks for. Ids are the connector schemas' keys (and the names the
 * environment variables stand in for); `part` says whether a value is a plain setting or a secret
 * that is sealed before it is stored and never shown again.
 */
export interface ConnectField {
  id: string;
  part: 'settings' | 'secrets';
  label: MessageKey;
  /** The localized hint when the CRM's rules refuse the value; it never repeats the value. */
  invalid: MessageKey;
  required: boolean;
  /** An address credentials are sent to: https only (plain http only on this machine). */
  url?: true;
  initial?: string;
  placeholder?: string;
  /** A fixed list (shown as a select): values with their label keys. */
  options?: readonly { value: string; label: MessageKey }[];
}

/** A CRM connection given in the environment: form field id → value, per CRM (config.ts reads it). */
export type CrmEnvironment = { readonly [K in CrmKind]?: Readonly<Record<string, string>> };

/** Zoho's data centers, as its connector accepts them (a test keeps the two lists equal). */
export const ZOHO_DATA_CENTERS: readonly { value: string; label: MessageKey }[] = [
  { value: 'com', label: 'crm.dc.com' },
  { value: 'eu', label: 'crm.dc.eu' },
  { value: 'in', label: 'crm.dc.in' },
  { value: 'com.au', label: 'crm.dc.com.au' },
  { value: 'jp', label: 'crm.dc.jp' },
  { value: 'ca', label: 'crm.dc.ca' },
  { value: 'sa', label: 'crm.dc.sa' },
  { value: 'com.cn', label: 'crm.dc.com.cn' },
  { value: 'uk', label: 'crm.dc.uk' },
];

export const CONNECT_FIELDS: { readonly [K in CrmKind]: readonly ConnectField[] } = {
  zoho: [
    {
      id: 'dataCenter',
      part: 'settings',
      label: 'crm.field.dataCenter',
      invalid: 'crm.invalid.dataCenter',
      required: true,
      initial: 'com',
      options: ZOHO_DATA_CENTERS,
    },
    {
      id: 'clientId',
      part: 'secrets',
      label: 'crm.field.clientId',
      invalid: 'crm.invalid.required',
      required: true,
      placeholder: '1000.XXXXXXXXXXXXXXXXXXXX',
    },
    {
      id: 'clientSecret',
      part: 'secrets',
      label: 'crm.field.clientSecret',
      invalid: 'crm.invalid.required',
      required: true,
    },
    {
      id: 'refreshToken',
      part: 'secrets',
      label: 'crm.field.refreshToken',
      invalid: 'crm.invalid.required',
      required: true,
      placeholder: '1000.xxxx.xxxx',
    },
  ],
  fxiaoke: [
    {
      id: 'baseUrl',
      part: 'settings',
      label: 'crm.field.baseUrl',
      invalid: 'crm.invalid.baseUrl',
      required: false,
      url: true,
      initial: 'https://open.fxiaoke.com',
    },
    {
      id: 'appId',
      part: 'secrets',
      label: 'crm.field.appId',
      invalid: 'crm.invalid.required',
      required: true,
    },
    {
      id: 'appSecret',
      part: 'secrets',
      label: 'crm.field.appSecret',
      invalid: 'crm.invalid.required',
      required: true,
    },
    {
      id: 'permanentCode',
      part: 'secrets',
      label: 'crm.field.permanentCode',
      invalid: 'crm.invalid.required',
      required: true,
    },
    {
      id: 'currentOpenUserId',
      part: 'secrets',
      label: 'crm.field.currentOpenUserId',
      invalid: 'crm.invalid.required',
      required: true,
      placeholder: 'FSUID_…',
    },
  ],
  webhook: [
    {
      id: 'url',
      part: 'settings',
      label: 'crm.field.url',
      invalid: 'crm.invalid.url',
      required: true,
      url: true,
      placeholder: 'https://crm.example.com/hooks/muster',
    },
    {
      id: 'signingSecret',
      part: 'secrets',
      label: 'crm.field.signingSecret',
      invalid: 'crm.invalid.signingSecret',
      required: true,
    },
  ],
};

/** The submitted values split into settings and secrets; blanks are left out so defaults apply. */
export function splitValues(
  kind: CrmKind,
  values: Readonly<Record<string, string | undefined>>,
): { settings: Record<string, string>; secrets: Record<string, string> } {
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of CONNECT_FIELDS[kind]) {
    const value = values[field.id]?.trim() ?? '';
    if (value === '') continue;
    (field.part === 'settings' ? settings : secrets)[field.id] = value;
  }
  return { settings, secrets };
}

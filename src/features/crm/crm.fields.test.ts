import { describe, expect, it } from 'vitest';
import { crmDrivers } from '../../app/crm-drivers.js';
import { MAX_FORM_FIELDS } from '../../core/commands/define-command.js';
import { zohoSettingsSchema } from '../../integrations/crm/zoho/zoho.connector.js';
import { CONNECT_FIELDS, splitValues, ZOHO_DATA_CENTERS } from './crm.fields.js';

describe('connect fields', () => {
  it('offer exactly the data centers the Zoho connector accepts', () => {
    expect(ZOHO_DATA_CENTERS.map((d) => d.value)).toEqual(
      zohoSettingsSchema.shape.dataCenter.unwrap().options,
    );
  });

  it('fit in one form and, filled in, pass each CRM’s own rules', () => {
    const filled: Record<string, Record<string, string>> = {
      zoho: { dataCenter: 'com.cn', clientId: '1000.ID', clientSecret: 's', refreshToken: 'r' },
      fxiaoke: {
        baseUrl: '',
        appId: 'FSAID_1',
        appSecret: 's',
        permanentCode: 'p',
        currentOpenUserId: 'FSUID_1',
      },
      webhook: { url: 'https://crm.example.com/hook', signingSecret: 'whsec_0123456789abcdef' },
    };
    for (const [kind, fields] of Object.entries(CONNECT_FIELDS) as [
      keyof typeof CONNECT_FIELDS,
      typeof CONNECT_FIELDS.zoho,
    ][]) {
      expect(fields.length).toBeLessThanOrEqual(MAX_FORM_FIELDS);
      const { settings, secrets } = splitValues(kind, filled[kind] ?? {});
      expect(crmDrivers[kind].check(settings, secrets)).toMatchObject({ ok: true });
    }
  });

  it('leave blanks out, so a CRM’s defaults apply, and name refused fields without their values', () => {
    const { settings, secrets } = splitValues('fxiaoke', {
      baseUrl: '  ',
      appId: 'FSAID_1',
      appSecret: ' s ',
      permanentCode: 'p',
      currentOpenUserId: '',
    });
    expect(settings).toEqual({});
    expect(secrets).toEqual({ appId: 'FSAID_1', appSecret: 's', permanentCode: 'p' });
    expect(crmDrivers.fxiaoke.check(settings, secrets)).toEqual({ ok: false, fields: ['currentOpenUserId'] });
    expect(crmDrivers.webhook.check({ url: 'http://example.com/x' }, { signingSecret: 'short' })).toEqual({
      ok: false,
      fields: ['url', 'signingSecret'],
    });
  });
});

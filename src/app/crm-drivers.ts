import { type CrmDrivers, crmDriver } from '../features/crm/crm.drivers.js';
import {
  createFxiaokeConnector,
  fxiaokeSecretsSchema,
  fxiaokeSettingsSchema,
} from '../integrations/crm/fxiaoke/fxiaoke.connector.js';
import {
  createWebhookConnector,
  webhookSecretsSchema,
  webhookSettingsSchema,
} from '../integrations/crm/webhook/webhook.connector.js';
import {
  createZohoConnector,
  zohoSecretsSchema,
  zohoSettingsSchema,
} from '../integrations/crm/zoho/zoho.connector.js';

/** The CRMs Muster syncs to. The crm feature may not import integrations, so the app hands them over. */
export const crmDrivers: CrmDrivers = {
  zoho: crmDriver({ settings: zohoSettingsSchema, secrets: zohoSecretsSchema }, createZohoConnector),
  fxiaoke: crmDriver(
    { settings: fxiaokeSettingsSchema, secrets: fxiaokeSecretsSchema },
    createFxiaokeConnector,
  ),
  webhook: crmDriver(
    { settings: webhookSettingsSchema, secrets: webhookSecretsSchema },
    createWebhookConnector,
  ),
};

import type { Translator } from '../i18n/catalog.js';
import type { SubcommandSpec } from './define-command.js';

/**
 * One usage line from a declaration, in the reader's language: required `<x>`, optional `[x]`.
 * @example usageLine('role', add, t) === '/role add @member <role>'
 */
export function usageLine(command: string, sub: SubcommandSpec, t: Translator): string {
  const words = Object.values(sub.options).map((spec) => {
    const label = t(spec.label);
    // `<@x>` and `<#x>` would be read as mentions by Slack and Discord, so those sigils go outside.
    if (spec.kind === 'user') return spec.required ? `@${label}` : `[@${label}]`;
    if (spec.kind === 'channel') return spec.required ? `#${label}` : `[#${label}]`;
    const shown = spec.kind === 'string' && spec.rest ? `${label}…` : label;
    return spec.required ? `<${shown}>` : `[${shown}]`;
  });
  return [`/${command}`, sub.name, ...words].join(' ');
}

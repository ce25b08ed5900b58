import type { Translator } from '../i18n/catalog.js';
import type { SubcommandSpec } from './define-command.js';

/**
 * One usage line from a declaration, in the reader's language: required `<x>`, optional `[x]`.
 * @example usageLine('role', add, t) === '/role add <member> <role>'
 */
export function usageLine(command: string, sub: SubcommandSpec, t: Translator): string {
  const words = Object.values(sub.options).map((spec) => {
    const label = t(spec.label);
    const shown = spec.kind === 'string' && spec.rest ? `${label}…` : label;
    return spec.required ? `<${shown}>` : `[${shown}]`;
  });
  return [`/${command}`, sub.name, ...words].join(' ');
}

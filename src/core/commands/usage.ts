import type { Translator } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import { type CommandSpec, chineseName, type SubcommandSpec } from './define-command.js';

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
    // A label that begins with a sigil (`@member|#channel|role`) in `<…>` would be a mention too.
    if (/^[@#]/u.test(label)) return spec.required ? shown : `[${shown}]`;
    return spec.required ? `<${shown}>` : `[${shown}]`;
  });
  return [`/${command}`, sub.name, ...words].join(' ');
}

/** What a person types to ask a command what it does: `/rules help`, `/群规 帮助`, `/站會 幫助`. */
const HELP_WORDS = /^(?:help|\?|？|帮助|幫助|说明|說明)$/iu;

/** @example isHelpWord('帮助') === true; isHelpWord('add') === false */
export function isHelpWord(word: string): boolean {
  return HELP_WORDS.test(word.trim());
}

/** True when a command's whole text asks for its help rather than naming a subcommand or value. */
export function asksForHelp(command: CommandSpec, text: string): boolean {
  const word = text.trim();
  const taken = command.subcommands.some((s) => s.name === word || s.aliases?.includes(word));
  return isHelpWord(word) && !taken;
}

/**
 * One command's help for a reader: a usage line and description per subcommand they may run
 * there, with the Chinese way to type it when they read Chinese.
 * @example commandHelp(rules, (s) => allows('admin', s.permission), 'zh-CN', t)
 */
export function commandHelp(
  command: CommandSpec,
  runnable: (sub: SubcommandSpec) => boolean,
  locale: Locale,
  t: Translator,
): string {
  const lines = command.subcommands.filter(runnable).map((sub) => helpLine(command, sub, locale, t));
  return [`*${t(command.description)}*`, ...lines].join('\n');
}

/** One help line: usage, the Chinese way to type it for a Chinese reader, and what it does. */
export function helpLine(command: CommandSpec, sub: SubcommandSpec, locale: Locale, t: Translator): string {
  const usage = `\`${usageLine(command.name, sub, t)}\``;
  const chinese = locale === 'zh-CN' ? chineseWords(command, sub) : undefined;
  const shown = chinese ? t('help.alsoWritten', { usage, chinese: `\`${chinese}\`` }) : usage;
  return t('help.line', { usage: shown, description: t(sub.description) });
}

/**
 * The Chinese way to type a subcommand: the command's Chinese name, then the subcommand's (or its
 * own name when it has none); nothing when the command has no Chinese name.
 * @example chineseWords(standup, away) === '/站会 请假'
 */
export function chineseWords(command: CommandSpec, sub: SubcommandSpec): string | undefined {
  const name = chineseName(command);
  return name ? `/${name} ${chineseName(sub) ?? sub.name}` : undefined;
}

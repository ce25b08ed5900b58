/*
 * Preset lists an admin switches on without typing words. Where each list comes from:
 * - profanity, English: the LDNOOBW list ("List of Dirty, Naughty, Obscene and Otherwise Bad
 *   Words", CC BY 4.0) as shipped in the naughty-words package (`en.json`), minus
 *   EN_PROFANITY_EXCLUDED (everyday words, anatomy, art; see presets.data.ts).
 * - profanity, Chinese: LDNOOBW `zh.json` from the same package, which is noisy: single characters
 *   (乳, 性, 逼, 幹 → 干) and ordinary words (处女座, 祖宗, 刚度) would fire on normal messages. We
 *   drop every single-character entry and ZH_PROFANITY_EXCLUDED, and add ZH_PROFANITY_ADDED,
 *   curated by hand.
 * - ads and gambling, both languages: written by hand for Muster (presets.data.ts), from spam seen
 *   in Chinese and English chat groups, avoiding phrases a team says at work ("私聊我", "快三点").
 * Presets compile into the same automaton as the admin's own words (rule-set.ts).
 */
import naughtyEnglish from 'naughty-words/en.json' with { type: 'json' };
import naughtyChinese from 'naughty-words/zh.json' with { type: 'json' };
import {
  EN_ADS,
  EN_GAMBLING,
  EN_PROFANITY_EXCLUDED,
  ZH_ADS,
  ZH_GAMBLING,
  ZH_PROFANITY_ADDED,
  ZH_PROFANITY_EXCLUDED,
} from './presets.data.js';
import { normalizeForMatching } from './text-normalize.js';

export const PRESET_NAMES = ['profanity', 'ads', 'gambling'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

function without(list: readonly string[], excluded: readonly string[]): string[] {
  const drop = new Set(excluded.map(normalizeForMatching));
  return list.filter((term) => !drop.has(normalizeForMatching(term)));
}

function chineseProfanity(): string[] {
  const multiCharacter = naughtyChinese.filter((term) => [...normalizeForMatching(term)].length > 1);
  return [...new Set([...without(multiCharacter, ZH_PROFANITY_EXCLUDED), ...ZH_PROFANITY_ADDED])];
}

/** The terms of each preset, Chinese and English together. */
export const PRESET_TERMS: Readonly<Record<PresetName, readonly string[]>> = {
  profanity: [...chineseProfanity(), ...without(naughtyEnglish, EN_PROFANITY_EXCLUDED)],
  ads: [...ZH_ADS, ...EN_ADS],
  gambling: [...ZH_GAMBLING, ...EN_GAMBLING],
};

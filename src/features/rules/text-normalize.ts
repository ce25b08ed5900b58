import { Converter } from 'opencc-js/t2cn';

/*
 * Text normalization for rule matching. Every BMP code unit is folded through lookup tables built
 * once at module load (about 80 ms): NFKC (full-width and circled letters, compatibility
 * ideographs), lower case, accents stripped from Latin letters, Cyrillic/Greek look-alikes,
 * traditional → simplified Chinese. Per message there is no converter call, no `normalize()` and no
 * string building: the scanner writes into reusable typed arrays.
 */

/** What a folded code unit is to the matcher. */
const DROP = 0; // invisible (zero-width, combining marks, format controls): removed as if never typed
const SEPARATOR = 1; // spaces, punctuation, symbols, emoji: skipped between the characters of a word
const LETTER = 2; // a–z after folding
const DIGIT = 3; // 0–9 after folding
const LEET_SYMBOL = 4; // @ $ ! | : letters inside Latin words (@ss, $cam, sh!t), punctuation elsewhere
const HAN = 5; // Chinese characters: never skipped, no word boundaries
const OTHER = 6; // any other script's letters and numbers: never skipped

/** Flags of a unit in a {@link NormalizedText}. */
export const WORD = 1; // a Latin letter or digit (part of an English word)
export const TOKEN_START = 2; // first unit of an English word as written
export const TOKEN_END = 4; // last unit of an English word as written
export const SPACED = 8; // a one-letter word in a run like "f u c k", read as one word

const FOLD = new Uint16Array(0x10000);
const CLASS = new Uint8Array(0x10000);
const ASCII = new Uint8Array(0x10000);
const CASE = new Uint8Array(0x10000);

/** {@link caseOf} results. */
export const UPPER = 1;
export const LOWER = 2;

const LEET_LETTER = new Uint8Array(128);
for (const [from, to] of [
  ['0', 'o'],
  ['1', 'i'],
  ['3', 'e'],
  ['4', 'a'],
  ['5', 's'],
  ['7', 't'],
  ['8', 'b'],
  ['@', 'a'],
  ['$', 's'],
  ['!', 'i'],
  ['|', 'l'],
] as const) {
  LEET_LETTER[from.charCodeAt(0)] = to.charCodeAt(0);
}
const DOLLAR = 0x24;

// Letters from other scripts that spammers swap in because they look Latin.
const LOOKALIKES = 'аaеeоoрpсcуyхxіiѕsјjԁdһhκkνvοoαaτtιi';

const CJK_RANGES: readonly [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

/** Single-character traditional → simplified pairs, from OpenCC's Taiwan and Hong Kong tables. */
function traditionalToSimplified(): Map<number, number> {
  const chars: string[] = [];
  for (const [from, to] of CJK_RANGES) {
    for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
  }
  // One conversion over all characters, one per line so phrase rules cannot join neighbours.
  const joined = chars.join('\n');
  const table = new Map<number, number>();
  for (const from of ['tw', 'hk']) {
    const converted = Converter({ from, to: 'cn' })(joined).split('\n');
    if (converted.length !== chars.length) continue;
    chars.forEach((ch, i) => {
      const simple = converted[i];
      const code = ch.charCodeAt(0);
      if (simple && simple.length === 1 && simple !== ch && !table.has(code)) {
        table.set(code, simple.charCodeAt(0));
      }
    });
  }
  return table;
}

function buildTables(): void {
  const t2s = traditionalToSimplified();
  const lookalikes = new Map<number, number>();
  for (let i = 0; i < LOOKALIKES.length; i += 2) {
    lookalikes.set(LOOKALIKES.charCodeAt(i), LOOKALIKES.charCodeAt(i + 1));
  }
  const invisible = /[\p{Mn}\p{Me}\p{Cf}]/u;
  const han = /\p{Script=Han}/u;
  const separator = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Co}\p{Cn}\s]/u;
  const upper = /\p{Lu}/u;
  const lower = /\p{Ll}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      // Surrogates are read in pairs by the scanner.
      FOLD[c] = c;
      CLASS[c] = SEPARATOR;
      continue;
    }
    const ch = String.fromCharCode(c);
    const nfkc = ch.normalize('NFKC');
    let f = nfkc.length === 1 ? nfkc : ch;
    if (upper.test(f)) CASE[c] = UPPER;
    else if (lower.test(f)) CASE[c] = LOWER;
    const lowered = f.toLowerCase();
    if (lowered.length === 1) f = lowered;
    const ascii = f.charCodeAt(0);
    if (ascii < 0x80) ASCII[c] = ascii;
    const bare = f.normalize('NFD');
    if (bare.length > 1 && /^[a-z]\p{M}+$/u.test(bare)) f = bare.charAt(0);
    let code = f.charCodeAt(0);
    code = lookalikes.get(code) ?? t2s.get(code) ?? code;
    FOLD[c] = code;
    if (invisible.test(ch)) CLASS[c] = DROP;
    else if (code >= 0x61 && code <= 0x7a) CLASS[c] = LETTER;
    else if (code >= 0x30 && code <= 0x39) CLASS[c] = DIGIT;
    else if (code < 0x80 && LEET_LETTER[code]) CLASS[c] = LEET_SYMBOL;
    else if (han.test(String.fromCharCode(code))) CLASS[c] = HAN;
    else if (separator.test(String.fromCharCode(code))) CLASS[c] = SEPARATOR;
    else CLASS[c] = OTHER;
  }
  // Ideographic full stops separate domain labels as well as sentences ("example。com").
  for (const dot of [0x3002, 0xff61]) ASCII[dot] = 0x2e;
}
buildTables();

/**
 * A folded BMP code unit: NFKC, lower case, accents off, look-alikes and traditional characters
 * mapped. @example foldCode('Ａ'.charCodeAt(0)) === 0x61; foldCode('購'.charCodeAt(0)) === '购'.charCodeAt(0)
 */
export function foldCode(code: number): number {
  return FOLD[code] as number;
}

/**
 * The unit as lower-case ASCII after NFKC only (no look-alikes, no accents), or 0: for domains and
 * addresses, where "gооgle.com" with Cyrillic o must not pass for google.com.
 */
export function asciiCode(code: number): number {
  return ASCII[code] as number;
}

/** {@link UPPER}, {@link LOWER} or 0 for caseless characters (Chinese, digits, punctuation). */
export function caseOf(code: number): number {
  return CASE[code] as number;
}

/** Reads one character at `i`: its class, folded unit and width in code units (2 for a surrogate pair). */
interface Reader {
  cls: number;
  unit: number;
  width: number;
}

function read(text: string, i: number, into: Reader): void {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) {
    into.cls = CLASS[c] as number;
    into.unit = FOLD[c] as number;
    into.width = 1;
    return;
  }
  const cp = text.codePointAt(i) as number;
  into.width = 2;
  into.unit = c;
  if (cp >= 0x20000 && cp <= 0x3ffff) into.cls = HAN;
  else if (cp >= 0x1d400 && cp <= 0x1d7ff) {
    // Mathematical bold/italic/script letters: "𝐟𝐮𝐜𝐤".
    const folded = FOLD[String.fromCodePoint(cp).normalize('NFKC').charCodeAt(0)] as number;
    into.unit = folded;
    into.cls =
      folded >= 0x61 && folded <= 0x7a ? LETTER : folded >= 0x30 && folded <= 0x39 ? DIGIT : SEPARATOR;
  } else if (cp >= 0x1f130 && cp <= 0x1f189) {
    // Squared and circled capitals, filled or not: "🅵🆄🅲🅺".
    into.unit = 0x61 + ((cp - 0x1f130) % 0x20);
    into.cls = into.unit <= 0x7a ? LETTER : SEPARATOR;
  } else if ((cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0000 && cp <= 0xe01ef)) into.cls = DROP;
  else into.cls = SEPARATOR;
}

/**
 * A message as the matcher sees it: separators and invisible characters removed, every unit folded,
 * and for each unit where it came from in the original text and how it sits in English words.
 * Reused across messages (the arrays only grow), so scanning allocates nothing.
 */
export class NormalizedText {
  length = 0;
  units = new Uint16Array(256);
  /** Index in the original text where the unit's character starts. */
  from = new Int32Array(256);
  /** Index in the original text just after the unit's character. */
  to = new Int32Array(256);
  flags = new Uint8Array(256);
  private readonly reader: Reader = { cls: 0, unit: 0, width: 1 };
  // The Latin run being read: raw units before leet decisions.
  private runUnit = new Uint16Array(64);
  private runClass = new Uint8Array(64);
  private runFrom = new Int32Array(64);
  private runTo = new Int32Array(64);

  /** The normalized units as a string, e.g. for duplicate detection and tests. */
  toString(): string {
    let s = '';
    for (let i = 0; i < this.length; i += 4096) {
      s += String.fromCharCode(...this.units.subarray(i, Math.min(this.length, i + 4096)));
    }
    return s;
  }

  /**
   * A 53-bit hash of the first `limit` units: equal for texts that normalize the same ("Buy NOW!" and
   * "buy now"), without building a string. Two 32-bit FNV-1a lanes with different seeds.
   */
  hash(limit = this.length): number {
    let a = 0x811c9dc5;
    let b = 0x01000193;
    const n = Math.min(limit, this.length);
    for (let i = 0; i < n; i++) {
      const u = this.units[i] as number;
      a = Math.imul(a ^ u, 0x01000193);
      b = Math.imul(b ^ u, 0x5bd1e995);
    }
    return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
  }

  /** Reads `text` into this buffer, replacing what was there. */
  read(text: string): this {
    this.length = 0;
    if (this.units.length < text.length + 2) this.grow(text.length * 2 + 2);
    const r = this.reader;
    let i = 0;
    while (i < text.length) {
      read(text, i, r);
      if (r.cls === DROP || r.cls === SEPARATOR) {
        i += r.width;
      } else if (r.cls === HAN || r.cls === OTHER) {
        this.push(r.unit, i, i + r.width, 0);
        if (r.width === 2) this.push(text.charCodeAt(i + 1), i, i + 2, 0);
        i += r.width;
      } else {
        i = this.readLatinRun(text, i);
      }
    }
    this.joinSpacedLetters();
    return this;
  }

  private push(unit: number, from: number, to: number, flags: number): void {
    const n = this.length++;
    this.units[n] = unit;
    this.from[n] = from;
    this.to[n] = to;
    this.flags[n] = flags;
  }

  private grow(size: number): void {
    const units = new Uint16Array(size);
    units.set(this.units);
    this.units = units;
    const from = new Int32Array(size);
    from.set(this.from);
    this.from = from;
    const to = new Int32Array(size);
    to.set(this.to);
    this.to = to;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }

  /**
   * A run of letters, digits and leet symbols with nothing between them but invisible characters.
   * Digits and symbols become letters only in a word that has letters after them ("sh1t", "4ss",
   * "$cam"), or for `$` after letters ("a$$"); so "I have 3 cats", "A55" and "win10" keep their
   * numbers, and "wow!" keeps its "!" as punctuation.
   */
  private readLatinRun(text: string, start: number): number {
    const r = this.reader;
    let n = 0;
    let first = -1;
    let last = -1;
    let i = start;
    while (i < text.length) {
      read(text, i, r);
      if (r.cls === DROP) {
        i += r.width;
        continue;
      }
      if (r.cls !== LETTER && r.cls !== DIGIT && r.cls !== LEET_SYMBOL) break;
      if (n === this.runUnit.length) this.growRun();
      if (r.cls === LETTER) {
        if (first < 0) first = n;
        last = n;
      }
      this.runUnit[n] = r.unit;
      this.runClass[n] = r.cls;
      this.runFrom[n] = i;
      this.runTo[n] = i + r.width;
      n++;
      i += r.width;
    }
    let tokenStart = this.length;
    for (let k = 0; k < n; k++) {
      const unit = this.runUnit[k] as number;
      const cls = this.runClass[k] as number;
      let out = unit;
      if (cls !== LETTER && first >= 0) {
        const leet = LEET_LETTER[unit] as number;
        if (leet && (k < last || (unit === DOLLAR && k > first))) out = leet;
      }
      if (cls === LEET_SYMBOL && out === unit) {
        // Punctuation after all: it ends the word so far.
        this.closeToken(tokenStart);
        tokenStart = this.length;
        continue;
      }
      this.push(out, this.runFrom[k] as number, this.runTo[k] as number, WORD);
    }
    this.closeToken(tokenStart);
    return i;
  }

  private closeToken(start: number): void {
    if (start >= this.length) return;
    this.flags[start] = (this.flags[start] as number) | TOKEN_START;
    this.flags[this.length - 1] = (this.flags[this.length - 1] as number) | TOKEN_END;
  }

  private growRun(): void {
    const size = this.runUnit.length * 2;
    const unit = new Uint16Array(size);
    unit.set(this.runUnit);
    this.runUnit = unit;
    const cls = new Uint8Array(size);
    cls.set(this.runClass);
    this.runClass = cls;
    const from = new Int32Array(size);
    from.set(this.runFrom);
    this.runFrom = from;
    const to = new Int32Array(size);
    to.set(this.runTo);
    this.runTo = to;
  }

  /**
   * "f u c k", "s.h.i.t", "s h 1 t": two or more one-character words in a row, separated only by
   * spaces or punctuation and with at least two letters, are marked {@link SPACED} so a pattern may
   * run across them. Ordinary words are never joined: "pen is" is not "penis", "a ss" not "ass".
   */
  private joinSpacedLetters(): void {
    const single = TOKEN_START | TOKEN_END | WORD;
    let k = 0;
    while (k < this.length) {
      if (((this.flags[k] as number) & single) !== single) {
        k++;
        continue;
      }
      let end = k + 1;
      while (
        end < this.length &&
        ((this.flags[end] as number) & single) === single &&
        (this.from[end] as number) > (this.to[end - 1] as number)
      ) {
        end++;
      }
      let letters = 0;
      let lastLetter = -1;
      for (let j = k; j < end; j++) {
        const u = this.units[j] as number;
        if (u >= 0x61 && u <= 0x7a) {
          letters++;
          lastLetter = j;
        }
      }
      if (end - k >= 2 && letters >= 2) {
        for (let j = k; j <= lastLetter; j++) {
          const u = this.units[j] as number;
          if (u < 0x61 || u > 0x7a) {
            const leet = LEET_LETTER[u] as number;
            if (!leet) continue;
            this.units[j] = leet;
          }
          this.flags[j] = (this.flags[j] as number) | SPACED;
        }
      }
      k = end;
    }
  }
}

/**
 * What the matcher compares: folded, separators and invisible characters removed.
 * @example normalizeForMatching('加 微.信') === '加微信'; normalizeForMatching('ＳＨ1Ｔ！') === 'shit';
 *          normalizeForMatching('代購') === '代购'; normalizeForMatching('I have 3 cats') === 'ihave3cats'
 */
export function normalizeForMatching(text: string): string {
  return new NormalizedText().read(text).toString();
}

/**
 * The text with every code unit folded ({@link foldCode}), same length, so a regex over it gives
 * indexes into the original. @example foldText('ＱＱ：１２３４５') === 'qq:12345'
 */
export function foldText(text: string): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = FOLD[text.charCodeAt(i)] as number;
  let s = '';
  for (let i = 0; i < units.length; i += 4096) {
    s += String.fromCharCode(...units.subarray(i, i + 4096));
  }
  return s;
}

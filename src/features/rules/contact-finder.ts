import { foldCode, foldText } from './text-normalize.js';

/** Which kind of contact detail was found. */
export type ContactKind = 'phone' | 'chatId' | 'email';

export interface FoundContact {
  kind: ContactKind;
  start: number;
  end: number;
}

/*
 * No pattern has two unbounded runs that can trade characters (like `\s*[:=]?\s*`), so none can
 * backtrack quadratically on a long message. All patterns run on foldText(text): same length as the original, so indexes carry over, with
 * full-width digits and letters, "：" and "＠" folded and letters in lower case.
 */

/**
 * A Chinese mobile number, 1[3-9] + 9 digits, optionally after +86 / 0086 / 86 and with spaces,
 * dots or dashes between the 3-4-4 groups. Not inside a longer run of digits or letters, so order
 * numbers, tracking codes, dates and prices do not fire.
 */
const PHONE = /(?<![0-9a-z+])(?:(?:\(?(?:\+|00)\s?86\)?|86)[\s-]?)?1[3-9]\d(?:[\s.-]?\d{4}){2}(?![0-9a-z])/;

/** QQ (also 扣扣, 企鹅号) followed by a QQ number: 5 to 12 digits, not starting with 0. */
const QQ = /(?<![a-z])(?:qq|扣扣|企鹅)(?:号码|号|群)?\s*(?:[:=]\s*)?[1-9]\d{4,11}(?!\d)/;

/*
 * WeChat, including the spellings spammers use to dodge filters (薇信, 威信, V信, VX, wx). A WeChat
 * ID is 6 to 20 letters, digits, - or _, starting with a letter. With a colon anything of that shape
 * counts ("微信：zhangsan"); without one the ID must contain a digit, - or _, so "微信 official" or
 * "vx同号" do not fire.
 */
const WECHAT_KEYWORD =
  '(?:微信|薇信|威信|维信|徽信|v信|(?<![a-z])(?:vx|wx|wechat|weixin)(?![a-z]))(?:号码|号|账号|id)?';
const WECHAT_WITH_COLON = new RegExp(`${WECHAT_KEYWORD}\\s*[:=]\\s*[a-z][-_a-z0-9]{5,19}(?![-_a-z0-9])`);
const WECHAT_BARE = new RegExp(
  `${WECHAT_KEYWORD}\\s*(?=[a-z][a-z]*[-_0-9])[a-z][-_a-z0-9]{5,19}(?![-_a-z0-9])`,
);
/** WeChat accounts are often found by their phone number: "微信同号" aside, "V信 13812345678". */
const WECHAT_PHONE = new RegExp(`${WECHAT_KEYWORD}\\s*(?:[:=]\\s*)?1[3-9]\\d{9}(?!\\d)`);

/** An email address; the local part must not be glued to other word characters. */
const EMAIL =
  /(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{0,63}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![a-z0-9-])/;

// What a message must contain before a pattern is worth running; found in one pass (see clues()).
const MOBILE_DIGITS = 1; // at least 11 digits
const SOME_DIGITS = 2; // at least 5 digits
const AT_SIGN = 4;
const QQ_WORD = 8;
const WECHAT_WORD = 16;

const CHECKS: readonly { kind: ContactKind; pattern: RegExp; needs: number }[] = [
  { kind: 'phone', pattern: PHONE, needs: MOBILE_DIGITS },
  { kind: 'chatId', pattern: QQ, needs: QQ_WORD | SOME_DIGITS },
  { kind: 'chatId', pattern: WECHAT_WITH_COLON, needs: WECHAT_WORD },
  { kind: 'chatId', pattern: WECHAT_BARE, needs: WECHAT_WORD },
  { kind: 'chatId', pattern: WECHAT_PHONE, needs: WECHAT_WORD | MOBILE_DIGITS },
  { kind: 'email', pattern: EMAIL, needs: AT_SIGN },
];

const code = (ch: string) => ch.charCodeAt(0);
const Q = code('q');
const V = code('v');
const W = code('w');
const X = code('x');
const E = code('e');
const C = code('c');
const I = code('i');
const XIN = code('信');
const WEI_LIKE = new Set([...'微薇威维徽v'].map(code));
const PAIRS = new Set(['扣扣', '企鹅'].map((p) => code(p) * 0x10000 + code(p.charAt(1))));

/**
 * One pass over the folded characters: how many digits, whether there is an @, a QQ keyword
 * (qq, 扣扣, 企鹅) or a WeChat one (…信, vx, wx, we+c/i). Most messages need no regex at all.
 */
function clues(text: string): number {
  let digits = 0;
  let found = 0;
  let before = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f >= 0x30 && f <= 0x39) digits++;
    else if (f === 0x40) found |= AT_SIGN;
    else if (f === Q && previous === Q) found |= QQ_WORD;
    else if (f === XIN && WEI_LIKE.has(previous)) found |= WECHAT_WORD;
    else if (f === X && (previous === V || previous === W)) found |= WECHAT_WORD;
    else if ((f === C || f === I) && previous === E && before === W) found |= WECHAT_WORD;
    else if (PAIRS.has(previous * 0x10000 + f)) found |= QQ_WORD;
    before = previous;
    previous = f;
  }
  if (digits >= 5) found |= SOME_DIGITS;
  if (digits >= 11) found |= MOBILE_DIGITS;
  return found;
}

/**
 * The first contact detail of each wanted kind, in that order.
 * @example findContacts('加我 VX：abc_123', new Set(['chatId'])) → [{ kind: 'chatId', start: 3, end: 12 }]
 */
export function findContacts(text: string, kinds: ReadonlySet<ContactKind>): readonly FoundContact[] {
  const found = clues(text);
  let folded: string | undefined;
  const contacts: FoundContact[] = [];
  for (const { kind, pattern, needs } of CHECKS) {
    if ((found & needs) !== needs || !kinds.has(kind) || contacts.some((f) => f.kind === kind)) continue;
    folded ??= foldText(text);
    const m = pattern.exec(folded);
    if (m) contacts.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return contacts;
}

import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import RE2 from 're2';
import { RULE_LIMITS, sizeOf } from '../src/features/rules/rule-limits.js';
import {
  compileRules,
  compileRulesInSlices,
  FloodTracker,
  type MessageInput,
  type RuleDefinition,
  validateRegex,
} from '../src/features/rules/rule-set.js';
import { normalizeForMatching } from '../src/features/rules/text-normalize.js';
import { seeded } from '../test/helpers/seeded.js';
import { median, p99, type Result } from './stats.js';

const WORDS = 5000;
const REGEXES = 50;
const WARM_UP = 5000;
const ITERATIONS = 50_000;

const HANZI =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持音众团约谢钟';
const SYLLABLES = 'ba ko ri zen tal mo vex lun dra pi qua sto fer gim hul nor'.split(' ');

const CLEAN = [
  'Hi team, the build for the release candidate is green, please review the PR before lunch',
  'Can you send the Q3 report to the customer by Friday? They asked twice already.',
  'Thanks! I will take a look after the standup.',
  'The API returns 500 on /orders when the cart is empty, see the logs from 10:32',
  'Meeting moved to 3pm, same room. Bring the slides please.',
  'I have 3 cats and a dog, so working from home is lively',
  'Deploy finished, monitoring dashboards look normal for now',
  'Could someone from support reply to the ticket about invoices?',
  'Great job everyone on the launch, the customer is very happy',
  'Let me know if the new onboarding flow makes sense to you',
  '大家好，今天下午三点开会，请准时参加。',
  '这个需求我们下周一上线，测试那边已经验收了',
  '客户说 API 返回 500，麻烦后端同学看一下日志',
  '收到，谢谢！我下午把报价单发给客户',
  '明天早上九点的站会改到线上，链接稍后发群里',
  '合同已经盖章了，原件周三寄出',
  '这周的周报我整理好了，大家有空看一下',
  '新版本的安装包在共享盘里，版本号 v2.3.1',
  '客户反馈登录页面加载有点慢，我们排查一下',
  '辛苦了，今天的问题都处理完了',
];
const HITS = [
  'Earn money fast with this one trick, DM me',
  '加 微 信 领取优惠，详情私聊',
  'check out spam-deals.xyz/offer right now',
  '有需要的联系我 138 1234 5678',
  'PLEASE READ THIS ANNOUNCEMENT RIGHT NOW EVERYONE',
];

interface Corpus {
  words: string[];
  patterns: string[];
  rules: RuleDefinition[];
  messages: string[];
}

function corpus(): Corpus {
  const random = seeded(20_260_101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const clean = CLEAN.map(normalizeForMatching);
  const words = new Set<string>(['earn money fast', '加微信']);
  while (words.size < WORDS) {
    let word = '';
    if (words.size % 2) {
      const length = 2 + Math.floor(random() * 3);
      for (let i = 0; i < length; i++) word += pick([...HANZI]);
    } else {
      const length = 2 + Math.floor(random() * 2);
      for (let i = 0; i < length; i++) word += pick(SYLLABLES);
      if (random() < 0.1) word += ` ${pick(SYLLABLES)}${pick(SYLLABLES)}`;
    }
    // Keep the clean messages clean, so the mix measures what it says.
    const normalized = normalizeForMatching(word);
    if (!clean.some((m) => m.includes(normalized))) words.add(word);
  }
  const patterns: string[] = [];
  for (let i = 0; patterns.length < REGEXES; i++) {
    const syllable = pick(SYLLABLES);
    const candidates = [
      `\\b(?:promo|coupon)\\s*code\\s*${syllable}\\d{${2 + (i % 4)}}\\b`,
      `(?:加|\\+)\\s*(?:v|微|薇)\\s*${syllable}`,
      `\\bwin\\s+\\$?\\d{3,}\\s+${syllable}`,
      `${pick([...HANZI])}${pick([...HANZI])}\\s*\\d{${3 + (i % 3)},}元`,
      `(?:free|cheap)\\s+${syllable}\\w*\\s+(?:now|today)`,
    ];
    const pattern = candidates[i % candidates.length] as string;
    if (validateRegex(pattern).ok) patterns.push(pattern);
  }
  const rules: RuleDefinition[] = [
    { id: 1, kind: 'words', config: { words: [...words] } },
    { id: 2, kind: 'presets', config: {} },
    { id: 3, kind: 'links', config: { mode: 'allow', domains: ['example.com', 'muster.dev'] } },
    { id: 4, kind: 'contacts', config: {} },
    { id: 5, kind: 'flood', config: {} },
    { id: 6, kind: 'mentions', config: {} },
    { id: 7, kind: 'caps', config: {} },
    ...patterns.map((pattern, i) => ({ id: 100 + i, kind: 'regex' as const, config: { pattern } })),
  ];
  // Mostly clean messages, one in ten breaking something.
  const messages: string[] = [];
  for (let i = 0; i < 1000; i++) messages.push(i % 10 === 9 ? pick(HITS) : pick(CLEAN));
  return { words: [...words], patterns, rules, messages };
}

/** A collector: with --expose-gc Node gives one; otherwise turn the flag on at run time. */
function collector(): () => void {
  if (globalThis.gc) return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapMb(gc: () => void): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  // Typed arrays live outside the JS heap; count them too.
  return (usage.heapUsed + usage.external) / 1024 / 1024;
}

function time(n: number, fn: (i: number) => void): number[] {
  const samples = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    fn(i);
    samples[i] = (performance.now() - start) * 1000;
  }
  return samples;
}

/**
 * One message against 5,000 banned words (zh and en), the presets, 50 regex rules and every other
 * kind, normalization included; against a naive loop of `includes` and one-by-one RE2 tests.
 */
export async function benchRules(): Promise<Result[]> {
  const { words, patterns, rules, messages } = corpus();
  const gc = collector();

  const builds = time(5, () => {
    compileRules(rules);
  });
  const before = heapMb(gc);
  const set = compileRules(rules);
  const memory = heapMb(gc) - before;
  if (set.invalid.length) throw new Error(`bench rules did not validate: ${set.invalid.join(', ')}`);

  const flood = new FloodTracker();
  const input = (i: number): MessageInput => ({
    text: messages[i % messages.length] as string,
    authorKey: `slack:T1:U${i % 200}`,
    channelKey: `slack:T1:C${i % 7}`,
    at: i * 1000,
    authorMayBroadcast: false,
  });
  const inputs = Array.from({ length: messages.length }, (_, i) => input(i));
  let hits = 0;
  time(WARM_UP, (i) => {
    hits += set.evaluate(inputs[i % inputs.length] as MessageInput, flood).length;
  });
  const engine = time(ITERATIONS, (i) => {
    hits += set.evaluate(inputs[i % inputs.length] as MessageInput, flood).length;
  });

  const lowerWords = words.map((w) => w.toLowerCase());
  const regexes = patterns.map((p) => new RE2(p, 'iu'));
  const naive = (text: string): number => {
    const lower = text.toLowerCase();
    let found = 0;
    for (const w of lowerWords) if (lower.includes(w)) found++;
    for (const re of regexes) if (re.test(text)) found++;
    return found;
  };
  time(WARM_UP / 5, (i) => {
    hits += naive(messages[i % messages.length] as string);
  });
  const baseline = time(ITERATIONS / 5, (i) => {
    hits += naive(messages[i % messages.length] as string);
  });
  if (hits === 0) throw new Error('the bench messages broke no rule: the corpus is wrong');

  const engineMedian = median(engine);
  const baselineMedian = median(baseline);
  return [
    { name: 'rules median us', value: engineMedian, unit: 'us', target: '< 10' },
    { name: 'rules p99 us', value: p99(engine), unit: 'us', target: '< 30' },
    { name: 'naive baseline median us', value: baselineMedian, unit: 'us', target: 'reference' },
    { name: 'rules speedup vs naive x', value: baselineMedian / engineMedian, unit: 'x', target: '>= 20' },
    { name: 'rules build ms', value: median(builds) / 1000, unit: 'ms', target: '< 1000' },
    { name: 'rules memory MB', value: memory, unit: 'MB', target: '< 30' },
    ...worstAllowedSet(gc),
  ];
}

/**
 * The largest group RULE_LIMITS allows: every rule and word it may hold, with words of ten
 * characters, Chinese and English, that share few prefixes (so the automaton has about one state
 * per character, its worst case). Compiled in slices as the service does; memory is sampled at
 * every slice, so the peak is what the process holds at once, the previous set aside.
 */
function worstAllowedSet(gc: () => void): Result[] {
  const random = seeded(15);
  const rules: RuleDefinition[] = [{ id: 1, kind: 'presets', config: {} }];
  const presets = sizeOf('presets', {});
  let words = RULE_LIMITS.wordsPerGroup - presets.words;
  let characters = RULE_LIMITS.charactersPerGroup - presets.characters;
  const hanzi = [...HANZI];
  while (words > 0) {
    const list: string[] = [];
    for (; list.length < 20_000 && words > 0; words--) {
      const length = Math.min(10, characters - (words - 1));
      let word = '';
      for (let i = 0; i < length; i++) {
        word +=
          random() < 0.5
            ? (hanzi[Math.floor(random() * hanzi.length)] as string)
            : 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)];
      }
      characters -= length;
      list.push(word);
    }
    rules.push({ id: rules.length + 1, kind: 'words', config: { words: list } });
  }
  for (let i = rules.length; i < RULE_LIMITS.rulesPerGroup; i++) {
    rules.push({
      id: i + 1,
      kind: 'regex',
      config: { pattern: `(?:加|\\+)\\s*(?:v|微)\\s*${SYLLABLES[i % SYLLABLES.length]}${i}` },
    });
  }
  const before = heapMb(gc);
  let peak = 0;
  let slices = 0;
  let compiling = 0;
  let longest = 0;
  const steps = compileRulesInSlices(rules);
  for (;;) {
    const start = performance.now();
    const step = steps.next();
    const took = performance.now() - start;
    compiling += took;
    longest = Math.max(longest, took);
    slices++;
    const usage = process.memoryUsage();
    peak = Math.max(peak, (usage.heapUsed + usage.external) / 1024 / 1024 - before);
    if (!step.done) continue;
    const kept = heapMb(gc) - before;
    // Also keeps the set alive through the measurement above.
    if (step.value.size !== RULE_LIMITS.rulesPerGroup) throw new Error('the worst set did not validate');
    return [
      { name: 'rules worst allowed set compile ms', value: compiling, unit: 'ms', target: '< 2500' },
      { name: 'rules worst allowed set longest slice ms', value: longest, unit: 'ms', target: '< 100' },
      { name: 'rules worst allowed set slices', value: slices, unit: 'n', target: 'reference' },
      { name: 'rules worst allowed set peak MB', value: peak, unit: 'MB', target: '< 150' },
      { name: 'rules worst allowed set kept MB', value: kept, unit: 'MB', target: '< 60' },
    ];
  }
}

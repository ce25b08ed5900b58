/** English messages of group rules (automod), spread into `en`. */
export const enRules = {
  'rules.kind.words': 'Banned words',
  'rules.kind.presets': 'Preset word lists',
  'rules.kind.links': 'Links',
  'rules.kind.contacts': 'Contact details',
  'rules.kind.flood': 'Flooding',
  'rules.kind.mentions': 'Mass mentions',
  'rules.kind.caps': 'Shouting in capitals',
  'rules.kind.regex': 'Pattern (regex)',

  'rules.preset.profanity': 'profanity',
  'rules.preset.ads': 'ads and spam',
  'rules.preset.gambling': 'gambling',

  'rules.contact.phone': 'phone numbers',
  'rules.contact.chatId': 'WeChat and QQ IDs',
  'rules.contact.email': 'email addresses',

  'rules.describe.words': 'Banned words ({total}): {words}',
  'rules.describe.wordsMore': 'Banned words ({total}): {words}, …',
  'rules.describe.presets': 'Preset word lists: {lists}',
  'rules.describe.links.all': 'No links',
  'rules.describe.links.allow': 'Links only to {domains}',
  'rules.describe.links.allowNoInvites': 'Links only to {domains}, and no invite links',
  'rules.describe.links.deny': 'No links to {domains}',
  'rules.describe.links.denyNoInvites': 'No links to {domains}, and no invite links',
  'rules.describe.links.invites': 'No invite links to other groups (Discord, Slack, Telegram, WhatsApp)',
  'rules.describe.contacts': 'No contact details: {what}',
  'rules.describe.flood.both':
    'No flooding: more than {messages} {messages:message|messages} in {seconds} s, or the same message {repeats} {repeats:time|times} in {repeatSeconds} s',
  'rules.describe.flood.messages':
    'No flooding: more than {messages} {messages:message|messages} in {seconds} s',
  'rules.describe.flood.repeats':
    'No repeating: the same message {repeats} {repeats:time|times} in {repeatSeconds} s',
  'rules.describe.mentions.both':
    'No more than {max} {max:mention|mentions} in a message, and no @channel, @here or @everyone from members without permission',
  'rules.describe.mentions.count': 'No more than {max} {max:mention|mentions} in a message',
  'rules.describe.mentions.broadcast': 'No @channel, @here or @everyone from members without permission',
  'rules.describe.caps':
    'No shouting: more than {percent}% capitals in a message of over {letters} {letters:letter|letters}',
  'rules.describe.regex': 'Messages matching `{pattern}`',
  'rules.describe.regexCaseSensitive': 'Messages matching `{pattern}` (case-sensitive)',
  'rules.describe.invalid': '{kind}: its settings can no longer be read; remove the rule and add it again',

  'rules.reason.words': 'banned word “{word}”',
  'rules.reason.preset.profanity': 'profanity (“{word}”)',
  'rules.reason.preset.ads': 'ad or spam (“{word}”)',
  'rules.reason.preset.gambling': 'gambling (“{word}”)',
  'rules.reason.links.any': 'a link ({domain})',
  'rules.reason.links.notAllowed': 'a link to {domain}, which is not on the allowed list',
  'rules.reason.links.denied': 'a link to {domain}, which is not allowed here',
  'rules.reason.links.invite': 'an invite link to another group ({domain})',
  'rules.reason.contacts.phone': 'a phone number',
  'rules.reason.contacts.chatId': 'a WeChat or QQ ID',
  'rules.reason.contacts.email': 'an email address',
  'rules.reason.flood.messages': '{count} {count:message|messages} in {seconds} s',
  'rules.reason.flood.repeats': 'the same message {count} {count:time|times} in {seconds} s',
  'rules.reason.mentions.count': '{count} {count:mention|mentions} in one message (the limit is {max})',
  'rules.reason.mentions.broadcast': '{mention} without permission to notify everyone',
  'rules.reason.caps': 'shouting ({percent}% capitals)',
  'rules.reason.regex': 'matches the pattern `{pattern}`',

  'rules.regex.empty': 'The pattern is empty. Write what to look for, e.g. `buy\\s+now`.',
  'rules.regex.tooLong':
    'The pattern is longer than {max} {max:character|characters}. Split it into several rules.',
  'rules.regex.lookaround':
    'Patterns cannot use look-around like `{fragment}`: Muster runs patterns on RE2, an engine that always finishes in linear time and so has no look-ahead or look-behind. Match the text itself instead (`ab` rather than `(?<=a)b`), or use a banned-words rule.',
  'rules.regex.backreference':
    'Patterns cannot use back-references like `{fragment}`: Muster runs patterns on RE2, an engine that always finishes in linear time and so cannot match “the same text again”. Write the repeated part out (`(ab)ab` rather than `(ab)\\1`), or list the variants with `|`.',
  'rules.regex.atomic':
    'Patterns cannot use atomic groups like `{fragment}`, and do not need them: RE2 never backtracks. Use an ordinary group, `(?:…)`.',
  'rules.regex.invalid': 'That pattern is not valid ({error}). Check its brackets and backslashes.',
  'rules.regex.matchesEverything':
    'That pattern also matches an empty message, so it would flag every message. Make it need at least one character, e.g. `a+` rather than `a*`.',

  'rules.input.noWords': 'List at least one word, separated by commas, e.g. `加微信, 代购, scam`.',
  'rules.input.wordIsSetting':
    '“{word}” looks like a setting, not a word to catch: a words rule holds only its words. What it does is set with `/rules actions <id> delete warn timeout`; how long a time-out lasts, with `/rules ladder`.',
  'rules.input.wordUnmatchable':
    '“{word}” has no letters, digits or Chinese characters, so it could never match. Write the word itself.',
  'rules.input.wordTooLong':
    '“{word}” is longer than {max} {max:character|characters}. Ban a shorter phrase.',
  'rules.input.tooManyWords': 'A rule holds at most {max} {max:word|words}. Split them into several rules.',
  'rules.limit.groupRules':
    '{group} already has {used} {used:rule|rules} (its own and workspace-wide ones, on or off), and a group can have at most {max}. Remove rules it no longer needs (`/rules list`, then `/rules remove <id>`), or put word lists together in one rule with `/rules edit <id> <settings>`.',
  'rules.limit.groupSize':
    'That would give {group} {words} banned {words:word|words} and phrases ({characters} {characters:character|characters}), counting presets and workspace-wide rules, on or off. A group can have at most {maxWords} {maxWords:word|words} and {maxCharacters} {maxCharacters:character|characters}, so that every message is checked at once; it has {usedWords} ({usedCharacters} {usedCharacters:character|characters}) now. Remove words or rules it no longer needs, or keep long lists to the groups that need them (`/rules scope <id> group`).',
  'rules.limit.workspaceRules':
    'This workspace already has {used} {used:rule|rules} across its groups (on or off), and a workspace can have at most {max}. Remove rules no group needs any more (`/rules list` in each group, then `/rules remove <id>`).',
  'rules.limit.workspaceSize':
    'That would give this workspace {words} banned {words:word|words} and phrases ({characters} {characters:character|characters}) to check, on or off; a workspace-wide rule counts once more for every group with rules of its own, as each such group keeps its own copy. A workspace can have at most {maxWords} {maxWords:word|words} and {maxCharacters} {maxCharacters:character|characters}; it has {usedWords} ({usedCharacters} {usedCharacters:character|characters}) now. Remove words or rules no group needs any more, or keep long lists to the groups that need them (`/rules scope <id> group`).',
  'rules.input.unknownPreset': 'There is no preset list “{name}”. Choose from profanity, ads and gambling.',
  'rules.input.badDomain':
    '“{domain}” is not a domain. Write domains like `example.com`, e.g. `deny example.com, spam.io` or `allow example.com`.',
  'rules.input.tooManyDomains': 'A rule lists at most {max} domains. Split them into several rules.',
  'rules.input.noDomains': 'Say which domains, e.g. `allow example.com` or `deny spam.io`.',
  'rules.input.unknownContact':
    'There is no contact type “{name}”. Use phones, wechat (WeChat and QQ IDs) or emails, or nothing for all three.',
  'rules.input.flood':
    'I could not read that. Write the limit like `max 5 in 10s` (or just `5 10`) and repeats like `repeat 3 in 60s`; `repeat off` turns repeat checks off.',
  'rules.input.floodRange':
    'Out of range: messages can be 1–60 (or off), repeats 2–60 (or off), and each time 1–3600 seconds.',
  'rules.input.mentions':
    'I could not read that. Write the most mentions a message may have, e.g. `5`; add `broadcasts off` to allow @channel, @here and @everyone, or write just `broadcasts` to stop only those.',
  'rules.input.mentionsRange': 'The mention limit can be 1–100.',
  'rules.input.caps':
    'I could not read that. Write the share of capitals and the shortest message to check, e.g. `70% 10`.',
  'rules.input.capsRange': 'The share can be 1–100% and the length 1–1000 letters.',
  'rules.input.regexFlags': 'Only the `i` flag is supported (`/pattern/i`), not `{flags}`.',
};

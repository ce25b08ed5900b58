import { enCrm } from './en.crm.js';
import { enEnforcement } from './en.enforcement.js';
import { enFeedback } from './en.feedback.js';
import { enFeedbackCommands } from './en.feedback-commands.js';
import { enReview } from './en.review.js';
import { enRules } from './en.rules.js';
import { enStandup } from './en.standup.js';
import { enStandupCommands } from './en.standup-commands.js';

/** English messages: the source of truth for keys and placeholders. */
export const en = {
  'level.guest': 'guest',
  'level.member': 'member',
  'level.manager': 'manager',
  'level.admin': 'admin',
  'level.owner': 'workspace admin',
  'list.separator': ', ',
  'form.save': 'Save',
  'form.cancel': 'Cancel',

  'error.notAllowed':
    'Sorry, only a group {level} can do that here. Ask an admin if you need it (they can give roles with `/role add @member <role>`).',
  'error.otherGroup':
    "That belongs to a group you are not part of, so Muster won't show or change it. Run the command in that group's channel, or ask one of its admins.",
  'error.workspaceOnly':
    'Only a workspace admin (a Slack admin or owner, or a Discord member with Manage Server) can do that, because it changes every group. A group admin can do it for this group alone.',
  'error.teamOnly':
    "That is for the team that serves this group. As the customer's contact you can read the group's rules (`/rules`), answer surveys, and choose your language and timezone (`/muster help`).",
  'error.groupOnly':
    'That works in a group channel, not in a direct message. Run it in the channel it is about.',
  'error.unknownCommand':
    "I don't know the command `/{command}`. Type `/muster help` to see what you can do.",
  'error.unknownCommandDidYouMean': "I don't know the command `/{command}`. Did you mean `{suggestion}`?",
  'error.unknownSubcommand': '`{command}` has no `{word}`. Type `{help}` to see what you can do.',
  'error.unknownSubcommandDidYouMean': '`{command}` has no `{word}`. Did you mean `{suggestion}`?',
  'error.usage': '{problem}\nUsage: `{usage}`',
  'error.staleAction': 'That button or form is out of date. Run the command again to get a fresh one.',
  'error.unexpected': 'Something went wrong on our side, sorry. Nothing was changed. (ref {ref})',
  'error.notSaved': 'Muster could not save that, so nothing was changed. Please try again in a few minutes.',
  'error.plain': '{text}',

  'arg.missing': 'The {name} is missing.',
  'arg.unexpected': "I didn't expect “{value}” there.",
  'arg.notInteger': 'The {name} must be a whole number, not “{value}”.',
  'arg.outOfRange': 'The {name} must be between {min} and {max}, not {value}.',
  'arg.onePerson': 'The {name} is one person, and {count} were named. Run the command once for each.',
  'arg.notUser': 'The {name} must mention a person, like @alice, not “{value}”.',
  'arg.notChannel': 'The {name} must be a channel, like #general, not “{value}”.',
  'arg.notChoice': 'The {name} must be one of {choices}, not “{value}”.',

  'opt.setting': 'setting',
  'opt.value': 'value',
  'opt.timezone': 'timezone',
  'opt.language': 'language',
  'opt.member': 'member',
  'opt.customerName': 'customer name',
  'opt.role': 'role',

  'cmd.muster': 'Muster: help, group settings, your preferences',
  'cmd.muster.help': 'Show what you can do here',
  'cmd.muster.settings': "The group's settings; admins change them, workspace admins also the customer role",
  'cmd.muster.timezone': 'Show or set your own timezone (IANA name, e.g. Asia/Shanghai)',
  'cmd.muster.language': 'Choose your language: en or zh-CN',
  'cmd.role': 'Roles: who does what in this group',
  'cmd.role.list': 'Who holds which role, and what each role does',
  'cmd.role.add': 'Give a member a role or duty (admins)',
  'cmd.role.remove': 'Take a role or duty from a member (admins)',

  'help.title': 'Muster: what you can do here',
  'help.alsoWritten': '{usage} (or {chinese})',
  'help.line': '{usage} — {description}',
  'help.levelInGroup': 'Your level in {group}: {level}.',
  'help.inDirect': 'This is a direct message: group commands work in the group channel.',
  'help.moreForOthers': 'Admins and managers see more commands.',
  'help.languageTip': '需要中文？发送 `/muster language zh-CN`。',

  'setting.timezone': 'Timezone',
  'setting.language': 'Language',
  'setting.workdays': 'Workdays',
  'setting.hours': 'Working hours',
  'setting.customerRole': 'Customer role',
  'settings.customerRole.usage':
    "Name the server role whose members are the customer's people, and the customer if you like: `/muster settings customer-role @Role <customer name>`; to stop: `/muster settings customer-role off @Role`.",
  'settings.customerRole.set':
    "Everyone with {role} is now one of the customer's people in every group of this server (an admin can still say otherwise in a group with `/role`).",
  'settings.customerRole.setNamed':
    "Everyone with {role} is now one of {customer}'s people in every group of this server (an admin can still say otherwise in a group with `/role`).",
  'settings.customerRole.cleared':
    "{role} no longer makes anyone the customer's: its members are on the team again.",
  'settings.customerRole.notSet': '{role} was not a customer role: nothing changed.',
  'language.en': 'English',
  'language.zh-CN': '简体中文 (Chinese)',

  'settings.title': 'Settings for {group}',
  'settings.timezoneValue': '{timezone} (now {time})',
  'settings.howToChange':
    'Change one with `/muster settings <setting> <value>`, e.g. `/muster settings timezone Asia/Shanghai`, or edit them all with the button.',
  'settings.adminsOnly': 'Only group admins can change these.',
  'settings.editButton': 'Edit settings',
  'settings.formTitle': 'Group settings',
  'settings.workdaysPlaceholder': 'Mon-Fri',
  'settings.saved': 'Saved. Settings for {group}:',
  'settings.changed': '• {setting}: {before} → *{after}*',
  'settings.unchanged': 'Nothing changed: those are already the settings.',
  'settings.missingValue': 'Which {setting}? For example: `{example}`',
  'settings.example.timezone': '/muster settings timezone Asia/Shanghai',
  'settings.example.language': '/muster settings language zh-CN',
  'settings.example.workdays': '/muster settings workdays Mon-Fri',
  'settings.example.hours': '/muster settings hours 09:00-18:00',
  'settings.badTimezone':
    '“{value}” is not a timezone. Use an IANA name such as Asia/Shanghai, Europe/London or America/New_York.',
  'settings.badTimezoneDidYouMean': '“{value}” is not a timezone. Did you mean {suggestion}?',
  'settings.bad.language': '“{value}” is not a language Muster speaks. Choose en or zh-CN.',
  'settings.bad.workdays': '“{value}” is not a set of days. Try Mon-Fri, Mon,Wed,Fri or Sun-Thu.',
  'settings.bad.hours': '“{value}” is not a time range. Try 09:00-18:00 (start before end, 24-hour clock).',

  'timezone.current':
    'Your timezone is {timezone} (your time now: {time}). Change it with `/muster timezone <IANA name>`, e.g. `/muster timezone Europe/London`.',
  'timezone.saved':
    'Your timezone is now {timezone} (your time now: {time}). Reminders will follow your local time.',
  'language.saved': 'Done: Muster will talk to you in {language}.',
  'time.inZone': '{time} ({zone})',
  'time.readerAndGroup': '{time} your time ({zone}), {groupTime} in the group ({groupZone})',

  'role.admin': 'Admin',
  'role.manager': 'Manager',
  'role.member': 'Member',
  'role.pm': 'Project manager',
  'role.support': 'Support',
  'role.account_manager': 'Account manager',
  'role.observer': 'Observer',
  'role.customer': 'Customer',
  'duty.admin': 'sets the group rules and settings, assigns roles',
  'duty.manager': 'runs reviews, follows up on feedback and receives digests',
  'duty.member': 'posts daily progress and takes part in reviews',
  'duty.pm': 'owns the project plan and posts its progress every day',
  'duty.support': 'answers customer questions and handles complaints',
  'duty.account_manager': 'owns the customer relationship and is alerted when a customer is unhappy',
  'duty.customer':
    "is the customer's side of the group: answers surveys, sees only what is shared with the customer, and is not expected to answer standups",
  'duty.observer':
    'follows the group without taking part (a guest, a colleague sitting in) and is not expected to answer standups',
  'role.listTitle': 'Roles in {group}',
  'role.listLine': '*{role}*: {holders}\n_{duty}_',
  'role.nobody': 'nobody yet',
  'role.howToAssign':
    'Give a role with `/role add @member <role>`, take it with `/role remove @member <role>`. The roles are typed as one word: admin, manager, member, pm, support, account_manager, observer, customer.',
  'role.adminsAssign': 'Group admins give and take roles.',
  'role.added': '{user} is now {role}.',
  'role.removed': '{user} is no longer {role}.',
  'role.alreadyHeld': '{user} is already {role}: nothing changed.',
  'role.notHeld': '{user} is not {role}: nothing changed.',
  'role.customerOf': '{user} ({customer})',
  'role.addedCustomer': "{user} is now one of {customer}'s people in this group.",
  'role.customerNameOnlyForCustomer':
    'Only the customer role takes a customer name: `/role add {user} customer <customer name>`.',
  'role.youWereGiven': '{by} made you *{role}* in {group}. This role {duty}.',
  'role.youLost': '{by} removed your role *{role}* in {group}.',
  'cli.usage':
    'Usage: npm start [-- options]\n  (no options)              Slack or Discord when their tokens are set, else the local console on MUSTER_DB_PATH\n  --script demo.txt         run the console on a file of lines, as if typed, then stop\n  --verbose, -v             show the console’s logs here (on stderr) instead of in muster.log next to the database\n  --help, -h                this text\nConfiguration is read from the environment (and .env); .env.example describes every variable.',
  'cli.unknownOption': 'Muster cannot start: there is no option {option}.',
  'cli.missingValue': 'Muster cannot start: {option} needs a value, e.g. `--script demo.txt`.',
  'console.banner':
    'Muster console: a local workspace in your terminal. You are {user} (workspace owner) in {where}.\nType /muster help for commands, :help for console controls.',
  'console.help':
    'Console controls:\n  :as <name>         speak as someone else (alice is the workspace owner)\n  :admin <name>      make someone a workspace admin\n  :in #<channel>     move to a channel (new ones are created)\n  :in #<channel> @<name> …  put people in a channel: its members, even if they never speak\n  :dm                talk to Muster in a direct message\n  :role @<name> <role>  give a role in this channel, as the owner\n  :click <n>         click button n of the last message with buttons\n  :advance <1d|2h30m>  move the clock forward\n  :at <2026-12-01T09:00>  set the clock (local time)\n  :cancel            close an open form (or Ctrl-C)\n  :quit              leave\nMention people as @bob, @张伟, or in quotes when the name has a space: @"Ann Lee".',
  'console.whereDm': 'DM with {user}',
  'console.thread': 'thread “{title}”',
  'console.threadUntitled': 'thread',
  'console.onlyYou': '{place} · only {user} sees this',
  'console.clickHint': '(type :click <n> to press a button)',
  'console.formOpened': 'Form: {title}. Enter keeps the value in [brackets]; :cancel stops.',
  'console.optional': '(optional)',
  'console.choices': '({choices})',
  'console.prompt': '{field}:',
  'console.fieldError': '{field}: {message}',
  'console.formStillOpen':
    'The form “{title}” is still open, so that line was not taken as an answer. Answer “{field}” below, or type :cancel (or press Ctrl-C) to close the form first.',
  'console.newPerson': '(@{name} is new to this console, so they are now a member of {channel}.)',
  'console.quoteHint':
    'Nobody called @{name} is in this console yet. If “{name} {rest}” is one name, put it in quotes: @"{name} {rest}". To bring in someone new called {name}, type :in {channel} @{name} first. Nothing was sent.',
  'console.typoPerson':
    'Nobody called @{name} is in this console yet. Did you mean @{near}? Nothing was sent. To bring in someone new by that name, type :in {channel} @{name} first.',
  'console.clock': '{time} ({zone})',
  'console.logFile': 'Logs go to {path} (start with --verbose to see them here instead).',
  'console.formCancelled': 'Form cancelled; nothing was saved.',
  'console.formSubmitted': 'Form sent.',
  'console.pickOne': 'Pick one of the listed options (its number or its value).',
  'console.required': 'This field is required.',
  'console.nowAs': 'You are now {user}{admin} in {where}.',
  'console.adminTag': ' (workspace admin)',
  'console.madeAdmin': '{user} is now a workspace admin.',
  'console.nowIn': 'You are now in {where}.',
  'console.putIn': '{people} now in {where}: members of it, whether or not they speak.',
  'console.badMeta': 'Unknown or malformed console control: {line}. Type :help for the list.',
  'console.inNotPerson':
    '“{word}” is not a person: write each one as @name, and quote a name with a space, e.g. `:in #general @"Ann Lee" @bob`. Nothing changed.',
  'console.noSuchButton': 'There is no button {index} on the last message with buttons.',
  'console.fileSaved': '📎 {name} saved to {path}',
  'console.moderated.delete': '(Muster deleted a message in {place}: {reason})',
  'console.moderated.timeout': '(Muster timed out {user} until {until}: {reason})',
  'console.moderated.remove': '(Muster removed {user} from {place}: {reason})',
  'console.moderated.ban': '(Muster banned {user} from {place}: {reason})',
  'home.title': 'Muster',
  'home.groups': '*Your groups*',
  'home.groupLine': '• {group}: {roles}',
  'home.noGroups':
    'You hold no roles yet. Admins give them with `/role add @member <role>` in a group channel.',
  'home.preferences':
    '*Your preferences*\nLanguage: {language} · Timezone: {timezone} (your time now: {time})',
  'home.tip':
    'Change them with `/muster language en|zh-CN` and `/muster timezone <IANA name>`. In any channel, `/muster help` lists what you can do there.',
  'delivery.failed': 'Muster could not post in {channel}: {reason}',
  'delivery.reason.not_in_channel':
    'Muster is not a member of that channel. Invite it with `/invite @Muster`.',
  'delivery.reason.channel_not_found': 'the channel no longer exists, or Muster cannot see it.',
  'delivery.reason.is_archived': 'the channel is archived.',
  'delivery.reason.missing_permissions':
    "Muster's role lacks a permission there: give it View Channel, Send Messages and Embed Links in that channel.",
  'delivery.reason.missing_access': "Muster cannot see that channel: give Muster's role View Channel there.",
  'delivery.reason.unknown_channel': 'the channel no longer exists.',
  'delivery.reason.other': 'the platform refused the message ({error}).',
  'moderation.action.delete': 'delete the message',
  'moderation.action.timeout': 'time out {user}',
  'moderation.action.remove': 'remove {user}',
  'moderation.action.ban': 'ban {user}',
  'moderation.fallback.not_supported':
    'Muster could not {action} in {channel} ({reason}): this platform does not let Muster do that. Please handle it yourself: {permission}',
  'moderation.fallback.hourly':
    'You get this at most once an hour per group and action; `/rules log` lists every message Muster acted on.',
  'moderation.fallback.missing_permission':
    'Muster could not {action} in {channel} ({reason}): it lacks a permission. To fix it: {permission}',
  'moderation.fallback.failed':
    'Muster could not {action} in {channel} ({reason}): the platform answered “{error}”. Please check and handle it yourself.',
  'moderation.permission.slack.delete':
    "deleting members' messages needs SLACK_ADMIN_USER_TOKEN (a workspace admin's user token); until then, delete it yourself.",
  'moderation.permission.slack.timeout':
    'Slack has no time-outs; consider removing the member from the channel.',
  'moderation.permission.slack.remove':
    'give the Muster app the channels:manage and groups:write scopes, and reinstall it.',
  'moderation.permission.slack.ban':
    'Slack has no bans for channels; a workspace admin can deactivate the account.',
  'moderation.permission.discord.delete':
    "give Muster's role the Manage Messages permission in this channel.",
  'moderation.permission.discord.timeout':
    "give Muster's role the Moderate Members permission, and place it above the member's highest role.",
  'moderation.permission.discord.remove':
    "give Muster's role the Kick Members permission, and place it above the member's highest role.",
  'moderation.permission.discord.ban':
    "give Muster's role the Ban Members permission, and place it above the member's highest role.",
  'moderation.permission.console.delete': 'the console can always do this.',
  'moderation.permission.console.timeout': 'the console can always do this.',
  'moderation.permission.console.remove': 'the console can always do this.',
  'moderation.permission.console.ban': 'the console can always do this.',
  'slack.manifestDescription':
    'Roles, group rules, daily progress, customer feedback, reviews and digests for customer work groups.',
  'discord.formRejected': 'Some answers need another look; nothing was saved:',
  'discord.formReopen': 'Fix and send again',
  'discord.done': 'Done.',
  ...enEnforcement,
  ...enRules,
  ...enStandup,
  ...enStandupCommands,
  ...enFeedback,
  ...enFeedbackCommands,
  ...enReview,
  ...enCrm,
} as const;

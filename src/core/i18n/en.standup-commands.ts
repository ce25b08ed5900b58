/** English messages of the /standup commands, prompts and scheduled posts. */
export const enStandupCommands = {
  'cmd.standup': 'Daily standup: answer, settings, calendar, away days, history',
  'cmd.standup.answer':
    'Answer today’s standup (a form), or inline: `yesterday: …; today: …; blockers: …` or `1: …; 2: …`',
  'cmd.standup.setup': 'Set up the group’s standup in a form',
  'cmd.standup.config':
    'Show the settings; admins change one: prompt, deadline, nudge, questions, country, escalate',
  'cmd.standup.on': 'Turn the daily standup on',
  'cmd.standup.off': 'Turn the daily standup off',
  'cmd.standup.away': 'Mark days away (no prompt, not counted missing), e.g. `next monday to next friday`',
  'cmd.standup.back': 'Back from away',
  'cmd.standup.calendar': 'The group’s working days and holidays; admins add days off and extra working days',
  'cmd.standup.history': 'Past answers, by member and dates',
  'cmd.standup.export': 'Export answers as CSV',
  'cmd.standup.blockers': 'The group’s open blockers, numbered, each with its age and a button to close it',
  'cmd.standup.unblock':
    'Close a solved blocker: yours, or one by its number in `/standup blockers` or its words, e.g. `2`',
  'standup.opt.answers': 'answers',
  'standup.opt.key': 'setting',
  'standup.opt.when': 'date | from to | until date',
  'standup.opt.calendarAction': 'show|add-off|add-workday|remove',
  'standup.opt.date': 'date',
  'standup.opt.dayName': 'name',
  'standup.opt.from': 'from',
  'standup.opt.to': 'to',
  'standup.opt.blocker': 'number or words',
  'standup.key.prompt': 'Prompt time (each member’s local time)',
  'standup.key.deadline': 'Deadline (group time)',
  'standup.key.nudge': 'Nudge minutes before the deadline (0: none)',
  'standup.key.questions': 'Questions, one per line or separated by semicolons (empty: the default three)',
  'standup.key.country': 'Holiday calendar country (CN, US, …)',
  'standup.key.escalate': 'Escalate a blocker after N working days',
  'standup.setup.title': 'Daily standup',
  'standup.setup.questionsHint':
    'What did you do yesterday?\nWhat will you do today?\nAnything blocking you?',
  'standup.form.title': 'Standup {day}',
  'standup.form.required': 'Please answer this question.',
  'standup.answerButton': 'Write my standup',
  'standup.thread.title': 'Daily standup · {date}',
  'standup.thread.hint':
    'Answer with the button or `/standup`; answers go in this thread. Deadline {deadline} ({zone}).',
  'standup.prompt.you': 'Time for your standup in {group}. Deadline: {deadline}.',
  'standup.nudge': 'Your standup in {group} is not in yet; the deadline is {deadline}.',
  'standup.recorded.saved': 'Thanks, your standup for {day} is in.',
  'standup.recorded.edited': 'Your standup for {day} is updated.',
  'standup.recorded.late': 'Your standup for {day} is in, marked late.',
  'standup.recorded.blockerNew':
    'Blocker noted: “{text}”. Once it is solved, close it with the button or `/standup unblock`.',
  'standup.recorded.blockerOpen':
    'Still open: “{text}”, reported {days} working {days:day|days} in a row. Solved? Close it with the button or `/standup unblock`.',
  'standup.notAStandupDay':
    'There was no standup on {day} in this group, so there is nothing to answer. Use `/standup` to answer today’s.',
  'standup.closed': 'The deadline for {day} has passed: your answer is final.',
  'standup.notSetUp': 'This group has no daily standup yet. Admins start one with `/standup setup`.',
  'standup.configView':
    'Daily standup: {state}\nPrompt: {prompt} (each member’s local time)\nDeadline: {deadline}\nNudge: {nudge} min before\nHolidays: {country}\nBlockers escalate after {escalate} working {escalate:day|days}\nQuestions:\n{questions}',
  'standup.state.on': 'on',
  'standup.state.off': 'off',
  'standup.noCountry': 'none',
  'standup.turned.on': 'The daily standup is on.',
  'standup.turned.off': 'The daily standup is off.',
  'standup.bad.time': '“{value}” is not a time. Write it like `09:30` or `9:30am`.',
  'standup.bad.nudge':
    '“{value}” is not a nudge Muster can use: give the minutes before the deadline as a whole number from {min} (no nudge) to {max}.',
  'standup.bad.escalate':
    '“{value}” is not allowed: blockers escalate after a whole number of working days from {min} to {max}.',
  'standup.bad.deadlineOrder':
    'The deadline ({deadline}) must come after the prompt time ({prompt}), both in the group’s timezone: choose a deadline from {earliest} to 23:59, or an earlier prompt time.',
  'standup.bad.nudgeSpan':
    'The nudge ({nudge} {nudge:minute|minutes} before the deadline) must fall between the prompt ({prompt}) and the deadline ({deadline}): choose 0 to {span} {span:minute|minutes}, or a later deadline.',
  'standup.conflict.warning':
    '⚠️ In {group} your standup prompt comes at {prompt} your time ({zone}), {groupPrompt} in the group, after the day’s deadline: {deadline}. Every answer would be late. Ask an admin to move the deadline after {groupPrompt} (`/standup config deadline <time>`); if your timezone is wrong, set yours with `/muster timezone <zone>`.',
  'standup.conflicts.title': '⚠️ Prompted only after the deadline:',
  'standup.zoneNote':
    'In {group} your next standup prompt comes {prompt} your time ({zone}); answers are due by {deadline} your time ({groupDeadline} in the group, {groupZone}).',
  'standup.conflicts.line':
    '• {name}: prompt {prompt} their time ({zone}), deadline {deadline} their time ({groupDeadline} in the group)',
  'standup.conflicts.fix':
    'Move the deadline later (`/standup config deadline <time>`) or the prompt earlier (`/standup config prompt <time>`).',
  'standup.bad.questions':
    'Give 1 to {max} {max:question|questions}, one per line or separated by `;`, e.g. `/standup config questions Shipped?; Next step; Anything blocking?`.',
  'standup.bad.country':
    '“{value}” is not a country Muster has holidays for. Use a code such as {examples}, or none.',
  'standup.bad.away':
    '“{value}” is not a date or range, so nothing was changed. Write a day or two: `friday`, `tomorrow to friday`, `next monday to next friday`, `Dec 24 to Dec 31`, `2026-12-24 to 2026-12-31` or `until end of month`.',
  'standup.bad.day':
    '“{value}” is not a date. Write it like `2026-12-24`, `Dec 24`, `12-24`, `next friday` or `end of month`.',
  'standup.awaySet': '{user} is away from {from} to {to}: no prompts, not counted missing.',
  'standup.awaySetDay': '{user} is away on {day}: no prompt, not counted missing.',
  'standup.backDone': 'Welcome back, {user}: prompts start again.',
  'standup.notAway': '{user} was not away.',
  'standup.calendar.title': 'Working days ahead (holidays: {country})',
  'standup.calendar.work': '• {day} working day {name}',
  'standup.calendar.off': '• {day} day off {name}',
  'standup.calendar.overrides': 'Set by admins:',
  'standup.calendar.show': 'show',
  'standup.calendar.addOff': 'day off',
  'standup.calendar.addWorkday': 'extra working day',
  'standup.calendar.remove': 'remove',
  'standup.calendar.noOverride': 'No admin-set day on {day}.',
  'standup.calendar.noDataShort':
    'There is no holiday data for {country} in {year} yet: add days off and extra working days with `/standup calendar add-off|add-workday <date>`.',
  'standup.calendar.noData':
    'Muster has no {country} holiday data for {year} yet, so {group} would be prompted on holidays. Add them with `/standup calendar add-off <date> [name]` (and make-up days with `add-workday`).',
  'standup.blocker.escalated':
    '{user} has reported the same blocker in {group} for {days} working {days:day|days}: “{blocker}”.',
  'standup.blockers.title': 'Open blockers ({count})',
  'standup.blocker.escalatedYours':
    'Your blocker in {group} has been open {days} working {days:day|days}, so your managers have been told: “{blocker}”. Once it is solved, close it here.',
  'standup.blockers.line': '{n}. *{name}*: {text} _(open {days} working {days:day|days}, since {since})_',
  'standup.blockers.none': 'No open blockers in this group. 🎉',
  'standup.blockers.hint': 'Solved? Close one with its button or `/standup unblock <number>`.',
  'standup.unblock.button': 'Solved: {n}',
  'standup.unblock.buttonMine': 'It’s solved',
  'standup.unblock.done': '{name}’s blocker is closed: “{text}”. It is no longer carried over or escalated.',
  'standup.unblock.already': 'That blocker is closed already.',
  'standup.unblock.noneOpen': 'You have no open blocker. `/standup blockers` lists the group’s.',
  'standup.unblock.which':
    'You have {count} open {count:blocker|blockers}; say which one, e.g. `/standup unblock 2`:\n{list}',
  'standup.unblock.notFound':
    'No open blocker matches “{value}”. `/standup blockers` lists them with their numbers: `/standup unblock 2`.',
  'standup.unblock.notYours': 'That blocker is {name}’s: only they or a manager can close it.',
  'standup.historyTitle': 'Standup history',
  'standup.historyEmpty': 'No answers for that.',
  'standup.exported': 'Standups exported: {rows} {rows:answer|answers}.',
  'standup.home.title': '*Your next standups*',
  'standup.home.line': '• {group}: {when}',
};

/** English messages of daily standups, spread into `en`. */
export const enStandup = {
  'standup.q.yesterday': 'Yesterday',
  'standup.q.today': 'Today',
  'standup.q.blockers': 'Blockers',

  'standup.parse.missing.yesterday':
    'You did not say what you did yesterday. Usage: `/standup yesterday: …; today: …; blockers: none`',
  'standup.parse.missing.today':
    'You did not say what you plan today. Usage: `/standup yesterday: …; today: …; blockers: none`',
  'standup.parse.missing.yesterdayToday':
    'You did not say what you did yesterday or what you plan today. Usage: `/standup yesterday: …; today: …; blockers: none`',
  'standup.parse.missingOne': 'Question {number} (“{question}”) has no answer. Usage: `{usage}`',
  'standup.parse.missingSome':
    '{count} {count:question|questions} have no answer, starting with question {number} (“{question}”). Usage: `{usage}`',
  'standup.parse.unknownLabel':
    'I don’t know the question “{label}”. Answer yesterday, today and blockers: `/standup yesterday: …; today: …; blockers: none`',
  'standup.parse.unknownLabelNumbered':
    '“{label}” is not one of the questions. Start each answer with the question’s number ({numbers}) or its text: `{usage}`',
  'standup.parse.unlabeled':
    'Start each answer with its question, like `today: …`. Usage: `/standup yesterday: …; today: …; blockers: none`',
  'standup.parse.unlabeledNumbered':
    'Start each answer with the question’s number ({numbers}) or its text. Usage: `{usage}`',
  'standup.parse.duplicate': '“{label}” is answered twice. Give each question one answer.',

  'standup.answer.text': '{who} posted their standup',
  'standup.answer.title': '*{who}*',
  'standup.answer.titleLate': '*{who}* _(late)_',
  'standup.answer.titleEdited': '*{who}* _(edited)_',
  'standup.answer.titleLateEdited': '*{who}* _(late, edited)_',
  'standup.answer.none': 'None',

  'standup.history.line': '{day} *{name}*: {answers}',
  'standup.history.lineLate': '{day} *{name}* _(late)_: {answers}',
  'standup.history.pair': '{label}: {answer}',
  'standup.history.separator': '; ',

  'standup.summary.text': 'Standup {day}: {answered}/{total} answered',
  'standup.summary.sharedGroup':
    '{group} is shared with the customer, so its standup summary comes to you here instead of into the group.',
  'standup.summary.title': 'Standup · {day}',
  'standup.summary.answered': 'Answered',
  'standup.summary.missing': 'Not yet',
  'standup.summary.away': 'Away',
  'standup.summary.blockers': 'Blockers',
  'standup.summary.missingList': '*Not answered yet ({count})*',
  'standup.summary.awayList': '*Away ({count})*',
  'standup.summary.blockersList': '*Blockers ({count})*',
  'standup.summary.allAnswered': 'Everyone has answered. 🎉',
  'standup.summary.noBlockers': 'Nothing is blocking anyone.',
  'standup.summary.blockerNew': '• *{name}*: {text} _(new)_',
  'standup.summary.blockerOpen': '• *{name}*: {text} _(open {days} {days:day|days})_',
  'standup.summary.late': '{count} answered after the deadline.',
  'standup.summary.howTo': 'Not answered yet? Send `/standup` to answer.',

  'standup.csv.day': 'day',
  'standup.csv.member': 'member',
  'standup.csv.late': 'late',
  'standup.csv.submittedAt': 'submitted at',
  'standup.csv.yes': 'yes',
  'standup.csv.no': 'no',
} as const;

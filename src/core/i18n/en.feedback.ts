/** English messages of customer feedback: inline parsing, checks and the stats report. Spread into `en`. */
export const enFeedback = {
  'feedback.parse.ratingNotNumber': 'The rating must be a number, like `rating:4`, not “{value}”.',
  'feedback.parse.ratingEmpty': 'The rating is empty: put a number right after it, like `rating:4`.',
  'feedback.parse.duplicateCustomer': 'One customer per feedback, please: you gave “{first}” and “{second}”.',
  'feedback.parse.duplicateRating': 'One rating per feedback, please: you gave {first} and {second}.',
  'feedback.parse.duplicateCrm':
    'One CRM account ID per feedback, please: you gave “{first}” and “{second}”.',
  'feedback.parse.unclosedQuote':
    'The quote after `{label}` is never closed. Close it, like `customer:"Acme Ltd"`.',

  'feedback.error.noCustomer': 'The customer is missing: say which customer this feedback is from.',
  'feedback.error.customerTooLong':
    'The customer name is {length} {length:character|characters} long; keep it to {max}.',
  'feedback.error.noScore': 'The rating is missing: give a score from {min} to {max}.',
  'feedback.error.scoreRange': 'The rating must be a whole number from {min} to {max}, not {score}.',
  'feedback.error.scoreOutOf':
    'This group rates from {min} to {max}, so a rating out of {outOf} does not fit. Give a score from {min} to {max}.',
  'feedback.error.commentTooLong':
    'The comment is {length} {length:character|characters} long; the limit is {max}. Shorten it and send it again.',
  'feedback.error.crmTooLong':
    'The CRM account ID is {length} {length:character|characters} long; keep it to {max}.',

  'feedback.period.week': 'this week',
  'feedback.period.month': 'this month',
  'feedback.period.quarter': 'this quarter',
  'feedback.previous.week': 'last week',
  'feedback.previous.month': 'last month',
  'feedback.previous.quarter': 'last quarter',

  'feedback.stats.text': 'Customer feedback {period}: {count}',
  'feedback.stats.title': 'Customer feedback · {period}',
  'feedback.stats.count': 'Feedback',
  'feedback.stats.average': 'Average (of {max})',
  'feedback.stats.nps': 'NPS',
  'feedback.stats.promoters': 'Promoters (9–10)',
  'feedback.stats.passives': 'Passives (7–8)',
  'feedback.stats.detractors': 'Detractors (0–6)',
  'feedback.stats.medianResolve': 'Median time to resolve',
  'feedback.stats.hours': '{hours} h',
  'feedback.stats.minutes': '{minutes} min',
  'feedback.stats.underMinute': 'under a minute',
  'feedback.stats.days': '{days} {days:day|days}',
  'feedback.stats.noValue': '—',
  'feedback.stats.withChange': '{value} ({change} vs {previous})',
  'feedback.stats.topTags': '*Top tags*',
  'feedback.stats.tag': '#{tag} ({count})',
  'feedback.stats.worstCustomers': '*Lowest-rated customers*',
  'feedback.stats.customer': '• {name}: average {average} ({count} feedback)',
  'feedback.stats.empty': 'No feedback {period} yet. Send `/feedback` to record some.',
  'feedback.stats.otherScale':
    'Also {count} {count:score|scores} given on the {min}–{max} scale: {figure}. They keep that scale: not converted, not counted in the {current} above.',
  'feedback.stats.otherAverage': 'average {average} of {max}',
  'feedback.stats.otherNps': 'NPS {nps}',
  'feedback.stats.figure.csat': 'average',
  'feedback.stats.figure.nps': 'NPS',
} as const;

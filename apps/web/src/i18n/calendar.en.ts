import type calendarRu from './calendar.ru';

/** English for the production calendar screen: same keys as Russian (checked by the type). */
const calendarEn: typeof calendarRu = {
  calendar: {
    title: 'Production calendar',
    year: 'Year',
    provisionalShort: 'provisional',
    provisionalTitle: 'The {year} calendar is provisional',
    provisionalText:
      'The government decree on moved days off is not signed yet: the calendar follows the Labour Code and the pattern of a similar year. When the decree is out, change the days that differ — deadlines and jobs follow at once.',
    workingDays: 'Working days in the year: {n}',
    workingDaysShort: 'working: {n}',
    overridesCount: 'days changed by hand: {n}',
    changedByAdmin: 'changed by hand',
    hint: 'Click a day to make it a working day, a shortened day or a day off.',
    saved: '{date}: {kind}',
    kind: {
      working: 'Working',
      short: 'Shortened',
      day_off: 'Day off',
    },
    dialog: {
      title: 'Day {date}',
      shipped: 'Production calendar says: {kind}',
      kind: 'What the day is',
      reason: 'Grounds',
      reasonHint: 'E.g. the government decree on moved days off',
      save: 'Save',
      cancel: 'Cancel',
      reset: 'Back to the calendar',
    },
    provisionalMark: 'provisional calendar',
  },
};

export default calendarEn;

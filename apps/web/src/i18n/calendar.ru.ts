/** Russian for the production calendar screen (the default locale; English mirrors these keys). */
const calendarRu = {
  calendar: {
    title: 'Производственный календарь',
    year: 'Год',
    provisionalShort: 'предварительный',
    provisionalTitle: 'Календарь на {year} год предварительный',
    provisionalText:
      'Постановление о переносе выходных дней ещё не подписано: календарь составлен по Трудовому кодексу и образцу похожего года. Когда выйдет постановление, измените отличающиеся дни — сроки и задания пересчитаются сразу.',
    workingDays: 'Рабочих дней в году: {n}',
    workingDaysShort: 'рабочих: {n}',
    overridesCount: 'изменено вручную дней: {n}',
    changedByAdmin: 'изменён вручную',
    hint: 'Нажмите на день, чтобы сделать его рабочим, сокращённым или выходным.',
    saved: '{date}: {kind}',
    kind: {
      working: 'Рабочий',
      short: 'Сокращённый',
      day_off: 'Выходной',
    },
    dialog: {
      title: 'День {date}',
      shipped: 'По производственному календарю: {kind}',
      kind: 'Какой это день',
      reason: 'Основание',
      reasonHint: 'Например, постановление Правительства РФ о переносе выходных дней',
      save: 'Сохранить',
      cancel: 'Отмена',
      reset: 'Вернуть как в календаре',
    },
    provisionalMark: 'предварительный календарь',
  },
};

export default calendarRu;

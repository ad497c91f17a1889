/** Russian for the service module (the default locale; English mirrors these keys). */
const serviceRu = {
  service: {
    /** Why an installation finished after the contract's deadline. */
    slip: {
      late_handover: 'Поздняя передача в монтаж менеджером',
      equipment_not_delivered: 'Оборудование не поставлено',
      client_not_ready: 'Объект клиента не готов',
      other: 'Другая причина',
    },
  },
};

export default serviceRu;

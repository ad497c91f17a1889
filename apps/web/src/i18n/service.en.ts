import type serviceRu from './service.ru';

/** English for the service module (mirrors service.ru.ts). */
const serviceEn: typeof serviceRu = {
  service: {
    slip: {
      late_handover: 'Late hand-over by the sales manager',
      equipment_not_delivered: 'Equipment not delivered',
      client_not_ready: 'Client site not ready',
      other: 'Other reason',
    },
  },
};

export default serviceEn;

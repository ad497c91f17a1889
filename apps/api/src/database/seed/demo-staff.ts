import type { Role } from '@polar/access';
import type { EntityManager } from 'typeorm';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'lider-demo';

export const DEMO_DEPARTMENTS = [
  { code: 'management', name: 'Руководство' },
  { code: 'sales', name: 'Отдел продаж' },
  { code: 'service', name: 'Сервисная служба' },
  { code: 'marketing', name: 'Отдел маркетинга' },
  { code: 'quality', name: 'Отдел качества' },
  { code: 'legal', name: 'Юридическая служба' },
  { code: 'it', name: 'Информационные технологии' },
] as const;

type DepartmentCode = (typeof DEMO_DEPARTMENTS)[number]['code'];

export interface DemoUser {
  email: string;
  fullName: string;
  role: Role;
  position: string;
  department: DepartmentCode;
  phone: string;
}

const MANAGERS: Array<[string, string]> = [
  ['Смирнов Алексей Петрович', '+7 (495) 710-21-01'],
  ['Кузнецова Ольга Викторовна', '+7 (495) 710-21-02'],
  ['Попов Дмитрий Сергеевич', '+7 (495) 710-21-03'],
  ['Васильева Наталья Игоревна', '+7 (495) 710-21-04'],
  ['Соколов Игорь Андреевич', '+7 (495) 710-21-05'],
  ['Михайлова Екатерина Олеговна', '+7 (495) 710-21-06'],
  ['Новиков Павел Владимирович', '+7 (495) 710-21-07'],
  ['Фёдорова Анна Михайловна', '+7 (495) 710-21-08'],
  ['Морозов Константин Юрьевич', '+7 (495) 710-21-09'],
  ['Волкова Мария Денисовна', '+7 (495) 710-21-10'],
];

const ENGINEERS = [
  'Алексеев Виктор Николаевич',
  'Лебедев Сергей Валерьевич',
  'Семёнов Артём Ильич',
  'Егоров Роман Александрович',
  'Павлов Максим Евгеньевич',
  'Козлов Андрей Геннадьевич',
  'Степанов Николай Борисович',
];

/**
 * The staff of "Лидер" (SPEC.md "Who uses it"): management of four (incl. the
 * commercial director), the sales head, 10 managers and 2 assistants, 7 service
 * engineers, 2 marketers, the quality officer, a lawyer and the administrator.
 */
export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@lider.test', fullName: 'Григорьев Олег Станиславович', role: 'admin', position: 'Системный администратор', department: 'it', phone: '+7 (495) 710-20-00' },
  { email: 'director@lider.test', fullName: 'Орлов Михаил Анатольевич', role: 'director', position: 'Коммерческий директор', department: 'management', phone: '+7 (495) 710-20-01' },
  { email: 'ceo@lider.test', fullName: 'Белов Геннадий Петрович', role: 'director', position: 'Генеральный директор', department: 'management', phone: '+7 (495) 710-20-02' },
  { email: 'cfo@lider.test', fullName: 'Зайцева Ирина Валентиновна', role: 'director', position: 'Финансовый директор', department: 'management', phone: '+7 (495) 710-20-03' },
  { email: 'tech@lider.test', fullName: 'Тихонов Владимир Олегович', role: 'director', position: 'Технический директор', department: 'management', phone: '+7 (495) 710-20-04' },
  { email: 'head@lider.test', fullName: 'Романова Светлана Юрьевна', role: 'sales_head', position: 'Руководитель отдела продаж', department: 'sales', phone: '+7 (495) 710-21-00' },
  ...MANAGERS.map(([fullName, phone], i): DemoUser => ({
    email: `manager${i + 1}@lider.test`,
    fullName,
    role: 'sales_manager',
    position: 'Менеджер по продажам',
    department: 'sales',
    phone,
  })),
  { email: 'assistant1@lider.test', fullName: 'Никитина Дарья Алексеевна', role: 'sales_assistant', position: 'Помощник менеджера', department: 'sales', phone: '+7 (495) 710-21-11' },
  { email: 'assistant2@lider.test', fullName: 'Захаров Кирилл Романович', role: 'sales_assistant', position: 'Помощник менеджера', department: 'sales', phone: '+7 (495) 710-21-12' },
  ...ENGINEERS.map((fullName, i): DemoUser => ({
    email: `service${i + 1}@lider.test`,
    fullName,
    role: 'service',
    position: i === 0 ? 'Руководитель сервисной службы' : 'Сервисный инженер',
    department: 'service',
    phone: `+7 (495) 710-22-0${i + 1}`,
  })),
  { email: 'marketing1@lider.test', fullName: 'Полякова Юлия Сергеевна', role: 'marketing', position: 'Руководитель отдела маркетинга', department: 'marketing', phone: '+7 (495) 710-23-01' },
  { email: 'marketing2@lider.test', fullName: 'Киселёв Антон Викторович', role: 'marketing', position: 'Маркетолог', department: 'marketing', phone: '+7 (495) 710-23-02' },
  { email: 'quality@lider.test', fullName: 'Медведева Елена Николаевна', role: 'quality', position: 'Специалист отдела качества', department: 'quality', phone: '+7 (495) 710-24-01' },
  { email: 'legal@lider.test', fullName: 'Щербаков Аркадий Львович', role: 'legal', position: 'Юрисконсульт', department: 'legal', phone: '+7 (495) 710-25-01' },
];

/** assistant1 works for managers 1–5, assistant2 for managers 6–10. */
export const DEMO_ASSISTANTS: Record<string, string[]> = {
  'assistant1@lider.test': [1, 2, 3, 4, 5].map((n) => `manager${n}@lider.test`),
  'assistant2@lider.test': [6, 7, 8, 9, 10].map((n) => `manager${n}@lider.test`),
};

/**
 * Inserts the departments and staff that are missing (by code / e-mail). Existing
 * accounts are left as they are, so re-running never resets a changed password.
 */
export async function seedDemoStaff(em: EntityManager, passwordHash: string): Promise<{ created: number }> {
  await em.query(
    `INSERT INTO departments (code, name, version) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
     ON CONFLICT (code) DO NOTHING`,
    [DEMO_DEPARTMENTS.map((d) => d.code), DEMO_DEPARTMENTS.map((d) => d.name), DEMO_DEPARTMENTS.map(() => 1)],
  );
  const inserted: Array<{ id: string; email: string }> = await em.query(
    `INSERT INTO users (email, full_name, role, position, phone, department_id, password_hash, version)
     SELECT u.email, u.full_name, u.role, u.position, u.phone, d.id, $7, 1
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
            AS u(email, full_name, role, position, phone, department)
       JOIN departments d ON d.code = u.department
     ON CONFLICT (email) DO NOTHING
     RETURNING id, email`,
    [
      DEMO_USERS.map((u) => u.email),
      DEMO_USERS.map((u) => u.fullName),
      DEMO_USERS.map((u) => u.role),
      DEMO_USERS.map((u) => u.position),
      DEMO_USERS.map((u) => u.phone),
      DEMO_USERS.map((u) => u.department),
      passwordHash,
    ],
  );
  for (const [assistant, managers] of Object.entries(DEMO_ASSISTANTS)) {
    await em.query(
      `INSERT INTO user_assistants (assistant_id, manager_id)
       SELECT a.id, m.id FROM users a JOIN users m ON m.email = ANY($2::text[])
        WHERE a.email = $1
       ON CONFLICT DO NOTHING`,
      [assistant, managers],
    );
  }
  if (inserted.length) {
    await em.query(
      `INSERT INTO audit_log (action, entity_type, entity_id, changes, actor_id)
       SELECT 'create', 'user', id::text, jsonb_build_object('email', jsonb_build_object('from', null, 'to', email), 'source', jsonb_build_object('from', null, 'to', 'demo seed')), NULL
         FROM unnest($1::uuid[], $2::text[]) AS t(id, email)`,
      [inserted.map((r) => r.id), inserted.map((r) => r.email)],
    );
  }
  return { created: inserted.length };
}

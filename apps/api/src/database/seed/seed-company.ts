import { completeBankAccount, completeInn, completeOgrn } from '@polar/ru-ids';
import type { EntityManager } from 'typeorm';

/** Sberbank's published Moscow BIK and correspondent account: a real bank for the demo's invoices. */
const BANK = { name: 'ПАО Сбербанк, г. Москва', bik: '044525225', correspondent: '30101810400000000225' };

/**
 * The requisites of «Лидер» that its print forms carry: identifiers with valid check
 * digits (made here, so they pass the same checks an admin's input does), the bank
 * details of an invoice, the general director and chief accountant from the demo staff,
 * VAT at the general rate of 2026. Skipped when an admin has entered requisites.
 */
export async function seedDemoCompany(em: EntityManager): Promise<void> {
  const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM company_profile) AS exists`);
  if (exists) return;
  await em.query(
    `INSERT INTO company_profile (id, full_name, short_name, inn, kpp, ogrn, legal_address, phone, email, bank_name, bik,
       correspondent_account, settlement_account, director_title, director_name, accountant_name, vat_rate, version)
     VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1)`,
    [
      'Общество с ограниченной ответственностью «Лидер»',
      'ООО «Лидер»',
      completeInn('771845209'),
      '771801001',
      completeOgrn('115774631245'),
      '129226, г. Москва, ул. Сельскохозяйственная, д. 17, корп. 2, офис 310',
      '+74957102000',
      'info@lider.test',
      BANK.name,
      BANK.bik,
      BANK.correspondent,
      completeBankAccount('40702810038000045127', BANK.bik, 'settlement'),
      'Генеральный директор',
      'Белов Г. П.',
      'Зайцева И. В.',
      '22',
    ],
  );
}

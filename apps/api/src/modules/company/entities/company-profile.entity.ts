import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * The seller's requisites that every print form carries (proposal, invoice, contract
 * summary): one row, id = 1. Amounts in the CRM are what the client pays, so VAT is
 * always printed as contained in them («В том числе НДС 22 %») or as «Без НДС».
 */
@Entity('company_profile')
@Check('company_profile_single_row', 'id = 1')
export class CompanyProfile {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ name: 'full_name', type: 'varchar', length: 300 })
  fullName: string;

  @Column({ name: 'short_name', type: 'varchar', length: 150 })
  shortName: string;

  @Column({ type: 'varchar', length: 12 })
  inn: string;

  @Column({ type: 'varchar', length: 9, nullable: true })
  kpp: string | null;

  @Column({ type: 'varchar', length: 15, nullable: true })
  ogrn: string | null;

  @Column({ name: 'legal_address', type: 'varchar', length: 500 })
  legalAddress: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'bank_name', type: 'varchar', length: 300, nullable: true })
  bankName: string | null;

  @Column({ type: 'varchar', length: 9, nullable: true })
  bik: string | null;

  @Column({ name: 'correspondent_account', type: 'varchar', length: 20, nullable: true })
  correspondentAccount: string | null;

  @Column({ name: 'settlement_account', type: 'varchar', length: 20, nullable: true })
  settlementAccount: string | null;

  @Column({ name: 'director_title', type: 'varchar', length: 100 })
  directorTitle: string;

  @Column({ name: 'director_name', type: 'varchar', length: 150, nullable: true })
  directorName: string | null;

  @Column({ name: 'accountant_name', type: 'varchar', length: 150, nullable: true })
  accountantName: string | null;

  /** '22', '20', '10', '0' or 'none' (Без НДС), as @polar/money's VAT_RATES. */
  @Column({ name: 'vat_rate', type: 'varchar', length: 4 })
  vatRate: string;

  /** A PNG or JPEG as a data: URL, printed in the form's corner. */
  @Column({ type: 'text', nullable: true })
  logo: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
